// Reads, parses and simulates one test file under one model, turning every
// kind of failure into a located message (never a stack trace).

import { readFileSync } from 'node:fs';
import { archFor, defaultModelFor } from '../registry.js';
import { formatDiagnostic, LimitError, LitmusError } from '../errors.js';
import { explainTest, type TestExplanation } from '../analysis/explain.js';
import type { TestResult } from '../outcome/result.js';
import { type SimulateOptions, simulate } from '../simulate.js';
import { parseLitmus } from '../syntax/parse.js';
import { loadModel } from './models.js';

export type FileOutcome =
  | { file: string; result: TestResult; explanation?: TestExplanation }
  | { file: string; error: string; /** A bug of litmus's, not of the input (the CLI exits 3). */ internal?: true };

/** `model` undefined: the architecture's default model; `explain`: also explain the condition's states. */
export function simulateFile(file: string, model: string | undefined, options: SimulateOptions & { explain?: boolean } = {}): FileOutcome {
  try {
    const test = parseLitmus(readFileSync(file, 'utf8'), file);
    const compiled = loadModel(model ?? defaultModelFor(archFor(test)));
    if (options.explain) {
      const explanation = explainTest(test, compiled, options);
      return { file, result: explanation.result, explanation };
    }
    return { file, result: simulate(test, compiled, options) };
  } catch (e) {
    return isInternalFailure(e) ? { file, error: describeFailure(e, file), internal: true } : { file, error: describeFailure(e, file) };
  }
}

/** Whether a failure is litmus's own bug (not a LitmusError, a LimitError or a missing file). */
export function isInternalFailure(e: unknown): boolean {
  return !(e instanceof LitmusError || e instanceof LimitError || (e instanceof Error && 'code' in e && e.code === 'ENOENT'));
}

/**
 * Any failure as located lines for the user: `FILE:LINE:COLUMN: message`
 * (internal errors say so and ask for a report).
 */
export function describeFailure(e: unknown, file: string): string {
  if (e instanceof LitmusError) return e.diagnostics.map((d) => formatDiagnostic({ ...d, file: d.file ?? file })).join('\n');
  if (e instanceof LimitError) return `${file}:1:1: ${e.message}`;
  if (e instanceof Error && 'code' in e && e.code === 'ENOENT') return `${file}:1:1: no such file`;
  const message = e instanceof Error ? e.message : String(e);
  return `${file}:1:1: internal error: ${message} (please report this)`;
}
