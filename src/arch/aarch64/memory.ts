// Loads and stores: plain (LDR/STR and their byte, halfword, signed and
// unscaled forms), acquire/release (LDAR, LDAPR, STLR), exclusive
// (LDXR/LDAXR, STXR/STLXR) and pairs (LDP/STP/LDNP/STNP/LDPSW). The parsers
// give each instruction's value (ops.ts); executeMemory runs one.

import { failAt } from '../../errors.js';
import { type AccessOptions, derived, type Sym, type Tag, type ThreadContext } from '../../exec/types.js';
import { signExtend, truncate } from './bits.js';
import type { Builder } from './builder.js';
import { effectiveAddress, requireBareAddress } from './addressing.js';
import type { AArch64Op, AccessShape } from './ops.js';
import { expectCount, expectRegister, type Operand, parseMemory } from './operands.js';
import { readRegister, type Register, writeRegister } from './registers.js';

export type { AccessShape } from './ops.js';

function accessBytes(shape: AccessShape, r: Register): number {
  return shape.bytes ?? r.width / 8;
}

function options(tags: readonly Tag[], bytes: number): AccessOptions {
  return { tags, size: bytes };
}

/** A loaded value as the destination register sees it: narrowed, then sign- or zero-extended. */
function loadedValue(loaded: Sym, shape: AccessShape, rt: Register): Sym {
  const bits = accessBytes(shape, rt) * 8;
  const narrow = truncate(loaded.value, bits);
  return derived(shape.signExtended ? truncate(signExtend(narrow, bits), rt.width) : narrow, loaded);
}

function storedValue(ctx: ThreadContext, rt: Register, shape: AccessShape): Sym {
  const v = readRegister(ctx, rt);
  return derived(truncate(v.value, accessBytes(shape, rt) * 8), v);
}

function checkTarget(rt: Register, shape: AccessShape, op: Operand, m: Operand): void {
  if (shape.signExtended && shape.bytes === 4 && rt.width !== 64) failAt(op.pos, `${m.text} loads into an X register`);
  if (shape.bytes === 8 && rt.width !== 64) failAt(op.pos, `${m.text} needs an X register`);
}

/** The operands of a single-register load or store: `Rt, [address]`, nothing after. */
function registerAndAddress(ops: readonly Operand[], m: Operand, bareAddress: boolean, example: string) {
  if (ops.length < 2) expectCount(ops, 2, m, `a register and an address, e.g. ${example}`);
  const rt = expectRegister(ops[0]);
  const [mem, next] = parseMemory(ops, 1);
  if (bareAddress) requireBareAddress(mem, ops[1], m.text);
  if (next !== ops.length) failAt(ops[next].pos, `unexpected operand '${ops[next].text}'`);
  return { rt, mem };
}

/** LDR-like: Rt, [address] with optional pre/post indexing; `tags` annotate the read. */
export function load(shape: AccessShape, tags: readonly Tag[] = [], bareAddress = false): Builder {
  return (ops, m) => {
    const { rt, mem } = registerAndAddress(ops, m, bareAddress, 'LDR W0,[X1]');
    checkTarget(rt, shape, ops[0], m);
    return { kind: 'load', shape, tags, rt, mem };
  };
}

/** STR-like: Rt, [address]; `tags` annotate the write. */
export function store(shape: AccessShape, tags: readonly Tag[] = [], bareAddress = false): Builder {
  return (ops, m) => {
    const { rt, mem } = registerAndAddress(ops, m, bareAddress, 'STR W0,[X1]');
    return { kind: 'store', shape, tags, rt, mem };
  };
}

/** LDXR/LDAXR Rt, [Xn]. */
export function loadExclusive(shape: AccessShape, tags: readonly Tag[]): Builder {
  return (ops, m) => {
    expectCount(ops, 2, m, 'a register and an address, e.g. LDXR W0,[X1]');
    const rt = expectRegister(ops[0]);
    const [mem] = parseMemory(ops, 1);
    requireBareAddress(mem, ops[1], m.text);
    return { kind: 'load-exclusive', shape, tags, rt, mem };
  };
}

/** STXR/STLXR Ws, Rt, [Xn]: Ws receives 0 on success, 1 on failure. */
export function storeExclusive(shape: AccessShape, tags: readonly Tag[]): Builder {
  return (ops, m) => {
    expectCount(ops, 3, m, 'a status register, a register and an address, e.g. STXR W2,W0,[X1]');
    const status = expectRegister(ops[0]);
    const rt = expectRegister(ops[1]);
    const [mem] = parseMemory(ops, 2);
    requireBareAddress(mem, ops[2], m.text);
    return { kind: 'store-exclusive', shape, tags, status, rt, mem };
  };
}

/** LDXP/LDAXP Rt1, Rt2, [Xn]: a load-exclusive of two registers of one width, Rt1 at the lower address. */
export function loadExclusivePair(tags: readonly Tag[]): Builder {
  return (ops, m) => {
    expectCount(ops, 3, m, `two registers and an address, e.g. ${m.text} X0,X1,[X2]`);
    const rt = expectRegister(ops[0]);
    const rt2 = expectRegister(ops[1]);
    if (rt.width !== rt2.width) failAt(ops[1].pos, `${m.text} needs two registers of the same width`);
    const [mem] = parseMemory(ops, 2);
    requireBareAddress(mem, ops[2], m.text);
    return { kind: 'load-exclusive', shape: {}, tags, rt, rt2, mem };
  };
}

/** STXP/STLXP Ws, Rt1, Rt2, [Xn]: both registers or neither; Ws receives 0 on success, 1 on failure. */
export function storeExclusivePair(tags: readonly Tag[]): Builder {
  return (ops, m) => {
    expectCount(ops, 4, m, `a status register, two registers and an address, e.g. ${m.text} W9,X0,X1,[X2]`);
    const status = expectRegister(ops[0]);
    const rt = expectRegister(ops[1]);
    const rt2 = expectRegister(ops[2]);
    if (rt.width !== rt2.width) failAt(ops[2].pos, `${m.text} needs two registers of the same width`);
    const [mem] = parseMemory(ops, 3);
    requireBareAddress(mem, ops[3], m.text);
    return { kind: 'store-exclusive', shape: {}, tags, status, rt, rt2, mem };
  };
}

/**
 * LDP/STP/LDNP/STNP/LDPSW Rt1, Rt2, [address]: two accesses at consecutive
 * addresses, Rt1 at the lower one first. `tags` annotate both (the ordered
 * pairs LDIAPP/STILP and LDAP/STLP). STILP's pre-indexed form (a stack push,
 * `[Xn,#-16]!`) stores the higher address first, as herd7 orders it (L083).
 */
export function pair(
  direction: 'load' | 'store', shape: AccessShape = {}, tags: readonly Tag[] = [], highFirstWhenPreIndexed = false,
): Builder {
  return (ops, m) => {
    if (ops.length < 3) expectCount(ops, 3, m, `two registers and an address, e.g. ${m.text} X0,X1,[X2]`);
    const rt1 = expectRegister(ops[0]);
    const rt2 = expectRegister(ops[1]);
    if (rt1.width !== rt2.width) failAt(ops[1].pos, `${m.text} needs two registers of the same width`);
    checkTarget(rt1, shape, ops[0], m);
    const [mem, next] = parseMemory(ops, 2);
    if (next !== ops.length) failAt(ops[next].pos, `unexpected operand '${ops[next].text}'`);
    return { kind: 'pair', direction, shape, tags, rt1, rt2, mem, highFirst: highFirstWhenPreIndexed && mem.writeback === 'pre' };
  };
}

type MemoryOp = Extract<AArch64Op, { kind: 'load' | 'store' | 'load-exclusive' | 'store-exclusive' | 'pair' }>;

/** Runs a load or store on the thread: the accesses, then the base register's writeback. */
export function executeMemory(ctx: ThreadContext, op: MemoryOp): void {
  switch (op.kind) {
    case 'load': {
      const { address, commit } = effectiveAddress(ctx, op.mem);
      const loaded = ctx.load(address, options(op.tags, accessBytes(op.shape, op.rt)));
      commit();
      return writeRegister(ctx, op.rt, loadedValue(loaded, op.shape, op.rt));
    }
    case 'store': {
      const { address, commit } = effectiveAddress(ctx, op.mem);
      ctx.store(address, storedValue(ctx, op.rt, op.shape), options(op.tags, accessBytes(op.shape, op.rt)));
      return commit();
    }
    case 'load-exclusive': {
      const { address } = effectiveAddress(ctx, op.mem);
      const access = options(op.tags, accessBytes(op.shape, op.rt));
      if (op.rt2) {
        const [low, high] = ctx.loadExclusivePair(address, secondAddress(address, access.size!), access);
        writeRegister(ctx, op.rt, loadedValue(low, op.shape, op.rt));
        return writeRegister(ctx, op.rt2, loadedValue(high, op.shape, op.rt2));
      }
      return writeRegister(ctx, op.rt, loadedValue(ctx.loadExclusive(address, access), op.shape, op.rt));
    }
    case 'store-exclusive': {
      const { address } = effectiveAddress(ctx, op.mem);
      const access = options(op.tags, accessBytes(op.shape, op.rt));
      const stored = storedValue(ctx, op.rt, op.shape);
      const status = op.rt2
        ? ctx.storeExclusivePair(address, stored, secondAddress(address, access.size!), storedValue(ctx, op.rt2, op.shape), access)
        : ctx.storeExclusive(address, stored, access);
      return writeRegister(ctx, op.status, status);
    }
    case 'pair':
      return executePair(ctx, op);
  }
}

/** The address of a pair's second register: `bytes` after the first, with the same dependencies. */
function secondAddress(address: Sym, bytes: number): Sym {
  return derived(truncate(address.value + BigInt(bytes), 64), address);
}

/** Two accesses at consecutive addresses, Rt1 at the lower one first (unless `highFirst`). */
function executePair(ctx: ThreadContext, op: Extract<AArch64Op, { kind: 'pair' }>): void {
  const { shape, tags, rt1, rt2 } = op;
  const bytes = accessBytes(shape, rt1);
  const { address, commit } = effectiveAddress(ctx, op.mem);
  const second = secondAddress(address, bytes);
  if (op.direction === 'load') {
    const v1 = ctx.load(address, options(tags, bytes));
    const v2 = ctx.load(second, options(tags, bytes));
    commit();
    writeRegister(ctx, rt1, loadedValue(v1, shape, rt1));
    writeRegister(ctx, rt2, loadedValue(v2, shape, rt2));
    return;
  }
  const low = (): void => ctx.store(address, storedValue(ctx, rt1, shape), options(tags, bytes));
  const high = (): void => ctx.store(second, storedValue(ctx, rt2, shape), options(tags, bytes));
  if (op.highFirst) {
    high();
    low();
  } else {
    low();
    high();
  }
  commit();
}
