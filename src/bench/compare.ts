// Compares one of our results with herd7's recorded answer, fact by fact.

import { stateLine } from '../report/herd.js';
import type { TestResult } from '../outcome/result.js';
import { type HerdAnswer, normaliseStateLine } from './herd-output.js';

export interface Agreement {
  states: boolean;
  ok: boolean;
  observation: boolean;
  counts: boolean;
  /** What differs, in words (empty when all agree). */
  differences: string[];
}

export function compareWithHerd(ours: TestResult, herd: HerdAnswer): Agreement {
  const ourStates = ours.states.map((row) => normaliseStateLine(stateLine(ours.columns, row.values))).sort();
  const states = ourStates.length === herd.states.length && ourStates.every((s, i) => s === herd.states[i]);
  const ok = ours.ok === herd.ok;
  const observation = ours.observation === herd.observation;
  const counts = ours.positive === herd.positive && ours.negative === herd.negative;
  const differences: string[] = [];
  if (!states) {
    const missing = herd.states.filter((s) => !ourStates.includes(s));
    const extra = ourStates.filter((s) => !herd.states.includes(s));
    differences.push(`states differ: missing [${missing.join(' | ')}], extra [${extra.join(' | ')}]`);
  }
  if (!ok) differences.push(`Ok/No: ours ${ours.ok ? 'Ok' : 'No'}, herd7 ${herd.ok ? 'Ok' : 'No'}`);
  if (!observation) differences.push(`observation: ours ${ours.observation}, herd7 ${herd.observation}`);
  if (!counts) differences.push(`witnesses: ours ${ours.positive}/${ours.negative}, herd7 ${herd.positive}/${herd.negative}`);
  return { states, ok, observation, counts, differences };
}
