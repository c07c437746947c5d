// The CLI's checks of a test, as editor diagnostics: the parser (grammar,
// grid), the architecture's reading of every instruction and init item, and
// the condition's, filter's and `locations`' references (threads, registers).
// Positions are 1-based line/column; CodeMirror wants offsets.

import type { Text } from '@codemirror/state';
import { archFor, type Diagnostic, LitmusError, loadTest, observe, parseLitmus } from '../../../src/browser.js';

export interface EditorDiagnostic {
  from: number;
  to: number;
  message: string;
}

/** Every problem the engine finds in the test text before enumerating, or [] when it is fine. */
export function checkTest(text: string): Diagnostic[] {
  try {
    const test = parseLitmus(text);
    observe(loadTest(test, archFor(test)));
    return [];
  } catch (e) {
    if (e instanceof LitmusError) return e.diagnostics;
    return [{ pos: { line: 1, column: 1 }, message: e instanceof Error ? e.message : String(e) }];
  }
}

/** The span to underline: from the position to the end of the word there (at least one character). */
export function toEditorDiagnostic(doc: Text, diagnostic: Diagnostic): EditorDiagnostic {
  const lineNumber = Math.min(Math.max(diagnostic.pos.line, 1), doc.lines);
  const line = doc.line(lineNumber);
  const from = line.from + Math.min(Math.max(diagnostic.pos.column - 1, 0), line.length);
  const word = /^[^\s|;,]*/.exec(line.text.slice(from - line.from))![0];
  if (word.length > 0) return { from, to: from + word.length, message: diagnostic.message };
  // At the end of a line (a missing terminator): underline the character before.
  return from > line.from ? { from: from - 1, to: from, message: diagnostic.message } : { from, to: Math.min(from + 1, doc.length), message: diagnostic.message };
}
