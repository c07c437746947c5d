// Changes to a C test's text (its threads are functions, not a grid): a
// statement just before a statement (on a line of its own, indented as the
// statement, when that starts its line), or a statement's text replaced
// where it is written. The rest of the file stays byte for byte. An edit
// that would change what the program does besides is refused with
// EditError, and the move is not offered: a statement put before, or taken
// from, the body of an `if`, `else` or `while` written without braces
// (the front end marks such a statement `alone`).

import type { InstructionCell, LitmusTest } from '../syntax/ast.js';
import { type Edit, EditError } from './edit-types.js';

/** Whether `test` is a C test: its cells carry C steps (syntax/c/lower.ts). */
export function hasCCode(test: LitmusTest): boolean {
  return test.threads.some((thread) => thread.cells.some((cell) => cell.c !== undefined));
}

/** What may stand before a statement on its line for a new line to go above it: indentation, and a declaration's type (`int `, `atomic_int *`). */
const LINE_START = /^\s*(?:[A-Za-z_]\w*\s+)*\**\s*$/;
/** What may stand before a statement for another to go just before it on the same line: the end of a statement or the start of a block. */
const AFTER_STATEMENT = /[;{}]\s*$/;

/**
 * `source` (the text the C test `test` was read from) with `edits` made.
 * Throws EditError when a statement is not written where the test says, or
 * an edit would change more than it says.
 */
export function applyCEdits(source: string, test: LitmusTest, edits: readonly Edit[]): string {
  const lines = source.split('\n');
  // From the bottom up and right to left, so that the places above keep their lines and columns.
  const ordered = edits.map((edit, order) => ({ edit, order, cell: cellOf(test, edit) }))
    .sort((a, b) => b.cell.pos.line - a.cell.pos.line || b.cell.pos.column - a.cell.pos.column || b.order - a.order);
  const above = new Map<number, string[]>();
  for (const { edit, cell } of ordered) {
    const at = cell.pos.line - 1;
    const start = cell.pos.column - 1;
    if (cell.alone && (edit.kind === 'insert' || edit.text === '')) {
      throw new EditError(`the statement at line ${cell.pos.line} is the whole body of a statement written without braces`);
    }
    if (edit.kind === 'replace') {
      replaceStatement(lines, at, start, cell, edit.text);
      continue;
    }
    const before = lines[at].slice(0, start);
    if (LINE_START.test(before)) above.set(at, [edit.text, ...(above.get(at) ?? [])]);
    else if (AFTER_STATEMENT.test(before)) lines[at] = `${before}${edit.text} ${lines[at].slice(start)}`;
    else throw new EditError(`line ${cell.pos.line}: no statement can go just before '${cell.text}'`);
  }
  for (const at of [...above.keys()].sort((a, b) => b - a)) {
    const indent = /^\s*/.exec(lines[at])![0];
    const ending = lines[at].endsWith('\r') ? '\r' : '';
    lines.splice(at, 0, ...above.get(at)!.map((text) => indent + text + ending));
  }
  return lines.join('\n');
}

function cellOf(test: LitmusTest, edit: Edit): InstructionCell {
  const cell = test.threads[edit.thread]?.cells[edit.cell];
  if (!cell) throw new EditError(`no cell ${edit.cell} in thread ${edit.thread}`);
  return cell;
}

/**
 * Replaces the statement written from line `at`, column `start` with `text`.
 * The cell's text has its spaces squeezed: the statement may run over
 * several lines, which the new text then takes on one ('' removes it, and
 * its line with it when nothing else is left there).
 */
function replaceStatement(lines: string[], at: number, start: number, cell: InstructionCell, text: string): void {
  // The smallest stretch from the statement's start whose squeezed form is the cell's text.
  const flat = [lines[at].slice(start), ...lines.slice(at + 1)].join('\n');
  let squeezed = '';
  let end = 0;
  for (; end < flat.length && squeezed.length < cell.text.length; end++) {
    if (!/\s/.test(flat[end])) squeezed += flat[end];
    else if (!squeezed.endsWith(' ')) squeezed += ' ';
  }
  if (squeezed !== cell.text) throw new EditError(`'${cell.text}' is not written where line ${cell.pos.line} says`);
  const consumed = flat.slice(0, end);
  const spanned = consumed.split('\n').length - 1;
  const tail = spanned === 0 ? lines[at].slice(start + end) : lines[at + spanned].slice(consumed.length - consumed.lastIndexOf('\n') - 1);
  const joined = `${lines[at].slice(0, start)}${text}${tail}`;
  lines.splice(at, spanned + 1, ...(text === '' && /^\s*$/.test(joined) ? [] : [joined]));
}
