// `npm run bench`: runs the shared corpora and the perf tests, printing per
// test the candidates examined, wall time and agreement with herd7, then
// `litmus fix` times, start-up figures and totals.

import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { simulateFile } from '../node/simulate-file.js';
import { compareWithHerd } from './compare.js';
import { corpusAvailable, corpusTests, SHARED_DIR, SUITES, UNSUPPORTED_INSTRUCTION_TESTS } from './corpus.js';
import { parseHerdOutput } from './herd-output.js';
import { startupFigures } from './startup.js';
import { restoreSettings, suiteSettings } from './suite-settings.js';
import { fixFigures } from './fix.js';

const NAME_WIDTH = 56;

/**
 * Our own mixed-size set (bench/mixed): diy-sized tests (2–4 threads, up to
 * 8 accesses of 1 to 8 bytes) herd7 has no recorded answer for; measured,
 * not compared. Run from the checkout.
 */
const MIXED_SET = join(process.cwd(), 'bench', 'mixed');

function mixedSet(): void {
  const files = readdirSync(MIXED_SET).filter((f) => f.endsWith('.litmus')).sort();
  console.log(`\n== mixed-size set (bench/mixed, ${files.length} tests; measured only)`);
  console.log(`${'test'.padEnd(NAME_WIDTH)} ${'candidates'.padStart(10)} ${'seconds'.padStart(8)}  answer`);
  let slowest = 0;
  for (const f of files) {
    const started = performance.now();
    const outcome = simulateFile(join(MIXED_SET, f), undefined);
    const seconds = (performance.now() - started) / 1000;
    slowest = Math.max(slowest, seconds);
    const answer = 'error' in outcome ? `ERROR ${outcome.error}` : `${outcome.result.observation} ${outcome.result.positive} ${outcome.result.negative}`;
    const candidates = 'error' in outcome ? '-' : String(outcome.result.stats.candidates);
    console.log(`${f.padEnd(NAME_WIDTH)} ${candidates.padStart(10)} ${seconds.toFixed(3).padStart(8)}  ${answer}`);
  }
  console.log(`-- mixed-size set: slowest ${slowest.toFixed(3)} s`);
}

function main(): number {
  if (!corpusAvailable()) {
    console.log(`no shared corpus at ${SHARED_DIR}; set LITMUS_SHARED to its folder`);
    return 0;
  }
  let totalTests = 0;
  let totalAgree = 0;
  let totalCandidates = 0;
  let totalSeconds = 0;
  for (const entry of SUITES) {
    const { suite, required, flagRenames, herdSeconds } = entry;
    const tests = corpusTests(suite);
    const { model, options } = suiteSettings(entry);
    let suiteCandidates = 0;
    let suiteSeconds = 0;
    console.log(`\n== ${suite} (${tests.length} tests${required ? '' : '; a measure, not yet a requirement'})`);
    let suiteAgree = 0;
    let suiteUnsupported = 0;
    console.log(`${'test'.padEnd(NAME_WIDTH)} ${'candidates'.padStart(10)} ${'seconds'.padStart(8)}  herd7`);
    for (const test of tests) {
      const started = performance.now();
      const outcome = simulateFile(test.file, model, options);
      const seconds = (performance.now() - started) / 1000;
      totalTests++;
      totalSeconds += seconds;
      suiteSeconds += seconds;
      const name = relative(SHARED_DIR, test.file);
      const needs = suite === 'instructions-aarch64' ? UNSUPPORTED_INSTRUCTION_TESTS[basename(test.file, '.litmus')] : undefined;
      if (needs) suiteUnsupported++;
      if ('error' in outcome) {
        const why = needs ? `UNSUPPORTED: needs ${needs}` : `ERROR ${outcome.error}`;
        console.log(`${name.padEnd(NAME_WIDTH)} ${'-'.padStart(10)} ${seconds.toFixed(3).padStart(8)}  ${why}`);
        continue;
      }
      const [herd] = parseHerdOutput(readFileSync(test.expected, 'utf8'));
      const agreement = compareWithHerd(outcome.result, herd, flagRenames);
      const agrees = agreement.differences.length === 0;
      if (agrees) {
        totalAgree++;
        suiteAgree++;
      }
      totalCandidates += outcome.result.stats.candidates;
      suiteCandidates += outcome.result.stats.candidates;
      const verdict = agrees ? 'same' : needs ? `UNSUPPORTED: needs ${needs}` : `DIFFERS: ${agreement.differences.join('; ')}`;
      console.log(
        `${name.padEnd(NAME_WIDTH)} ${String(outcome.result.stats.candidates).padStart(10)} ${seconds.toFixed(3).padStart(8)}  ${verdict}`,
      );
    }
    const unsupported = suiteUnsupported > 0 ? `; ${suiteUnsupported} need features litmus lacks` : '';
    const reference = herdSeconds !== undefined ? ` (herd7: ${herdSeconds.toFixed(1)} s for the ${tests.length} on this machine)` : '';
    console.log(`-- ${suite}: ${suiteAgree}/${tests.length} agree with herd7 in every fact${unsupported}; ${suiteCandidates} candidates, ${suiteSeconds.toFixed(2)} s in one process${reference}`);
    restoreSettings();
  }
  mixedSet();
  fixFigures();
  startupFigures();
  console.log(
    `\nTotal: ${totalTests} tests, ${totalAgree} agree with herd7 in every fact, ` +
      `${totalCandidates} candidates, ${totalSeconds.toFixed(2)} s`,
  );
  return 0;
}

process.exitCode = main();
