// herd7's text output for one test, line for line, so our answers diff
// against herd7's (the Time and Hash lines, which vary, are left out).

import { type TestResult, verdictWord } from '../outcome/result.js';

/** A state line as herd7 prints it: `0:X0=1; [x]=0;`. */
export function stateLine(columns: readonly string[], values: readonly string[]): string {
  return columns.map((column, i) => `${column}=${values[i]};`).join(' ');
}

/** herd7's block for a result, line for line (without Time and Hash). */
export function herdText(result: TestResult): string {
  const lines = [`Test ${result.name} ${result.kind}`, `States ${result.states.length}`];
  for (const row of result.states) lines.push(stateLine(result.columns, row.values));
  lines.push(`${result.loop ? 'Loop ' : ''}${verdictWord(result)}`, 'Witnesses');
  // herd7 swaps the two counts on this line for ~exists (not on Observation).
  const [shownPositive, shownNegative] =
    result.quantifier === '~exists' ? [result.negative, result.positive] : [result.positive, result.negative];
  lines.push(`Positive: ${shownPositive} Negative: ${shownNegative}`);
  for (const flag of result.flags) lines.push(`Flag ${flag}`);
  lines.push(`Condition ${result.condition}`);
  lines.push(`Observation ${result.name} ${result.observation} ${result.positive} ${result.negative}`);
  return lines.join('\n') + '\n\n';
}
