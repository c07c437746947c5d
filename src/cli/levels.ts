// `litmus compare --levels`: each C test under its C model and compiled for
// each target under the target's model, side by side (analysis/levels.ts).

import { compareLevels, type LevelsComparison } from '../analysis/levels.js';
import { TARGET_NAMES } from '../compile/index.js';
import { LitmusError, UsageError } from '../errors.js';
import { macrosOf } from '../node/macros.js';
import { loadModel, modelAppliesTo, modelKey } from '../node/models.js';
import { resolve } from 'node:path';
import { readInputFile } from '../node/read-input.js';
import { describeFailure, isInternalFailure } from '../node/simulate-file.js';
import { defaultModelFor, modelAudience } from '../registry.js';
import { levelsDocument } from '../report/json.js';
import { levelsSummaryText, levelsText } from '../report/levels-text.js';
import { parseLitmus } from '../syntax/parse.js';
import { expandPaths } from './inputs.js';
import { type LimitFlags, testLimits } from './limits.js';
import type { Output } from './run.js';

export interface LevelsCommandOptions {
  /** The C model (default: the test's own, rc11 or lkmm). */
  model?: string;
  /** Targets to compile for (default: every one). */
  targets?: string[];
  format: 'pretty' | 'json';
  /** Only the conditions side by side, a line per test. */
  summaryOnly?: boolean;
  macrosFile?: string;
  limits?: LimitFlags;
}

/**
 * Prints each C test's levels table. Returns 0, 1 when some target allows a
 * state the C model forbids (a compilation bug), 2 when some input had an
 * error or a level stopped at a limit. A construct a target's table lacks
 * leaves that target's column n/a, with its located error, and is no failure.
 * Assembly tests found in a folder are left out (one note); one named
 * directly is an error.
 */
export function levelsCommand(paths: string[], options: LevelsCommandOptions, io: Output): number {
  const unknown = (options.targets ?? []).filter((t) => !TARGET_NAMES.includes(t));
  if (unknown.length > 0) throw new UsageError(`--targets: no target ${unknown.map((t) => `'${t}'`).join(', ')} (the targets: ${TARGET_NAMES.join(', ')})`);
  const comparisons: LevelsComparison[] = [];
  const failures: Array<{ file: string; error: string }> = [];
  let status = 0;
  let leftOut = 0;
  const named = new Set(paths.map((p) => resolve(p)));
  for (const file of expandPaths(paths)) {
    try {
      const test = parseLitmus(readInputFile(file, 'a .litmus test'), file);
      if (test.arch.toUpperCase() !== 'C') {
        if (!named.has(resolve(file))) {
          leftOut++;
          continue;
        }
        throw new LitmusError({ file, pos: test.pos, message: `compare --levels compiles C tests; this one is ${test.arch}` });
      }
      const model = options.model ?? defaultModelFor(test);
      if (!modelAppliesTo(model, test)) {
        throw new LitmusError({ file, pos: test.pos, message: `${modelKey(model)} is written for ${modelAudience(model)}, not for this test (use ${defaultModelFor(test)})` });
      }
      const comparison = compareLevels(test, loadModel(model), modelKey(model), loadModel, {
        ...(options.targets ? { targets: options.targets } : {}), limits: testLimits(options.limits ?? {}), ...macrosOf(options),
      });
      comparisons.push(comparison);
      if (comparison.rows.some((r) => r.unsound.length > 0)) status = Math.max(status, 1);
      if (comparison.levels.some((l) => l.stoppedAtLimit)) status = Math.max(status, 2);
      if (options.format === 'pretty' && !options.summaryOnly) io.out(levelsText(comparison));
    } catch (e) {
      const error = describeFailure(e, file);
      io.err(error + '\n');
      failures.push({ file, error });
      status = Math.max(status, isInternalFailure(e) ? 3 : 2);
    }
  }
  if (leftOut > 0) io.err(`note: ${leftOut} assembly test${leftOut === 1 ? '' : 's'} left out (compare --levels compiles C tests)\n`);
  if (options.format === 'json') io.out(levelsDocument(comparisons, failures));
  else if (options.summaryOnly || comparisons.length > 1) io.out(levelsSummaryText(comparisons));
  return status;
}
