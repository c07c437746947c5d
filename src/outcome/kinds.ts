// herd's kinds files: `NAME Allowed|Forbidden|Required` per line (also the
// short Allow/Forbid/Require), saying what a model should answer for each
// test's proposition. Blank lines and '#' comments are ignored.

import { type Diagnostic, LitmusError } from '../errors.js';
import type { Kind, TestResult } from './result.js';

const SPELLINGS: Record<string, Kind> = {
  allowed: 'Allowed',
  allow: 'Allowed',
  forbidden: 'Forbidden',
  forbid: 'Forbidden',
  required: 'Required',
  require: 'Required',
};

export interface KindsEntry {
  kind: Kind;
  line: number;
}

/**
 * A kinds file's entries by test name. Throws a LitmusError listing every
 * bad line (located in `file`).
 */
export function parseKinds(text: string, file?: string): Map<string, KindsEntry> {
  const { entries, problems } = readKinds(text, file);
  if (problems.length > 0) throw new LitmusError(problems);
  return entries;
}

/**
 * A kinds file's good entries by test name, and a located problem for each
 * bad line (a reader that goes on with the good ones reports those once).
 */
export function readKinds(text: string, file?: string): { entries: Map<string, KindsEntry>; problems: Diagnostic[] } {
  const entries = new Map<string, KindsEntry>();
  const diagnostics: Diagnostic[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/#.*/, '').trim();
    if (line === '') return;
    const [name, word, ...rest] = line.split(/\s+/);
    const kind = word ? SPELLINGS[word.toLowerCase()] : undefined;
    const column = raw.indexOf(word ?? name) + 1;
    if (!kind || rest.length > 0) {
      diagnostics.push({ file, pos: { line: i + 1, column }, message: `expected 'NAME Allowed|Forbidden|Required', found '${line}'` });
      return;
    }
    entries.set(name, { kind, line: i + 1 });
  });
  return { entries, problems: diagnostics };
}

/** The kind a result shows for its proposition: Required when always, Allowed when sometimes, Forbidden when never. */
export function observedKind(result: TestResult): Kind {
  if (result.positive === 0) return 'Forbidden';
  return result.negative === 0 ? 'Required' : 'Allowed';
}

/** Does the result match the expected kind? Required also counts as Allowed-compatible only when always. */
export function matchesKind(result: TestResult, expected: Kind): boolean {
  const observed = observedKind(result);
  if (expected === 'Allowed') return observed !== 'Forbidden';
  return observed === expected;
}
