// Explanations for a test's final states, as plain data: for each state the
// condition asks about, one witness execution when the model allows it, or —
// when it forbids it — one rejected candidate per failing axiom with the
// model's own reason (a cycle of labelled edges). No wording here: report/
// and the page's view/ put it in words. Pure: runs in the browser too.

import type { Budget } from '../limits.js';
import { LimitError, LitmusError } from '../errors.js';
import type { Choice, CompiledModel, PreparedModel } from '../cat/api.js';
import { buildSkeleton } from '../enumerate/combination.js';
import { compareStateValues, decidesCondition, type TestResult } from '../outcome/result.js';
import { type JudgedCandidate, type SimulateOptions, simulate } from '../simulate.js';
import type { LitmusTest } from '../syntax/ast.js';
import { type ExecutionGraph, executionGraph } from './execution.js';
import type { AxiomWitness } from '../cat/witness.js';

/** One rejected candidate: the axiom it fails, the model's witness, and the execution it is about. */
export interface Rejection {
  axiom: string;
  witness: AxiomWitness;
  graph: ExecutionGraph;
}

export interface StateExplanation {
  /** One value per column of the result. */
  values: string[];
  /** Does the condition's proposition hold in this state? */
  satisfies: boolean;
  /** Does some allowed execution end in this state? */
  allowed: boolean;
  /** For an allowed state: one execution that reaches it. */
  witness?: { graph: ExecutionGraph };
  /** For a forbidden state: one rejected candidate per failing axiom. */
  rejections: Rejection[];
}

export interface TestExplanation {
  result: TestResult;
  states: StateExplanation[];
}

export interface ExplainOptions extends SimulateOptions {
  /**
   * Which states to explain: those that decide the condition (default: where
   * its proposition holds, or for `forall` where it does not), or every one.
   */
  states?: 'condition' | 'all';
}

interface Collected {
  values: string[];
  satisfies: boolean;
  allowed?: JudgedCandidate;
  rejected: Map<string, JudgedCandidate>;
}

/**
 * Simulates `test` under `model` and explains its states (by default those
 * that decide the condition, see decidesCondition; `states: 'all'` every
 * reachable one). Returns the simulation's result and one StateExplanation
 * per state, those satisfying the condition first, then in herd7's state
 * order. Throws as simulate does (LitmusError for bad input, LimitError at a
 * limit). Semantics: the model's own axioms and witnesses (cat/explain.ts).
 */
export function explainTest(test: LitmusTest, model: CompiledModel, options: ExplainOptions = {}): TestExplanation {
  const wanted = options.states ?? 'condition';
  const quantifier = test.condition.quantifier;
  const byState = new Map<string, Collected>();
  const collect = (candidate: JudgedCandidate) => {
    if (!candidate.kept) return; // the test's filter drops it: no execution of the test
    if (wanted === 'condition' && !decidesCondition(quantifier, candidate.satisfies)) return;
    const key = candidate.state.join(',');
    let entry = byState.get(key);
    if (!entry) {
      const values = candidate.values;
      byState.set(key, (entry = { values, satisfies: candidate.satisfies, rejected: new Map() }));
    }
    // The enumerator reuses its rf buffer: copy what we keep, when we keep it.
    const keep = () => ({ ...candidate, choice: copyChoice(candidate.choice) });
    if (candidate.verdict.allowed) entry.allowed ??= keep();
    else if (!entry.allowed) {
      const axiom = candidate.verdict.failedAxiom ?? 'the model';
      if (!entry.rejected.has(axiom)) entry.rejected.set(axiom, keep());
    }
  };
  const result = simulate(test, model, {
    ...options,
    onCandidate: (candidate) => {
      options.onCandidate?.(candidate);
      collect(candidate);
    },
  });
  // States only pruned candidates reach: looked for when none the condition asks about was found, or when the
  // test is small enough that a second, unpruned pass costs little. Only states not explained yet are added.
  const deciding = [...byState.values()].some((entry) => decidesCondition(quantifier, entry.satisfies));
  const prunes = model.requiresCoherence || model.requiresAtomicity;
  if (prunes && (!deciding || result.stats.candidates <= SMALL_TEST_CANDIDATES)) {
    const known = new Set(byState.keys());
    judgePrunedDecidingStates(test, model, { ...options, onCandidate: undefined }, (candidate) => {
      if (known.has(candidate.state.join(','))) return;
      options.onCandidate?.(candidate);
      collect(candidate);
    });
  }
  const states = [...byState.values()]
    .map((entry) => explainState(entry, model, options.limits))
    .sort((a, b) => Number(b.satisfies) - Number(a.satisfies) || compareStateValues(a.values, b.values));
  return { result, states };
}

/** Tests with at most this many candidates are always searched for states only pruned candidates reach. */
const SMALL_TEST_CANDIDATES = 20_000;

/** Candidates judged at most when looking for the states only incoherent candidates reach. */
const PRUNED_CANDIDATES = 200_000;

/**
 * The candidates reaching a state the condition asks about that only
 * candidates breaking coherence or atomicity reach (CoRR's, two LDADDs that
 * see one value): the engine leaves those out before the model judges
 * (simulate's `prune`), so they are judged here, for the model's own axiom
 * and cycle. `visit` (and `options.onCandidate`) hear the rejected
 * candidates that reach a deciding state; a limit here (at most
 * PRUNED_CANDIDATES candidates), or a fault on a path only incoherent reads
 * reach, ends the search quietly: what they would add is a reason, not an
 * answer.
 */
export function judgePrunedDecidingStates(test: LitmusTest, model: CompiledModel, options: SimulateOptions, visit: (candidate: JudgedCandidate) => void): void {
  const quantifier = test.condition.quantifier;
  try {
    simulate(test, model, {
      ...options,
      // A bonus, bounded on its own: without pruning, a big test's candidates multiply.
      limits: { ...options.limits, maxCandidates: Math.min(options.limits?.maxCandidates ?? PRUNED_CANDIDATES, PRUNED_CANDIDATES) },
      prune: false,
      onCandidate: (candidate) => {
        if (!candidate.kept || !decidesCondition(quantifier, candidate.satisfies) || candidate.verdict.allowed) return;
        options.onCandidate?.(candidate);
        visit(candidate);
      },
    });
  } catch (e) {
    // A path only incoherent reads reach may fault (an address from a value no coherent execution reads): that
    // is no execution of the test, and this pass only adds reasons. A limit ends it too.
    if (!(e instanceof LimitError || e instanceof LitmusError)) throw e;
  }
}

/**
 * The candidate's graph, with the model's rf edges into the reads the
 * enumerator left it to tie (herd7's lock events under the kernel's
 * lock.cat), so that explanations say where they read from.
 */
function graphOf(candidate: JudgedCandidate, prepared: PreparedModel): ExecutionGraph {
  const graph = executionGraph(candidate);
  const untied = graph.events.filter((e) => e.untied && e.kind === 'R');
  if (untied.length === 0) return graph;
  const rf = prepared.relationNamed?.(candidate.choice, 'rf');
  if (!rf) return graph;
  const edges = untied.flatMap((r) => graph.events.filter((w) => rf.has(w.id, r.id)).map((w) => ({ from: w.id, to: r.id, relation: 'rf' })));
  return { events: graph.events, edges: [...graph.edges, ...edges] };
}

function explainState(entry: Collected, model: CompiledModel, budget: Budget | undefined): StateExplanation {
  if (entry.allowed) {
    const prepared = model.prepare(buildSkeleton(entry.allowed.combination), budget);
    return { values: entry.values, satisfies: entry.satisfies, allowed: true, witness: { graph: graphOf(entry.allowed, prepared) }, rejections: [] };
  }
  const rejections: Rejection[] = [];
  for (const [axiom, candidate] of entry.rejected) {
    const prepared = model.prepare(buildSkeleton(candidate.combination), budget);
    const witness = prepared.explain(candidate.choice);
    if (!witness) continue;
    const graph = graphOf(candidate, prepared);
    rejections.push({ axiom, witness, graph });
  }
  return { values: entry.values, satisfies: entry.satisfies, allowed: false, rejections };
}

function copyChoice(choice: Choice): Choice {
  return { rf: choice.rf.slice(), co: choice.co.map((order) => [...order]) };
}
