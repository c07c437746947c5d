// `litmus fix` figures for the benchmark (issue 12): for each test of
// litmus/, the time to find its repairs (or, for a forbidding test, what it
// does not need) and the variants simulated; the slowest beside the target
// of 2 s a test.

import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { findRedundant, findRepairs } from '../fix/search.js';
import { loadModel } from '../node/models.js';
import { ARCHITECTURES, archFor, defaultModelFor } from '../registry.js';
import { parseLitmus } from '../syntax/parse.js';

/** Prints the time `fix` (or `fix --redundant`, for a test already forbidden) takes on each test of litmus/. */
export function fixFigures(): void {
  const library = join(process.cwd(), 'litmus');
  const files = readdirSync(library, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.litmus')).sort().map((f) => join(library, f));
  console.log(`\n== litmus fix on litmus/ (${files.length} tests: repairs, or --redundant for a test already forbidden)`);
  let slowest = { seconds: 0, name: '' };
  let total = 0;
  let repairable = 0;
  for (const file of files) {
    const source = readFileSync(file, 'utf8');
    const test = parseLitmus(source, file);
    // Tests of an architecture fix has no moves for are counted out, not timed.
    if (!ARCHITECTURES.find((entry) => entry.arch === archFor(test))?.repairs) continue;
    repairable++;
    const model = loadModel(defaultModelFor(test));
    const started = performance.now();
    let report = findRepairs(source, file, { model });
    const mode = report.status === 'forbidden' ? '--redundant' : 'repair';
    if (report.status === 'forbidden') report = findRedundant(source, file, { model });
    const seconds = (performance.now() - started) / 1000;
    total += seconds;
    if (seconds > slowest.seconds) slowest = { seconds, name: relative(library, file) };
    const found = `${report.repairs.length} ${mode === 'repair' ? 'repairs' : 'changes'}${report.stopped ? ' (stopped at a limit)' : ''}`;
    console.log(`${relative(library, file).padEnd(48)} ${mode.padEnd(12)} ${found.padEnd(12)} ${String(report.variants).padStart(5)} variants ${seconds.toFixed(3).padStart(7)} s`);
  }
  const skipped = files.length - repairable;
  const without = skipped > 0 ? ` (${skipped} tests left out: fix has no repair moves for their architecture)` : '';
  console.log(`-- fix: slowest ${slowest.seconds.toFixed(3)} s (${slowest.name}), target < 2 s a test; all ${repairable} in ${total.toFixed(2)} s${without}`);
}
