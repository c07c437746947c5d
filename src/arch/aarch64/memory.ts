// Loads and stores: plain (LDR/STR and their byte, halfword, signed and
// unscaled forms), acquire/release (LDAR, LDAPR, STLR), exclusive
// (LDXR/LDAXR, STXR/STLXR) and pairs (LDP/STP/LDNP/STNP/LDPSW).

import { failAt } from '../../errors.js';
import { type AccessOptions, derived, type Sym, type Tag, type ThreadContext } from '../../exec/types.js';
import { signExtend, truncate } from './bits.js';
import type { Builder } from './builder.js';
import { effectiveAddress, requireBareAddress } from './addressing.js';
import { expectCount, expectRegister, type Operand, parseMemory } from './operands.js';
import { readRegister, type Register, writeRegister } from './registers.js';

/** How many bytes an access moves and how a loaded value fills the register. */
export interface AccessShape {
  /** Bytes, or undefined for "the register's width". */
  bytes?: 1 | 2 | 4 | 8;
  signExtended?: boolean;
}

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
    const bytes = accessBytes(shape, rt);
    return {
      execute(ctx) {
        const { address, commit } = effectiveAddress(ctx, mem);
        const loaded = ctx.load(address, options(tags, bytes));
        commit();
        writeRegister(ctx, rt, loadedValue(loaded, shape, rt));
      },
    };
  };
}

/** STR-like: Rt, [address]; `tags` annotate the write. */
export function store(shape: AccessShape, tags: readonly Tag[] = [], bareAddress = false): Builder {
  return (ops, m) => {
    const { rt, mem } = registerAndAddress(ops, m, bareAddress, 'STR W0,[X1]');
    const bytes = accessBytes(shape, rt);
    return {
      execute(ctx) {
        const { address, commit } = effectiveAddress(ctx, mem);
        ctx.store(address, storedValue(ctx, rt, shape), options(tags, bytes));
        commit();
      },
    };
  };
}

/** LDXR/LDAXR Rt, [Xn]. */
export function loadExclusive(shape: AccessShape, tags: readonly Tag[]): Builder {
  return (ops, m) => {
    expectCount(ops, 2, m, 'a register and an address, e.g. LDXR W0,[X1]');
    const rt = expectRegister(ops[0]);
    const [mem] = parseMemory(ops, 1);
    requireBareAddress(mem, ops[1], m.text);
    const bytes = accessBytes(shape, rt);
    return {
      execute(ctx) {
        const { address } = effectiveAddress(ctx, mem);
        writeRegister(ctx, rt, loadedValue(ctx.loadExclusive(address, options(tags, bytes)), shape, rt));
      },
    };
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
    const bytes = accessBytes(shape, rt);
    return {
      execute(ctx) {
        const { address } = effectiveAddress(ctx, mem);
        writeRegister(ctx, status, ctx.storeExclusive(address, storedValue(ctx, rt, shape), options(tags, bytes)));
      },
    };
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
    const bytes = accessBytes(shape, rt1);
    return {
      execute(ctx) {
        const { address, commit } = effectiveAddress(ctx, mem);
        const second = derived(truncate(address.value + BigInt(bytes), 64), address);
        if (direction === 'load') {
          const v1 = ctx.load(address, options(tags, bytes));
          const v2 = ctx.load(second, options(tags, bytes));
          commit();
          writeRegister(ctx, rt1, loadedValue(v1, shape, rt1));
          writeRegister(ctx, rt2, loadedValue(v2, shape, rt2));
        } else {
          const low = (): void => ctx.store(address, storedValue(ctx, rt1, shape), options(tags, bytes));
          const high = (): void => ctx.store(second, storedValue(ctx, rt2, shape), options(tags, bytes));
          if (highFirstWhenPreIndexed && mem.writeback === 'pre') {
            high();
            low();
          } else {
            low();
            high();
          }
          commit();
        }
      },
    };
  };
}
