// One test under several models, state by state, as plain data: which model
// allows each final state, which axioms forbid it where one does, and (when
// asked) why, as an explanation per model. The CLI's `compare` and the
// playground's outcome table are both this one merge. Pure (no Node APIs),
// like everything the playground's worker runs.

import type { CompiledModel } from '../cat/api.js';
import { LimitError, LitmusError } from '../errors.js';
import { compareStateValues, decidesCondition, type TestResult } from '../outcome/result.js';
import { type JudgedCandidate, type SimulateOptions, simulate } from '../simulate.js';
import type { LitmusTest } from '../syntax/ast.js';
import { explainTest, judgePrunedDecidingStates, type StateExplanation } from './explain.js';

/** What one model says of one final state. */
export interface StateVerdict {
  allowed: boolean;
  /** The axioms that rejected the candidates ending here (when not allowed), in the model's order. */
  axioms: string[];
  /** Why, when the comparison was asked to explain: a witness (allowed) or the failing axioms' cycles. */
  explanation?: StateExplanation;
}

export interface ComparisonRow {
  values: string[];
  /** Does the condition's proposition hold in this state? */
  satisfies: boolean;
  /** One entry per model, in the order given. */
  verdicts: StateVerdict[];
  /** True when the models do not all agree on this state. */
  disagree: boolean;
}

export interface Comparison {
  name: string;
  columns: string[];
  /** The models' titles (the quoted first line of each .cat file). */
  models: string[];
  /** Each model's whole answer for the test. */
  results: TestResult[];
  /** Per model: the axioms that rejected candidates where the condition's proposition holds. */
  conditionAxioms: string[][];
  /** A row per state some model allows (and, with keepDecidingStates, per state deciding the condition), in herd7's order. */
  rows: ComparisonRow[];
  /** With `explain`: false when explaining failed for some model (its verdicts carry no explanation). */
  explained: boolean;
  /** Per model, with `explain`: why its explanations are missing (the error's message), or undefined. */
  explanationErrors: (string | undefined)[];
}

export interface CompareOptions extends Omit<SimulateOptions, 'onCandidate'> {
  /** Attach to each verdict the model's explanation of the state (explainTest, every state). */
  explain?: boolean;
  /**
   * Also keep the states that decide the condition (decidesCondition) when
   * every model forbids them: the row whose explanation says why.
   */
  keepDecidingStates?: boolean;
  /** Sees every candidate each model judges, with the model's index (progress, pictures). */
  onCandidate?: (model: number, candidate: JudgedCandidate) => void;
  /** Told when model `model` (its index) starts. */
  onModelStart?: (model: number) => void;
}

interface Row {
  values: string[];
  satisfies: boolean;
  verdicts: StateVerdict[];
}

/**
 * Simulates `test` under each of `models` and merges their answers state by
 * state. States the test's filter drops are no executions of the test and
 * never appear. Throws as simulate does (LitmusError, LimitError); when
 * explaining fails otherwise, the verdicts are still given (explained: false).
 * Semantics: each model's own axioms (herd7's, for the stock models).
 */
export function compareModels(test: LitmusTest, models: readonly CompiledModel[], options: CompareOptions = {}): Comparison {
  const { explain = false, keepDecidingStates = false, onCandidate, onModelStart, ...simulateOptions } = options;
  const rowsByKey = new Map<string, Row>();
  const conditionAxioms = models.map(() => new Set<string>());
  const explanationErrors: (string | undefined)[] = models.map(() => undefined);
  const results = models.map((model, m) => {
    onModelStart?.(m);
    // Rows are the merge; `onCandidate` hears each candidate once, even when
    // a failed explanation makes the model run again (quietly).
    let heard = 0;
    const collect = (candidate: JudgedCandidate, notify: boolean) => {
      if (notify) {
        heard++;
        onCandidate?.(m, candidate);
      }
      if (!candidate.kept) return; // the test's filter drops it: no execution of the test
      const key = candidate.values.join(',');
      let row = rowsByKey.get(key);
      if (!row) {
        const verdicts = models.map(() => ({ allowed: false, axioms: [] as string[] }));
        rowsByKey.set(key, (row = { values: candidate.values, satisfies: candidate.satisfies, verdicts }));
      }
      const verdict = row.verdicts[m];
      const axiom = candidate.verdict.failedAxiom;
      if (candidate.satisfies && !candidate.verdict.allowed && axiom) conditionAxioms[m].add(axiom);
      if (candidate.verdict.allowed) verdict.allowed = true;
      else if (axiom && !verdict.axioms.includes(axiom)) verdict.axioms.push(axiom);
    };
    if (explain) {
      try {
        const { result, states } = explainTest(test, model, { ...simulateOptions, states: 'all', onCandidate: (c) => collect(c, true) });
        for (const state of states) {
          const row = rowsByKey.get(state.values.join(','));
          if (row) row.verdicts[m].explanation = state;
        }
        return result;
      } catch (e) {
        // Explanations are a bonus: if explaining fails where judging does
        // not, this model's verdicts alone still answer (bad input and
        // limits do not), and the reason is kept for the reader.
        if (isInputOrLimit(e)) throw e;
        explanationErrors[m] = e instanceof Error ? e.message : String(e);
        for (const row of rowsByKey.values()) row.verdicts[m] = { allowed: false, axioms: [] };
        conditionAxioms[m].clear();
      }
    }
    // After a failed explanation, the candidates already heard are not told again.
    let seen = 0;
    const result = simulate(test, model, { ...simulateOptions, onCandidate: (c) => collect(c, ++seen > heard) });
    // A deciding state only incoherent candidates reach (CoRR's): the model's axiom for it, as explain finds it.
    const judged = (row: Row) => row.verdicts[m].allowed || row.verdicts[m].axioms.length > 0;
    const decided = [...rowsByKey.values()].some((row) => judged(row) && decidesCondition(test.condition.quantifier, row.satisfies));
    if (keepDecidingStates && !decided) judgePrunedDecidingStates(test, model, simulateOptions, (c) => collect(c, true));
    return result;
  });
  // Only states some model allows are final states of the test; the rest are
  // candidates every model rejects, kept only when they decide the condition.
  const quantifier = test.condition.quantifier;
  const rows = [...rowsByKey.values()]
    .filter((row) => row.verdicts.some((v) => v.allowed) || (keepDecidingStates && decidesCondition(quantifier, row.satisfies)))
    .map((row) => {
      for (const v of row.verdicts) if (v.allowed) v.axioms = [];
      return { ...row, disagree: new Set(row.verdicts.map((v) => v.allowed)).size > 1 };
    })
    .sort((a, b) => compareStateValues(a.values, b.values));
  return {
    name: test.name,
    columns: results[0]?.columns ?? [],
    models: results.map((r) => r.model),
    results,
    conditionAxioms: conditionAxioms.map((set) => [...set]),
    rows,
    explained: explain && explanationErrors.every((error) => error === undefined),
    explanationErrors,
  };
}

function isInputOrLimit(e: unknown): boolean {
  return e instanceof LitmusError || e instanceof LimitError;
}
