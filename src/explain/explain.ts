// Explanations for a test's final states: for each state the condition asks
// about, one witness execution when the model allows it, or — when it
// forbids it — one rejected candidate per failing axiom with the model's
// own reason (a cycle of labelled edges). Pure: runs in the browser too.

import type { Choice, CompiledModel } from '../cat/api.js';
import { buildSkeleton } from '../enumerate/combination.js';
import { compareStateValues, type TestResult } from '../outcome/result.js';
import { type JudgedCandidate, type SimulateOptions, simulate } from '../simulate.js';
import type { LitmusTest } from '../syntax/ast.js';
import { describeWitness, type ExecutionGraph, executionGraph } from './execution.js';
import type { AxiomWitness } from '../cat/witness.js';

export interface Rejection {
  axiom: string;
  /** The witness in words: `a: W[x]=1 P0 —bob (po; [dmb.full]; po)→ b: …`. */
  text: string;
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
  witness?: { graph: ExecutionGraph; lines: string[] };
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

export function explainTest(test: LitmusTest, model: CompiledModel, options: ExplainOptions = {}): TestExplanation {
  const wanted = options.states ?? 'condition';
  // exists / ~exists are decided by the states where the proposition holds;
  // forall by those where it fails.
  const deciding = test.condition.quantifier !== 'forall';
  const byState = new Map<string, Collected>();
  const result = simulate(test, model, {
    ...options,
    onCandidate: (candidate) => {
      options.onCandidate?.(candidate);
      if (!candidate.kept) return; // the test's filter drops it: no execution of the test
      if (wanted === 'condition' && candidate.satisfies !== deciding) return;
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
    },
  });
  const states = [...byState.values()]
    .map((entry) => explainState(entry, model))
    .sort((a, b) => Number(b.satisfies) - Number(a.satisfies) || compareStateValues(a.values, b.values));
  return { result, states };
}

function explainState(entry: Collected, model: CompiledModel): StateExplanation {
  if (entry.allowed) {
    const graph = executionGraph(entry.allowed);
    return { values: entry.values, satisfies: entry.satisfies, allowed: true, witness: { graph, lines: describeWitness(graph) }, rejections: [] };
  }
  const rejections: Rejection[] = [];
  for (const [axiom, candidate] of entry.rejected) {
    const prepared = model.prepare(buildSkeleton(candidate.combination));
    const witness = prepared.explain(candidate.choice);
    if (!witness) continue;
    const graph = executionGraph(candidate);
    rejections.push({ axiom, text: witnessText(witness, graph), witness, graph });
  }
  return { values: entry.values, satisfies: entry.satisfies, allowed: false, rejections };
}

function copyChoice(choice: Choice): Choice {
  return { rf: choice.rf.slice(), co: choice.co.map((order) => [...order]) };
}

/** One step of a witness in words: the event it leaves and how it goes on. */
export interface WitnessStep {
  /** `a: W[x]=1 P0` */
  event: string;
  /** `bob (po; [dmb.full]; po) via c: F DMB.ISH (line 12)` */
  edge: string;
  /** The event it reaches (for the last step of a cycle, the first event's name). */
  to: string;
}

export function witnessSteps(witness: AxiomWitness, graph: ExecutionGraph): WitnessStep[] {
  const event = (id: number) => {
    const e = graph.events[id];
    return `${e.name}: ${e.label}${e.thread >= 0 ? ` P${e.thread}` : ''}`;
  };
  const last = witness.edges.length - 1;
  const closed = witness.kind !== 'empty';
  return witness.edges.map((e, i) => {
    const via = fencesBetween(e, graph).map((f) => ` via ${f.name}: ${f.label} (line ${f.instruction?.line})`).join('');
    return { event: event(e.from), edge: `${edgeLabel(e)}${via}`, to: closed && i === last ? graph.events[e.to].name : event(e.to) };
  });
}

/** `a: W[x]=1 P0 —bob (po; [dmb.full]; po)→ b: W[y]=1 P0 —rfe→ … → a`; offending pairs joined by `;`. */
export function witnessText(witness: AxiomWitness, graph: ExecutionGraph): string {
  const steps = witnessSteps(witness, graph);
  if (witness.kind === 'empty') return steps.map((s) => `${s.event} —${s.edge}→ ${s.to}`).join('; ');
  return steps.length > 0 ? steps[0].event + steps.map((s) => ` —${s.edge}→ ${s.to}`).join('') : '';
}

/**
 * For a step a model orders because of a barrier (its branch names one), the
 * fence events between its two ends in program order: the student sees which
 * instruction breaks the cycle.
 */
function fencesBetween(edge: AxiomWitness['edges'][number], graph: ExecutionGraph): ExecutionGraph['events'] {
  const [from, to] = [graph.events[edge.from], graph.events[edge.to]];
  if (!/\b(dmb|dsb|isb|fence|mfence|sfence|lfence|F)\b|fencerel/i.test(edge.branch ?? '')) return [];
  if (from.thread < 0 || from.thread !== to.thread) return [];
  return graph.events.filter((e) => e.kind === 'F' && e.thread === from.thread && e.id > from.id && e.id < to.id);
}

function edgeLabel(edge: AxiomWitness['edges'][number]): string {
  return edge.branch && edge.branch !== edge.relation ? `${edge.relation} (${edge.branch})` : edge.relation;
}
