// The human-friendly report: aligned, coloured, with the verdict first.

import chalk from 'chalk';
import { UNDEFINED_FLAG } from '../cat/api.js';
import { type TestResult, UNDEFINED_NOTE, verdictWord } from '../outcome/result.js';

/** A result for a person: the verdict first, aligned states, flags, Loop. */
export function prettyText(result: TestResult): string {
  const verdict = verdictWord(result);
  const verdictColour = verdict === 'Ok' ? chalk.green : chalk.red;
  const header =
    `${chalk.bold(result.name)}  ${chalk.dim(`${result.arch}, model ${result.model}`)}\n` +
    `  ${result.condition}  →  ${verdictColour(`${result.loop ? 'Loop ' : ''}${verdict}`)} ` +
    `(${result.observation}: ${result.positive} of ${result.positive + result.negative} allowed executions satisfy it)`;
  const widths = result.columns.map((c, i) =>
    Math.max(c.length, ...result.states.map((row) => row.values[i].length)),
  );
  const pad = (text: string, i: number) => text.padEnd(widths[i]);
  const lines = [header, `  ${chalk.dim(result.columns.map(pad).join('  '))}`];
  for (const row of result.states) {
    const mark = row.satisfies ? chalk.yellow('◆ condition holds') : '';
    lines.push(`  ${row.values.map(pad).join('  ')}  ${chalk.dim(`×${row.executions}`)} ${mark}`.trimEnd());
  }
  for (const flag of result.flags) {
    lines.push(chalk.magenta(flag === UNDEFINED_FLAG ? `  flag: ${flag}: ${UNDEFINED_NOTE}` : `  flag: ${flag}`));
  }
  if (result.loop) {
    lines.push(chalk.yellow('  Loop: some executions go round a loop more often than the unrolling bound and are left out (herd7 does the same);'));
    lines.push(chalk.yellow('  outcomes only longer runs reach are missing'));
  }
  if (result.positive === 0 && !result.loop) {
    lines.push(chalk.red(`  the condition's states are forbidden by ${result.model}`) + chalk.dim(' (--explain says which axiom, and why)'));
  } else if (result.positive === 0) {
    lines.push(chalk.red(`  no execution within the unrolling bound reaches the condition's states under ${result.model}`));
  }
  lines.push(
    chalk.dim(
      `  ${result.states.length} state${result.states.length === 1 ? '' : 's'} (×N: allowed executions ending there), ` +
        `${result.stats.candidates} candidates examined, ${result.stats.seconds.toFixed(3)} s`,
    ),
  );
  return lines.join('\n') + '\n\n';
}
