// LSE atomics: SWP, CAS and the LD<op>/ST<op> families, with their A/L/AL
// ordering variants and B/H sizes.
//
// Tags follow herd7: both events of an atomic are in the X set; the A
// variants tag the read 'A', the L variants tag the write 'L'. When the
// result register is XZR/WZR (and for the ST<op> aliases) the read is tagged
// 'NoRet' instead of 'A' (herd counts NoRet reads as atomic, so they keep 'X').

import { derived, picked, sym, type Sym, type Tag, type ThreadContext } from '../../exec/types.js';
import { signed, truncate } from './bits.js';
import type { Builder } from './builder.js';
import { effectiveAddress, requireBareAddress } from './addressing.js';
import { expectCount, expectRegister, type Operand, parseMemory } from './operands.js';
import { readRegister, type Register, resized, writeRegister } from './registers.js';

export type Ordering = '' | 'A' | 'L' | 'AL';

export interface AtomicForm {
  ordering: Ordering;
  /** Bytes for the B/H forms; undefined means the register width. */
  bytes?: 1 | 2;
}

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

export type MemoryOp = (old: bigint, operand: bigint, bits: number) => bigint;

export const MEMORY_OPS: Record<string, MemoryOp> = {
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
 * LD<op> Rs, Rt, [Xn] (and SWP Rs, Rt, [Xn] with `op` = undefined): write
 * op(old, Rs) (or Rs), Rt receives the old value. The write depends on Rs
 * as data (herd7 7.58+1 rev 5feffe4: LB+dmb.sy+data-amo.swp is Never).
 */
export function readModifyWrite(op: MemoryOp | undefined, form: AtomicForm): Builder {
  return (ops, m) => {
    const { rs, rt, mem } = registersAndAddress(ops, m, form);
    return atomicUpdateSemantics(op, form, rs, rt, mem);
  };
}

/** ST<op> Rs, [Xn]: LD<op> Rs, ZR, [Xn]. */
export function storeOperation(op: MemoryOp, form: AtomicForm): Builder {
  return (ops, m) => {
    expectCount(ops, 2, m, `a register and an address, e.g. ${m.text} W0,[X1]`);
    const rs = operandRegister(expectRegister(ops[0]), form);
    const [mem] = parseMemory(ops, 1);
    requireBareAddress(mem, ops[1], m.text);
    const zero: Register = { name: 'XZR', width: rs.width, zero: true };
    return atomicUpdateSemantics(op, form, rs, zero, mem);
  };
}

/** The annotations and size of an atomic's read and write; `noReturn`: its result register is XZR/WZR. */
function atomicOptions(form: AtomicForm, noReturn: boolean, bits: number) {
  return {
    readOptions: { tags: readTags(form.ordering, noReturn), size: bits / 8 },
    writeOptions: { tags: writeTags(form.ordering), size: bits / 8 },
  };
}

function atomicUpdateSemantics(
  op: MemoryOp | undefined, form: AtomicForm, rs: Register, rt: Register, mem: ReturnType<typeof parseMemory>[0],
): ReturnType<Builder> {
  const bits = accessBits(form, rs);
  const { readOptions, writeOptions } = atomicOptions(form, rt.zero, bits);
  return {
    execute(ctx) {
      const { address } = effectiveAddress(ctx, mem);
      const operand = narrowed(ctx, rs, bits);
      const old = ctx.atomicUpdate(
        address,
        (current) => {
          const value = truncate(current.value, bits);
          return op ? derived(op(value, operand.value, bits), current, operand) : operand;
        },
        readOptions,
        writeOptions,
      );
      writeRegister(ctx, rt, narrowOld(old, bits));
    },
  };
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
export function compareAndSwap(form: AtomicForm): Builder {
  return (ops, m) => {
    const { rs, rt, mem } = registersAndAddress(ops, m, form);
    const bits = accessBits(form, rs);
    const { readOptions, writeOptions } = atomicOptions(form, rs.zero, bits);
    return {
      execute(ctx) {
        const { address } = effectiveAddress(ctx, mem);
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
      },
    };
  };
}
