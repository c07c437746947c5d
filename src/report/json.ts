// The machine-readable reports: one document for a whole run, explain or
// compare, each described by schema/litmus-json.schema.json (a spec checks
// them against it). A final state is always an object keyed by column.

import type { TestExplanation } from '../analysis/explain.js';
import type { Comparison } from '../analysis/compare.js';
import type { LevelsComparison } from '../analysis/levels.js';
import type { TestResult } from '../outcome/result.js';
import { stateExplanationJson } from './explain-json.js';
import type { CandidateList } from '../analysis/candidates.js';
import { candidateJson } from './candidates-text.js';

export interface TestFailure {
  file: string;
  error: string;
}

export interface JsonTestEntry {
  name: string;
  file?: string;
  arch: string;
  model: string;
  condition: string;
  kind: string;
  states: Array<Record<string, string>>;
  ok: boolean;
  /** herd7's `Loop` prefix: some consistent execution went past the unrolling bound and was left out. */
  loop: boolean;
  observation: string;
  positive: number;
  negative: number;
  flags: string[];
  /** How the test was run, when the user should know (a test switched to mixed-size memory). */
  warnings?: string[];
  candidates: number;
  seconds: number;
}

/** One result as its JSON entry. */
export function jsonEntry(result: TestResult): JsonTestEntry {
  return {
    name: result.name,
    file: result.file,
    arch: result.arch,
    model: result.model,
    condition: result.condition,
    kind: result.kind,
    states: result.states.map((row) => Object.fromEntries(result.columns.map((c, i) => [c, row.values[i]]))),
    ok: result.ok,
    loop: result.loop,
    observation: result.observation,
    positive: result.positive,
    negative: result.negative,
    flags: result.flags,
    ...(result.warnings && { warnings: result.warnings }),
    candidates: result.stats.candidates,
    seconds: Number(result.stats.seconds.toFixed(4)),
  };
}

/** Explanations for `litmus explain --format json`: per test, its result (as `run` gives it), its states explained (with --all-candidates, every candidate); then the tests that failed. */
export function explanationsDocument(
  explanations: readonly TestExplanation[], failures: readonly TestFailure[] = [], lists?: ReadonlyMap<TestExplanation, CandidateList>, listFailures?: ReadonlyMap<TestExplanation, string>,
): string {
  const tests = explanations.map((e) => {
    const list = lists?.get(e);
    const stopped = listFailures?.get(e);
    const candidates = list && { candidates: list.candidates.map((c) => candidateJson(c, e.result.columns)), unlistedCandidates: list.unlisted };
    return { result: jsonEntry(e.result), states: e.states.map((s) => stateExplanationJson(s, e.result.columns)), ...candidates, ...(stopped && { candidatesError: stopped }) };
  });
  return JSON.stringify({ explanations: [...tests, ...failures] }, jsonValue, 2) + '\n';
}

/** JSON has no bigint; none should reach here, but be safe. */
function jsonValue(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}

/**
 * `litmus run --format json`: every result (with its explanation when asked)
 * and every failure, as one document.
 */
export function jsonDocument(results: TestResult[], failures: TestFailure[], explanations?: Map<TestResult, TestExplanation>): string {
  const tests = [
    ...results.map((r) => {
      const explanation = explanations?.get(r);
      return explanation ? { ...jsonEntry(r), explanation: explanation.states.map((s) => stateExplanationJson(s, r.columns)) } : jsonEntry(r);
    }),
    ...failures.map((f) => ({ file: f.file, error: f.error })),
  ];
  return JSON.stringify({ tests }, null, 2) + '\n';
}

/** Comparisons for `litmus compare --format json`: per test, each state with each model's verdict; then the tests that failed. */
export function comparisonsDocument(comparisons: readonly Comparison[], failures: readonly TestFailure[] = []): string {
  return JSON.stringify({ comparisons: [...comparisons.map(comparisonJson), ...failures] }, null, 2) + '\n';
}

function comparisonJson(c: Comparison) {
  return {
    name: c.name,
    file: c.results[0]?.file,
    condition: c.results[0]?.condition,
    models: c.models,
    columns: c.columns,
    conditionAllowed: Object.fromEntries(c.models.map((m, i) => [m, c.results[i].positive > 0])),
    states: c.rows.map((row) => ({
      values: Object.fromEntries(c.columns.map((col, i) => [col, row.values[i]])),
      satisfies: row.satisfies,
      disagree: row.disagree,
      verdicts: Object.fromEntries(c.models.map((m, i) => [m, { allowed: row.verdicts[i].allowed, axioms: row.verdicts[i].axioms }])),
    })),
  };
}

/** `compare --levels --format json`: each C test's levels and states (schema: levelsDocument). */
export function levelsDocument(comparisons: readonly LevelsComparison[], failures: readonly TestFailure[] = []): string {
  const document = comparisons.map((c) => ({
    name: c.test,
    ...(c.file !== undefined ? { file: c.file } : {}),
    condition: c.condition,
    columns: c.columns,
    levels: c.levels.map((l) => ({
      name: l.name, kind: l.kind, model: l.model, ...(l.error !== undefined ? { error: l.error } : {}), ...(l.undefined ? { undefined: true } : {}),
    })),
    states: c.rows.map((row) => ({
      state: Object.fromEntries(c.columns.map((column, i) => [column, row.values[i]])),
      satisfies: row.satisfies,
      allowed: Object.fromEntries(c.levels.map((l, i) => [l.name, row.allowed[i] ?? null])),
      compilationBug: row.unsound,
      hiddenBy: row.hiddenBy,
    })),
  }));
  return JSON.stringify({ levels: [...document, ...failures] }, null, 2) + '\n';
}
