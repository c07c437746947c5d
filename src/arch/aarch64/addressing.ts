// Effective addresses of memory operands, with their dependencies: the base
// register plus an immediate, or plus an index register shifted or extended
// (`[X1,W2,SXTW]` adds the sign-extended W2). Pre- and post-indexed forms
// also update the base register.

import { failAt } from '../../errors.js';
import { derived, type Sym, type ThreadContext } from '../../exec/types.js';
import { truncate } from './bits.js';
import type { MemoryOperand, Operand } from './operands.js';
import { readRegister, writeRegister } from './registers.js';
import { applyModifier } from './shifts.js';

/** Compute the address to access; call the returned `commit` after the access to apply any writeback. */
export function effectiveAddress(ctx: ThreadContext, mem: MemoryOperand): { address: Sym; commit: () => void } {
  const base = readRegister(ctx, mem.base);
  let address: Sym = base;
  if (mem.offset.kind === 'immediate') {
    address = derived(truncate(base.value + mem.offset.value, 64), base);
  } else if (mem.offset.kind === 'register') {
    const index = readRegister(ctx, mem.offset.index);
    address = derived(truncate(base.value + applyModifier(index.value, mem.offset.modifier, 64), 64), base, index);
  }
  const updated =
    mem.writeback === 'pre' ? address
    : mem.writeback === 'post' ? derived(truncate(base.value + mem.postIncrement, 64), base)
    : undefined;
  return { address, commit: () => updated && writeRegister(ctx, mem.base, updated) };
}

/** Exclusives and atomics take a bare `[Xn]` (herd also accepts `[Xn,#0]`). */
export function requireBareAddress(mem: MemoryOperand, op: Operand, what: string): void {
  const zeroOffset = mem.offset.kind === 'none' || (mem.offset.kind === 'immediate' && mem.offset.value === 0n);
  if (!zeroOffset || mem.writeback !== 'none') failAt(op.pos, `${what} takes a plain address [Xn], found '${op.text}'`);
}
