// From a mnemonic and its operands (destination first, whichever syntax they
// were written in) to an X86Op, checking what each instruction accepts.

import { failAt, type SourcePos } from '../../errors.js';
import { BINARY_OPS, type BinaryOp, UNARY_OPS, type UnaryOp } from './alu.js';
import { CONDITION_TESTS } from './flags.js';
import type { Located, Operand, RegisterOperand, TargetOperand, ValueOperand, Width } from './operands.js';
import type { FenceName, X86Op } from './ops.js';
import type { TestOptions } from '../../exec/types.js';

/** What differs between the Intel (X86) and AT&T (X86_64) dialects. */
export interface Dialect {
  /** The architecture's name in messages: 'X86'. */
  arch: string;
  /** The accumulator CMPXCHG compares with, at an operand width. */
  accumulator(width: Width): RegisterOperand;
  /** Operand size when neither a suffix nor a register fixes it (undefined: an error). */
  defaultWidth?: Width;
}

export interface ParsedInstruction {
  /** Upper case, without LOCK and without an AT&T size suffix. */
  mnemonic: string;
  locked: boolean;
  /** Destination first. */
  operands: Located<Operand>[];
  /** A size suffix (AT&T `movl`). */
  width?: Width;
  /** The mnemonic as written, for messages (`ret`). */
  mnemonicText?: string;
  pos: SourcePos;
}

const FENCES: readonly FenceName[] = ['MFENCE', 'LFENCE', 'SFENCE'];
const LOCKABLE = new Set([...BINARY_OPS, ...UNARY_OPS, 'XADD', 'CMPXCHG', 'XCHG']);
const FIXED = new Set(['MOV', 'CMP', 'TEST', 'XCHG', 'XADD', 'CMPXCHG', 'JMP', 'RET', ...BINARY_OPS, ...UNARY_OPS, ...FENCES]);

/** The condition code of a conditional jump mnemonic ('JNE' → 'NE'), or undefined. */
function jumpCondition(mnemonic: string): string | undefined {
  const cc = mnemonic.startsWith('J') ? mnemonic.slice(1) : '';
  return CONDITION_TESTS.has(cc) ? cc : undefined;
}

/** Whether `mnemonic` (upper case, without suffix) is an x86 instruction litmus knows. */
export function isKnownMnemonic(mnemonic: string): boolean {
  return FIXED.has(mnemonic) || jumpCondition(mnemonic) !== undefined;
}

function describe(operand: Operand): string {
  switch (operand.kind) {
    case 'reg':
      return 'a register';
    case 'imm':
      return `the immediate ${operand.value}`;
    case 'mem':
      return 'a memory operand';
    case 'label':
      return `'${operand.name}'`;
  }
}

function target(op: Located<Operand>): TargetOperand {
  const o = op.operand;
  if (o.kind === 'reg' || o.kind === 'mem') return o;
  return failAt(op.pos, `${describe(o)} cannot be written: expected a register or a memory operand`);
}

function value(op: Located<Operand>): ValueOperand {
  const o = op.operand;
  if (o.kind !== 'label') return o;
  return failAt(op.pos, `'${o.name}' is not an operand: expected a register, an immediate or a memory operand`);
}

function register(op: Located<Operand>): RegisterOperand {
  const o = op.operand;
  if (o.kind === 'reg') return o;
  return failAt(op.pos, `expected a register here, found ${describe(o)}`);
}

function label(op: Located<Operand>): string {
  const o = op.operand;
  if (o.kind === 'label') return o.name;
  return failAt(op.pos, `expected a label to jump to, found ${describe(o)}`);
}

/** Checks and builds one instruction; `options` are the test's (its Variant= line). Throws a located LitmusError. */
export function assemble(parsed: ParsedInstruction, dialect: Dialect, options: TestOptions): X86Op {
  const { mnemonic, operands, pos } = parsed;
  if (!isKnownMnemonic(mnemonic)) failAt(pos, `unknown ${dialect.arch} instruction '${mnemonic}'`);
  if (parsed.locked && !LOCKABLE.has(mnemonic)) failAt(pos, `${mnemonic} cannot take a LOCK prefix`);
  const arity = (n: number): void => {
    if (operands.length !== n) {
      failAt(pos, `${mnemonic} takes ${n} operand${n === 1 ? '' : 's'}, found ${operands.length}`);
    }
  };
  const memoryOperands = operands.filter((o) => o.operand.kind === 'mem');
  if (memoryOperands.length > 1) failAt(memoryOperands[1].pos, `${mnemonic} can have only one memory operand`);
  if (parsed.locked && operands[0]?.operand.kind !== 'mem') {
    failAt(operands[0]?.pos ?? pos, `LOCK ${mnemonic} needs a memory destination`);
  }
  const width = (): Width => operandWidth(parsed, dialect);
  const locked = parsed.locked;

  if ((FENCES as readonly string[]).includes(mnemonic)) {
    arity(0);
    return { kind: 'fence', name: mnemonic as FenceName };
  }
  if (mnemonic === 'RET') {
    arity(0);
    // herd7's Variant=telechat: tests compiled from C, each thread a function that returns.
    if (!options.variants.has('telechat')) {
      failAt(pos, `${parsed.mnemonicText ?? mnemonic} returns from a call, which litmus does not model; with Variant=telechat it ends the thread`);
    }
    return { kind: 'ret' };
  }
  if (mnemonic === 'JMP' || jumpCondition(mnemonic)) {
    arity(1);
    return { kind: 'jump', condition: jumpCondition(mnemonic) ?? null, label: label(operands[0]) };
  }
  if ((UNARY_OPS as readonly string[]).includes(mnemonic)) {
    arity(1);
    return { kind: 'unary', op: mnemonic as UnaryOp, dst: target(operands[0]), width: width(), locked };
  }
  arity(2);
  const [first, second] = operands;
  if ((BINARY_OPS as readonly string[]).includes(mnemonic)) {
    return { kind: 'binary', op: mnemonic as BinaryOp, dst: target(first), src: value(second), width: width(), locked };
  }
  switch (mnemonic) {
    case 'MOV':
      return { kind: 'mov', dst: target(first), src: value(second), width: width() };
    case 'CMP':
    case 'TEST':
      return { kind: 'compare', op: mnemonic === 'CMP' ? 'SUB' : 'AND', left: value(first), right: value(second), width: width() };
    case 'XADD':
      return { kind: 'xadd', dst: target(first), src: register(second), width: width(), locked };
    case 'CMPXCHG': {
      const w = width();
      return { kind: 'cmpxchg', dst: target(first), src: register(second), accumulator: dialect.accumulator(w), width: w, locked };
    }
    case 'XCHG': {
      const a = target(first);
      const b = target(second);
      if (a.kind === 'mem') return { kind: 'xchg', memory: a, register: register(second), width: width() };
      if (b.kind === 'mem') return { kind: 'xchg', memory: b, register: a, width: width() };
      return { kind: 'swap', first: a, second: b };
    }
  }
  return failAt(pos, `unknown ${dialect.arch} instruction '${mnemonic}'`);
}

/** The operand size: a suffix, else the registers' size (which must agree), else the dialect's default. */
function operandWidth(parsed: ParsedInstruction, dialect: Dialect): Width {
  let width = parsed.width;
  for (const { operand, pos } of parsed.operands) {
    if (operand.kind !== 'reg') continue;
    if (width !== undefined && operand.width !== width) {
      failAt(pos, `this register is ${operand.width}-bit but the instruction works on ${width} bits`);
    }
    width = operand.width;
  }
  return width ?? dialect.defaultWidth ?? failAt(parsed.pos, `the operand size of ${parsed.mnemonic} is unknown: add a size suffix (b, w, l or q)`);
}
