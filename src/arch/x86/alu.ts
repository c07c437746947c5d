// Integer arithmetic at an operand width, with the flags it sets.
// Results are kept as signed integers of the width (so DEC of 0 is -1, as
// herd prints it). A location's address does not fit 32 bits: arithmetic
// involving one stays exact, so pointer arithmetic keeps pointing somewhere.

import { derived, type Sym } from '../../exec/types.js';
import { CF, packFlags } from './flags.js';
import type { Width } from './operands.js';

export type BinaryOp = 'ADD' | 'SUB' | 'AND' | 'OR' | 'XOR';
export type UnaryOp = 'INC' | 'DEC' | 'NEG' | 'NOT';

export const BINARY_OPS: readonly BinaryOp[] = ['ADD', 'SUB', 'AND', 'OR', 'XOR'];
export const UNARY_OPS: readonly UnaryOp[] = ['INC', 'DEC', 'NEG', 'NOT'];

export interface AluResult {
  value: Sym;
  /** The new flags, or null when the operation leaves them alone (NOT). */
  flags: Sym | null;
}

const EXACT: Record<BinaryOp, (a: bigint, b: bigint) => bigint> = {
  ADD: (a, b) => a + b,
  SUB: (a, b) => a - b,
  AND: (a, b) => a & b,
  OR: (a, b) => a | b,
  XOR: (a, b) => a ^ b,
};

function fits(value: bigint, width: Width): boolean {
  const bits = BigInt(width);
  return value >= -(1n << (bits - 1n)) && value < 1n << bits;
}

function computeBinary(op: BinaryOp, a: bigint, b: bigint, width: Width): { value: bigint; flags: bigint } {
  const exact = EXACT[op](a, b);
  if (!fits(a, width) || !fits(b, width)) {
    return { value: exact, flags: packFlags({ carry: false, zero: exact === 0n, sign: exact < 0n, overflow: false }) };
  }
  const value = BigInt.asIntN(width, exact);
  const unsigned = (v: bigint) => BigInt.asUintN(width, v);
  const signed = (v: bigint) => BigInt.asIntN(width, v);
  let carry = false;
  let overflow = false;
  if (op === 'ADD') {
    carry = unsigned(a) + unsigned(b) >= 1n << BigInt(width);
    overflow = signed(a) + signed(b) !== value;
  } else if (op === 'SUB') {
    carry = unsigned(a) < unsigned(b);
    overflow = signed(a) - signed(b) !== value;
  }
  return { value, flags: packFlags({ carry, zero: value === 0n, sign: value < 0n, overflow }) };
}

/** `a op b`; CMP is SUB and TEST is AND with the value thrown away. */
export function binaryAlu(op: BinaryOp, a: Sym, b: Sym, width: Width): AluResult & { flags: Sym } {
  const { value, flags } = computeBinary(op, a.value, b.value, width);
  return { value: derived(value, a, b), flags: derived(flags, a, b) };
}

/** INC and DEC keep the carry flag they find, so they read the old flags. */
export function unaryAlu(op: UnaryOp, a: Sym, width: Width, oldFlags: Sym): AluResult {
  switch (op) {
    case 'NOT': {
      const inverted = ~a.value;
      return { value: derived(fits(a.value, width) ? BigInt.asIntN(width, inverted) : inverted, a), flags: null };
    }
    case 'NEG': {
      const { value, flags } = computeBinary('SUB', 0n, a.value, width);
      return { value: derived(value, a), flags: derived(flags, a) };
    }
    case 'INC':
    case 'DEC': {
      const { value, flags } = computeBinary(op === 'INC' ? 'ADD' : 'SUB', a.value, 1n, width);
      const keptCarry = oldFlags.value & CF;
      return { value: derived(value, a), flags: derived((flags & ~CF) | keptCarry, a, oldFlags) };
    }
  }
}
