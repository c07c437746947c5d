// Changes to a C test's text (its threads are functions, not a grid): a
// statement on a line of its own just before a statement, with its
// indentation, or a statement's text replaced where it is written. The rest
// of the file stays byte for byte. An edit that would change what the
// program does besides (a statement put into the body of an `if` written
// without braces, which would then hold two) is refused with EditError, and
// the move is not offered.

import type { LitmusTest } from '../syntax/ast.js';
import { type Edit, EditError } from './edit-types.js';

/** Whether `test` is a C test: its cells carry C steps (syntax/c/lower.ts). */
export function isCTest(test: LitmusTest): boolean {
  return test.threads.some((thread) => thread.cells.some((cell) => cell.c !== undefined));
}

/**
 * `source` (the text the C test `test` was read from) with `edits` made.
 * Throws EditError when a statement is not written where the test says, or
 * a statement cannot go where asked.
 */
export function applyCEdits(source: string, test: LitmusTest, edits: readonly Edit[]): string {
  const lines = source.split('\n');
  // From the bottom up and right to left, so that the places above keep their lines and columns.
  const ordered = [...edits].map((edit, order) => ({ edit, order, cell: cellOf(test, edit) }))
    .sort((a, b) => b.cell.pos.line - a.cell.pos.line || b.cell.pos.column - a.cell.pos.column || b.order - a.order);
  const inserted = new Map<number, string[]>();
  for (const { edit, cell } of ordered) {
    const at = cell.pos.line - 1;
    const line = lines[at];
    const start = cell.pos.column - 1;
    if (edit.kind === 'replace') {
      if (line.slice(start, start + cell.text.length) !== cell.text) {
        throw new EditError(`'${cell.text}' is not written in one piece at line ${cell.pos.line}`);
      }
      const changed = line.slice(0, start) + edit.text + line.slice(start + cell.text.length);
      // A statement removed (fix --redundant) takes its line with it when nothing else is on it.
      if (edit.text === '' && /^\s*$/.test(changed)) lines.splice(at, 1);
      else lines[at] = changed;
      continue;
    }
    // A statement of its own line: nothing before it but indentation and, for a declaration, its type (`int `, `atomic_int *`).
    if (!/^\s*(?:[A-Za-z_]\w*\s+)*\**\s*$/.test(line.slice(0, start))) {
      throw new EditError(`line ${cell.pos.line} holds more than the statement: no statement can go just before it`);
    }
    if (!inBlock(lines, at)) throw new EditError(`the statement at line ${cell.pos.line} is the body of a statement written without braces`);
    inserted.set(at, [edit.text, ...(inserted.get(at) ?? [])]);
  }
  for (const at of [...inserted.keys()].sort((a, b) => b - a)) {
    const indent = /^\s*/.exec(lines[at])![0];
    const ending = lines[at].endsWith('\r') ? '\r' : '';
    lines.splice(at, 0, ...inserted.get(at)!.map((text) => indent + text + ending));
  }
  return lines.join('\n');
}

function cellOf(test: LitmusTest, edit: Edit) {
  const cell = test.threads[edit.thread]?.cells[edit.cell];
  if (!cell) throw new EditError(`no cell ${edit.cell} in thread ${edit.thread}`);
  return cell;
}

/**
 * Whether the statement starting line `at` (its first character after the
 * indentation) stands in a block: the code before it, comments left out,
 * ends with `;`, `{` or `}`. After `)` or `else` it would be the body of a
 * statement without braces.
 */
function inBlock(lines: readonly string[], at: number): boolean {
  for (let i = at - 1; i >= 0; i--) {
    const code = lines[i].replace(/\/\/.*$/, '').replace(/\/\*.*?\*\//g, '').replace(/\(\*.*?\*\)/g, '').trim();
    if (code === '' || code.endsWith('*/') || code.startsWith('*')) continue;
    return /[;{}]$/.test(code);
  }
  return false;
}
