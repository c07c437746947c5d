// The program grid: turning cell tokens into instruction cells (labels split
// off, exact positions kept) and rows into per-thread code.

import type { IToken } from 'chevrotain';
import type { Diagnostic, SourcePos } from '../errors.js';
import type { InstructionCell, ThreadCode } from './ast.js';

export interface GridRow {
  /** One entry per '|'-separated cell; null for an empty cell. */
  cells: (InstructionCell | null)[];
  pos: SourcePos;
}

const LEADING_LABEL = /^([A-Za-z_.][\w.]*)[ \t]*:[ \t]*/;
const THREAD_HEADER = /^P(\d+)$/;

/** A cell from its text tokens (several when comments split it); null when empty. */
export function cellFromTokens(parts: IToken[]): InstructionCell | null {
  if (parts.length === 0) return null;
  const labels: string[] = [];
  let firstText = parts[0]!;
  let text = firstText.image;
  let column = firstText.startColumn ?? 0;
  for (let match = LEADING_LABEL.exec(text); match; match = LEADING_LABEL.exec(text)) {
    labels.push(match[1]!);
    text = text.slice(match[0].length);
    column += match[0].length;
  }
  text = text.trimEnd();
  const rest = parts.slice(1).map((part) => part.image.trim());
  if (text === '' && rest.length > 0) {
    // The labels filled the first piece: the instruction starts at the next one.
    firstText = parts[1]!;
    column = firstText.startColumn ?? 0;
  }
  const fullText = [text, ...rest].filter((piece) => piece !== '').join(' ');
  const labelOnly = fullText === '' && labels.length > 0;
  const start = labelOnly ? parts[0]! : firstText;
  return {
    labels,
    text: fullText,
    pos: { line: start.startLine ?? 0, column: labelOnly ? (start.startColumn ?? 0) : column },
  };
}

/** Threads a test may have. */
export const MAX_THREADS = 64;
/**
 * Instructions a test may have, all threads together: an execution has an
 * event per access, and the model's work grows with the cube of the events
 * (herd7's tests have tens of instructions; a thousand already takes minutes).
 */
export const MAX_INSTRUCTIONS = 2000;

/** Checks the header row (P0 | P1 | …) and distributes the rows' cells to threads. */
export function threadsFromGrid(header: GridRow, rows: GridRow[], problems: Diagnostic[]): ThreadCode[] {
  if (header.cells.length > MAX_THREADS) {
    problems.push({ pos: header.pos, message: `${header.cells.length} threads, over the limit of ${MAX_THREADS}` });
    return [];
  }
  const threads: ThreadCode[] = header.cells.map((cell, index) => {
    const pos = cell?.pos ?? header.pos;
    const name = cell ? [...cell.labels.map((l) => `${l}:`), cell.text].join(' ') : '';
    const match = THREAD_HEADER.exec(name);
    if (!match) {
      problems.push({
        pos,
        message: name === ''
          ? `missing thread header: expected P${index}`
          : `expected thread header P${index}, found '${name}'`,
      });
    } else if (Number(match[1]) !== index) {
      problems.push({ pos, message: `thread header ${name} out of order: expected P${index}` });
    }
    return { id: index, name: name || `P${index}`, pos, cells: [] };
  });
  for (const row of rows) {
    if (row.cells.length !== threads.length) {
      const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
      problems.push({
        pos: row.pos,
        message: `row has ${plural(row.cells.length, 'cell')} but there ${threads.length === 1 ? 'is' : 'are'} ${plural(threads.length, 'thread')}`,
      });
    }
    row.cells.forEach((cell, index) => {
      if (cell) threads[index]?.cells.push(cell);
    });
  }
  const instructions = threads.reduce((total, t) => total + t.cells.filter((c) => c.text !== '').length, 0);
  if (instructions > MAX_INSTRUCTIONS) {
    const first = rows.find((row) => row.cells.some((c) => c && c.text !== ''));
    problems.push({ pos: first?.pos ?? header.pos, message: `${instructions} instructions, over the limit of ${MAX_INSTRUCTIONS} for a test` });
  }
  return threads;
}
