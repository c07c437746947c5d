// `npm run fuzz -- [--minutes N] [--runs N] [--seed S]`: the long fuzz run
// (issue 16). Mutates the library's and the shared corpus's tests and the
// stock models (src/fuzz/mutate.ts), runs each mutant through the command
// line in this process, and holds every run to fuzzProblems, timing and
// memory included. Prints the counts as it goes and at the end: inputs,
// exits by code, the slowest run, peak memory. Exits 1 with fast-check's
// shrunk counterexample (and its seed) on the first failure.

import fc from 'fast-check';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fuzzInput, type FuzzInput } from './arbitrary.js';
import { type FuzzLimits, fuzzProblems, fuzzSeeds, outcomeKind, runFuzzCase } from './case.js';
import { mutateAll } from './mutate.js';

const LIMITS: FuzzLimits = { timeoutSeconds: 5, maxCandidates: 2_000_000, maxMemoryMiB: 1536 };

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const minutes = option('--minutes', 10);
const runs = option('--runs', Number.MAX_SAFE_INTEGER);
const seed = option('--seed', Date.now() % 2 ** 31);
const root = process.cwd();
const seeds = fuzzSeeds(root);
const mp = join(root, 'litmus', 'aarch64', 'MP.litmus');
const dir = join(tmpdir(), `litmus-fuzz-${process.pid}`);

const kinds = new Map<string, number>();
let inputs = 0;
let slowest = { seconds: 0, input: undefined as FuzzInput | undefined };
let peakRss = 0;
const started = Date.now();
let reported = started;

function summary(): string {
  const byCode = [...kinds].sort(([a], [b]) => a.localeCompare(b)).map(([kind, n]) => `${kind}: ${n}`).join(', ');
  const input = slowest.input ? ` (seed text ${seeds[slowest.input.seed].file}, ${slowest.input.command})` : '';
  const maxRss = Math.round(process.resourceUsage().maxRSS / 1024);
  return `${inputs} inputs in ${((Date.now() - started) / 60000).toFixed(1)} min; ${byCode}; slowest ${slowest.seconds.toFixed(2)} s${input}; RSS after a run at most ${Math.round(peakRss / 2 ** 20)} MiB, process peak ${maxRss} MiB`;
}

console.log(`fuzz: ${seeds.length} seeds, seed ${seed}, ${minutes} min, limits ${JSON.stringify(LIMITS)}`);
try {
  await fc.assert(
    fc.asyncProperty(fuzzInput(seeds.length), async (input) => {
      const source = seeds[input.seed];
      const outcome = await runFuzzCase(source.kind, mutateAll(source.text, input.mutations), input.command, dir, mp, LIMITS);
      inputs++;
      const kind = outcomeKind(outcome);
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
      if (outcome.seconds > slowest.seconds) slowest = { seconds: outcome.seconds, input };
      peakRss = Math.max(peakRss, outcome.rss);
      if (Date.now() - reported > 60_000) {
        reported = Date.now();
        console.log(`fuzz: ${summary()}`);
      }
      const problems = fuzzProblems(outcome, input.command, LIMITS, true);
      if (problems.length > 0) throw new Error(`${problems.join('; ')}\n${outcome.err.slice(0, 2000)}`);
    }),
    { seed, numRuns: runs, interruptAfterTimeLimit: minutes * 60_000, markInterruptAsFailure: false, endOnFailure: false },
  );
  console.log(`fuzz: done: ${summary()}`);
} catch (e) {
  console.log(`fuzz: FAILED after ${summary()}`);
  console.log(e instanceof Error ? e.message : String(e));
  process.exitCode = 1;
}
