// Pictures of explanations (explain --graph, run --explain --graph): DOT
// and SVG per witness and per rejected candidate, and the folder they go in.

import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { TestExplanation } from '../analysis/explain.js';
import { LitmusError, UsageError } from '../errors.js';
import { executionDot } from '../report/dot.js';
import { renderSvg } from '../report/svg.js';
import type { Output } from './output.js';

/** Events a picture may have to be drawn as SVG (the .dot file is written whatever the size). */
export const MAX_PICTURE_EVENTS = 200;

/**
 * Checks `--graph DIR` before any test runs: a name, and no file in the
 * folder's place. Throws UsageError (`litmus: --graph: …`) otherwise.
 */
export function checkPictureFolder(dir: string): void {
  if (dir.trim() === '') throw new UsageError('--graph: give the folder the pictures go into');
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new UsageError(`--graph: ${dir} is a file, not a folder`);
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

/**
 * Writes a picture (.dot, and .svg up to MAX_PICTURE_EVENTS events) per
 * witness (allowed) and per rejected candidate (forbidden) of `explanation`
 * into `dir`, with deterministic names and bytes; says each file on
 * `io.err`. Throws LitmusError when the folder cannot be made.
 */
export async function writePictures(explanation: TestExplanation, dir: string, io: Output): Promise<void> {
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
