// Witnesses and executions in words, shared by the CLI's explanations and the
// playground (no colours here): a cycle step by step, with the barrier a
// barrier-ordered step goes through, and an allowed execution as the source
// of each read and the coherence order of each location.

import type { ExecutionGraph, GraphEvent } from '../analysis/execution.js';
import type { AxiomWitness, WitnessEdge } from '../cat/witness.js';

/** One step of a witness in words: the event it leaves and how it goes on. */
export interface WitnessStep {
  /** `a: W[x]=1 P0` */
  event: string;
  /** `bob (po; [dmb.full]; po) via c: F DMB.ISH (line 12)` */
  edge: string;
  /** The event it reaches (for the last step of a cycle, the first event's name). */
  to: string;
}

/** The steps of a witness over `graph`'s events; a closed cycle's last step names its first event. */
export function witnessSteps(witness: AxiomWitness, graph: ExecutionGraph): WitnessStep[] {
  const event = (id: number) => {
    const e = graph.events[id];
    return `${e.name}: ${e.label}${e.thread >= 0 ? ` P${e.thread}` : ''}`;
  };
  // A step of `r?` or `r*` taken zero times goes from an event to itself: it says nothing, unless it is the whole witness.
  const edges = witness.edges.length > 1 ? witness.edges.filter((e) => e.from !== e.to) : witness.edges;
  const last = edges.length - 1;
  const closed = witness.kind !== 'empty';
  return edges.map((e, i) => {
    // The barriers the step goes through, as the model's derivation of it found them.
    const barriers = e.via.map((id) => graph.events[id]).filter((f) => f.kind === 'F');
    const via = barriers.map((f) => ` via ${f.name}: ${f.label}${f.instruction ? ` (line ${f.instruction.line})` : ''}`).join('');
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
 * `bob (po; [dmb.full]; po)`: the relation and its branch. When they do not
 * name every primitive relation the step is made of (the kernel's `hb ((prop
 * \ id) & int)`, `pb`, RC11's `eco?`), the primitives follow, so that the
 * step can be read on the events: `pb (fr; po; po)`. Shared by the text and
 * the pictures.
 */
export function edgeLabel(edge: WitnessEdge): string {
  const branch = edge.branch && edge.branch !== edge.relation ? edge.branch : undefined;
  // The names the label shows, as the cat language spells names: `ppo` is not `po`, nor `eco` `co`.
  const named = new Set(`${edge.relation} ${branch ?? ''}`.match(/[A-Za-z0-9_.-]+/g) ?? []);
  const spelled = edge.primitives.length === 0 || edge.primitives.every((p) => named.has(p.replace(/\^-1$/, '')));
  const detail = [branch, spelled ? undefined : edge.primitives.join('; ')].filter((d) => d !== undefined).join(' = ');
  return detail === '' ? edge.relation : `${edge.relation} (${detail})`;
}

/** An allowed execution in words: one line per read (where it reads from), one per location (its coherence order). */
export function describeWitness(graph: ExecutionGraph): string[] {
  const byId = new Map<number, GraphEvent>(graph.events.map((e) => [e.id, e]));
  const lines: string[] = [];
  for (const edge of graph.edges.filter((e) => e.relation === 'rf')) {
    const [w, r] = [byId.get(edge.from)!, byId.get(edge.to)!];
    const source = w.thread < 0 ? 'the initial value' : `${w.name} (P${w.thread}: ${w.instruction?.text})`;
    lines.push(`${r.name}: ${r.label} on P${r.thread} (${r.instruction?.text}) reads from ${source}`);
  }
  const coByLocation = new Map<string, string[]>();
  for (const edge of graph.edges.filter((e) => e.relation === 'co')) {
    const loc = byId.get(edge.from)!.location!;
    const chain = coByLocation.get(loc) ?? [byId.get(edge.from)!.name];
    chain.push(byId.get(edge.to)!.name);
    coByLocation.set(loc, chain);
  }
  for (const [loc, chain] of coByLocation) lines.push(`co ${loc}: ${chain.join(' → ')}`);
  // herd7's lock events under a model that ties them itself (the kernel's lock.cat): its rf edges are drawn (explain.ts);
  // an unlock's place in co is the model's too.
  const read = new Set(graph.edges.filter((e) => e.relation === 'rf').map((e) => e.to));
  for (const e of graph.events.filter((event) => event.untied && !read.has(event.id))) {
    const tie = e.kind === 'R' ? 'reads from nothing the model chose' : 'is placed in co by the model (right after its lock, by the kernel\'s lock.cat)';
    lines.push(`${e.name}: ${e.label} on P${e.thread} (${e.instruction?.text}) ${tie}`);
  }
  return lines;
}
