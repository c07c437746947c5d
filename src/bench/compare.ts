// Compares one of our results with herd7's recorded answer, fact by fact.

import { stateLine } from '../report/herd.js';
import type { TestResult } from '../outcome/result.js';
import { type HerdAnswer, normaliseStateLine } from './herd-output.js';

export interface Agreement {
  states: boolean;
  /** Ok/No and its `Loop` prefix. */
  ok: boolean;
  observation: boolean;
  counts: boolean;
  condition: boolean;
  flags: boolean;
  /** What differs, in words (empty when all agree). */
  differences: string[];
}

/**
 * Our answer against herd7's, fact by fact: states, Ok/No (with `Loop`),
 * witness counts, observation, the Condition line and flags. `flagRenames`
 * maps flag names in an older recording to today's.
 */
export function compareWithHerd(ours: TestResult, herd: HerdAnswer, flagRenames: Readonly<Record<string, string>> = {}): Agreement {
  const ourStates = ours.states.map((row) => normaliseStateLine(stateLine(ours.columns, row.values))).sort();
  const states = ourStates.length === herd.states.length && ourStates.every((s, i) => s === herd.states[i]);
  const ok = ours.ok === herd.ok && ours.loop === herd.loop;
  const observation = ours.observation === herd.observation;
  const counts = ours.positive === herd.positive && ours.negative === herd.negative;
  const condition = ours.condition === herd.condition;
  const herdFlags = herd.flags.map((flag) => flagRenames[flag] ?? flag).sort();
  const flags = ours.flags.join(' ') === herdFlags.join(' ');
  const differences: string[] = [];
  if (!states) {
    const missing = herd.states.filter((s) => !ourStates.includes(s));
    const extra = ourStates.filter((s) => !herd.states.includes(s));
    differences.push(`states differ: missing [${missing.join(' | ')}], extra [${extra.join(' | ')}]`);
  }
  const verdict = (loop: boolean, isOk: boolean) => `${loop ? 'Loop ' : ''}${isOk ? 'Ok' : 'No'}`;
  if (!ok) differences.push(`Ok/No: ours ${verdict(ours.loop, ours.ok)}, herd7 ${verdict(herd.loop, herd.ok)}`);
  if (!observation) differences.push(`observation: ours ${ours.observation}, herd7 ${herd.observation}`);
  if (!counts) differences.push(`witnesses: ours ${ours.positive}/${ours.negative}, herd7 ${herd.positive}/${herd.negative}`);
  if (!condition) differences.push(`Condition: ours '${ours.condition}', herd7 '${herd.condition}'`);
  if (!flags) differences.push(`flags: ours [${ours.flags.join(', ')}], herd7 [${herdFlags.join(', ')}]`);
  return { states, ok, observation, counts, condition, flags, differences };
}
