// LSE atomics: SWP, CAS and the LD<op>/ST<op> families, with their A/L/AL
// ordering variants and B/H sizes. The parsers give each instruction's value
// (ops.ts); executeAtomic runs one.
//
// Tags follow herd7: both events of an atomic are in the X set; the A
// variants tag the read 'A', the L variants tag the write 'L'. When the
// result register is XZR/WZR (and for the ST<op> aliases) the read is tagged
// 'NoRet' instead of 'A' (herd counts NoRet reads as atomic, so they keep 'X').

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
