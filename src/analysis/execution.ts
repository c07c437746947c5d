// One candidate execution as a graph, as plain data: events named a, b, c…
// with the instruction each came from, and the edges between them (po, rf,
// co, fr and the dependencies). Explanations, pictures and words start here.

import { buildSkeleton } from '../enumerate/combination.js';
import type { JudgedCandidate } from '../simulate.js';
import type { LoadedTest } from '../exec/program.js';
import { formatValue, typedValue } from '../outcome/observe.js';

export interface GraphEvent {
  id: number;
  /** a, b, …, z, a1, b1, … (initial writes are named after their location: `x0`). */
  name: string;
  /** -1 for an initial write. */
  thread: number;
  kind: 'R' | 'W' | 'F';
  /** `W[x]=1`, `R[y]=0`, `F DMB.ISH`, with annotations: `R[y]=0 (A)`. */
  label: string;
  /** The location a read or write accesses. */
  location?: string;
  /** The id of the first event of the access it is part of (the pieces of one mixed-size access share it). */
  access: number;
  /** The instruction's text and position, for threads' events. */
  instruction?: { text: string; line: number; column: number };
  /** A read with no rf, or a write with no place in co, from the enumerator: the model ties it (herd7's lock events, under the kernel's lock.cat). */
  untied?: true;
}

export interface GraphEdge {
  from: number;
  to: number;
  /** rf, co, fr, po, addr, data, ctrl, rmw … */
  relation: string;
}

export interface ExecutionGraph {
  events: GraphEvent[];
  edges: GraphEdge[];
}

/**
 * A judged candidate as a graph: its events (initial writes first, then each
 * thread's, in the combination's numbering, so `events[id]` is event `id`) with
 * readable names and labels, and its po, rf, co, fr, dependency and rmw edges.
 */
export function executionGraph(candidate: JudgedCandidate): ExecutionGraph {
  const { loaded, combination, choice } = candidate;
  const events: GraphEvent[] = [];
  const { locationCount } = combination;
  for (let loc = 0; loc < locationCount; loc++) {
    const name = loaded.memory.units[loc].name;
    const value = shown(loaded, loc, combination.initialValues[loc]);
    // A mixed-size test's pieces are named by their bytes (x+4..7): their initial writes `init:x+4..7`.
    const eventName = loaded.memory.mixed ? `init:${name}` : `${name}0`;
    events.push({ id: loc, name: eventName, thread: -1, kind: 'W', label: `W[${name}]=${value}`, location: name, access: combination.initAccess[loc] });
  }
  let letter = 0;
  combination.paths.forEach((path, thread) => {
    path.events.forEach((e, index) => {
      const instruction = loaded.threads[e.code].instructions[e.instruction];
      const tags = e.tags.length > 0 && e.kind !== 'F' ? ` (${e.tags.join(',')})` : '';
      const label =
        e.kind === 'F'
          ? `F ${e.tags.join(',')}`
          : `${e.kind}[${loaded.memory.units[e.loc].name}]=${shown(loaded, e.loc, e.value)}${tags}`;
      events.push({
        id: combination.offsets[thread] + index, // the combination's numbering: events[id] is this event
        name: eventName(letter++),
        thread,
        kind: e.kind,
        label,
        location: e.kind === 'F' ? undefined : loaded.memory.units[e.loc].name,
        access: combination.offsets[thread] + e.access,
        instruction: { text: instruction.text, line: instruction.pos.line, column: instruction.pos.column },
        ...(e.untied && { untied: true as const }),
      });
    });
  });
  const po = programOrder(combination.offsets, combination.paths.map((path) => path.events.map((e) => e.access)));
  return { events, edges: [...po, ...communication(choice.rf, choice.co), ...dependencies(candidate)] };
}

/**
 * A value read or written, as the final state would show it: through the
 * location's declared type; a piece of a mixed-size location, its bytes in
 * hexadecimal.
 */
function shown(loaded: LoadedTest, unit: number, value: bigint): string {
  if (loaded.memory.mixed) return `0x${value.toString(16)}`;
  return formatValue(typedValue(loaded.locationTypes.get(unit), value, loaded.locations), loaded.locations);
}

function eventName(index: number): string {
  const letter = String.fromCharCode(97 + (index % 26));
  const round = Math.floor(index / 26);
  return round === 0 ? letter : `${letter}${round}`;
}

/**
 * Immediate po successors only: the rest follows by transitivity. The pieces
 * of one mixed-size access are not ordered: po goes from an access's first
 * event to the next access's. `accesses[t][i]` is the first event of the
 * access thread t's event i belongs to.
 */
function programOrder(offsets: number[], accesses: number[][]): GraphEdge[] {
  const edges: GraphEdge[] = [];
  offsets.forEach((offset, t) => {
    const starts = accesses[t].filter((access, i) => access === i);
    for (let k = 0; k + 1 < starts.length; k++) edges.push({ from: offset + starts[k], to: offset + starts[k + 1], relation: 'po' });
  });
  return edges;
}

/** rf per read, co between co-neighbours, fr from each read to the write just after its source. */
function communication(rf: Int32Array, co: readonly (readonly number[])[]): GraphEdge[] {
  const edges: GraphEdge[] = [];
  const next = new Map<number, number>();
  for (const order of co) {
    for (let i = 0; i + 1 < order.length; i++) {
      edges.push({ from: order[i], to: order[i + 1], relation: 'co' });
      next.set(order[i], order[i + 1]);
    }
  }
  rf.forEach((write, read) => {
    if (write < 0) return;
    edges.push({ from: write, to: read, relation: 'rf' });
    const after = next.get(write);
    if (after !== undefined) edges.push({ from: read, to: after, relation: 'fr' });
  });
  return edges;
}

/** The dependency and rmw edges exactly as the model sees them (same-instruction pairs left out). */
function dependencies(candidate: JudgedCandidate): GraphEdge[] {
  const { relations } = buildSkeleton(candidate.combination);
  return (['addr', 'data', 'ctrl', 'rmw'] as const).flatMap((relation) =>
    (relations.get(relation) ?? []).map(([from, to]) => ({ from, to, relation })),
  );
}
