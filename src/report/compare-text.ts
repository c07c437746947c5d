// Tables for `litmus compare`: one test's states under several models, and
// several versions of one pattern side by side on their condition.

import chalk from 'chalk';
import type { Comparison } from '../analysis/compare.js';

/** A cell of a table, with its printed width (colour codes do not count). */
interface Cell {
  text: string;
  colour?: (s: string) => string;
}

function table(header: string[], rows: Cell[][], highlight: (row: number) => boolean): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].text.length)));
  const line = (cells: Cell[]) => cells.map((c, i) => (c.colour ?? ((s: string) => s))(c.text.padEnd(widths[i]))).join('  ');
  const out = [chalk.bold(line(header.map((text) => ({ text }))))];
  rows.forEach((row, r) => out.push(highlight(r) ? chalk.inverse(line(row)) : line(row)));
  return out.map((l) => `  ${l}`.trimEnd()).join('\n') + '\n';
}

function verdictCell(allowed: boolean, axioms: string[]): Cell {
  return allowed
    ? { text: 'allowed', colour: chalk.green }
    : { text: axioms.length > 0 ? `forbidden (${axioms.join(', ')})` : 'forbidden', colour: chalk.red };
}

/** The states of one test, a column per model; rows where the models disagree stand out. */
export function comparisonText(comparison: Comparison): string {
  const header = [...comparison.columns, 'cond', ...comparison.models, ''];
  const rows = comparison.rows.map((row) => [
    ...row.values.map((text) => ({ text })),
    { text: row.satisfies ? '◆' : '' },
    ...row.verdicts.map((v) => verdictCell(v.allowed, v.axioms)),
    { text: row.disagree ? '≠' : '', colour: chalk.yellow },
  ]);
  const title = `${chalk.bold(comparison.name)}  ${chalk.dim(comparison.results[0]?.condition ?? '')}\n`;
  const legend = chalk.dim('  ◆ the condition\'s proposition holds; ≠ the models disagree\n');
  return title + table(header, rows, (r) => comparison.rows[r].disagree) + legend + '\n';
}

/** Several tests (versions of one pattern) side by side: can each model reach the condition? */
export function conditionSummaryText(comparisons: Comparison[], models: string[]): string {
  const header = ['test', ...models, ''];
  const differs = (c: Comparison) => new Set(c.results.map((res) => res.positive > 0)).size > 1;
  const rows = comparisons.map((c) => [
    { text: c.name },
    ...models.map((model) => {
      const m = c.models.indexOf(model);
      if (m < 0) return { text: '—', colour: chalk.dim };
      return verdictCell(c.results[m].positive > 0, c.conditionAxioms[m]);
    }),
    { text: differs(c) ? '≠' : '', colour: chalk.yellow },
  ]);
  return (
    table(header, rows, (r) => differs(comparisons[r])) +
    chalk.dim('  allowed: some execution the model allows satisfies the condition; —: the model is not for this architecture; ≠ the models disagree\n')
  );
}
