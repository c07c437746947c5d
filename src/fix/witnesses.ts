// What `fix` needs of an allowed execution that reaches the bad state: a
// name for it that survives the test's changes (fences added, annotations
// changed), and which moves could forbid it. A move can only forbid an
// execution by ordering two accesses a (earlier) and c (later) of one thread
// where c already reaches a through po and communication (rf, co, fr): every
// ordering relation of the models (Arm's ob, x86-TSO's) lies in
// (po ∪ com)+, so a new edge closes a cycle only there. A barrier orders the
// pairs around it; a stronger form of an instruction, pairs that include
// it. Moves outside every such pair leave the execution allowed.

import { executionGraph } from '../analysis/execution.js';
import type { JudgedCandidate } from '../simulate.js';
import type { Move } from './moves.js';

/** A cell of the test: thread and index in `test.threads[thread].cells`. */
export interface CellRef {
  thread: number;
  cell: number;
}

/** Finds the cell an instruction came from by its position (`line:column`). */
export type CellLookup = (line: number, column: number) => CellRef | undefined;

/**
 * A name for a candidate execution that is the same in every variant of the
 * test: each thread's accesses in order (kind and location), the write each
 * read reads from and each location's coherence order, accesses numbered
 * per thread without fences (which variants add).
 */
export function executionSignature(candidate: JudgedCandidate): string {
  const { combination, choice } = candidate;
  const names = new Map<number, string>();
  for (let loc = 0; loc < combination.locationCount; loc++) names.set(loc, `i${loc}`);
  const accesses: string[] = [];
  combination.paths.forEach((path, t) => {
    let k = 0;
    path.events.forEach((e, i) => {
      if (e.kind === 'F') return;
      const name = `${t}.${k++}`;
      names.set(combination.offsets[t] + i, name);
      accesses.push(`${name}${e.kind}${e.loc}`);
    });
  });
  const rf: string[] = [];
  choice.rf.forEach((write, read) => {
    if (write >= 0 && names.has(read)) rf.push(`${names.get(write)}>${names.get(read)}`);
  });
  const co = choice.co.map((order) => order.map((id) => names.get(id)).join('<'));
  return `${accesses.join(',')}|${rf.join(',')}|${co.join(';')}`;
}

/** A pair of accesses of one thread, earlier then later in po, that the later reaches back through po and communication. */
interface OpenPair {
  thread: number;
  earlier: number;
  later: number;
}

/** The pairs of `candidate` that an ordering edge would close into a cycle, as cells. */
function openPairs(candidate: JudgedCandidate, cellOf: CellLookup): OpenPair[] {
  const graph = executionGraph(candidate);
  const next = new Map<number, number[]>();
  for (const edge of graph.edges) {
    if (!['po', 'rf', 'co', 'fr'].includes(edge.relation)) continue;
    next.set(edge.from, [...(next.get(edge.from) ?? []), edge.to]);
  }
  const reaches = (from: number): Set<number> => {
    const seen = new Set<number>();
    const stack = [...(next.get(from) ?? [])];
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      stack.push(...(next.get(id) ?? []));
    }
    return seen;
  };
  const accesses = graph.events.filter((e) => e.thread >= 0 && e.kind !== 'F' && e.instruction);
  const pairs: OpenPair[] = [];
  for (const later of accesses) {
    const back = reaches(later.id);
    for (const earlier of accesses) {
      if (earlier.thread !== later.thread || earlier.id >= later.id || !back.has(earlier.id)) continue;
      const a = cellOf(earlier.instruction!.line, earlier.instruction!.column);
      const c = cellOf(later.instruction!.line, later.instruction!.column);
      if (a && c && a.thread === c.thread) pairs.push({ thread: a.thread, earlier: a.cell, later: c.cell });
    }
  }
  return pairs;
}

/**
 * The moves that could forbid `candidate` (see the head of this file): a
 * barrier before cell k of thread t (or the barrier at k made stronger) when
 * an open pair of t has its earlier access before k and its later at or after k (or the pair runs backwards
 * through a loop); another form of an instruction when it is one end of an
 * open pair; a dependency from load cell s to cell k when a pair starts at
 * s and ends at or after k.
 */
export function movesThatMayForbid(candidate: JudgedCandidate, moves: readonly Move[], cellOf: CellLookup): Set<number> {
  // A read or write the enumerator leaves for the model to tie (herd7's lock
  // events, under the kernel's lock.cat): its communication is the model's,
  // not the candidate's, so no move can be ruled out.
  if (candidate.combination.paths.some((path) => path.events.some((e) => e.untied))) return new Set(moves.map((m) => m.id));
  const pairs = openPairs(candidate, cellOf);
  const relevant = new Set<number>();
  for (const move of moves) {
    const hit = pairs.some((p) => {
      if (p.thread !== move.thread) return false;
      if (move.kind === 'dependency') return p.earlier === move.source && (p.later >= move.cell || p.earlier >= p.later);
      if (!move.around) return p.earlier === move.cell || p.later === move.cell;
      return (p.earlier < move.cell && move.cell <= p.later) || p.earlier >= p.later;
    });
    if (hit) relevant.add(move.id);
  }
  return relevant;
}
