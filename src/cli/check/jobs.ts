// One unit of work for `litmus check`: a test file under one model. Jobs run
// in worker threads (or in this thread), so they and their outcomes are plain data.

import type { TestResult } from '../../outcome/result.js';
import { type Expectation, forbiddenButAllowed } from './judge.js';
import { simulateFile } from '../../node/simulate-file.js';
import { findRepairs } from '../../fix/search.js';
import { costText } from '../../report/fix-text.js';
import { loadModel, type ModelSearch, setModelSearch } from '../../node/models.js';
import { readInputFile } from '../../node/read-input.js';
import { type LimitFlags, testLimits } from '../limits.js';
import { LimitError, LitmusError } from '../../errors.js';

export interface CheckJob {
  index: number;
  file: string;
  /** The test's name (from its header). */
  name: string;
  /** A stock model name or a .cat path. */
  model: string;
  /** What it should answer, and which rule says so (a kinds file, the test's own `Result:` line, herd7's Ok). */
  expectation: Expectation;
  /** The kinds file that applies to the test but does not list it, if any. */
  unlisted?: string;
}

/** How every job runs: its limits, and herd7's memory flags. */
export interface JobLimits extends LimitFlags {
  /** Mixed-size memory for every test (--variant mixed); hexadecimal values (--hexa). */
  mixed?: boolean;
  hexa?: boolean;
  /** A .def file of macros for C tests (--macros). */
  macrosFile?: string;
  /** Where models are looked for (-I, --bell, --conf): a worker thread sets it again before its first job. */
  modelSearch?: ModelSearch;
}

export type JobOutcome = ({ result: TestResult; repair?: string[] } | { error: string }) & { seconds: number };

/** Variants `check` simulates at most looking for the repair it prints under a failure (SB takes about 300). */
const CHECK_REPAIR_VARIANTS = 1000;

/**
 * Runs one check job (a test under a model) within `limits`; errors become
 * the job's error text, never an exception.
 */
export function runJob(job: CheckJob, limits: JobLimits): JobOutcome {
  const started = performance.now();
  if (limits.modelSearch) setModelSearch(limits.modelSearch);
  // One deadline for the test and the repair looked for under its failure: --timeout bounds both.
  const engineLimits = testLimits(limits);
  const outcome = simulateFile(job.file, job.model, { mixed: limits.mixed, hexa: limits.hexa, macrosFile: limits.macrosFile, limits: engineLimits });
  // The test's time is its simulation's, not the repair search's.
  const seconds = (performance.now() - started) / 1000;
  if ('error' in outcome) return { error: outcome.error, seconds };
  const repair = forbiddenButAllowed(outcome.result, job.expectation) ? cheapestRepair(job, limits, engineLimits) : undefined;
  return { result: outcome.result, ...(repair && { repair }), seconds };
}

/**
 * For a test that should forbid its bad outcome and does not: the cheapest
 * repair `litmus fix` finds (verified), as lines to print under the failure,
 * or a line saying none was found within CHECK_REPAIR_VARIANTS variants and
 * the job's limits.
 */
function cheapestRepair(job: CheckJob, limits: JobLimits, engineLimits: ReturnType<typeof testLimits>): string[] {
  const more = `litmus fix ${job.file} searches further`;
  try {
    const report = findRepairs(readInputFile(job.file, 'a .litmus test'), job.file, {
      model: loadModel(job.model), max: 1, maxVariants: CHECK_REPAIR_VARIANTS, mixed: limits.mixed, limits: engineLimits,
    });
    const repair = report.repairs[0];
    if (repair) return [`cheapest repair (cost ${costText(repair.cost)}, verified; litmus fix ${job.file} shows more, as diffs):`, ...repair.moves.map((m) => `  ${m.text}`)];
    return [report.stopped ? `no repair found within ${report.variants} variants (${more})` : 'no barrier or acquire/release form forbids it'];
  } catch (e) {
    // The test itself ran; only a limit can stop the search here. Anything else is litmus's own bug and must show.
    if (e instanceof LimitError) return [`no repair found within the limits (${more})`];
    // The test ran, so a located error here says what fix cannot do with it (an architecture without repair moves).
    if (e instanceof LitmusError) return [e.diagnostics[0]?.message ?? e.message];
    throw e;
  }
}
