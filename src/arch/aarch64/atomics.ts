// LSE atomics: SWP, CAS and the LD<op>/ST<op> families, with their A/L/AL
// ordering variants and B/H sizes. The parsers give each instruction's value
// (ops.ts); executeAtomic runs one.
//
// Tags follow herd7: both events of an atomic are in the X set; the A
// variants tag the read 'A', the L variants tag the write 'L'. When the
// result register is XZR/WZR (and for the ST<op> aliases) the read is tagged
// 'NoRet' instead of 'A' (herd counts NoRet reads as atomic, so they keep 'X').

import { failAt } from '../../errors.js';
import { derived, picked, type Sym, type Tag, type ThreadContext } from '../../exec/types.js';
import { signed, truncate } from './bits.js';
import type { Builder } from './builder.js';
import { effectiveAddress, requireBareAddress } from './addressing.js';
import type { AArch64Op, AtomicForm, AtomicName, Ordering } from './ops.js';
import { expectCount, expectRegister, type Operand, parseMemory } from './operands.js';
import { readRegister, type Register, resized, writeRegister } from './registers.js';

export type { AtomicForm, Ordering } from './ops.js';

function readTags(ordering: Ordering, noReturn: boolean): Tag[] {
  if (noReturn) return ['X', 'NoRet'];
  return ordering === 'A' || ordering === 'AL' ? ['A', 'X'] : ['X'];
}

function writeTags(ordering: Ordering): Tag[] {
  return ordering === 'L' || ordering === 'AL' ? ['L', 'X'] : ['X'];
}

function accessBits(form: AtomicForm, r: Register): number {
  return form.bytes ? form.bytes * 8 : r.width;
}

function narrowed(ctx: ThreadContext, r: Register, bits: number): Sym {
  const v = readRegister(ctx, r);
  return derived(truncate(v.value, bits), v);
}

function narrowOld(old: Sym, bits: number): Sym {
  return derived(truncate(old.value, bits), old);
}

/** Registers of the B/H forms are W registers. */
function operandRegister(r: Register, form: AtomicForm): Register {
  return form.bytes ? resized(r, 32) : r;
}

type MemoryOp = (old: bigint, operand: bigint, bits: number) => bigint;

/** What LD<op>/ST<op> write, given the old value and Rs (SWP writes Rs itself). */
export const MEMORY_OPS: Record<Exclude<AtomicName, 'SWP'>, MemoryOp> = {
  ADD: (a, b, bits) => truncate(a + b, bits),
  CLR: (a, b) => a & ~b,
  EOR: (a, b) => a ^ b,
  SET: (a, b) => a | b,
  SMAX: (a, b, bits) => (signed(a, bits) >= signed(b, bits) ? a : b),
  SMIN: (a, b, bits) => (signed(a, bits) <= signed(b, bits) ? a : b),
  UMAX: (a, b) => (a >= b ? a : b),
  UMIN: (a, b) => (a <= b ? a : b),
};

/** The operands `Rs, Rt, [Xn]` of SWP, LD<op> and CAS. */
function registersAndAddress(ops: readonly Operand[], m: Operand, form: AtomicForm) {
  expectCount(ops, 3, m, `two registers and an address, e.g. ${m.text} W0,W1,[X2]`);
  const rs = operandRegister(expectRegister(ops[0]), form);
  const rt = operandRegister(expectRegister(ops[1]), form);
  const [mem] = parseMemory(ops, 2);
  requireBareAddress(mem, ops[2], m.text);
  return { rs, rt, mem };
}

/**
 * LD<op> Rs, Rt, [Xn] (and SWP Rs, Rt, [Xn]): write op(old, Rs) (or Rs), Rt
 * receives the old value. The write depends on Rs as data (herd7 7.58+1
 * rev 5feffe4: LB+dmb.sy+data-amo.swp is Never).
 */
export function readModifyWrite(op: AtomicName, form: AtomicForm): Builder {
  return (ops, m) => {
    const { rs, rt, mem } = registersAndAddress(ops, m, form);
    return { kind: 'atomic', op, form, rs, rt, mem };
  };
}

/** ST<op> Rs, [Xn]: LD<op> Rs, ZR, [Xn]. */
export function storeOperation(op: Exclude<AtomicName, 'SWP'>, form: AtomicForm): Builder {
  return (ops, m) => {
    expectCount(ops, 2, m, `a register and an address, e.g. ${m.text} W0,[X1]`);
    const rs = operandRegister(expectRegister(ops[0]), form);
    const [mem] = parseMemory(ops, 1);
    requireBareAddress(mem, ops[1], m.text);
    const zero: Register = { name: 'XZR', width: rs.width, zero: true };
    return { kind: 'atomic', op, form, rs, rt: zero, mem };
  };
}

/** CAS Rs, Rt, [Xn]. */
export function compareAndSwap(form: AtomicForm): Builder {
  return (ops, m) => {
    const { rs, rt, mem } = registersAndAddress(ops, m, form);
    return { kind: 'cas', form, rs, rt, mem };
  };
}

/** CASP Rs, Rs+1, Rt, Rt+1, [Xn]: four registers of one width, consecutive pairs, Rs even (Arm ARM C6.2, CASP). */
export function compareAndSwapPair(form: AtomicForm): Builder {
  return (ops, m) => {
    expectCount(ops, 5, m, `four registers and an address, e.g. ${m.text} W0,W1,W2,W3,[X4]`);
    const [rs, rs2, rt, rt2] = ops.slice(0, 4).map((o) => expectRegister(o));
    for (const [first, second, at] of [[rs, rs2, 1], [rt, rt2, 3]] as const) {
      const n = registerNumber(first), next = registerNumber(second);
      if (second.width !== rs.width || first.width !== rs.width) failAt(ops[at].pos, `${m.text} needs four registers of one width`);
      if (n !== undefined && (n % 2 !== 0 || next !== n + 1)) {
        failAt(ops[at - 1].pos, `${m.text} needs consecutive registers, the first even (e.g. W2,W3)`);
      }
    }
    const [mem] = parseMemory(ops, 4);
    requireBareAddress(mem, ops[4], m.text);
    return { kind: 'cas', form, rs, rs2, rt, rt2, mem };
  };
}

/** A general register's number (W3 → 3), or undefined for the zero register or a symbolic one. */
function registerNumber(r: Register): number | undefined {
  const n = /^[WX](\d+)$/.exec(r.name);
  return n ? Number(n[1]) : undefined;
}

/** The annotations and size of an atomic's read and write; `noReturn`: its result register is XZR/WZR. */
function atomicOptions(form: AtomicForm, noReturn: boolean, bits: number) {
  return {
    readOptions: { tags: readTags(form.ordering, noReturn), size: bits / 8 },
    writeOptions: { tags: writeTags(form.ordering), size: bits / 8 },
  };
}

/** Runs an LSE atomic on the thread: one read and (unless a CAS fails) one write, an rmw pair. */
export function executeAtomic(ctx: ThreadContext, op: Extract<AArch64Op, { kind: 'atomic' | 'cas' }>): void {
  if (op.kind === 'cas') return executeCompareAndSwap(ctx, op);
  const { form, rs, rt } = op;
  const bits = accessBits(form, rs);
  const { readOptions, writeOptions } = atomicOptions(form, rt.zero, bits);
  const { address } = effectiveAddress(ctx, op.mem);
  const operand = narrowed(ctx, rs, bits);
  const update = op.op === 'SWP' ? undefined : MEMORY_OPS[op.op];
  const old = ctx.atomicUpdate(
    address,
    (current) => {
      const value = truncate(current.value, bits);
      return update ? derived(update(value, operand.value, bits), current, operand) : operand;
    },
    readOptions,
    writeOptions,
  );
  writeRegister(ctx, rt, narrowOld(old, bits));
}

/**
 * CAS Rs, Rt, [Xn]: read; when the old value equals Rs, write Rt; Rs
 * receives the old value.
 *
 * Dependencies, as herd7 builds them:
 * - the write's value depends on Rt as data, and is picked by the
 *   comparison: a pick dependency on Rs (and on the read, inside the rmw);
 * - the comparison is no branch: later events do not depend on it, except
 *   through memory (a load of the written location inherits the write's
 *   pick dependencies, which the engine propagates);
 * - a failed CAS returns the read value (ordinary dependency on the read);
 * - a successful CAS returns a value equal to both the read and Rs, and
 *   herd explores both provenances: from the read (ordinary dependency on
 *   it) or from Rs (Rs's dependencies, plus a pick dependency on the read).
 */
function executeCompareAndSwap(ctx: ThreadContext, op: Extract<AArch64Op, { kind: 'cas' }>): void {
  if (op.rs2 && op.rt2) return executeCompareAndSwapPair(ctx, op, op.rs2, op.rt2);
  const { form, rs, rt } = op;
  const bits = accessBits(form, rs);
  const { readOptions, writeOptions } = atomicOptions(form, rs.zero, bits);
  const { address } = effectiveAddress(ctx, op.mem);
  const expected = narrowed(ctx, rs, bits);
  const desired = narrowed(ctx, rt, bits);
  let swapped = false;
  const read = ctx.atomicUpdate(
    address,
    (current) => {
      if (truncate(current.value, bits) !== expected.value) return null;
      swapped = true;
      return picked(desired, derived(0n, expected, current));
    },
    readOptions,
    writeOptions,
  );
  const old = narrowOld(read, bits);
  // herd7 builds every CAS execution twice (its two readings of where the
  // result comes from), failed ones included; we do the same so that
  // witness counts agree with herd7's.
  const fromRs = ctx.choose(2) === 1 && swapped;
  writeRegister(ctx, rs, fromRs ? picked(expected, old) : old);
}

/**
 * CASP: CAS of a register pair at two consecutive addresses (Rs and Rt at
 * the lower), compared and swapped as one. Dependencies as CAS's (the
 * comparison of both halves picks each written value), and, as herd7 does,
 * every execution built twice (the result's two provenances).
 */
function executeCompareAndSwapPair(ctx: ThreadContext, op: Extract<AArch64Op, { kind: 'cas' }>, rs2: Register, rt2: Register): void {
  const { form, rs, rt } = op;
  const bits = rs.width;
  const { readOptions, writeOptions } = atomicOptions(form, rs.zero && rs2.zero, bits);
  const { address } = effectiveAddress(ctx, op.mem);
  const second = derived(truncate(address.value + BigInt(bits / 8), 64), address);
  const expected = [narrowed(ctx, rs, bits), narrowed(ctx, rs2, bits)] as const;
  const desired = [narrowed(ctx, rt, bits), narrowed(ctx, rt2, bits)] as const;
  let swapped = false;
  const read = ctx.atomicUpdatePair(
    address,
    second,
    (current) => {
      if (current.some((c, i) => truncate(c.value, bits) !== expected[i].value)) return null;
      swapped = true;
      const comparison = derived(0n, expected[0], expected[1], current[0], current[1]);
      return [picked(desired[0], comparison), picked(desired[1], comparison)];
    },
    readOptions,
    writeOptions,
  );
  const old = read.map((v) => narrowOld(v, bits));
  const fromRs = ctx.choose(2) === 1 && swapped;
  writeRegister(ctx, rs, fromRs ? picked(expected[0], old[0]) : old[0]);
  writeRegister(ctx, rs2, fromRs ? picked(expected[1], old[1]) : old[1]);
}
