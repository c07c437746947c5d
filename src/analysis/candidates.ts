// Every candidate execution of a test, one by one, as a student walks them
// (issue 13): the state it ends in, whether the model allows it, and if not
// the axiom that rejects it with its witness. Nothing is pruned before the
// model judges (simulate's `prune` false), so incoherent candidates show
// with the model's own reason too. Plain data; pure (the page uses it too).

import type { AxiomWitness } from '../cat/witness.js';
import type { AxiomOutcome, CompiledModel, PreparedModel } from '../cat/api.js';
import { buildSkeleton } from '../enumerate/combination.js';
import { compareStateValues, decidesCondition, type TestResult } from '../outcome/result.js';
import { type SimulateOptions, simulate } from '../simulate.js';
import type { LitmusTest } from '../syntax/ast.js';
import { LitmusError } from '../errors.js';
import { type ExecutionGraph, executionGraph } from './execution.js';

/** Candidates listed at most (a teaching test has tens; the rest are counted). */
export const MAX_LISTED_CANDIDATES = 500;

export interface CandidateExplanation {
  /** One value per column of the result. */
  values: string[];
  satisfies: boolean;
  allowed: boolean;
  /** For a rejected candidate: the first axiom it fails, and the model's witness of it. */
  axiom?: string;
  witness?: AxiomWitness;
  /** Every axiom of the model on this candidate: holds or fails, with the witness of each that fails. */
  axioms: AxiomOutcome[];
  graph: ExecutionGraph;
}

export interface CandidateList {
  result: TestResult;
  /**
   * Allowed first, then rejected; each group by state in herd7's order. At
   * most MAX_LISTED_CANDIDATES: every allowed one first (up to the limit),
   * then rejected ones.
   */
  candidates: CandidateExplanation[];
  /** Candidates counted but not listed. */
  unlisted: number;
  /** Per state (listed or not): how many candidates the model allows and rejects there. */
  totals: Array<{ values: string[]; allowed: number; rejected: number }>;
  /**
   * True when the candidates breaking coherence or atomicity had to be left
   * out after all (a path only they reach faults): the list is then the
   * pruned one run judges.
   */
  pruned: boolean;
}

/**
 * Every candidate execution of `test` under `model` (those ending in a
 * state the condition asks about, or with `states: 'all'` every one the
 * test's filter keeps), judged without pruning — unless a path only
 * incoherent candidates take faults, then pruned as run does (`pruned`).
 * Throws as simulate does (LitmusError, LimitError: the unpruned candidates
 * of a big test multiply, so `options.limits` matter). Semantics: the
 * model's own axioms.
 */
export function listCandidates(test: LitmusTest, model: CompiledModel, options: SimulateOptions & { states?: 'condition' | 'all' } = {}): CandidateList {
  try {
    return collectCandidates(test, model, options, false);
  } catch (e) {
    if (!(e instanceof LitmusError) || !(model.requiresCoherence || model.requiresAtomicity)) throw e;
    return collectCandidates(test, model, options, true);
  }
}

function collectCandidates(test: LitmusTest, model: CompiledModel, options: SimulateOptions & { states?: 'condition' | 'all' }, prune: boolean): CandidateList {
  const quantifier = test.condition.quantifier;
  // Allowed and rejected kept apart, so that a flood of rejected candidates cannot push the allowed ones out.
  const allowed: CandidateExplanation[] = [];
  const rejected: CandidateExplanation[] = [];
  const totals = new Map<string, { values: string[]; allowed: number; rejected: number }>();
  let counted = 0;
  // The model prepared once per combination of paths (its skeleton), not per candidate.
  const preparedFor = new WeakMap<object, PreparedModel>();
  const result = simulate(test, model, {
    ...options,
    prune,
    onCandidate: (candidate) => {
      options.onCandidate?.(candidate);
      if (!candidate.kept) return;
      if (options.states !== 'all' && !decidesCondition(quantifier, candidate.satisfies)) return;
      counted++;
      const isAllowed = candidate.verdict.allowed;
      const key = candidate.values.join(',');
      const total = totals.get(key) ?? { values: candidate.values, allowed: 0, rejected: 0 };
      totals.set(key, total);
      if (isAllowed) total.allowed++;
      else total.rejected++;
      const bucket = isAllowed ? allowed : rejected;
      if (bucket.length >= MAX_LISTED_CANDIDATES) return;
      // Read now: the enumerator reuses its buffers for the next candidate.
      const graph = executionGraph(candidate);
      let prepared = preparedFor.get(candidate.combination);
      if (!prepared) preparedFor.set(candidate.combination, (prepared = model.prepare(buildSkeleton(candidate.combination), options.limits)));
      const witness = isAllowed ? undefined : (prepared.explain(candidate.choice) ?? undefined);
      bucket.push({
        values: candidate.values, satisfies: candidate.satisfies, allowed: isAllowed, graph, axioms: prepared.axioms(candidate.choice),
        ...(!isAllowed && { axiom: candidate.verdict.failedAxiom ?? 'the model' }),
        ...(witness && { witness }),
      });
    },
  });
  const byState = (a: CandidateExplanation, b: CandidateExplanation) => compareStateValues(a.values, b.values);
  const candidates = [...allowed.sort(byState), ...rejected.sort(byState)].slice(0, MAX_LISTED_CANDIDATES);
  const ordered = [...totals.values()].sort((a, b) => compareStateValues(a.values, b.values));
  return { result, candidates, unlisted: counted - candidates.length, totals: ordered, pruned: prune };
}
