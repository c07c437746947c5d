// One fuzz input run through the command line in this process, and what
// must hold of every run (issue 16): exit 0 or 2 (1 too for `check` and
// `fix`, whose verdicts it is), every message located (`FILE:LINE:COL: …`) or naming the
// option (`litmus: …`), never an internal error or a stack trace, and,
// where asked, an end within --timeout + 1 s and memory under --max-memory
// (the process's resident memory, with 512 MiB for what the collector has
// not yet returned and the steps between two checks: see fuzzProblems).

import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../cli/main.js';
import { clearModelCache, STOCK_MODEL_DIR } from '../node/models.js';
import { corpusAvailable, SHARED_DIR } from '../bench/corpus.js';

/** A text to mutate: a test, or a model (run on MP). */
export interface FuzzSeed {
  kind: 'test' | 'model';
  file: string;
  text: string;
}

export const FUZZ_COMMANDS = ['run', 'explain', 'compare', 'check', 'fix', 'compile', 'levels'] as const;

/** Variants `fix` may simulate per fuzz input (each is a whole simulation). */
const FUZZ_FIX_VARIANTS = 40;
export type FuzzCommand = (typeof FUZZ_COMMANDS)[number];

/** The limits every fuzz run gets. */
export interface FuzzLimits {
  timeoutSeconds: number;
  maxCandidates: number;
  maxMemoryMiB: number;
}

export interface FuzzOutcome {
  status: number;
  err: string;
  seconds: number;
  /** The process's resident memory after the run, bytes. */
  rss: number;
}

/** What kind of answer a run gave, for the counts: a verdict, a limit reached (which), or an input error. */
export function outcomeKind(outcome: FuzzOutcome): string {
  if (outcome.status !== 2) return `exit ${outcome.status}`;
  const err = outcome.err;
  if (/time limit/.test(err)) return 'exit 2: time limit';
  if (/memory limit/.test(err)) return 'exit 2: memory limit';
  if (/--max-candidates|too big to enumerate|paths; the test|more than \d+ instructions/.test(err)) return 'exit 2: search limit';
  if (/nested too deeply/.test(err)) return 'exit 2: nesting limit';
  if (/over the limit/.test(err)) return 'exit 2: size limit';
  return 'exit 2: input error';
}

function litmusFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.litmus')).sort().map((f) => join(dir, f));
}

/**
 * Every seed: the library's tests (`litmus/`), with `shared` the shared
 * corpus's tests and reliability cases when it is there, and the stock
 * models. `root` is the project's folder. Without `shared` the seeds are the
 * same on every machine, so a seeded run is too.
 */
export function fuzzSeeds(root: string, shared = true): FuzzSeed[] {
  const tests = [...litmusFiles(join(root, 'litmus'))];
  if (shared && corpusAvailable()) {
    for (const dir of ['conformance/herd/aarch64', 'conformance/herd/x86', 'conformance/herd/x86_64', 'conformance/herd/instructions-aarch64', 'conformance/herd/linux/tests', 'reliability']) {
      tests.push(...litmusFiles(join(SHARED_DIR, dir)));
    }
  }
  const models = readdirSync(STOCK_MODEL_DIR).filter((f) => f.endsWith('.cat')).sort().map((f) => join(STOCK_MODEL_DIR, f));
  // The kernel's lock.cat: herd7's sets of values and `with … from` (its includes are found among ours).
  const lockCat = join(SHARED_DIR, 'conformance/herd/linux/cats/lock.cat');
  if (shared && existsSync(lockCat)) models.push(lockCat);
  return [
    ...tests.map((file): FuzzSeed => ({ kind: 'test', file, text: readFileSync(file, 'utf8') })),
    ...models.map((file): FuzzSeed => ({ kind: 'model', file, text: readFileSync(file, 'utf8') })),
  ];
}

/**
 * Runs `command` on `text` (written to a file in `dir`) with `limits`: a
 * test is run as it is, a model is run on `mp` (a test file). Models are
 * compiled afresh every time.
 */
export async function runFuzzCase(kind: FuzzSeed['kind'], text: string, command: FuzzCommand, dir: string, mp: string, limits: FuzzLimits): Promise<FuzzOutcome> {
  mkdirSync(dir, { recursive: true });
  clearModelCache();
  const file = join(dir, kind === 'test' ? 'mutant.litmus' : 'mutant.cat');
  writeFileSync(file, text);
  const limitArgs = ['--timeout', String(limits.timeoutSeconds), '--max-candidates', String(limits.maxCandidates), '--max-memory', String(limits.maxMemoryMiB)];
  const target = kind === 'test' ? [file] : [mp];
  // compile takes no model and no limits (it simulates nothing); levels is compare --levels.
  const modelOption = command === 'compare' || command === 'check' || command === 'levels' ? '--models' : '--model';
  const modelArgs = kind === 'model' && command !== 'compile' ? [modelOption, file] : [];
  const extra = command === 'check' ? ['--jobs', '1'] : command === 'fix' ? ['--max-variants', String(FUZZ_FIX_VARIANTS)] : [];
  const args = command === 'compile'
    ? ['compile', '--target', 'aarch64,aarch64-lse,x86', ...target]
    : [...(command === 'levels' ? ['compare', '--levels'] : [command]), ...extra, ...limitArgs, ...modelArgs, ...target];
  let err = '';
  const started = performance.now();
  const status = await main(args, { out: () => undefined, err: (t) => void (err += t) });
  // Under --expose-gc, give memory back once a run left much of it, so the next input's budget is about what it holds itself.
  const { heapUsed, external } = process.memoryUsage();
  if (heapUsed + external > 256 * 2 ** 20) (globalThis as { gc?: () => void }).gc?.();
  return { status, err, seconds: (performance.now() - started) / 1000, rss: process.memoryUsage.rss() };
}

// A line of what a command may print on stderr: a located message, one naming the option, or a note.
const ACCEPTED_LINE = /^(\S.*?:\d+:\d+: |litmus: |warning: |note: |error: |wrote |\s|$)/;
const STACK_FRAME = /^\s+at .+(:\d+:\d+\)?|\(native\))$/m;

/**
 * What went wrong in a run, in words (empty: nothing). `timed` also holds
 * it to --timeout + 1 s and the memory ceiling (+ 512 MiB of resident
 * memory for what the collector has not returned and the steps between two
 * checks): for the long run, not for specs, where a busy machine must not
 * fail them.
 */
export function fuzzProblems(outcome: FuzzOutcome, command: FuzzCommand, limits: FuzzLimits, timed: boolean): string[] {
  const problems: string[] = [];
  // check's verdict, fix's "no repair found" and compare --levels' compilation bug are exit 1.
  const allowed = command === 'check' || command === 'fix' || command === 'levels' ? [0, 1, 2] : [0, 2];
  if (!allowed.includes(outcome.status)) problems.push(`exit ${outcome.status}`);
  if (/internal error/.test(outcome.err)) problems.push('an internal error');
  if (STACK_FRAME.test(outcome.err)) problems.push('a stack trace');
  const stray = outcome.err.split('\n').filter((line) => !ACCEPTED_LINE.test(line));
  if (stray.length > 0) problems.push(`an unlocated message: ${stray[0].slice(0, 200)}`);
  if (timed && outcome.seconds > limits.timeoutSeconds + 1) problems.push(`ran ${outcome.seconds.toFixed(1)} s with --timeout ${limits.timeoutSeconds}`);
  if (timed && outcome.rss > (limits.maxMemoryMiB + 512) * 2 ** 20) problems.push(`the process holds ${Math.round(outcome.rss / 2 ** 20)} MiB with --max-memory ${limits.maxMemoryMiB}`);
  return problems;
}
