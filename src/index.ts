// The public API of the `litmus` package: what a program needs to read
// herd7-format litmus tests, simulate them under a memory model, and ask
// why, how the answer compares across models, and what would fix it. `import { parseTest,
// simulate } from 'litmus'`. Everything here runs in Node (models are read
// from files); src/browser.ts is the same engine for a browser.

import { type Comparison, type CompareOptions, compareModels } from './analysis/compare.js';
import { type ExplainOptions, explainTest, type TestExplanation } from './analysis/explain.js';
import type { CompiledModel } from './cat/api.js';
import { loadModel as loadModelFile } from './node/models.js';
import { matchesKind, observedKind } from './outcome/kinds.js';
import type { Kind, TestResult } from './outcome/result.js';
import { archFor, defaultModelFor, modelAppliesTo, STOCK_MODEL_NAMES } from './registry.js';
import { herdText } from './report/herd.js';
import { type SimulateOptions, simulate as simulateWith } from './simulate.js';
import type { LitmusTest } from './syntax/ast.js';
import { parseLitmus } from './syntax/parse.js';
import { loadTest } from './exec/program.js';
import { findRedundant, findRepairs, type FixOptions, type FixReport } from './fix/search.js';

export { LimitError, LitmusError, type Diagnostic, type SourcePos } from './errors.js';
export type { LitmusTest, Condition, Prop, Quantifier, StateRef, LocationRef } from './syntax/ast.js';
export type { CompiledModel, ModelVerdict } from './cat/api.js';
export type { AxiomWitness, WitnessEdge } from './cat/witness.js';
export type { Kind, StateRow, TestResult, Verdict } from './outcome/result.js';
export type { EnumerationLimits } from './enumerate/enumerate.js';
export type { SimulateOptions, JudgedCandidate } from './simulate.js';
export type { ExplainOptions, Rejection, StateExplanation, TestExplanation } from './analysis/explain.js';
export type { ExecutionGraph, GraphEdge, GraphEvent } from './analysis/execution.js';
export type { Comparison, ComparisonRow, CompareOptions, StateVerdict } from './analysis/compare.js';
export { STOCK_MODELS, type StockModel } from './registry.js';
export type { FixOptions, FixReport, Repair } from './fix/search.js';
export type { Move } from './fix/moves.js';
export { unifiedDiff } from './fix/diff.js';
export { describeWitness, witnessText } from './report/witness-text.js';

/** A model: compiled (from loadModel), or a stock model's name or a `.cat` file's path. */
export type ModelSpec = CompiledModel | string;

/**
 * Parses the text of a `.litmus` test (herd7's format: AArch64, X86, X86_64)
 * and checks it all: its architecture, every instruction, every register,
 * location and label it names. `fileName` is recorded in the test and in
 * error locations. Throws LitmusError listing every problem found, each at
 * file:line:column.
 */
export function parseTest(text: string, fileName?: string): LitmusTest {
  const test = parseLitmus(text, fileName);
  loadTest(test, archFor(test));
  return test;
}

/**
 * A compiled model: a stock model by name (`aarch64`, `x86tso`, `sc`; see
 * STOCK_MODELS for what each follows) or a `.cat` file by path (herd's cat
 * language, the subset in grammar/cat.ebnf; includes are looked up beside it,
 * then among the stock models). Compiled once per process and cached.
 * Throws LitmusError (with the file's line and column) for a missing file or
 * a model with errors.
 */
export function loadModel(nameOrPath: string): CompiledModel {
  return loadModelFile(nameOrPath);
}

/** The model to use: the given one (loaded if named), else the test's architecture's own. */
function modelFor(test: LitmusTest, model: ModelSpec | undefined): CompiledModel {
  if (model === undefined) return loadModelFile(defaultModelFor(test));
  return typeof model === 'string' ? loadModelFile(model) : model;
}

/**
 * Simulates a test: enumerates its candidate executions, keeps those the
 * model allows and returns the final states with herd7's verdicts (`ok`,
 * `observation`: Always / Sometimes / Never, positive and negative witness
 * counts, `loop` when executions were cut at the unrolling bound), exactly as
 * herd7 7.58+1 reports them; `stats.seconds` is wall time in seconds.
 * `model`: the architecture's own (aarch64 for AArch64, x86tso for X86 and
 * X86_64) when omitted. `options.limits` bounds the search: `maxCandidates`
 * (candidates and search steps), `deadline` (a `Date.now()` time in
 * milliseconds, e.g. `Date.now() + 10_000` for ten seconds), `unroll`, ….
 * Throws LitmusError (located) for bad input, LimitError at a limit.
 */
export function simulate(test: LitmusTest, model?: ModelSpec, options: SimulateOptions = {}): TestResult {
  return simulateWith(test, modelFor(test, model), options);
}

/**
 * Why the model answers as it does, for each state that decides the
 * condition (`options.states: 'all'`: every reachable state): for an allowed
 * state one execution that reaches it, for a forbidden one each failing
 * axiom with its witness (a cycle whose edges name the model's relations).
 * Plain data (describeWitness and witnessText put it in words). Throws as
 * simulate does.
 */
export function explain(test: LitmusTest, model?: ModelSpec, options: ExplainOptions = {}): TestExplanation {
  return explainTest(test, modelFor(test, model), options);
}

/**
 * The test under several models, state by state: each model's whole answer
 * and, per final state, whether each model allows it (or which axioms forbid
 * it). `models` default: every stock model written for the test's
 * architecture, and sc. Throws as simulate does.
 */
export function compare(test: LitmusTest, models?: readonly ModelSpec[], options: CompareOptions = {}): Comparison {
  const specs = models ?? STOCK_MODEL_NAMES.filter((m) => modelAppliesTo(m, test));
  return compareModels(test, specs.map((m) => modelFor(test, m)), options);
}

/** What check found for a test. */
export interface CheckResult {
  result: TestResult;
  /** What was expected: a kind, or herd7's `Ok` for the test's own condition when no kind was given. */
  expected: Kind | 'Ok';
  /** The kind the model shows for the condition's proposition (Forbidden: never, Required: always, Allowed: sometimes). */
  observed: Kind;
  pass: boolean;
}

/**
 * The CI question for one test: does it answer what it should? With
 * `expected` (as a kinds file says: Allowed, Forbidden, Required), the
 * observed kind must match (Required also counts as Allowed); without it,
 * herd7's Ok for the test's own condition. Throws as simulate does.
 */
export function check(test: LitmusTest, expected?: Kind, model?: ModelSpec): CheckResult {
  const result = simulate(test, model);
  const pass = expected ? matchesKind(result, expected) : result.ok;
  return { result, expected: expected ?? 'Ok', observed: observedKind(result), pass };
}

/** herd7's text block for a result (without the Time and Hash lines), to diff against herd7's output. */
export function formatHerd(result: TestResult): string {
  return herdText(result);
}

/** Options of `fix` (FixOptions without the model, which `fix` takes as its third argument). */
export type RepairOptions = Omit<FixOptions, 'model'>;

/**
 * `litmus fix` for a program: the cheapest sets of moves (barriers, stronger
 * acquire/release forms; each architecture's table, see README "Fixing a
 * test") after which no execution the model allows reaches the condition's
 * bad state, each verified by simulating the changed text and minimal,
 * cheapest first (`options.max`, default 3). `source` is the test's text
 * (repairs are edits of it: `Repair.source`; unifiedDiff shows one); `file`
 * names it in errors. Throws LitmusError for a bad
 * test, LimitError when the test itself is over a limit; a limit reached
 * during the search (`maxVariants`, a `limits.deadline` in Date.now()
 * milliseconds) ends it with `stopped` set.
 */
export function fix(source: string, file?: string, model?: ModelSpec, options: RepairOptions = {}): FixReport {
  return findRepairs(source, file, { ...options, model: modelFor(parseLitmus(source, file), model) });
}

/**
 * For a test that forbids its bad outcome: the barriers and annotations
 * that can be removed or weakened with the outcome still forbidden, each
 * verified, and all at once (`combined`) when they go together. Throws as
 * fix does.
 */
export function fixRedundant(source: string, file?: string, model?: ModelSpec, options: RepairOptions = {}): FixReport {
  return findRedundant(source, file, { ...options, model: modelFor(parseLitmus(source, file), model) });
}
