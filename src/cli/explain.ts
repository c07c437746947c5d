// `litmus explain` (and `run --explain`): why each state the condition asks
// about is forbidden, or what an execution reaching it looks like; with
// --graph, a picture (DOT and SVG) per witness and per rejected candidate.

import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { archFor, defaultModelFor } from '../registry.js';
import { LitmusError } from '../errors.js';
import { explainTest, type TestExplanation } from '../analysis/explain.js';
import { executionDot } from '../report/dot.js';
import { explanationText } from '../report/explain-text.js';
import { explanationsDocument, type TestFailure } from '../report/json.js';
import { renderSvg } from '../report/svg.js';
import { parseLitmus } from '../syntax/parse.js';
import { expandPaths } from './inputs.js';
import { type LimitFlags, testLimits } from './limits.js';
import { loadModel, preloadModels } from '../node/models.js';
import { type Output, printWarnings } from './run.js';
import { describeFailure, isInternalFailure, refuseForeignModel } from '../node/simulate-file.js';
import { readInputFile } from '../node/read-input.js';

/** Events a picture may have to be drawn as SVG (the .dot file is written whatever the size). */
export const MAX_PICTURE_EVENTS = 200;

export interface ExplainOptions extends LimitFlags {
  model?: string;
  format: 'pretty' | 'json';
  /** Folder for pictures: NAME.state-N.allowed.{dot,svg} or NAME.state-N.AXIOM.{dot,svg}. */
  graph?: string;
  /** Explain every reachable state, not only those where the condition holds. */
  allStates?: boolean;
  /** Run --model on tests of architectures it is not written for, instead of refusing them. */
  forceModel?: boolean;
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
  const explanations: TestExplanation[] = [];
  const failures: TestFailure[] = [];
  let status = 0;
  for (const file of expandPaths(paths)) {
    try {
      const test = parseLitmus(readInputFile(file, 'a .litmus test'), file);
      if (!options.forceModel) refuseForeignModel(test, options.model);
      const model = loadModel(options.model ?? defaultModelFor(archFor(test)));
      const explanation = explainTest(test, model, {
        states: options.allStates ? 'all' : 'condition',
        mixed: options.mixed,
        hexa: options.hexa,
        limits: testLimits(options),
      });
      explanations.push(explanation);
      printWarnings(explanation.result, io);
      if (options.format === 'pretty') io.out(explanationText(explanation));
      if (options.graph) await writePictures(explanation, options.graph, io);
    } catch (e) {
      const error = describeFailure(e, file);
      io.err(error + '\n');
      failures.push({ file, error });
      status = Math.max(status, isInternalFailure(e) ? 3 : 2);
    }
  }
  if (options.format === 'json') io.out(explanationsDocument(explanations, failures));
  return status;
}

/**
 * mkdir -p, one level at a time from the nearest folder that exists: Node's
 * own recursive mkdir never returns under /proc (`--graph /proc/x` hung).
 */
export function makeFolder(dir: string): void {
  const missing: string[] = [];
  for (let at = resolve(dir); !existsSync(at); at = dirname(at)) missing.unshift(at);
  for (const folder of missing) mkdirSync(folder);
}

/** One picture per witness (allowed) and per rejected candidate (forbidden); deterministic names and bytes. */
async function writePictures(explanation: TestExplanation, dir: string, io: Output): Promise<void> {
  try {
    makeFolder(dir);
  } catch {
    throw new LitmusError({ file: dir, pos: { line: 1, column: 1 }, message: 'cannot create this folder for the pictures' });
  }
  const name = explanation.result.name;
  const pictures: Array<{ base: string; events: number; dot: string }> = [];
  explanation.states.forEach((state, i) => {
    const label = `${name} — ${explanation.result.columns.map((c, k) => `${c}=${state.values[k]}`).join(' ')}`;
    if (state.witness) pictures.push({ base: `${name}.state-${i + 1}.allowed`, events: state.witness.graph.events.length, dot: executionDot(state.witness.graph, { title: `${label}: allowed` }) });
    for (const r of state.rejections) {
      pictures.push({ base: `${name}.state-${i + 1}.${r.axiom}`, events: r.graph.events.length, dot: executionDot(r.graph, { title: label, witness: r.witness }) });
    }
  });
  for (const picture of pictures) {
    const base = join(dir, picture.base.replace(/[^\w.+-]/g, '_'));
    writeFileSync(`${base}.dot`, picture.dot);
    // Graphviz lays a graph out in one call nothing can interrupt (--timeout), and no one reads a picture of hundreds of events.
    if (picture.events > MAX_PICTURE_EVENTS) {
      io.err(`note: wrote ${base}.dot only: ${picture.events} events, over the ${MAX_PICTURE_EVENTS} drawn as SVG\n`);
      continue;
    }
    writeFileSync(`${base}.svg`, await renderSvg(picture.dot));
    io.err(`wrote ${base}.dot and ${base}.svg\n`);
  }
}
