// `litmus compare --levels`: each C test under its C model and compiled for
// each target under the target's model, side by side (analysis/levels.ts).

import { compareLevels, type LevelsComparison } from '../analysis/levels.js';
import { TARGET_NAMES } from '../compile/index.js';
import { LitmusError, UsageError } from '../errors.js';
import { macrosOf } from '../node/macros.js';
import { loadModel, modelKey } from '../node/models.js';
import { readInputFile } from '../node/read-input.js';
import { describeFailure, isInternalFailure } from '../node/simulate-file.js';
import { defaultModelFor } from '../registry.js';
import { levelsDocument } from '../report/json.js';
import { levelsText } from '../report/levels-text.js';
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
  macrosFile?: string;
  limits?: LimitFlags;
}

/**
 * Prints each C test's levels table. Returns 0, 1 when some target allows a
 * state the C model forbids (a compilation bug), 2 when some input had an
 * error or a target could not compile a construct.
 */
export function levelsCommand(paths: string[], options: LevelsCommandOptions, io: Output): number {
  const unknown = (options.targets ?? []).filter((t) => !TARGET_NAMES.includes(t));
  if (unknown.length > 0) throw new UsageError(`--targets: no target ${unknown.map((t) => `'${t}'`).join(', ')} (the targets: ${TARGET_NAMES.join(', ')})`);
  const comparisons: LevelsComparison[] = [];
  const failures: Array<{ file: string; error: string }> = [];
  let status = 0;
  for (const file of expandPaths(paths)) {
    try {
      const test = parseLitmus(readInputFile(file, 'a .litmus test'), file);
      if (test.arch.toUpperCase() !== 'C') throw new LitmusError({ file, pos: test.pos, message: `compare --levels compiles C tests; this one is ${test.arch}` });
      const model = options.model ?? defaultModelFor(test);
      const comparison = compareLevels(test, loadModel(model), modelKey(model), loadModel, {
        ...(options.targets ? { targets: options.targets } : {}), limits: testLimits(options.limits ?? {}), ...macrosOf(options),
      });
      comparisons.push(comparison);
      if (comparison.rows.some((r) => r.unsound.length > 0)) status = Math.max(status, 1);
      if (comparison.levels.some((l) => l.error !== undefined)) status = Math.max(status, 2);
      if (options.format === 'pretty') io.out(levelsText(comparison));
    } catch (e) {
      const error = describeFailure(e, file);
      io.err(error + '\n');
      failures.push({ file, error });
      status = Math.max(status, isInternalFailure(e) ? 3 : 2);
    }
  }
  if (options.format === 'json') io.out(levelsDocument(comparisons, failures));
  return status;
}
