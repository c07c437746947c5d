// Every instruction of herd's AArch64 catalogue tests must parse; of herd's
// instruction unit tests we count how many files parse entirely.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { aarch64 } from '../src/arch/aarch64/index.js';
import { LitmusError } from '../src/errors.js';
import { corpusAvailable, SHARED_DIR } from '../src/bench/corpus.js';
import type { InstructionCell } from '../src/syntax/ast.js';

const available = corpusAvailable();
const CONFORMANCE = join(SHARED_DIR, 'conformance', 'herd');
/** The .litmus files of a corpus folder; none when the shared corpus is absent (the specs then skip). */
const testsIn = (dir: string) => (available ? readdirSync(dir).filter((f) => f.endsWith('.litmus')) : []);

/** A rough cell extractor (the real parser lives in src/syntax): program lines between the P0 header and the condition. */
function cellsOf(source: string): InstructionCell[] {
  const lines = source.replace(/\(\*[\s\S]*?\*\)/g, (c) => c.replace(/[^\n]/g, ' ')).split('\n');
  const start = lines.findIndex((l) => /^\s*P0\s*[|;]/.test(l));
  const cells: InstructionCell[] = [];
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i];
    if (/^\s*(exists|forall|~exists|~|locations|filter)\b/.test(line)) break;
    let column = 0;
    for (const raw of line.split('|')) {
      const text = raw.replace(/;\s*$/, '');
      const label = /^\s*([A-Za-z_][\w.]*)\s*:/.exec(text);
      const body = label ? text.slice(label[0].length) : text;
      const offset = text.length - text.trimStart().length + (label ? label[0].length + (body.length - body.trimStart().length) : 0);
      const trimmed = body.trim();
      if (trimmed !== '') cells.push({ labels: label ? [label[1]] : [], text: trimmed, pos: { line: i + 1, column: column + offset + 1 } });
      column += raw.length + 1;
    }
  }
  return cells;
}

function parseErrors(file: string): string[] {
  const errors: string[] = [];
  for (const cell of cellsOf(readFileSync(file, 'utf8'))) {
    try {
      aarch64.parseInstruction(cell);
    } catch (e) {
      if (!(e instanceof LitmusError)) throw e;
      errors.push(e.message);
    }
  }
  return errors;
}

describe.skipIf(!available)('herd AArch64 catalogue', () => {
  const dir = join(CONFORMANCE, 'aarch64');
  const files = testsIn(dir);
  it.each(files)('%s parses', (file) => {
    expect(parseErrors(join(dir, file))).toEqual([]);
  });
});

describe.skipIf(!available)('herd instruction unit tests', () => {
  it('parses most files and never crashes', () => {
    const dir = join(CONFORMANCE, 'instructions-aarch64');
    const files = testsIn(dir);
    const failing = new Map<string, string[]>();
    for (const f of files) {
      const errors = parseErrors(join(dir, f));
      if (errors.length > 0) failing.set(f, errors);
    }
    const parsed = files.length - failing.size;
    console.log(`instructions-aarch64: ${parsed}/${files.length} files parse`);
    if (process.env.SHOW_FAILURES) for (const [f, e] of failing) console.log(f, e[0]);
    expect(parsed).toBeGreaterThan(files.length * 0.6);
  });
});
