// The human-friendly report: aligned, coloured, with the verdict first.

import chalk from 'chalk';
import { UNDEFINED_FLAG } from '../cat/api.js';
import type { TestResult } from '../outcome/result.js';

/** A result for a person: the verdict first, aligned states, flags, Loop. */
export function prettyText(result: TestResult): string {
  const undefinedBehaviour = result.flags.includes(UNDEFINED_FLAG);
  const verdictColour = result.ok && !undefinedBehaviour ? chalk.green : chalk.red;
  const verdict = undefinedBehaviour ? 'Undef' : result.ok ? 'Ok' : 'No';
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
    lines.push(chalk.magenta(flag === UNDEFINED_FLAG
      ? `  flag: ${flag}: undefined behaviour: an allowed execution fails the model's undefined_unless check (in C, a data race: a plain access that happens-before does not order with a conflicting one)`
      : `  flag: ${flag}`));
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
