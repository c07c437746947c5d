// `litmus compare`: tests under several models, state by state, and — for
// several versions of one pattern — their conditions side by side.

import { archFor, modelAudience } from '../registry.js';
import { type Comparison, compareModels } from '../analysis/compare.js';
import { comparisonText, conditionSummaryText } from '../report/compare-text.js';
import { comparisonsDocument, type TestFailure } from '../report/json.js';
import { parseLitmus } from '../syntax/parse.js';
import { expandPaths } from './inputs.js';
import { loadModel, modelAppliesTo, modelKey, preloadModels, STOCK_MODEL_NAMES } from '../node/models.js';
import { macrosOf } from '../node/macros.js';
import { LitmusError } from '../errors.js';
import { type Output, printWarnings } from './run.js';
import { describeFailure, isInternalFailure } from '../node/simulate-file.js';
import { readInputFile } from '../node/read-input.js';
import { type LimitFlags, testLimits } from './limits.js';

export interface CompareOptions {
  /** Models to compare (default: every stock model written for the test's architecture, and sc). */
  models?: string[];
  format: 'pretty' | 'json';
  /** Print only the side-by-side summary of the conditions. */
  summaryOnly?: boolean;
  /** A .def file of macros for C tests (--macros). */
  macrosFile?: string;
  /** Mixed-size memory for every test (--variant mixed); hexadecimal values (--hexa). */
  mixed?: boolean;
  hexa?: boolean;
  /** --timeout, --max-candidates and --max-memory, per test (every model's run counts against one deadline). */
  limits?: LimitFlags;
}

/**
 * `litmus compare`: each test under the models that apply to it, state by
 * state, then the conditions side by side. Returns the exit status (0, or 2
 * when some input had an error).
 */
export function compareCommand(paths: string[], options: CompareOptions, io: Output): number {
  preloadModels(options.models ?? [], io.err, '--models');
  const comparisons: Comparison[] = [];
  const failures: TestFailure[] = [];
  const noted = new Set<string>();
  let status = 0;
  for (const file of expandPaths(paths)) {
    try {
      const test = parseLitmus(readInputFile(file, 'a .litmus test'), file);
      const arch = archFor(test).names[0];
      const asked = options.models ?? STOCK_MODEL_NAMES;
      for (const m of asked.filter((m) => !modelAppliesTo(m, test))) {
        const note = `note: ${modelKey(m)} is written for ${modelAudience(m)}; left out of the comparison of others\n`;
        if (options.models && !noted.has(note)) io.err(note);
        noted.add(note);
      }
      const models = asked.filter((m) => modelAppliesTo(m, test)).map(loadModel);
      if (models.length === 0) {
        throw new LitmusError({ file, pos: test.pos, message: `none of the models asked for (${asked.join(', ')}) is written for this ${arch} test` });
      }
      // The condition's states stay even when every model forbids them: the row that matters, with each model's axiom.
      const comparison = compareModels(test, models, { mixed: options.mixed, hexa: options.hexa, keepDecidingStates: true, limits: testLimits(options.limits ?? {}), ...macrosOf(options) });
      comparisons.push(comparison);
      // Every model ran the test alike: its first result says how.
      if (comparison.results[0]) printWarnings(comparison.results[0], io);
    } catch (e) {
      const error = describeFailure(e, file);
      io.err(error + '\n');
      failures.push({ file, error });
      status = Math.max(status, isInternalFailure(e) ? 3 : 2);
    }
  }
  if (options.format === 'json') {
    io.out(comparisonsDocument(comparisons, failures));
    return status;
  }
  if (!options.summaryOnly) for (const c of comparisons) io.out(comparisonText(c));
  if (comparisons.length > 1 || options.summaryOnly) {
    // Columns in the order the models were asked for (stock order by default).
    const models = (options.models ?? STOCK_MODEL_NAMES).map((m) => loadModel(m).name).filter((title) => comparisons.some((c) => c.models.includes(title)));
    io.out(conditionSummaryText(comparisons, models));
  }
  return status;
}
