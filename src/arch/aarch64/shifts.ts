// Shifted and extended register operands, and the "flexible second operand"
// of arithmetic and logical instructions: a register with an optional shift
// or extension, or an immediate with an optional LSL #12.

import { failAt } from '../../errors.js';
import { derived, sym, type Sym, type ThreadContext } from '../../exec/types.js';
import { signExtend, signed, rotateRight, truncate } from './bits.js';
import {
  type ExtendKind, expectRegister, isImmediate, type Modifier, type Operand, parseImmediate, parseModifier, type ShiftKind,
} from './operands.js';
import type { Operand2 } from './ops.js';
import { readRegister } from './registers.js';

/** `value` shifted or rotated by `amount` at `width` bits (LSL, LSR, ASR, ROR). */
export function shift(value: bigint, kind: ShiftKind, amount: number, width: number): bigint {
  const k = BigInt(amount);
  switch (kind) {
    case 'LSL': return truncate(value << k, width);
    case 'LSR': return truncate(value, width) >> k;
    case 'ASR': return truncate(signed(value, width) >> k, width);
    case 'ROR': return rotateRight(value, amount, width);
  }
}

/** `value` zero- or sign-extended from the width the extension names (UXTB … SXTX). */
export function extend(value: bigint, kind: ExtendKind): bigint {
  switch (kind) {
    case 'UXTB': return truncate(value, 8);
    case 'UXTH': return truncate(value, 16);
    case 'UXTW': return truncate(value, 32);
    case 'UXTX': return truncate(value, 64);
    case 'SXTB': return signExtend(value, 8);
    case 'SXTH': return signExtend(value, 16);
    case 'SXTW': return signExtend(value, 32);
    case 'SXTX': return signExtend(value, 64);
  }
}

/** Apply a register modifier (shift or extend-then-shift) at `width` bits. */
export function applyModifier(value: bigint, modifier: Modifier | undefined, width: number): bigint {
  if (!modifier) return truncate(value, width);
  if (modifier.kind === 'shift') return shift(value, modifier.shift, modifier.amount, width);
  return truncate(extend(value, modifier.extend) << BigInt(modifier.amount), width);
}

/**
 * The flexible second operand at `operands[index..]`, for an instruction of
 * `width` bits: `Rm`, `Rm, LSL #k`, `Wm, SXTW`, `#imm`, `#imm, LSL #12`.
 */
export function parseOperand2(operands: readonly Operand[], index: number, width: number): Operand2 {
  const first = operands[index];
  const modifierOp = operands[index + 1];
  if (operands.length > index + 2) failAt(operands[index + 2].pos, `unexpected operand '${operands[index + 2].text}'`);
  const modifier = modifierOp ? parseModifier(modifierOp) : undefined;
  if (isImmediate(first)) {
    if (modifier && !(modifier.kind === 'shift' && modifier.shift === 'LSL')) {
      failAt(modifierOp.pos, 'an immediate may only be shifted with LSL');
    }
    return { kind: 'imm', value: applyModifier(truncate(parseImmediate(first), width), modifier, width) };
  }
  const reg = expectRegister(first, 'any');
  return modifier ? { kind: 'reg', reg, modifier } : { kind: 'reg', reg };
}

/** The flexible second operand's value when the instruction runs, at `width` bits. */
export function readOperand2(ctx: ThreadContext, operand: Operand2, width: number): Sym {
  if (operand.kind === 'imm') return sym(operand.value);
  const v = readRegister(ctx, operand.reg);
  return derived(applyModifier(v.value, operand.modifier, width), v);
}
