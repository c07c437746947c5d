// Register-to-register instructions: moves, arithmetic, logic, shifts,
// multiplies, bitfield moves, byte reversal and conditional selects. The
// parsers give each instruction's value (ops.ts); executeDataProcessing runs
// one. Every result depends on all of its inputs, even when the arithmetic
// cancels (EOR W2,W0,W0 still depends on W0), as herd's register dataflow does.

import { failAt } from '../../errors.js';
import { derived, picked, sym, type Sym, type ThreadContext } from '../../exec/types.js';
import { mask, reverseBits, reverseBytes, signed, signExtend, truncate } from './bits.js';
import type { Builder } from './builder.js';
import {
  addWithCarry, evaluateCondition, invert, logicalFlags, parseCondition, setFlags, subtractWithFlags,
} from './flags.js';
import type { AArch64Op, ArithmeticName, Operand2, SelectName, UnaryName } from './ops.js';
import { expectCount, expectRegister, isImmediate, type Operand, parseImmediate, parseModifier } from './operands.js';
import { readRegister, type Register, resized, writeRegister } from './registers.js';
import { parseOperand2, readOperand2, shift } from './shifts.js';

const XZR: Register = { name: 'XZR', width: 64, zero: true };

function zeroRegister(width: 32 | 64): Register {
  return resized(XZR, width);
}

/** MOV Rd, Rm | MOV Rd, #imm. */
export const mov: Builder = (ops, m) => {
  expectCount(ops, 2, m, 'a destination and a register or immediate, e.g. MOV W0,#1');
  const rd = expectRegister(ops[0], 'any');
  if (isImmediate(ops[1])) return { kind: 'mov', rd, source: { imm: truncate(parseImmediate(ops[1]), rd.width) } };
  const rm = expectRegister(ops[1], 'any');
  if (rm.width !== rd.width) failAt(ops[1].pos, `MOV needs registers of the same width, found ${ops[0].text} and ${ops[1].text}`);
  return { kind: 'mov', rd, source: rm };
};

/** MOVZ/MOVN/MOVK Rd, #imm16 {, LSL #shift}. */
function moveWide(kind: 'Z' | 'N' | 'K'): Builder {
  return (ops, m) => {
    if (ops.length !== 2 && ops.length !== 3) expectCount(ops, 2, m, 'a register and an immediate, e.g. MOVK X0,#1,LSL #16');
    const rd = expectRegister(ops[0]);
    const imm = parseImmediate(ops[1]);
    if (imm < 0n || imm > 0xffffn) failAt(ops[1].pos, `the immediate of ${m.text} must be a 16-bit value`);
    const modifier = ops[2] ? parseModifier(ops[2]) : undefined;
    if (modifier && (modifier.kind !== 'shift' || modifier.shift !== 'LSL' || modifier.amount % 16 !== 0 || modifier.amount >= rd.width)) {
      failAt(ops[2].pos, `the shift of ${m.text} must be LSL by 0, 16${rd.width === 64 ? ', 32 or 48' : ''}`);
    }
    return { kind: 'move-wide', variant: kind, rd, imm, shift: modifier?.amount ?? 0 };
  };
}

export const movz = moveWide('Z');
export const movn = moveWide('N');
export const movk = moveWide('K');

type BinaryOp = (a: bigint, b: bigint, width: number) => { result: bigint; nzcv?: bigint };

const ARITHMETIC: Record<ArithmeticName, BinaryOp> = {
  ADD: (a, b, w) => ({ result: truncate(a + b, w) }),
  SUB: (a, b, w) => ({ result: truncate(a - b, w) }),
  ADDS: (a, b, w) => addWithCarry(a, b, 0n, w),
  SUBS: (a, b, w) => subtractWithFlags(a, b, w),
  AND: (a, b) => ({ result: a & b }),
  ORR: (a, b) => ({ result: a | b }),
  EOR: (a, b) => ({ result: a ^ b }),
  BIC: (a, b, w) => ({ result: a & ~b & mask(w) }),
  ORN: (a, b, w) => ({ result: (a | ~b) & mask(w) }),
  EON: (a, b, w) => ({ result: (a ^ ~b) & mask(w) }),
  ANDS: (a, b, w) => ({ result: a & b, nzcv: logicalFlags(a & b, w) }),
  BICS: (a, b, w) => ({ result: a & ~b & mask(w), nzcv: logicalFlags(a & ~b & mask(w), w) }),
};

/** ADD/SUB/AND/ORR/EOR/… Rd, Rn, operand2 (register, shifted register or immediate). */
export function binary(name: ArithmeticName): Builder {
  return (ops, m) => {
    if (ops.length < 3) expectCount(ops, 3, m, `a destination, a register and an operand, e.g. ${name} W0,W1,#1`);
    const rd = expectRegister(ops[0], 'any');
    const rn = expectRegister(ops[1], 'any');
    return { kind: 'arithmetic', op: name, rd, rn, operand2: parseOperand2(ops, 2, rd.width) };
  };
}

/** CMP/CMN/TST Rn, operand2: the flag-setting form with the result discarded. */
export function compare(name: 'SUBS' | 'ADDS' | 'ANDS'): Builder {
  return (ops, m) => {
    if (ops.length < 2) expectCount(ops, 2, m, 'a register and an operand, e.g. CMP W0,#1');
    const rn = expectRegister(ops[0]);
    return { kind: 'arithmetic', op: name, rd: zeroRegister(rn.width), rn, operand2: parseOperand2(ops, 1, rn.width) };
  };
}

/** NEG/NEGS/MVN Rd, operand2: SUB/SUBS/ORN with the zero register as first input. */
export function unaryFromZero(name: 'SUB' | 'SUBS' | 'ORN'): Builder {
  return (ops, m) => {
    if (ops.length < 2) expectCount(ops, 2, m, 'a destination and an operand, e.g. NEG W0,W1');
    const rd = expectRegister(ops[0]);
    return { kind: 'arithmetic', op: name, rd, rn: zeroRegister(rd.width), operand2: parseOperand2(ops, 1, rd.width) };
  };
}

/** LSL/LSR/ASR/ROR Rd, Rn, #imm | Rm (a register amount counts modulo the width). */
export function shiftInstruction(kind: 'LSL' | 'LSR' | 'ASR' | 'ROR'): Builder {
  return (ops, m) => {
    expectCount(ops, 3, m, `a destination, a register and an amount, e.g. ${kind} X0,X1,#2`);
    const rd = expectRegister(ops[0]);
    const rn = expectRegister(ops[1]);
    const amount: Operand2 = isImmediate(ops[2])
      ? { kind: 'imm', value: shiftAmount(parseImmediate(ops[2]), ops[2], rd.width) }
      : { kind: 'reg', reg: expectRegister(ops[2]) };
    return { kind: 'shift', shift: kind, rd, rn, amount };
  };
}

function shiftAmount(value: bigint, op: Operand, width: number): bigint {
  if (value < 0n || value >= BigInt(width)) failAt(op.pos, `shift amount must be between 0 and ${width - 1}`);
  return value;
}

/** MUL/MNEG Rd,Rn,Rm and MADD/MSUB Rd,Rn,Rm,Ra. */
export function multiply(kind: 'MUL' | 'MNEG' | 'MADD' | 'MSUB'): Builder {
  const accumulates = kind === 'MADD' || kind === 'MSUB';
  return (ops, m) => {
    expectCount(ops, accumulates ? 4 : 3, m, accumulates ? `four registers, e.g. ${kind} X0,X1,X2,X3` : `three registers, e.g. ${kind} X0,X1,X2`);
    const [rd, rn, rm] = ops.slice(0, 3).map((o) => expectRegister(o));
    const ra = accumulates ? expectRegister(ops[3]) : zeroRegister(rd.width);
    return { kind: 'multiply', negate: kind === 'MNEG' || kind === 'MSUB', rd, rn, rm, ra };
  };
}

/** SMULL/UMULL/SMNEGL/UMNEGL Xd,Wn,Wm and SMADDL/UMADDL/SMSUBL/UMSUBL Xd,Wn,Wm,Xa. */
export function multiplyLong(signedInputs: boolean, kind: 'MULL' | 'NEGL' | 'ADDL' | 'SUBL'): Builder {
  const accumulates = kind === 'ADDL' || kind === 'SUBL';
  return (ops, m) => {
    expectCount(ops, accumulates ? 4 : 3, m, accumulates ? 'Xd, Wn, Wm, Xa' : 'Xd, Wn, Wm');
    const rd = resized(expectRegister(ops[0]), 64);
    const rn = resized(expectRegister(ops[1]), 32);
    const rm = resized(expectRegister(ops[2]), 32);
    const ra = accumulates ? resized(expectRegister(ops[3]), 64) : XZR;
    return { kind: 'multiply-long', signedInputs, negate: kind === 'NEGL' || kind === 'SUBL', rd, rn, rm, ra };
  };
}

/** SDIV/UDIV Rd,Rn,Rm: division by zero gives 0, as the architecture says. */
export function divide(signedInputs: boolean): Builder {
  return (ops, m) => {
    expectCount(ops, 3, m, 'three registers, e.g. UDIV X0,X1,X2');
    const [rd, rn, rm] = ops.map((o) => expectRegister(o));
    return { kind: 'divide', signedInputs, rd, rn, rm };
  };
}

type SelectOp = (v: bigint, width: number) => bigint;

const SELECT_OPS: Record<SelectName, SelectOp> = {
  CSEL: (v) => v,
  CSINC: (v, w) => truncate(v + 1n, w),
  CSINV: (v, w) => truncate(~v, w),
  CSNEG: (v, w) => truncate(-v, w),
};

/** CSEL/CSINC/CSINV/CSNEG Rd, Rn, Rm, cond. */
export function conditionalSelect(name: SelectName): Builder {
  return (ops, m) => {
    expectCount(ops, 4, m, `three registers and a condition, e.g. ${name} W0,W1,W2,EQ`);
    const [rd, rn, rm] = ops.slice(0, 3).map((o) => expectRegister(o));
    return { kind: 'select', op: name, rd, rn, rm, cond: parseCondition(ops[3]) };
  };
}

/** CSET/CSETM Rd, cond = CSINC/CSINV Rd, ZR, ZR, invert(cond). */
export function conditionalSet(name: 'CSINC' | 'CSINV'): Builder {
  return (ops, m) => {
    expectCount(ops, 2, m, 'a register and a condition, e.g. CSET W0,EQ');
    const rd = expectRegister(ops[0]);
    const zr = zeroRegister(rd.width);
    return { kind: 'select', op: name, rd, rn: zr, rm: zr, cond: invert(parseCondition(ops[1])) };
  };
}

/** CINC/CINV/CNEG Rd, Rn, cond = CSINC/CSINV/CSNEG Rd, Rn, Rn, invert(cond). */
export function conditionalUnary(name: 'CSINC' | 'CSINV' | 'CSNEG'): Builder {
  return (ops, m) => {
    expectCount(ops, 3, m, 'two registers and a condition, e.g. CINC W0,W1,EQ');
    const rd = expectRegister(ops[0]);
    const rn = expectRegister(ops[1]);
    return { kind: 'select', op: name, rd, rn, rm: rn, cond: invert(parseCondition(ops[2])) };
  };
}

function bitfieldMove(rd: Register, rn: Register, immr: number, imms: number, signExtended: boolean): AArch64Op {
  return { kind: 'bitfield', signExtended, rd, rn, immr, imms };
}

function bitfieldImmediate(op: Operand, width: number): number {
  const v = parseImmediate(op);
  if (v < 0n || v >= BigInt(width)) failAt(op.pos, `bit position must be between 0 and ${width - 1}`);
  return Number(v);
}

/** UBFM/SBFM Rd, Rn, #immr, #imms. */
export function bitfield(signExtended: boolean): Builder {
  return (ops, m) => {
    expectCount(ops, 4, m, 'two registers and two bit positions, e.g. UBFM X0,X1,#4,#7');
    const rd = expectRegister(ops[0]);
    const rn = resized(expectRegister(ops[1]), rd.width);
    return bitfieldMove(rd, rn, bitfieldImmediate(ops[2], rd.width), bitfieldImmediate(ops[3], rd.width), signExtended);
  };
}

/** UBFX/SBFX Rd, Rn, #lsb, #width. */
export function bitfieldExtract(signExtended: boolean): Builder {
  return (ops, m) => {
    expectCount(ops, 4, m, 'two registers, a bit position and a width, e.g. UBFX X0,X1,#4,#8');
    const rd = expectRegister(ops[0]);
    const rn = resized(expectRegister(ops[1]), rd.width);
    const lsb = bitfieldImmediate(ops[2], rd.width);
    const fieldWidth = Number(parseImmediate(ops[3]));
    if (fieldWidth < 1 || lsb + fieldWidth > rd.width) failAt(ops[3].pos, `field width must be between 1 and ${rd.width - lsb}`);
    return bitfieldMove(rd, rn, lsb, lsb + fieldWidth - 1, signExtended);
  };
}

/** SXTB/SXTH/SXTW/UXTB/UXTH Rd, Wn: sign- or zero-extend the low bits. */
export function extendInstruction(signExtended: boolean, bits: 8 | 16 | 32): Builder {
  return (ops, m) => {
    expectCount(ops, 2, m, 'two registers, e.g. SXTW X0,W1');
    const rd = expectRegister(ops[0]);
    const rn = resized(expectRegister(ops[1]), rd.width);
    return bitfieldMove(rd, rn, 0, bits - 1, signExtended);
  };
}

/** Single-operand transforms: REV, REV16, REV32, REV64, RBIT, ABS. */
export function unary(name: UnaryName): Builder {
  return (ops, m) => {
    expectCount(ops, 2, m, 'two registers, e.g. REV X0,X1');
    const rd = expectRegister(ops[0]);
    const rn = resized(expectRegister(ops[1]), rd.width);
    return { kind: 'unary', op: name, rd, rn };
  };
}

export const UNARY_TRANSFORMS: Record<UnaryName, (value: bigint, width: number) => bigint> = {
  REV: (v: bigint, w: number) => reverseBytes(v, w, w),
  REV16: (v: bigint, w: number) => reverseBytes(v, 16, w),
  REV32: (v: bigint, w: number) => reverseBytes(v, 32, w),
  REV64: (v: bigint, w: number) => reverseBytes(v, 64, w),
  RBIT: (v: bigint, w: number) => reverseBits(v, w),
  ABS: (v: bigint, w: number) => truncate(signed(v, w) < 0n ? -v : v, w),
};

type DataProcessingOp = Extract<AArch64Op, {
  kind: 'mov' | 'move-wide' | 'arithmetic' | 'shift' | 'multiply' | 'multiply-long' | 'divide' | 'select' | 'bitfield' | 'unary';
}>;

/** Runs a data-processing instruction on the thread. */
export function executeDataProcessing(ctx: ThreadContext, op: DataProcessingOp): void {
  switch (op.kind) {
    case 'mov':
      return writeRegister(ctx, op.rd, 'imm' in op.source ? sym(op.source.imm) : readRegister(ctx, op.source));
    case 'move-wide': {
      const field = op.imm << BigInt(op.shift);
      if (op.variant === 'Z') return writeRegister(ctx, op.rd, sym(field));
      if (op.variant === 'N') return writeRegister(ctx, op.rd, sym(truncate(~field, op.rd.width)));
      const old = readRegister(ctx, op.rd);
      return writeRegister(ctx, op.rd, derived((old.value & ~(0xffffn << BigInt(op.shift))) | field, old));
    }
    case 'arithmetic': {
      const a = readRegister(ctx, op.rn);
      const b = readOperand2(ctx, op.operand2, op.rd.width);
      const { result, nzcv } = ARITHMETIC[op.op](a.value, b.value, op.rd.width);
      if (nzcv !== undefined) setFlags(ctx, nzcv, a, b);
      return writeRegister(ctx, op.rd, derived(result, a, b));
    }
    case 'shift': {
      const a = readRegister(ctx, op.rn);
      const k = readOperand2(ctx, op.amount, op.rd.width);
      return writeRegister(ctx, op.rd, derived(shift(a.value, op.shift, Number(k.value % BigInt(op.rd.width)), op.rd.width), a, k));
    }
    case 'multiply':
    case 'multiply-long': {
      const a = readRegister(ctx, op.rn);
      const b = readRegister(ctx, op.rm);
      const acc = readRegister(ctx, op.ra);
      const widen = (v: bigint): bigint => (op.kind === 'multiply-long' && op.signedInputs ? signed(v, 32) : v);
      const product = widen(a.value) * widen(b.value);
      const width = op.kind === 'multiply-long' ? 64 : op.rd.width;
      return writeRegister(ctx, op.rd, derived(truncate(op.negate ? acc.value - product : acc.value + product, width), a, b, acc));
    }
    case 'divide': {
      // Division by zero gives 0, as the architecture says.
      const a = readRegister(ctx, op.rn);
      const b = readRegister(ctx, op.rm);
      const x = op.signedInputs ? signed(a.value, op.rd.width) : a.value;
      const y = op.signedInputs ? signed(b.value, op.rd.width) : b.value;
      return writeRegister(ctx, op.rd, derived(y === 0n ? 0n : truncate(x / y, op.rd.width), a, b));
    }
    case 'select': {
      // Rd = cond ? Rn : op(Rm): the chosen input's dependencies as ordinary
      // ones, the flags' as a pick dependency.
      const condition = evaluateCondition(ctx, op.cond);
      const chosen: Sym = condition.value !== 0n
        ? readRegister(ctx, op.rn)
        : ((r) => derived(SELECT_OPS[op.op](r.value, op.rd.width), r))(readRegister(ctx, op.rm));
      return writeRegister(ctx, op.rd, picked(chosen, condition));
    }
    case 'bitfield':
      return writeRegister(ctx, op.rd, bitfieldValue(readRegister(ctx, op.rn), op));
    case 'unary': {
      const a = readRegister(ctx, op.rn);
      return writeRegister(ctx, op.rd, derived(UNARY_TRANSFORMS[op.op](a.value, op.rd.width), a));
    }
  }
}

/**
 * UBFM/SBFM (and through them UBFX, SBFX, UBFIZ, SXTW…): rotate right by
 * immr, keep bits imms..0 (or, when imms < immr, move them up).
 */
function bitfieldValue(source: Sym, op: Extract<AArch64Op, { kind: 'bitfield' }>): Sym {
  const { immr, imms, signExtended } = op;
  const width = op.rd.width;
  let value: bigint;
  if (imms >= immr) {
    const fieldWidth = imms - immr + 1;
    const field = truncate(source.value >> BigInt(immr), fieldWidth);
    value = signExtended ? truncate(signExtend(field, fieldWidth), width) : field;
  } else {
    const fieldWidth = imms + 1;
    const field = truncate(source.value, fieldWidth);
    const positioned = field << BigInt(width - immr);
    value = signExtended ? truncate(signExtend(positioned, width - immr + fieldWidth), width) : truncate(positioned, width);
  }
  return derived(value, source);
}
