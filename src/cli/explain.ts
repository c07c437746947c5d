// `litmus explain` (and `run --explain`): why each state the condition asks
// about is forbidden, or what an execution reaching it looks like; with
// --graph, a picture (DOT and SVG) per witness and per rejected candidate.

import { archFor, defaultModelFor } from '../registry.js';
import { explainTest, type TestExplanation } from '../analysis/explain.js';
import { type CandidateList, listCandidates } from '../analysis/candidates.js';
import { candidatesText } from '../report/candidates-text.js';
import { explanationText } from '../report/explain-text.js';
import { explanationsDocument, type TestFailure } from '../report/json.js';
import { parseLitmus } from '../syntax/parse.js';
import { expandPaths } from './inputs.js';
import { type LimitFlags, testLimits } from './limits.js';
import { loadModel, preloadModels } from '../node/models.js';
import { macrosOf } from '../node/macros.js';
import { type Output, printWarnings } from './run.js';
import { checkPictureFolder, writePictures } from './pictures.js';
import { describeFailure, isInternalFailure, refuseForeignModel } from '../node/simulate-file.js';
import { readInputFile } from '../node/read-input.js';

export interface ExplainOptions extends LimitFlags {
  model?: string;
  format: 'pretty' | 'json';
  /** Folder for pictures: NAME.state-N.allowed.{dot,svg} or NAME.state-N.AXIOM.{dot,svg}. */
  graph?: string;
  /** Explain every reachable state, not only those where the condition holds. */
  allStates?: boolean;
  /** Also list every candidate execution (of those states), judged without pruning. */
  allCandidates?: boolean;
  /** Run --model on tests of architectures it is not written for, instead of refusing them. */
  forceModel?: boolean;
  /** A .def file of macros for C tests (--macros). */
  macrosFile?: string;
  /** Mixed-size memory for every test (--variant mixed); hexadecimal values (--hexa). */
  mixed?: boolean;
  hexa?: boolean;
}

/**
 * `litmus explain`: why each state the condition asks about is allowed or
 * forbidden, in words or JSON, with pictures when asked. Returns the exit status.
 */
export async function explainCommand(paths: string[], options: ExplainOptions, io: Output): Promise<number> {
  preloadModels([options.model], io.err);
  if (options.graph !== undefined) checkPictureFolder(options.graph);
  const explanations: TestExplanation[] = [];
  const lists = new Map<TestExplanation, CandidateList>();
  const listFailures = new Map<TestExplanation, string>();
  const failures: TestFailure[] = [];
  let status = 0;
  for (const file of expandPaths(paths)) {
    try {
      const test = parseLitmus(readInputFile(file, 'a .litmus test'), file);
      if (!options.forceModel) refuseForeignModel(test, options.model);
      const model = loadModel(options.model ?? defaultModelFor(test));
      // One deadline for the test: the list gets what the explanation left of --timeout.
      const limits = testLimits(options);
      const states = options.allStates ? 'all' : 'condition';
      const explanation = explainTest(test, model, { states, mixed: options.mixed, hexa: options.hexa, limits, ...macrosOf(options) });
      explanations.push(explanation);
      printWarnings(explanation.result, io);
      let list: CandidateList | undefined;
      let listStopped: string | undefined;
      if (options.allCandidates) {
        try {
          list = listCandidates(test, model, { states, mixed: options.mixed, hexa: options.hexa, limits, ...macrosOf(options) });
          lists.set(explanation, list);
        } catch (e) {
          // The explanation stands; the listing's failure is said beside it.
          if (isInternalFailure(e)) throw e;
          listStopped = describeFailure(e, file);
          listFailures.set(explanation, listStopped);
          status = Math.max(status, 2);
        }
      }
      if (options.format === 'pretty') io.out(explanationText(explanation).replace(/\n$/, '') + (list ? `\n${candidatesText(list)}` : '\n'));
      if (listStopped) io.err(`${listStopped} (listing the candidates)\n`);
      if (options.graph !== undefined) await writePictures(explanation, options.graph, io);
    } catch (e) {
      const error = describeFailure(e, file);
      io.err(error + '\n');
      failures.push({ file, error });
      status = Math.max(status, isInternalFailure(e) ? 3 : 2);
    }
  }
  if (options.format === 'json') io.out(explanationsDocument(explanations, failures, lists, listFailures));
  return status;
}
