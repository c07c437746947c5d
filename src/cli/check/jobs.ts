// One unit of work for `litmus check`: a test file under one model. Jobs run
// in worker threads (or in this thread), so they and their outcomes are plain data.

import type { TestResult } from '../../outcome/result.js';
import { type Expectation, forbiddenButAllowed } from './judge.js';
import { simulateFile } from '../../node/simulate-file.js';
import { findRepairs } from '../../fix/search.js';
import { loadModel } from '../../node/models.js';
import { readInputFile } from '../../node/read-input.js';
import { type LimitFlags, testLimits } from '../limits.js';

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
}

export type JobOutcome = ({ result: TestResult; repair?: string[] } | { error: string }) & { seconds: number };

/** Variants `check` simulates at most looking for the repair it prints under a failure. */
const CHECK_REPAIR_VARIANTS = 300;

/**
 * Runs one check job (a test under a model) within `limits`; errors become
 * the job's error text, never an exception.
 */
export function runJob(job: CheckJob, limits: JobLimits): JobOutcome {
  const started = performance.now();
  const outcome = simulateFile(job.file, job.model, {
    mixed: limits.mixed,
    hexa: limits.hexa,
    limits: testLimits(limits),
  });
  if ('error' in outcome) return { error: outcome.error, seconds: (performance.now() - started) / 1000 };
  const repair = forbiddenButAllowed(outcome.result, job.expectation) ? cheapestRepair(job, limits) : undefined;
  return { result: outcome.result, ...(repair && { repair }), seconds: (performance.now() - started) / 1000 };
}

/**
 * For a test that should forbid its bad outcome and does not: the cheapest
 * repair `litmus fix` finds (verified), as lines to print under the failure;
 * undefined when none is found within CHECK_REPAIR_VARIANTS variants and the
 * job's limits (the failure stands without it).
 */
function cheapestRepair(job: CheckJob, limits: JobLimits): string[] | undefined {
  try {
    const report = findRepairs(readInputFile(job.file, 'a .litmus test'), job.file, {
      model: loadModel(job.model), max: 1, maxVariants: CHECK_REPAIR_VARIANTS, mixed: limits.mixed, limits: testLimits(limits),
    });
    const repair = report.repairs[0];
    if (!repair) return undefined;
    return [`cheapest repair (cost ${repair.cost}, verified; litmus fix ${job.file} shows more, as diffs):`, ...repair.moves.map((m) => `  ${m.text}`)];
  } catch {
    return undefined;
  }
}
