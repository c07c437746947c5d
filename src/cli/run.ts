// `litmus run`: simulate tests and print what the model allows.

import { expandPaths } from './inputs.js';
import { type LimitFlags, testLimits } from './limits.js';
import { modelAppliesTo, modelKey, preloadModels } from '../node/models.js';
import { describeFailure, type FileOutcome, isInternalFailure, simulateFile } from '../node/simulate-file.js';
import { checkPictureFolder, writePictures } from './pictures.js';
import type { Output } from './output.js';
import { herdText } from '../report/herd.js';
import { jsonDocument } from '../report/json.js';
import { prettyText } from '../report/pretty.js';
import type { TestResult } from '../outcome/result.js';
import type { TestExplanation } from '../analysis/explain.js';
import { explanationText } from '../report/explain-text.js';

export type OutputFormat = 'herd' | 'pretty' | 'json';

export interface RunOptions extends LimitFlags {
  model?: string;
  format: OutputFormat;
  /** Also say why each state the condition asks about is forbidden, or how it is reached. */
  explain?: boolean;
  /** With the explanations: a picture per witness and per rejected candidate into this folder (as explain --graph). */
  graph?: string;
  /** Explain every reachable state, not only the condition's (as explain --all-states). */
  allStates?: boolean;
  /** Run --model on tests of architectures it is not written for (with a warning) instead of refusing them. */
  forceModel?: boolean;
  /** A .def file of macros for C tests (--macros). */
  macrosFile?: string;
  /** Mixed-size memory for every test (--variant mixed); hexadecimal values (--hexa). */
  mixed?: boolean;
  hexa?: boolean;
}

export type { Output } from './output.js';

/** What the user should know about how a test was run (a test switched to mixed-size memory), on stderr. */
export function printWarnings(result: TestResult, io: Output): void {
  for (const warning of result.warnings ?? []) io.err(`warning: ${warning}\n`);
}

/**
 * Returns the exit status: 0, 2 when some input could not be simulated, 3
 * when litmus itself failed on one. --graph and --all-states imply --explain
 * (the options of explain, wherever explanations are printed).
 */
export async function runCommand(paths: string[], options: RunOptions, io: Output): Promise<number> {
  const explain = options.explain || options.graph !== undefined || options.allStates;
  if (options.graph !== undefined) checkPictureFolder(options.graph);
  preloadModels([options.model], io.err);
  const files = expandPaths(paths);
  const results: TestResult[] = [];
  const failures: Array<{ file: string; error: string; internal?: true }> = [];
  const explanations = new Map<TestResult, TestExplanation>();
  const warned = new Set<string>();
  for (const file of files) {
    const outcome: FileOutcome = simulateFile(file, options.model, {
      explain,
      states: options.allStates ? 'all' : 'condition',
      forceModel: options.forceModel,
      mixed: options.mixed,
      hexa: options.hexa,
      macrosFile: options.macrosFile,
      limits: testLimits(options),
    });
    if ('error' in outcome) {
      failures.push(outcome);
      io.err(outcome.error + '\n');
      continue;
    }
    results.push(outcome.result);
    printWarnings(outcome.result, io);
    const { arch } = outcome.result;
    if (options.model !== undefined && !modelAppliesTo(options.model, arch) && !warned.has(arch)) {
      warned.add(arch);
      io.err(`warning: ${modelKey(options.model)} is not written for ${arch} tests; run anyway (--force-model)\n`);
    }
    if (outcome.explanation) explanations.set(outcome.result, outcome.explanation);
    if (options.format === 'herd') io.out(herdText(outcome.result));
    else if (options.format === 'pretty') io.out(prettyText(outcome.result));
    if (outcome.explanation && options.format !== 'json') io.out(explanationText(outcome.explanation));
    if (outcome.explanation && options.graph !== undefined) {
      try {
        await writePictures(outcome.explanation, options.graph, io);
      } catch (e) {
        const error = describeFailure(e, file);
        io.err(error + '\n');
        failures.push({ file, error, ...(isInternalFailure(e) && { internal: true as const }) });
      }
    }
  }
  if (options.format === 'json') io.out(jsonDocument(results, failures, explanations));
  return failures.some((f) => f.internal) ? 3 : failures.length > 0 ? 2 : 0;
}
