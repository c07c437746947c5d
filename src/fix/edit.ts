// Changes to a test's text, made where the test writes them: a barrier as a
// row of its own just before an instruction, an instruction's text
// replaced. The rest of the file stays byte for byte, so that a repair reads
// as a small diff of the user's own file. Rows keep the grid's columns
// where the line shows them.

import type { LitmusTest } from '../syntax/ast.js';
import { applyCEdits, hasCCode } from './edit-c.js';

export { type Edit, EditError } from './edit-types.js';
import { type Edit, EditError } from './edit-types.js';

/**
 * `source` (the text `test` was read from) with `edits` made. Throws
 * EditError when a cell's text is not found where the test says it is.
 */
export function applyEdits(source: string, test: LitmusTest, edits: readonly Edit[]): string {
  if (hasCCode(test)) return applyCEdits(source, test, edits);
  const lines = source.split('\n');
  const threadCount = test.threads.length;
  const byLine = new Map<number, Edit[]>();
  for (const edit of edits) {
    const cell = test.threads[edit.thread]?.cells[edit.cell];
    if (!cell) throw new EditError(`no cell ${edit.cell} in thread ${edit.thread}`);
    const at = cell.pos.line - 1;
    byLine.set(at, [...(byLine.get(at) ?? []), edit]);
  }
  // From the bottom up, so that the lines above keep their numbers.
  for (const at of [...byLine.keys()].sort((a, b) => b - a)) {
    const here = byLine.get(at)!;
    const original = lines[at];
    let line = original;
    // Rows to insert, in the edits' order; several for one thread stack up (a barrier, then an x86 MOV before its XCHG).
    // Labels move first, while the line still has its columns: the cell's labels go onto the first row inserted
    // before it, so that every jump to it passes the new rows.
    const inserts = here.filter((e) => e.kind === 'insert');
    const columns: string[][] = Array.from({ length: threadCount }, () => []);
    for (const edit of inserts) {
      const cell = test.threads[edit.thread].cells[edit.cell];
      if (!firstRowOfLine(original, cell.pos.column - 1)) throw new EditError(`line ${cell.pos.line} holds several rows: no row can go just before the cell`);
      const column = columns[edit.thread];
      const labels = column.length === 0 ? cell.labels.map((l) => `${l}: `).join('') : '';
      column.push(labels + edit.text);
      if (labels !== '') line = withoutLabels(line, cell.pos.column - 1, cell.labels);
    }
    const replacements = here.filter((e) => e.kind === 'replace').sort((a, b) => column(test, b) - column(test, a));
    let removed = false;
    for (const edit of replacements) {
      const cell = test.threads[edit.thread].cells[edit.cell];
      const start = cell.pos.column - 1;
      if (line.slice(start, start + cell.text.length) !== cell.text) throw new EditError(`'${cell.text}' is not written in one piece at line ${cell.pos.line}`);
      line = replaceKeepingColumns(line, start, cell.text.length, edit.text);
      removed ||= edit.text === '';
    }
    const depth = Math.max(0, ...columns.map((c) => c.length));
    const ending = original.endsWith('\r') ? '\r' : ''; // a file with CRLF lines keeps them
    const rows = Array.from({ length: depth }, (_, i) => newRow(original, columns.map((c) => c[i] ?? '')) + ending);
    const empty = removed && /^[\s|;]*$/.test(line);
    const replacement = [...rows, ...(empty ? [] : [line])];
    lines.splice(at, 1, ...replacement);
  }
  return lines.join('\n');
}

function column(test: LitmusTest, edit: Edit): number {
  return test.threads[edit.thread].cells[edit.cell].pos.column;
}

/**
 * `line` with `length` characters at `start` replaced by `text`, keeping the
 * columns after it where they were: a longer text takes spaces from the
 * first gap after it wide enough to give them (one space always stays), a
 * shorter one widens the gap just after it. '' blanks the text out.
 */
function replaceKeepingColumns(line: string, start: number, length: number, text: string): string {
  const before = line.slice(0, start);
  const after = line.slice(start + length);
  if (text === '') return before + ' '.repeat(length) + after;
  const growth = text.length - length;
  if (growth <= 0) return before + text + (/^\s*$/.test(after) ? after.trimEnd() : ' '.repeat(-growth) + after);
  const gap = new RegExp(` {${growth + 1},}`).exec(after);
  if (!gap) return before + text + after;
  return before + text + after.slice(0, gap.index) + gap[0].slice(growth) + after.slice(gap.index + gap[0].length);
}

/** `line` without the labels written before the instruction at `start` (they move to the inserted row). */
function withoutLabels(line: string, start: number, labels: readonly string[]): string {
  const before = line.slice(0, start);
  const pattern = new RegExp(`(${labels.map((l) => l.replace(/[.]/g, '\\.')).join('|')})\\s*:\\s*$`);
  let cut = before;
  for (let match = pattern.exec(cut); match; match = pattern.exec(cut)) cut = cut.slice(0, match.index);
  return cut + ' '.repeat(before.length - cut.length) + line.slice(start);
}

/** Whether the text at `start` belongs to the first grid row written on `line` (no row-ending ';' before it, outside comments). */
function firstRowOfLine(line: string, start: number): boolean {
  for (let i = 0; i < start; i++) {
    if (line.startsWith('(*', i)) {
      const end = line.indexOf('*)', i + 2);
      if (end < 0 || end >= start) return true;
      i = end + 1;
    } else if (line[i] === ';') return false;
  }
  return true;
}

/** The column separators of a grid row ('|' and the closing ';', outside comments), or undefined when it has not one per thread. */
function separators(line: string, threadCount: number): number[] | undefined {
  const found: number[] = [];
  for (let i = 0; i < line.length; i++) {
    if (line.startsWith('(*', i)) {
      const end = line.indexOf('*)', i + 2);
      if (end < 0) return undefined;
      i = end + 1;
    } else if (line[i] === '|' || line[i] === ';') {
      found.push(i);
      if (line[i] === ';') break;
    }
  }
  return found.length === threadCount && line[found[found.length - 1]] === ';' ? found : undefined;
}

/** A row holding `cells` (one per thread, '' for none), laid out on the columns of `model` when it shows them. */
function newRow(model: string, cells: string[]): string {
  const bounds = separators(model, cells.length);
  if (!bounds) return ` ${cells.join(' | ')} ;`.replace(/ {2,}\|/g, ' |');
  let row = '';
  cells.forEach((text, i) => {
    const start = i === 0 ? 0 : bounds[i - 1] + 1;
    const width = bounds[i] - start;
    const content = text === '' ? '' : ` ${text} `; // a space on each side, as the grid's cells have
    row += content.padEnd(width) + (i === cells.length - 1 ? ';' : '|');
  });
  return row;
}
