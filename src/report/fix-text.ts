// `litmus fix` in words and as JSON: per test, whether its bad outcome is
// allowed, then each repair (or, with --redundant, each weakening) with its
// cost, its moves, why the model now forbids the outcome, and its diff.

import { unifiedDiff } from '../fix/diff.js';
import type { FixReport, Repair } from '../fix/search.js';
import { witnessText } from './witness-text.js';

/**
 * The file name a diff shows: `diffName` when given (the CLI gives the
 * test's path relative to the current folder, which git apply wants), else
 * the test's path.
 */
function shownFile(report: FixReport, diffName?: string): string {
  return diffName ?? report.test.file ?? `${report.test.name}.litmus`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function searchLine(report: FixReport, seconds: number): string {
  return `${plural(report.variants, 'variant')} simulated in ${seconds.toFixed(2)} s`;
}

/**
 * One test's report as text: a heading, then each repair numbered with its
 * cost, moves, reason and diff. `seconds`: how long the search took.
 */
export function fixText(report: FixReport, redundant: boolean, seconds: number, diffName?: string): string {
  const { result } = report;
  const lines = [`${result.name}${result.file ? ` (${result.file})` : ''}, model ${result.model}`];
  const condition = `  ${result.condition}`;
  const stopped = report.stopped ? `\n  the search stopped early: ${report.stopped}; more or cheaper changes may exist` : '';
  if (!redundant && report.status === 'forbidden') {
    lines.push(`${condition}: the bad outcome is already forbidden; nothing to fix (litmus fix --redundant says what it does not need)`);
    return lines.join('\n') + '\n';
  }
  if (redundant && report.status === 'allowed') {
    lines.push(`${condition}: the bad outcome is allowed, so nothing can be weakened (litmus fix without --redundant repairs it)`);
    return lines.join('\n') + '\n';
  }
  if (redundant) {
    lines.push(report.repairs.length === 0
      ? `${condition}: forbidden, and every barrier and annotation is needed (${searchLine(report, seconds)})${stopped}`
      : `${condition}: forbidden; ${plural(report.repairs.length, 'change')} keep it so (${searchLine(report, seconds)})${stopped}`);
  } else if (report.repairs.length === 0) {
    lines.push(`${condition}: allowed, and no repair was found (${searchLine(report, seconds)})${stopped}`);
  } else {
    const all = report.exhausted ? `; ${report.repairs.length === 1 ? 'it is' : 'they are'} every minimal repair these moves allow` : '';
    lines.push(`${condition}: allowed; the cheapest ${plural(report.repairs.length, 'repair')} (${searchLine(report, seconds)})${all}${stopped}`);
  }
  report.repairs.forEach((repair, i) => lines.push('', ...repairLines(report, repair, `${i + 1}.`, redundant, diffName)));
  if (report.combined) lines.push('', ...repairLines(report, report.combined, 'all together:', redundant, diffName));
  return lines.join('\n') + '\n';
}

function repairLines(report: FixReport, repair: Repair, label: string, redundant: boolean, diffName?: string): string[] {
  const cost = redundant ? `saves ${repair.cost}` : `cost ${repair.cost}`;
  return [
    `  ${label} ${cost}`,
    ...repair.moves.map((m) => `     ${m.text}`),
    ...(repair.why ? [`     why: ${whyText(repair)}`] : []),
    unifiedDiff(shownFile(report, diffName), report.source, repair.source).trimEnd(),
  ];
}

/** `litmus fix --format diff`: each repair's diff alone (and the weakenings' all together last), for `git apply` or `patch -p1`. */
export function fixDiffs(report: FixReport, diffName?: string): string {
  const repairs = report.combined ? [...report.repairs, report.combined] : report.repairs;
  return repairs.map((r) => unifiedDiff(shownFile(report, diffName), report.source, r.source)).join('');
}

/** `litmus fix --format json`: one entry per test (its moves as data, each repair's diff), then the tests that failed. */
export function fixDocument(reports: ReadonlyArray<{ report: FixReport; seconds: number; diffName?: string }>, failures: ReadonlyArray<{ file: string; error: string }>, redundant: boolean): string {
  const entries = reports.map(({ report, seconds, diffName }) => ({
    name: report.result.name,
    file: report.result.file,
    arch: report.result.arch,
    model: report.result.model,
    condition: report.result.condition,
    mode: redundant ? 'redundant' : 'repair',
    status: report.status,
    repairs: report.repairs.map((r) => repairJson(report, r, diffName)),
    ...(report.combined && { combined: repairJson(report, report.combined, diffName) }),
    exhausted: report.exhausted,
    ...(report.stopped && { stopped: report.stopped }),
    variants: report.variants,
    seconds: Number(seconds.toFixed(4)),
    costs: report.costs,
  }));
  return JSON.stringify({ fixes: [...entries, ...failures] }, null, 2) + '\n';
}

function repairJson(report: FixReport, repair: Repair, diffName?: string) {
  return {
    cost: repair.cost,
    moves: repair.moves.map((m) => {
      const cell = report.test.threads[m.thread].cells[m.cell];
      return { thread: m.thread, line: cell.pos.line, column: cell.pos.column, kind: m.kind, from: m.from, to: m.to, key: m.key, cost: m.cost };
    }),
    ...(repair.why && { why: whyText(repair) }),
    diff: unifiedDiff(shownFile(report, diffName), report.source, repair.source),
  };
}

/** The model's reason in one line: `external: a: W[x]=1 P0 —bob …→ a`. */
function whyText(repair: Repair): string {
  return repair.why ? `${repair.why.axiom}: ${witnessText(repair.why.witness, repair.why.graph)}` : '';
}
