// The condition flags N, Z, C, V live in a pseudo-register so that they carry
// the dependencies of the values they were computed from: a conditional
// branch or select on them then depends on those reads.

import { failAt } from '../../errors.js';
import { derived, type Sym, type ThreadContext } from '../../exec/types.js';
import { mask, signed, truncate } from './bits.js';
import type { Operand } from './operands.js';

export const FLAGS_REGISTER = 'NZCV';

const N = 8n;
const Z = 4n;
const C = 2n;
const V = 1n;

/** Flags of `a + b + carryIn` at `width` bits, with the result. */
export function addWithCarry(a: bigint, b: bigint, carryIn: bigint, width: number): { result: bigint; nzcv: bigint } {
  const unsignedSum = truncate(a, width) + truncate(b, width) + carryIn;
  const signedSum = signed(a, width) + signed(b, width) + carryIn;
  const result = truncate(unsignedSum, width);
  let nzcv = 0n;
  if (signed(result, width) < 0n) nzcv |= N;
  if (result === 0n) nzcv |= Z;
  if (unsignedSum !== result) nzcv |= C;
  if (signedSum !== signed(result, width)) nzcv |= V;
  return { result, nzcv };
}

/** `a - b` is `a + NOT b + 1`: C set means no borrow. */
export function subtractWithFlags(a: bigint, b: bigint, width: number): { result: bigint; nzcv: bigint } {
  return addWithCarry(a, truncate(~b, width) & mask(width), 1n, width);
}

/** Flags of a logical result (ANDS, BICS): C and V cleared. */
export function logicalFlags(result: bigint, width: number): bigint {
  let nzcv = 0n;
  if (signed(result, width) < 0n) nzcv |= N;
  if (truncate(result, width) === 0n) nzcv |= Z;
  return nzcv;
}

/** Sets NZCV to `nzcv`, depending on the inputs it was computed from. */
export function setFlags(ctx: ThreadContext, nzcv: bigint, ...inputs: Sym[]): void {
  ctx.setReg(FLAGS_REGISTER, derived(nzcv, ...inputs));
}

export type Condition =
  | 'EQ' | 'NE' | 'CS' | 'CC' | 'MI' | 'PL' | 'VS' | 'VC'
  | 'HI' | 'LS' | 'GE' | 'LT' | 'GT' | 'LE' | 'AL' | 'NV';

const CONDITIONS: Record<string, Condition> = {
  EQ: 'EQ', NE: 'NE', CS: 'CS', HS: 'CS', CC: 'CC', LO: 'CC', MI: 'MI', PL: 'PL', VS: 'VS', VC: 'VC',
  HI: 'HI', LS: 'LS', GE: 'GE', LT: 'LT', GT: 'GT', LE: 'LE', AL: 'AL', NV: 'NV',
};

/** A condition name (`EQ`, `hs`…, aliases HS/LO included) or undefined. */
export function parseConditionName(text: string): Condition | undefined {
  return CONDITIONS[text.toUpperCase()];
}

/** The condition operand `op`. Throws a LitmusError at it when it is none. */
export function parseCondition(op: Operand): Condition {
  const c = parseConditionName(op.text);
  if (!c) failAt(op.pos, `expected a condition (EQ, NE, GE, GT, LE, LT, HS, LO, HI, LS, MI, PL, VS, VC), found '${op.text}'`);
  return c;
}

/** The opposite condition (EQ ↔ NE, …), as CSET and CINC use it. */
export function invert(c: Condition): Condition {
  const pairs: Record<Condition, Condition> = {
    EQ: 'NE', NE: 'EQ', CS: 'CC', CC: 'CS', MI: 'PL', PL: 'MI', VS: 'VC', VC: 'VS',
    HI: 'LS', LS: 'HI', GE: 'LT', LT: 'GE', GT: 'LE', LE: 'GT', AL: 'NV', NV: 'AL',
  };
  return pairs[c];
}

/** Whether condition `c` holds for the flags `nzcv` (Arm ARM, ConditionHolds). */
export function conditionHolds(c: Condition, nzcv: bigint): boolean {
  const n = (nzcv & N) !== 0n;
  const z = (nzcv & Z) !== 0n;
  const carry = (nzcv & C) !== 0n;
  const v = (nzcv & V) !== 0n;
  switch (c) {
    case 'EQ': return z;
    case 'NE': return !z;
    case 'CS': return carry;
    case 'CC': return !carry;
    case 'MI': return n;
    case 'PL': return !n;
    case 'VS': return v;
    case 'VC': return !v;
    case 'HI': return carry && !z;
    case 'LS': return !(carry && !z);
    case 'GE': return n === v;
    case 'LT': return n !== v;
    case 'GT': return !z && n === v;
    case 'LE': return !(!z && n === v);
    case 'AL':
    case 'NV': return true;
  }
}

/** 1 when `c` holds on the current flags, 0 otherwise; depends on what set the flags. */
export function evaluateCondition(ctx: ThreadContext, c: Condition): Sym {
  const flags = ctx.reg(FLAGS_REGISTER);
  return derived(conditionHolds(c, flags.value) ? 1n : 0n, flags);
}

