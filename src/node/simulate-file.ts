// Reads, parses and simulates one test file under one model, turning every
// kind of failure into a located message (never a stack trace).

import { archFor, defaultModelFor } from '../registry.js';
import { formatDiagnostic, LimitError, LitmusError, UsageError } from '../errors.js';
import { explainTest, type TestExplanation } from '../analysis/explain.js';
import type { TestResult } from '../outcome/result.js';
import { type SimulateOptions, simulate } from '../simulate.js';
import { parseLitmus } from '../syntax/parse.js';
import type { LitmusTest } from '../syntax/ast.js';
import { loadModel, modelAppliesTo, modelKey } from './models.js';
import { modelAudience } from '../registry.js';
import { readInputFile } from './read-input.js';
import { loadMacrosFile } from './macros.js';

export type FileOutcome =
  | { file: string; result: TestResult; explanation?: TestExplanation }
  | { file: string; error: string; /** A bug of litmus's, not of the input (the CLI exits 3). */ internal?: true };

/** Options of simulateFile beyond simulate's. */
export interface FileOptions extends SimulateOptions {
  /** Also explain the condition's states (or with `states: 'all'`, every reachable one). */
  explain?: boolean;
  states?: 'condition' | 'all';
  /** Run a stock model on a test of an architecture it is not written for (otherwise an error: see refuseForeignModel). */
  forceModel?: boolean;
  /** A .def file of macros for C tests (--macros), read once per run; `macros` given directly wins. */
  macrosFile?: string;
}

/**
 * Throws LitmusError at the test's header when `model` is a stock model
 * written for other architectures: x86tso on an AArch64 test would answer
 * as if its barriers were not there. sc and .cat files apply to any test.
 */
export function refuseForeignModel(test: LitmusTest, model: string | undefined): void {
  if (model === undefined || modelAppliesTo(model, test)) return;
  const own = defaultModelFor(test);
  const why = modelAppliesTo(model, test.arch)
    ? `is written for ${modelAudience(model)}: it would ignore this test's annotations`
    : `is not written for ${test.arch} tests: it would ignore their barriers and annotations`;
  throw new LitmusError({
    file: test.file,
    pos: test.pos,
    message: `${modelKey(model)} ${why} (use ${own} or sc, or --force-model to run it anyway)`,
  });
}

/** `model` undefined: the architecture's default model. */
export function simulateFile(file: string, model: string | undefined, options: FileOptions = {}): FileOutcome {
  try {
    const test = parseLitmus(readInputFile(file, 'a .litmus test'), file);
    if (!options.forceModel) refuseForeignModel(test, model);
    const compiled = loadModel(model ?? defaultModelFor(test));
    if (options.macrosFile !== undefined && options.macros === undefined) options = { ...options, macros: loadMacrosFile(options.macrosFile) };
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
  return !(e instanceof LitmusError || e instanceof LimitError || e instanceof UsageError || (e instanceof Error && 'code' in e && e.code === 'ENOENT'));
}

/**
 * Any failure as located lines for the user: `FILE:LINE:COLUMN: message`
 * (internal errors say so and ask for a report).
 */
export function describeFailure(e: unknown, file: string): string {
  if (e instanceof LitmusError) return e.diagnostics.map((d) => formatDiagnostic({ ...d, file: d.file ?? file })).join('\n');
  if (e instanceof LimitError) return `${file}:1:1: ${e.message}`;
  if (e instanceof UsageError) return `litmus: ${e.message}`;
  if (e instanceof Error && 'code' in e && e.code === 'ENOENT') return `${file}:1:1: no such file`;
  const message = e instanceof Error ? e.message : String(e);
  return `${file}:1:1: internal error: ${message} (please report this)`;
}
