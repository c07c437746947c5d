// `litmus fix` in words and as JSON: per test, whether its bad outcome is
// allowed, then each repair (or, with --redundant, each weakening) with its
// cost, its moves, why the model now forbids the outcome, and its diff.

import { UNDEFINED_FLAG } from '../cat/api.js';
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

/** A cost as the table gives it (fractions a user's table may hold, without float noise). */
export function costText(cost: number): string {
  return String(Number(cost.toFixed(3)));
}

/** What the bad outcome is, for the test's quantifier: where the proposition holds (exists, ~exists) or fails (forall). */
function badOutcome(report: FixReport): string {
  return report.result.quantifier === 'forall' ? 'a state where it fails' : 'a state where it holds';
}

/** How the text shows a report: `complete` says whether an exhausted search found every minimal repair (true under a stock model). */
export interface FixTextOptions {
  redundant: boolean;
  /** How long the search took, seconds. */
  seconds: number;
  /** The file name diffs show (see shownFile). */
  diffName?: string;
  /** Whether the model is a stock one, whose relations the search's pruning is proven for: only then does an exhausted search claim every minimal repair. */
  stockModel: boolean;
}

/**
 * One test's report as text: a heading, then each repair numbered with its
 * cost, moves, reason and diff.
 */
export function fixText(report: FixReport, options: FixTextOptions): string {
  const { result } = report;
  const { redundant, seconds, diffName } = options;
  const lines = [`${result.name}${result.file ? ` (${result.file})` : ''}, model ${result.model}`];
  const condition = `  ${result.condition}`;
  const bad = badOutcome(report);
  const stopped = report.stopped ? `\n  the search ended early (${report.stopped}): other or cheaper changes may exist` : '';
  if (!redundant && report.status === 'forbidden') {
    lines.push(`${condition}: ${bad} is already forbidden; nothing to fix (litmus fix --redundant says what the test does not need)`);
    return lines.join('\n') + '\n';
  }
  if (redundant && report.status === 'allowed') {
    lines.push(`${condition}: ${bad} is allowed, so nothing can be weakened (litmus fix without --redundant repairs it)`);
    return lines.join('\n') + '\n';
  }
  if (redundant) {
    if (report.moves === 0) lines.push(`${condition}: ${bad} is forbidden; the test has no barrier or acquire/release form to weaken`);
    else if (report.repairs.length === 0) lines.push(`${condition}: ${bad} is forbidden, and every barrier and annotation is needed for it (${searchLine(report, seconds)})${stopped}`);
    else {
      lines.push(`${condition}: ${bad} is forbidden; ${report.repairs.length === 1 ? 'this change keeps' : `these ${report.repairs.length} changes keep`} it so (${searchLine(report, seconds)})${stopped}`);
      lines.push('  (for this outcome only: other outcomes the code relies on may need what is weakened)');
    }
  } else if (report.repairs.length === 0) {
    // A data race makes every outcome possible (herd7's Undef): ordering atomics cannot repair that.
    const racy = report.result.flags.includes(UNDEFINED_FLAG) ? '; the test has undefined behaviour (a data race: herd7\'s Undef), which no barrier or stronger order removes: make the racing accesses atomic' : '';
    const none = report.moves === 0 ? 'the test offers no move (no access follows another in a thread)' : `no repair was found${racy}`;
    lines.push(`${condition}: ${bad} is allowed, and ${none} (${searchLine(report, seconds)})${stopped}`);
  } else {
    const every = options.stockModel ? 'every minimal repair these moves allow' : 'every repair the search found (under your model, minimality is not proven)';
    const all = report.exhausted ? `; ${report.repairs.length === 1 ? 'it is' : 'they are'} ${every}` : '';
    const which = report.repairs.length === 1 ? 'the cheapest repair' : `the cheapest ${report.repairs.length} repairs`;
    lines.push(`${condition}: ${bad} is allowed; ${which} (${searchLine(report, seconds)})${all}${stopped}`);
  }
  report.repairs.forEach((repair, i) => lines.push('', ...repairLines(report, repair, `${i + 1}.`, redundant, diffName)));
  if (report.combined) lines.push('', ...repairLines(report, report.combined, 'all together:', redundant, diffName));
  return lines.join('\n') + '\n';
}

function repairLines(report: FixReport, repair: Repair, label: string, redundant: boolean, diffName?: string): string[] {
  const cost = redundant ? `saves ${costText(repair.cost)}` : `cost ${costText(repair.cost)}`;
  return [
    `  ${label} ${cost}`,
    ...repair.moves.map((m) => `     ${m.text}`),
    // The reason's line numbers are the changed test's (rows may have been inserted).
    ...(repair.why ? [`     why, in the changed test: ${whyText(repair)}`] : []),
    unifiedDiff(shownFile(report, diffName), report.source, repair.source).trimEnd(),
  ];
}

/**
 * `litmus fix --format diff`: one diff, for `git apply` or `patch -p1`: the
 * cheapest repair's (with --redundant, every weakening together, or the one
 * there is); '' when there is none.
 */
export function fixDiff(report: FixReport, diffName?: string): string {
  const chosen = report.combined ?? report.repairs[0];
  return chosen ? unifiedDiff(shownFile(report, diffName), report.source, chosen.source) : '';
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
