// Our answers against herd7's recorded ones on the shared corpus, in every
// fact herd7 prints: states, Ok/No (with its `Loop` prefix), witness counts,
// observation, the Condition line and flags. Skipped when ../shared is absent.

import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareWithHerd } from '../src/bench/compare.js';
import { corpusAvailable, corpusTests, SHARED_DIR, SUITES, UNSUPPORTED_INSTRUCTION_TESTS } from '../src/bench/corpus.js';
import { parseHerdOutput } from '../src/bench/herd-output.js';
import { simulateFile } from '../src/node/simulate-file.js';
import { restoreSettings, suiteSettings } from '../src/bench/suite-settings.js';

/**
 * Tests whose witness counts differ from herd7's while states, Ok/No and the
 * observation agree; the value is our count, derived by hand. herd7 builds two
 * event structures per CAS (two readings of the result register) and so
 * counts each CAS execution twice; we mirror that, which makes every other
 * CAS test's counts equal herd7's. In this one, where Rs itself comes from a
 * load, herd7 counts two of its six executions once only; we have not found
 * a rule behind that, so we count all six twice (6 × 2 = 12 against herd7's 10).
 */
const KNOWN_COUNT_DIFFERENCES: Record<string, { positive: number; negative: number }> = {
  'MP+rel+CAS-ok-bothRs-addr': { positive: 0, negative: 12 },
};

const available = corpusAvailable();
if (!available) console.warn(`conformance: no shared corpus at ${SHARED_DIR}; skipping`);

for (const entry of SUITES.filter((s) => s.required)) {
  const { suite, flagRenames } = entry;
  describe.skipIf(!available)(`conformance with herd7: ${suite}${entry.conf ? ` (--conf ${basename(entry.conf.file)})` : ''}`, () => {
    // A suite with a configuration file (the kernel's own model files) sets where models are looked for while it runs.
    let settings: ReturnType<typeof suiteSettings> = { options: {} };
    beforeAll(() => {
      settings = suiteSettings(entry);
    });
    afterAll(restoreSettings);
    for (const test of corpusTests(suite)) {
      const name = basename(test.file, '.litmus');
      const unsupported = suite === 'instructions-aarch64' ? UNSUPPORTED_INSTRUCTION_TESTS[name] : undefined;
      const [herd] = parseHerdOutput(readFileSync(test.expected, 'utf8'));
      if (unsupported) {
        // Listed as needing a feature we lack: it must still not agree, or leave the list.
        it(`${name} (needs ${unsupported})`, () => {
          const outcome = simulateFile(test.file, settings.model, settings.options);
          const agrees = !('error' in outcome) && compareWithHerd(outcome.result, herd, flagRenames).differences.length === 0;
          expect(agrees, `${name} agrees with herd7 now: take it off UNSUPPORTED_INSTRUCTION_TESTS`).toBe(false);
        });
        continue;
      }
      it(`${name}.litmus`, () => {
        const outcome = simulateFile(test.file, settings.model, settings.options);
        if ('error' in outcome) throw new Error(outcome.error);
        const agreement = compareWithHerd(outcome.result, herd, flagRenames);
        const known = KNOWN_COUNT_DIFFERENCES[outcome.result.name];
        if (known) {
          expect(agreement.differences.filter((d) => !d.startsWith('witnesses'))).toEqual([]);
          expect({ positive: outcome.result.positive, negative: outcome.result.negative }).toEqual(known);
        } else {
          expect(agreement.differences).toEqual([]);
        }
        expect(outcome.result.kind).toBe(herd.kind);
      });
    }
  });
}

