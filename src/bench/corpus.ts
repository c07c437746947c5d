// The shared reference corpora (herd7's catalogue with recorded answers, and
// the perf tests), located beside the checkout in ../shared.

import { existsSync, readdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';

export const SHARED_DIR = resolve(process.env.LITMUS_SHARED ?? join(process.cwd(), '..', 'shared'));

export interface CorpusTest {
  suite: string;
  file: string;
  /** herd7's recorded output for it. */
  expected: string;
}

export interface Suite {
  suite: string;
  dir: string;
  /** Where herd7's answer for NAME.litmus is: `DIR/NAME.out`, or beside the test as `NAME.litmus.expected`. */
  expectedDir: string | 'beside';
  /** Must agree with herd7 (the conformance spec); otherwise only measured by the benchmark. */
  required: boolean;
}

/** Suites in the order the benchmark and the conformance spec run them. */
export const SUITES: readonly Suite[] = [
  { suite: 'aarch64', dir: 'conformance/herd/aarch64', expectedDir: 'conformance/expected/herd7/aarch64', required: true },
  { suite: 'x86', dir: 'conformance/herd/x86', expectedDir: 'conformance/expected/herd7/x86', required: true },
  { suite: 'x86_64', dir: 'conformance/herd/x86_64', expectedDir: 'conformance/expected/herd7/x86_64', required: true },
  { suite: 'perf', dir: 'perf', expectedDir: 'perf/expected-herd7', required: true },
  { suite: 'instructions-aarch64', dir: 'conformance/herd/instructions-aarch64', expectedDir: 'beside', required: false },
];

export function corpusAvailable(): boolean {
  return existsSync(join(SHARED_DIR, 'conformance'));
}

export function corpusTests(suite: string): CorpusTest[] {
  const entry = SUITES.find((s) => s.suite === suite);
  if (!entry) return [];
  const dir = join(SHARED_DIR, entry.dir);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.litmus'))
    .sort()
    .map((f) => ({
      suite,
      file: join(dir, f),
      expected:
        entry.expectedDir === 'beside'
          ? join(dir, `${f}.expected`)
          : join(SHARED_DIR, entry.expectedDir, `${basename(f, '.litmus')}.out`),
    }))
    .filter((t) => existsSync(t.expected));
}
