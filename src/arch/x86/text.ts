// Splitting an instruction cell into words and operands while remembering
// where each piece starts, so errors point at the operand at fault.

import { failAt, type SourcePos } from '../../errors.js';

/** A trimmed piece of a cell's text and the offset where it starts. */
export interface Piece {
  text: string;
  offset: number;
}

/** The position `offset` characters into a cell. */
export function positionAt(cell: SourcePos, offset: number): SourcePos {
  return { line: cell.line, column: cell.column + offset };
}

function trimmed(text: string, offset: number): Piece {
  const lead = text.length - text.trimStart().length;
  return { text: text.trim(), offset: offset + lead };
}

/** The first whitespace-delimited word of `piece` and what follows it. */
export function splitWord(piece: Piece): { word: Piece; rest: Piece } {
  const match = /^\S+/.exec(piece.text);
  const length = match ? match[0].length : 0;
  return {
    word: { text: piece.text.slice(0, length), offset: piece.offset },
    rest: trimmed(piece.text.slice(length), piece.offset + length),
  };
}

/**
 * The mnemonic of an instruction cell, after an optional LOCK prefix (written
 * `LOCK ADD …` or, as older tests do, `LOCK; ADD …`). Throws a located
 * LitmusError when the prefix stands alone.
 */
export function mnemonicAfterLock(cell: { text: string; pos: SourcePos }, prefix: string): { locked: boolean; word: Piece; rest: Piece } {
  let { word, rest } = splitWord({ text: cell.text, offset: 0 });
  const lock = /^lock(;?)$/i.exec(word.text);
  if (lock) {
    if (lock[1] === '' && rest.text.startsWith(';')) rest = trimmed(rest.text.slice(1), rest.offset + 1);
    ({ word, rest } = splitWord(rest));
    if (word.text === '') failAt(cell.pos, `${prefix} must be followed by an instruction`);
  }
  return { locked: lock !== null, word, rest };
}

/** Comma-separated operands, ignoring commas inside brackets or parentheses. */
export function splitOperands(piece: Piece): Piece[] {
  if (piece.text === '') return [];
  const pieces: Piece[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i <= piece.text.length; i++) {
    const c = piece.text[i];
    if (c === '[' || c === '(') depth++;
    else if (c === ']' || c === ')') depth--;
    else if (i === piece.text.length || (c === ',' && depth === 0)) {
      pieces.push(trimmed(piece.text.slice(start, i), piece.offset + start));
      start = i + 1;
    }
  }
  return pieces;
}

/** A decimal or 0x-hexadecimal integer, optionally negative; undefined otherwise. */
export function parseInteger(text: string): bigint | undefined {
  const match = /^([+-]?)(0x[0-9a-f]+|\d+)$/i.exec(text.trim());
  if (!match) return undefined;
  const magnitude = BigInt(match[2]);
  return match[1] === '-' ? -magnitude : magnitude;
}

export const IDENTIFIER = /^[A-Za-z_][\w.]*$/;
