// Register-to-register instructions: moves, arithmetic, logic, shifts,
// multiplies, bitfield moves, byte reversal and conditional selects. Every
// result depends on all of its inputs, even when the arithmetic cancels
// (EOR W2,W0,W0 still depends on W0), as herd's register dataflow does.

import { failAt } from '../../errors.js';
import { derived, picked, sym, type Sym, type ThreadContext } from '../../exec/types.js';
import { mask, reverseBits, reverseBytes, signed, signExtend, truncate } from './bits.js';
import type { Builder, Semantics } from './builder.js';
import {
  addWithCarry, type Condition, evaluateCondition, invert, logicalFlags, parseCondition, setFlags, subtractWithFlags,
} from './flags.js';
import { expectCount, expectRegister, isImmediate, type Operand, parseImmediate, parseModifier } from './operands.js';
import { readRegister, type Register, resized, writeRegister } from './registers.js';
import { parseOperand2, shift, type ValueSource } from './shifts.js';

const XZR: Register = { name: 'XZR', width: 64, zero: true };

function zeroRegister(width: 32 | 64): Register {
  return resized(XZR, width);
}

function semantics(execute: (ctx: ThreadContext) => void): Semantics {
  return { execute };
}

/** MOV Rd, Rm | MOV Rd, #imm. */
export const mov: Builder = (ops, m) => {
  expectCount(ops, 2, m, 'a destination and a register or immediate, e.g. MOV W0,#1');
  const rd = expectRegister(ops[0], 'any');
  if (isImmediate(ops[1])) {
    const value = truncate(parseImmediate(ops[1]), rd.width);
    return semantics((ctx) => writeRegister(ctx, rd, sym(value)));
  }
  const rm = expectRegister(ops[1], 'any');
  if (rm.width !== rd.width) failAt(ops[1].pos, `MOV needs registers of the same width, found ${ops[0].text} and ${ops[1].text}`);
  return semantics((ctx) => writeRegister(ctx, rd, readRegister(ctx, rm)));
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
    const amount = BigInt(modifier?.amount ?? 0);
    const field = imm << amount;
    return semantics((ctx) => {
      if (kind === 'Z') return writeRegister(ctx, rd, sym(field));
      if (kind === 'N') return writeRegister(ctx, rd, sym(truncate(~field, rd.width)));
      const old = readRegister(ctx, rd);
      writeRegister(ctx, rd, derived((old.value & ~(0xffffn << amount)) | field, old));
    });
  };
}

export const movz = moveWide('Z');
export const movn = moveWide('N');
export const movk = moveWide('K');

type BinaryOp = (a: bigint, b: bigint, width: number) => { result: bigint; nzcv?: bigint };

const ARITHMETIC: Record<string, BinaryOp> = {
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

function runBinary(op: BinaryOp, rd: Register, rn: Register, operand2: ValueSource): Semantics {
  return semantics((ctx) => {
    const a = readRegister(ctx, rn);
    const b = operand2(ctx);
    const { result, nzcv } = op(a.value, b.value, rd.width);
    if (nzcv !== undefined) setFlags(ctx, nzcv, a, b);
    writeRegister(ctx, rd, derived(result, a, b));
  });
}

/** ADD/SUB/AND/ORR/EOR/… Rd, Rn, operand2 (register, shifted register or immediate). */
export function binary(name: string): Builder {
  const op = ARITHMETIC[name];
  return (ops, m) => {
    if (ops.length < 3) expectCount(ops, 3, m, `a destination, a register and an operand, e.g. ${name} W0,W1,#1`);
    const rd = expectRegister(ops[0], 'any');
    const rn = expectRegister(ops[1], 'any');
    return runBinary(op, rd, rn, parseOperand2(ops, 2, rd.width));
  };
}

/** CMP/CMN/TST Rn, operand2: the flag-setting form with the result discarded. */
export function compare(name: 'SUBS' | 'ADDS' | 'ANDS'): Builder {
  const op = ARITHMETIC[name];
  return (ops, m) => {
    if (ops.length < 2) expectCount(ops, 2, m, 'a register and an operand, e.g. CMP W0,#1');
    const rn = expectRegister(ops[0]);
    return runBinary(op, zeroRegister(rn.width), rn, parseOperand2(ops, 1, rn.width));
  };
}

/** NEG/NEGS/MVN Rd, operand2: SUB/SUBS/ORN with the zero register as first input. */
export function unaryFromZero(name: 'SUB' | 'SUBS' | 'ORN'): Builder {
  const op = ARITHMETIC[name];
  return (ops, m) => {
    if (ops.length < 2) expectCount(ops, 2, m, 'a destination and an operand, e.g. NEG W0,W1');
    const rd = expectRegister(ops[0]);
    return runBinary(op, rd, zeroRegister(rd.width), parseOperand2(ops, 1, rd.width));
  };
}

/** LSL/LSR/ASR/ROR Rd, Rn, #imm | Rm (a register amount counts modulo the width). */
export function shiftInstruction(kind: 'LSL' | 'LSR' | 'ASR' | 'ROR'): Builder {
  return (ops, m) => {
    expectCount(ops, 3, m, `a destination, a register and an amount, e.g. ${kind} X0,X1,#2`);
    const rd = expectRegister(ops[0]);
    const rn = expectRegister(ops[1]);
    const amount: ValueSource = isImmediate(ops[2])
      ? constant(parseImmediate(ops[2]), ops[2], rd.width)
      : registerSource(expectRegister(ops[2]));
    return semantics((ctx) => {
      const a = readRegister(ctx, rn);
      const k = amount(ctx);
      writeRegister(ctx, rd, derived(shift(a.value, kind, Number(k.value % BigInt(rd.width)), rd.width), a, k));
    });
  };
}

function constant(value: bigint, op: Operand, width: number): ValueSource {
  if (value < 0n || value >= BigInt(width)) failAt(op.pos, `shift amount must be between 0 and ${width - 1}`);
  return () => sym(value);
}

function registerSource(r: Register): ValueSource {
  return (ctx) => readRegister(ctx, r);
}

/** MUL/MNEG Rd,Rn,Rm and MADD/MSUB Rd,Rn,Rm,Ra. */
export function multiply(kind: 'MUL' | 'MNEG' | 'MADD' | 'MSUB'): Builder {
  const accumulates = kind === 'MADD' || kind === 'MSUB';
  return (ops, m) => {
    expectCount(ops, accumulates ? 4 : 3, m, accumulates ? `four registers, e.g. ${kind} X0,X1,X2,X3` : `three registers, e.g. ${kind} X0,X1,X2`);
    const [rd, rn, rm] = ops.slice(0, 3).map((o) => expectRegister(o));
    const ra = accumulates ? expectRegister(ops[3]) : zeroRegister(rd.width);
    const negate = kind === 'MNEG' || kind === 'MSUB';
    return semantics((ctx) => {
      const a = readRegister(ctx, rn);
      const b = readRegister(ctx, rm);
      const acc = readRegister(ctx, ra);
      const product = a.value * b.value;
      writeRegister(ctx, rd, derived(truncate(negate ? acc.value - product : acc.value + product, rd.width), a, b, acc));
    });
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
    const negate = kind === 'NEGL' || kind === 'SUBL';
    const widen = (v: bigint): bigint => (signedInputs ? signed(v, 32) : v);
    return semantics((ctx) => {
      const a = readRegister(ctx, rn);
      const b = readRegister(ctx, rm);
      const acc = readRegister(ctx, ra);
      const product = widen(a.value) * widen(b.value);
      writeRegister(ctx, rd, derived(truncate(negate ? acc.value - product : acc.value + product, 64), a, b, acc));
    });
  };
}

/** SDIV/UDIV Rd,Rn,Rm: division by zero gives 0, as the architecture says. */
export function divide(signedInputs: boolean): Builder {
  return (ops, m) => {
    expectCount(ops, 3, m, 'three registers, e.g. UDIV X0,X1,X2');
    const [rd, rn, rm] = ops.map((o) => expectRegister(o));
    return semantics((ctx) => {
      const a = readRegister(ctx, rn);
      const b = readRegister(ctx, rm);
      const x = signedInputs ? signed(a.value, rd.width) : a.value;
      const y = signedInputs ? signed(b.value, rd.width) : b.value;
      writeRegister(ctx, rd, derived(y === 0n ? 0n : truncate(x / y, rd.width), a, b));
    });
  };
}

type SelectOp = (v: bigint, width: number) => bigint;

const SELECT_OPS: Record<'CSEL' | 'CSINC' | 'CSINV' | 'CSNEG', SelectOp> = {
  CSEL: (v) => v,
  CSINC: (v, w) => truncate(v + 1n, w),
  CSINV: (v, w) => truncate(~v, w),
  CSNEG: (v, w) => truncate(-v, w),
};

/**
 * Rd = cond ? Rn : op(Rm). The result carries the chosen input's
 * dependencies as ordinary ones and the flags' as a pick dependency.
 */
function select(rd: Register, rn: Register, rm: Register, cond: Condition, op: SelectOp): Semantics {
  return semantics((ctx) => {
    const condition = evaluateCondition(ctx, cond);
    const chosen: Sym = condition.value !== 0n
      ? readRegister(ctx, rn)
      : ((r) => derived(op(r.value, rd.width), r))(readRegister(ctx, rm));
    writeRegister(ctx, rd, picked(chosen, condition));
  });
}

/** CSEL/CSINC/CSINV/CSNEG Rd, Rn, Rm, cond. */
export function conditionalSelect(name: keyof typeof SELECT_OPS): Builder {
  return (ops, m) => {
    expectCount(ops, 4, m, `three registers and a condition, e.g. ${name} W0,W1,W2,EQ`);
    const [rd, rn, rm] = ops.slice(0, 3).map((o) => expectRegister(o));
    return select(rd, rn, rm, parseCondition(ops[3]), SELECT_OPS[name]);
  };
}

/** CSET/CSETM Rd, cond = CSINC/CSINV Rd, ZR, ZR, invert(cond). */
export function conditionalSet(name: 'CSINC' | 'CSINV'): Builder {
  return (ops, m) => {
    expectCount(ops, 2, m, 'a register and a condition, e.g. CSET W0,EQ');
    const rd = expectRegister(ops[0]);
    const zr = zeroRegister(rd.width);
    return select(rd, zr, zr, invert(parseCondition(ops[1])), SELECT_OPS[name]);
  };
}

/** CINC/CINV/CNEG Rd, Rn, cond = CSINC/CSINV/CSNEG Rd, Rn, Rn, invert(cond). */
export function conditionalUnary(name: 'CSINC' | 'CSINV' | 'CSNEG'): Builder {
  return (ops, m) => {
    expectCount(ops, 3, m, 'two registers and a condition, e.g. CINC W0,W1,EQ');
    const rd = expectRegister(ops[0]);
    const rn = expectRegister(ops[1]);
    return select(rd, rn, rn, invert(parseCondition(ops[2])), SELECT_OPS[name]);
  };
}

/**
 * UBFM/SBFM Rd, Rn, #immr, #imms (and through them UBFX, SBFX, UBFIZ, SXTW…):
 * rotate right by immr, keep bits imms..0 (or, when imms < immr, move them up).
 */
function bitfieldMove(rd: Register, rn: Register, immr: number, imms: number, signExtended: boolean): Semantics {
  const width = rd.width;
  return semantics((ctx) => {
    const source = readRegister(ctx, rn);
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
    writeRegister(ctx, rd, derived(value, source));
  });
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
export function unary(transform: (value: bigint, width: number) => bigint): Builder {
  return (ops, m) => {
    expectCount(ops, 2, m, 'two registers, e.g. REV X0,X1');
    const rd = expectRegister(ops[0]);
    const rn = resized(expectRegister(ops[1]), rd.width);
    return semantics((ctx) => {
      const a = readRegister(ctx, rn);
      writeRegister(ctx, rd, derived(transform(a.value, rd.width), a));
    });
  };
}

export const UNARY_TRANSFORMS = {
  REV: (v: bigint, w: number) => reverseBytes(v, w, w),
  REV16: (v: bigint, w: number) => reverseBytes(v, 16, w),
  REV32: (v: bigint, w: number) => reverseBytes(v, 32, w),
  REV64: (v: bigint, w: number) => reverseBytes(v, 64, w),
  RBIT: (v: bigint, w: number) => reverseBits(v, w),
  ABS: (v: bigint, w: number) => truncate(signed(v, w) < 0n ? -v : v, w),
};
