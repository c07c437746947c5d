// Explanations for a test's final states: for each state the condition asks
// about, one witness execution when the model allows it, or — when it
// forbids it — one rejected candidate per failing axiom with the model's
// own reason (a cycle of labelled edges). Pure: runs in the browser too.

import type { Choice, CompiledModel } from '../cat/api.js';
import { buildSkeleton } from '../enumerate/combination.js';
import { formatValue } from '../outcome/observe.js';
import type { TestResult } from '../outcome/result.js';
import { type JudgedCandidate, type SimulateOptions, simulate } from '../simulate.js';
import type { LitmusTest } from '../syntax/ast.js';
import { describeWitness, type ExecutionGraph, executionGraph } from './execution.js';
import type { AxiomWitness } from './types.js';

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
  /** Which states to explain: those where the condition's proposition holds (default), or every reachable one. */
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
  const byState = new Map<string, Collected>();
  const result = simulate(test, model, {
    ...options,
    onCandidate: (candidate) => {
      options.onCandidate?.(candidate);
      if (wanted === 'condition' && !candidate.satisfies) return;
      const values = candidate.state.map((v) => formatValue(v, candidate.loaded.locations));
      const key = values.join(',');
      let entry = byState.get(key);
      if (!entry) byState.set(key, (entry = { values, satisfies: candidate.satisfies, rejected: new Map() }));
      // The enumerator reuses its rf buffer: keep a copy of what we keep.
      const kept = { ...candidate, choice: copyChoice(candidate.choice) };
      if (candidate.verdict.allowed) entry.allowed ??= kept;
      else if (!entry.allowed) {
        const axiom = candidate.verdict.failedAxiom ?? 'the model';
        if (!entry.rejected.has(axiom)) entry.rejected.set(axiom, kept);
      }
    },
  });
  const states = [...byState.values()]
    .map((entry) => explainState(entry, model))
    .sort((a, b) => Number(b.satisfies) - Number(a.satisfies) || a.values.join(',').localeCompare(b.values.join(',')));
  return { result, states };
}

function explainState(entry: Collected, model: CompiledModel): StateExplanation {
  if (entry.allowed) {
    const graph = executionGraph(entry.allowed);
    return { values: entry.values, satisfies: entry.satisfies, allowed: true, witness: { graph, lines: describeWitness(graph) }, rejections: [] };
  }
  const rejections: Rejection[] = [];
  for (const [axiom, candidate] of entry.rejected) {
    const locationCount = candidate.loaded.locations.size;
    const prepared = model.prepare(buildSkeleton(candidate.combination, locationCount));
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

/** `a: W[x]=1 P0 —bob (po; [dmb.full]; po)→ b: W[y]=1 P0 —rfe→ … → a` */
export function witnessText(witness: AxiomWitness, graph: ExecutionGraph): string {
  const event = (id: number) => {
    const e = graph.events[id];
    return `${e.name}: ${e.label}${e.thread >= 0 ? ` P${e.thread}` : ''}`;
  };
  if (witness.kind === 'empty') {
    return witness.edges.map((e) => `${event(e.from)} —${edgeLabel(e)}→ ${event(e.to)}`).join('; ');
  }
  // A closed chain: name the first event in full, then each step and the
  // event it reaches; the last step returns to the first event (named only).
  const last = witness.edges.length - 1;
  const steps = witness.edges.map((e, i) => ` —${edgeLabel(e)}→ ${i === last ? graph.events[e.to].name : event(e.to)}`);
  return witness.edges.length > 0 ? event(witness.edges[0].from) + steps.join('') : '';
}

function edgeLabel(edge: AxiomWitness['edges'][number]): string {
  return edge.branch && edge.branch !== edge.relation ? `${edge.relation} (${edge.branch})` : edge.relation;
}
