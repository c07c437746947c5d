// Every candidate execution of a test, one by one, as a student walks them
// (issue 13): the state it ends in, whether the model allows it, and if not
// the axiom that rejects it with its witness. Nothing is pruned before the
// model judges (simulate's `prune` false), so incoherent candidates show
// with the model's own reason too. Plain data; pure (the page uses it too).

import type { AxiomWitness } from '../cat/witness.js';
import type { AxiomOutcome, CompiledModel } from '../cat/api.js';
import { buildSkeleton } from '../enumerate/combination.js';
import { compareStateValues, decidesCondition, type TestResult } from '../outcome/result.js';
import { type SimulateOptions, simulate } from '../simulate.js';
import type { LitmusTest } from '../syntax/ast.js';
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
  /** Allowed first, then rejected; each group by state in herd7's order. */
  candidates: CandidateExplanation[];
  /** Candidates past MAX_LISTED_CANDIDATES, counted, not listed. */
  unlisted: number;
}

/**
 * Every candidate execution of `test` under `model` (those ending in a
 * state the condition asks about, or with `states: 'all'` every one the
 * test's filter keeps), judged without pruning. Throws as simulate does
 * (LitmusError, LimitError: the unpruned candidates of a big test multiply,
 * so `options.limits` matter). Semantics: the model's own axioms.
 */
export function listCandidates(test: LitmusTest, model: CompiledModel, options: SimulateOptions & { states?: 'condition' | 'all' } = {}): CandidateList {
  const quantifier = test.condition.quantifier;
  const candidates: CandidateExplanation[] = [];
  let unlisted = 0;
  const result = simulate(test, model, {
    ...options,
    prune: false,
    onCandidate: (candidate) => {
      options.onCandidate?.(candidate);
      if (!candidate.kept) return;
      if (options.states !== 'all' && !decidesCondition(quantifier, candidate.satisfies)) return;
      if (candidates.length >= MAX_LISTED_CANDIDATES) {
        unlisted++;
        return;
      }
      // Read now: the enumerator reuses its buffers for the next candidate.
      const graph = executionGraph(candidate);
      const allowed = candidate.verdict.allowed;
      const prepared = model.prepare(buildSkeleton(candidate.combination), options.limits);
      const witness = allowed ? undefined : (prepared.explain(candidate.choice) ?? undefined);
      candidates.push({
        values: candidate.values, satisfies: candidate.satisfies, allowed, graph, axioms: prepared.axioms(candidate.choice),
        ...(!allowed && { axiom: candidate.verdict.failedAxiom ?? 'the model' }),
        ...(witness && { witness }),
      });
    },
  });
  candidates.sort((a, b) => Number(b.allowed) - Number(a.allowed) || compareStateValues(a.values, b.values));
  return { result, candidates, unlisted };
}
