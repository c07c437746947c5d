// Our answers against herd7's recorded ones on the shared corpus: the same
// states, Ok/No, observation and witness counts. Skipped when ../shared is absent.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareWithHerd } from '../src/bench/compare.js';
import { corpusAvailable, corpusTests, SHARED_DIR } from '../src/bench/corpus.js';
import { parseHerdOutput } from '../src/bench/herd-output.js';
import { simulateFile } from '../src/cli/simulate-file.js';

const available = corpusAvailable();
if (!available) console.warn(`conformance: no shared corpus at ${SHARED_DIR}; skipping`);

for (const suite of ['aarch64', 'x86', 'perf']) {
  describe.skipIf(!available)(`conformance with herd7: ${suite}`, () => {
    for (const test of corpusTests(suite)) {
      it(test.file.split('/').pop()!, () => {
        const outcome = simulateFile(test.file, undefined);
        if ('error' in outcome) throw new Error(outcome.error);
        const [herd] = parseHerdOutput(readFileSync(test.expected, 'utf8'));
        const agreement = compareWithHerd(outcome.result, herd);
        expect(agreement.differences).toEqual([]);
        expect(outcome.result.kind).toBe(herd.kind);
        expect(outcome.result.flags).toEqual(herd.flags);
      });
    }
  });
}
