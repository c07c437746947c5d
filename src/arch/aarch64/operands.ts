// Splits an instruction cell into its mnemonic and operands, keeping each
// operand's column so errors point at the bad part, and parses the operand
// kinds AArch64 assembly uses: registers, immediates, labels, conditions,
// shift/extend modifiers and memory addresses.

import { failAt, type SourcePos } from '../../errors.js';
import type { InstructionCell } from '../../syntax/ast.js';
import { parseRegister, type Register } from './registers.js';

export interface Operand {
  readonly text: string;
  readonly pos: SourcePos;
}

export interface SplitInstruction {
  mnemonic: Operand;
  operands: Operand[];
}

function at(base: SourcePos, offset: number): SourcePos {
  return { line: base.line, column: base.column + offset };
}

/** Split text at the commas that are not inside brackets, trimming each piece. */
export function splitTopLevel(text: string, start: SourcePos, offset = 0): Operand[] {
  const pieces: Operand[] = [];
  let depth = 0;
  let from = 0;
  const push = (end: number): void => {
    const raw = text.slice(from, end);
    const lead = raw.length - raw.trimStart().length;
    pieces.push({ text: raw.trim(), pos: at(start, offset + from + lead) });
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 0) {
      push(i);
      from = i + 1;
    }
  }
  push(text.length);
  return pieces;
}

/**
 * The mnemonic and operands of a cell, each with its position. Throws a
 * LitmusError for an empty cell or an empty operand.
 */
export function splitInstruction(cell: InstructionCell): SplitInstruction {
  const text = cell.text;
  const match = /^\S+/.exec(text);
  if (!match) failAt(cell.pos, 'expected an AArch64 instruction');
  const mnemonic = { text: match[0], pos: cell.pos };
  const rest = text.slice(match[0].length);
  if (rest.trim() === '') return { mnemonic, operands: [] };
  const operands = splitTopLevel(rest, cell.pos, match[0].length);
  for (const op of operands) if (op.text === '') failAt(op.pos, 'missing operand');
  return { mnemonic, operands };
}

const IMMEDIATE = /^#?\s*([+-]?)\s*(0x[0-9a-f]+|\d+)$/i;

/** Whether `op` is an immediate (`#1`, `#-8`, `#0x10`, or without `#`). */
export function isImmediate(op: Operand): boolean {
  return IMMEDIATE.test(op.text);
}

/** `#12`, `#-8`, `#0x10`, or the same without `#` (herd accepts both). */
export function parseImmediate(op: Operand): bigint {
  const m = IMMEDIATE.exec(op.text);
  if (!m) failAt(op.pos, `expected an immediate such as #1, found '${op.text}'`);
  const magnitude = BigInt(m[2]);
  return m[1] === '-' ? -magnitude : magnitude;
}

/**
 * The register `op` names (W/X registers, XZR/WZR; SP only when `allowed` is
 * 'any'; symbolic `%name`). Throws a LitmusError at `op` otherwise.
 */
export function expectRegister(op: Operand, allowed: 'any' | 'general' = 'general'): Register {
  const r = parseRegister(op.text);
  if (!r || (allowed === 'general' && r.name === 'SP')) failAt(op.pos, `expected a register such as W0 or X0, found '${op.text}'`);
  return r;
}

/** A label (`L0`, `.text`) or a target relative to the branch in bytes (`.+8`, `.-4`). */
const LABEL = /^(?:[A-Za-z_.][A-Za-z0-9_.]*|\.[+-]\d+)$/;

/**
 * The branch target `op` names: a label or a byte offset (`.+8`). Throws a
 * LitmusError at `op` otherwise.
 */
export function expectLabel(op: Operand): string {
  if (!LABEL.test(op.text)) failAt(op.pos, `expected a label, found '${op.text}'`);
  return op.text;
}

export type ShiftKind = 'LSL' | 'LSR' | 'ASR' | 'ROR';
export type ExtendKind = 'UXTB' | 'UXTH' | 'UXTW' | 'UXTX' | 'SXTB' | 'SXTH' | 'SXTW' | 'SXTX';

/** A register modifier: `LSL #2`, `ASR 3`, `SXTW`, `UXTB #1`. */
export type Modifier =
  | { kind: 'shift'; shift: ShiftKind; amount: number }
  | { kind: 'extend'; extend: ExtendKind; amount: number };

const MODIFIER = /^(LSL|LSR|ASR|ROR|UXTB|UXTH|UXTW|UXTX|SXTB|SXTH|SXTW|SXTX)(?:\s*(#\s*\d+)|\s+(\d+))?$/i;

/**
 * A shift (`LSL #2`) or extension (`SXTW`, `UXTB #1`) operand. Throws a
 * LitmusError at `op` for anything else or an amount out of range.
 */
export function parseModifier(op: Operand): Modifier {
  const m = MODIFIER.exec(op.text);
  if (!m) failAt(op.pos, `expected a shift (LSL #n) or an extension (SXTW), found '${op.text}'`);
  const name = m[1].toUpperCase();
  const amountText = (m[2] ?? m[3])?.replace(/[#\s]/g, '');
  const amount = amountText === undefined ? 0 : Number(amountText);
  if (name === 'LSL' || name === 'LSR' || name === 'ASR' || name === 'ROR') {
    if (amountText === undefined) failAt(op.pos, `the shift '${name}' needs an amount, e.g. ${name} #2`);
    if (amount > 63) failAt(op.pos, `shift amount ${amount} is larger than 63`);
    return { kind: 'shift', shift: name, amount };
  }
  if (amount > 4) failAt(op.pos, `extension shift ${amount} is larger than 4`);
  return { kind: 'extend', extend: name as ExtendKind, amount };
}

/** Where a memory operand's address comes from, and how the base is updated. */
export interface MemoryOperand {
  base: Register;
  offset:
    | { kind: 'none' }
    | { kind: 'immediate'; value: bigint }
    | { kind: 'register'; index: Register; modifier?: Modifier };
  /** 'pre': `[Xn,#i]!` writes the address back; 'post': `[Xn],#i` accesses Xn then adds i. */
  writeback: 'none' | 'pre' | 'post';
  postIncrement: bigint;
}

/**
 * Parse the memory operand at `operands[index]`; a following `#imm` is a
 * post-index increment and is consumed. Returns the operand and the index
 * after it.
 */
export function parseMemory(operands: readonly Operand[], index: number): [MemoryOperand, number] {
  const op = operands[index];
  if (!op) failAt(operands[index - 1]?.pos ?? { line: 1, column: 1 }, 'missing memory operand [Xn]');
  const m = /^\[(.*)\](\s*!)?$/.exec(op.text);
  if (!m) failAt(op.pos, `expected a memory operand such as [X1], found '${op.text}'`);
  const inner = splitTopLevel(m[1], op.pos, 1);
  if (inner.some((p) => p.text === '')) failAt(op.pos, `malformed memory operand '${op.text}'`);
  const base = expectRegister(inner[0], 'any');
  if (base.width !== 64 || base.zero) failAt(inner[0].pos, `the base of an address must be an X register or SP, found '${inner[0].text}'`);
  let offset: MemoryOperand['offset'] = { kind: 'none' };
  if (inner.length >= 2) {
    if (isImmediate(inner[1])) {
      if (inner.length > 2) failAt(inner[2].pos, `unexpected '${inner[2].text}' after an immediate offset`);
      offset = { kind: 'immediate', value: parseImmediate(inner[1]) };
    } else {
      const indexReg = expectRegister(inner[1]);
      const modifier = inner[2] ? parseModifier(inner[2]) : undefined;
      if (inner.length > 3) failAt(inner[3].pos, `unexpected '${inner[3].text}' in a memory operand`);
      if (indexReg.width === 32 && modifier?.kind !== 'extend') {
        failAt(inner[1].pos, `a W index register needs an extension, e.g. [Xn,${inner[1].text},SXTW]`);
      }
      if (modifier?.kind === 'shift' && modifier.shift !== 'LSL') failAt(inner[2].pos, 'only LSL may shift an index register');
      offset = { kind: 'register', index: indexReg, modifier };
    }
  }
  let writeback: MemoryOperand['writeback'] = m[2] ? 'pre' : 'none';
  let postIncrement = 0n;
  let next = index + 1;
  if (writeback === 'pre' && offset.kind !== 'immediate') failAt(op.pos, 'pre-indexing [Xn,#imm]! needs an immediate offset');
  const after = operands[next];
  if (after && isImmediate(after)) {
    if (writeback === 'pre' || offset.kind !== 'none') failAt(after.pos, 'post-indexing is written [Xn],#imm');
    writeback = 'post';
    postIncrement = parseImmediate(after);
    next++;
  }
  return [{ base, offset, writeback, postIncrement }, next];
}

/**
 * Checks that `operands` has `count` entries; otherwise throws a LitmusError
 * saying that the mnemonic takes `form`.
 */
export function expectCount(operands: readonly Operand[], count: number, mnemonic: Operand, form: string): void {
  if (operands.length === count) return;
  const pos = operands.length > count ? operands[count].pos : mnemonic.pos;
  failAt(pos, `${mnemonic.text.toUpperCase()} takes ${form}`);
}
