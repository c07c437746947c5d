// `litmus compare --levels`: a C test's states, one column per level (its C
// model, then each target), with the compilation bugs as errors and the
// states a target hides as warnings.

import chalk from 'chalk';
import type { LevelsComparison } from '../analysis/levels.js';

/**
 * Several C tests' conditions side by side, a line each: the verdict on the
 * condition's states at every level, and whether a target is unsound for
 * the test or hides its outcome (`compare --levels --summary`).
 */
export function levelsSummaryText(comparisons: readonly LevelsComparison[]): string {
  const names = [...new Set(comparisons.flatMap((c) => c.levels.map((l) => (l.kind === 'c' ? 'C' : l.name))))];
  const header = ['test', ...names, ''];
  const rows = comparisons.map((c) => {
    const holds = c.rows.filter((r) => r.satisfies);
    const cell = (name: string): string => {
      const i = c.levels.findIndex((l) => (l.kind === 'c' ? 'C' : l.name) === name);
      if (i < 0) return '—';
      if (c.levels[i]!.error !== undefined) return 'n/a';
      const allowed = holds.some((r) => r.allowed[i] === true);
      return `${allowed ? 'allowed' : 'forbidden'}${i === 0 ? ` (${c.levels[0]!.name})` : ''}`;
    };
    const unsound = [...new Set(c.rows.flatMap((r) => r.unsound))];
    const hidden = [...new Set(holds.flatMap((r) => r.hiddenBy))];
    const bug = c.levels[0]!.undefined ? 'undefined behaviour (a data race)'
      : unsound.length > 0 ? `compilation bug on ${unsound.join(', ')}`
      : hidden.length > 0 ? `hidden by ${hidden.join(', ')}` : '';
    return [c.test, ...names.map(cell), bug];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `  ${cells.map((text, i) => text.padEnd(widths[i]!)).join('  ')}`.trimEnd();
  const colour = (text: string) => (text.includes('compilation bug') ? chalk.red(text) : text.includes('hidden') ? chalk.yellow(text) : text);
  return [chalk.bold(line(header)), ...rows.map((r) => colour(line(r)))].join('\n') + '\n' +
    chalk.dim("  allowed: some execution the level allows satisfies the condition; n/a: the target's table lacks a construct of the test\n");
}

/** The table and its verdict lines, for a person. */
export function levelsText(comparison: LevelsComparison): string {
  const { levels, rows } = comparison;
  const header = [...comparison.columns, 'cond', ...levels.map((l) => (l.kind === 'c' ? `C (${l.name})` : l.name))];
  const cell = (allowed: boolean | undefined): { text: string; colour: (s: string) => string } =>
    allowed === undefined ? { text: 'n/a', colour: chalk.dim } : allowed ? { text: 'allowed', colour: chalk.green } : { text: 'forbidden', colour: chalk.red };
  const body = rows.map((row) => [
    ...row.values.map((text) => ({ text, colour: (s: string) => s })),
    { text: row.satisfies ? '◆' : '', colour: (s: string) => s },
    ...row.allowed.map(cell),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.text.length)));
  const lines = [
    `${chalk.bold(comparison.test)}  ${chalk.dim(comparison.condition)}`,
    `  ${chalk.bold(header.map((h, i) => h.padEnd(widths[i]!)).join('  '))}`.trimEnd(),
    ...body.map((r, ri) => {
      const line = `  ${r.map((c, i) => c.colour(c.text.padEnd(widths[i]!))).join('  ')}`.trimEnd();
      return rows[ri]!.unsound.length > 0 ? `${line}  ${chalk.red('✗ compilation bug')}` : line;
    }),
  ];
  const state = (values: string[]) => comparison.columns.map((c, i) => `${c}=${values[i]}`).join('; ');
  const c = levels[0]!;
  if (c.undefined) lines.push(chalk.yellow(`  note: under ${c.name} some execution has a data race: the C code's behaviour is undefined, and no target can be wrong`));
  for (const row of rows) {
    if (row.unsound.length === 0) continue;
    const axioms = c.forbiddenBy?.[row.values.join(';')] ?? [];
    const by = axioms.length > 0 ? ` (${axioms.join(', ')})` : '';
    lines.push(chalk.red(`  error: compilation bug: ${row.unsound.join(', ')} ${row.unsound.length === 1 ? 'allows' : 'allow'} ${state(row.values)}, which ${c.name} forbids${by}: the mapping is unsound for this test`));
    if (axioms.length === 1 && axioms[0] === 'no-thin-air') {
      lines.push(chalk.yellow("  note: RC11's no-thin-air axiom (acyclic sb | rf) forbids load buffering, which the mappings compilers use for relaxed accesses allow on Armv8: a known gap between RC11 and compilers (Lahav et al., PLDI 2017, section 7), not a compiler's bug"));
    }
  }
  for (const row of rows) {
    if (row.hiddenBy.length === 0) continue;
    const shows = levels.filter((l, i) => l.kind === 'target' && row.allowed[i] === true).map((l) => l.name);
    const where = shows.length > 0 ? `; it shows on ${shows.join(', ')}` : '';
    const which = row.satisfies ? ' (the condition holds in it)' : '';
    lines.push(chalk.yellow(`  warning: hidden by ${row.hiddenBy.join(', ')}: ${c.name} allows ${state(row.values)}${which}, which ${row.hiddenBy.length === 1 ? 'that target never shows' : 'these targets never show'}${where}`));
  }
  for (const level of levels) {
    if (level.error) lines.push(...level.error.split('\n').map((line, i) => chalk.red(`  ${i === 0 ? `${level.name}: ` : '    '}${line}`)));
  }
  const missing = levels.some((l) => l.error !== undefined);
  lines.push(chalk.dim(`  ◆ the condition's proposition holds${missing ? '; n/a: the target has no answer (see its error)' : ''}`));
  return lines.join('\n') + '\n\n';
}
