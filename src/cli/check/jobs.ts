// One unit of work for `litmus check`: a test file under one model. Jobs run
// in worker threads (or in this thread), so they and their outcomes are plain data.

import type { TestResult } from '../../outcome/result.js';
import type { Expectation } from './judge.js';
import { simulateFile } from '../../node/simulate-file.js';
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

export type JobOutcome = ({ result: TestResult } | { error: string }) & { seconds: number };

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
  const seconds = (performance.now() - started) / 1000;
  return 'error' in outcome ? { error: outcome.error, seconds } : { result: outcome.result, seconds };
}
