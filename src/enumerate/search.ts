// The search both value discovery and enumeration share: one path per thread,
// depth-first, and each location solved as soon as the last thread that may
// touch it is chosen, by a solver the caller gives (discovery: can every read
// find its value? enumeration: every coherent rf/co choice). A combination
// whose every location has a solution reaches the caller's leaf visitor.
// Every step counts against the candidate budget and looks at the clock.

import { LimitError } from '../errors.js';
import { type Budget, checkBudget } from '../limits.js';
import type { ThreadPath } from '../exec/explore.js';
import { type Combination, combine, type InitialMemory, threadOffsets } from './combination.js';
import type { Access, LocationProblem } from './location.js';

/** One rf/co choice for a location, kept: its coherence order, and the write each of its reads reads from. */
export interface StoredSolution {
  co: number[];
  rf: Int32Array;
}

/** The solutions of one location, with the global ids of its reads (in the order of StoredSolution.rf). */
export interface SolvedLocation {
  reads: number[];
  list: StoredSolution[];
}

/**
 * Solves one location's problem: its solutions (none: no consistent choice
 * for it in this combination). `step` counts a search step (it may throw a
 * LimitError).
 */
export type LocationSolver = (problem: LocationProblem, step: () => void) => StoredSolution[];

export type LeafVisitor = (combination: Combination, solutions: SolvedLocation[]) => void;

export interface SearchLimits extends Budget {
  /** Search steps before a LimitError. */
  maxCandidates: number;
}

/** Per path: its accesses grouped by location, computed once. */
interface PathIndex {
  reads: Map<number, number[]>; // loc → event indices
  writes: Map<number, number[]>;
}

function indexPath(path: ThreadPath): PathIndex {
  const reads = new Map<number, number[]>();
  const writes = new Map<number, number[]>();
  path.events.forEach((e, i) => {
    // A read with no rf or a write with no place in co (herd7's lock events, with its lock.cat) is the model's to tie.
    if (e.kind === 'F' || e.untied) return;
    const map = e.kind === 'R' ? reads : writes;
    const list = map.get(e.loc);
    if (list) list.push(i);
    else map.set(e.loc, [i]);
  });
  return { reads, writes };
}

/**
 * Visits every combination of one path per thread (`paths[t]`: thread t's)
 * whose locations all have a solution under `solve`. Throws LimitError past
 * `limits`.
 */
export function searchCombinations(
  paths: ThreadPath[][],
  memory: InitialMemory,
  limits: SearchLimits,
  solve: LocationSolver,
  visitLeaf: LeafVisitor,
): void {
  const threadCount = paths.length;
  const { initialValues } = memory;
  const locationCount = initialValues.length;
  const indexes = paths.map((list) => list.map(indexPath));
  // A location is solved once the last thread that may touch it is chosen.
  const lastToucher = new Array<number>(locationCount).fill(-1);
  // Values later threads may write, for pruning reads that nothing could satisfy.
  const laterWrites: Map<number, Set<bigint>>[] = Array.from({ length: threadCount + 1 }, () => new Map());
  for (let t = threadCount - 1; t >= 0; t--) {
    const later = new Map([...laterWrites[t + 1]].map(([loc, set]) => [loc, new Set(set)]));
    paths[t].forEach((path) => {
      for (const e of path.events) {
        if (e.kind === 'F') continue;
        if (lastToucher[e.loc] < t) lastToucher[e.loc] = t;
        if (e.kind === 'W') {
          let set = later.get(e.loc);
          if (!set) later.set(e.loc, (set = new Set()));
          set.add(e.value);
        }
      }
    });
    laterWrites[t] = later;
  }
  const solvedAt: number[][] = Array.from({ length: threadCount }, () => []);
  const solutions: SolvedLocation[] = [];
  for (let loc = 0; loc < locationCount; loc++) {
    if (lastToucher[loc] >= 0) solvedAt[lastToucher[loc]].push(loc);
    else solutions[loc] = { reads: [], list: [{ co: [loc], rf: new Int32Array(0) }] };
  }

  const chosen: ThreadPath[] = [];
  const chosenIndex: PathIndex[] = [];
  // The global numbers of the chosen threads' first events (combination.ts's numbering).
  let offsets: number[] = [];
  // Every step of the search (a path tried, a coherence order or read source
  // placed) counts against the candidate budget and looks at the clock, so a
  // test whose choices multiply out of reach stops instead of hanging.
  let steps = 0;
  const step = (): void => {
    if (++steps > limits.maxCandidates) {
      throw new LimitError(`stopped after ${limits.maxCandidates} search steps (--max-candidates); the test is too big to enumerate`);
    }
    // The first step looks too: a short search may take fewer than 256.
    if ((steps & 255) === 1) checkBudget(limits, 'searching for candidate executions');
  };

  const readsSatisfiable = (t: number): boolean => {
    const index = chosenIndex[t];
    for (const [loc, reads] of index.reads) {
      if (lastToucher[loc] === t) continue; // solved exactly right away
      for (const i of reads) {
        const value = chosen[t].events[i].value;
        if (value === initialValues[loc] || laterWrites[t + 1].get(loc)?.has(value)) continue;
        let found = false;
        for (let u = 0; u <= t && !found; u++) {
          for (const w of chosenIndex[u].writes.get(loc) ?? []) {
            if (chosen[u].events[w].value === value) {
              found = true;
              break;
            }
          }
        }
        if (!found) return false;
      }
    }
    return true;
  };

  const problemOf = (loc: number, t: number): LocationProblem => {
    const rmw: Array<{ read: number; write: number }> = [];
    const problem: LocationProblem = { initWrite: { id: loc, thread: -1, poIndex: -1, value: initialValues[loc] }, writes: [], reads: [], rmw };
    for (let u = 0; u <= t; u++) {
      const events = chosen[u].events;
      const access = (i: number): Access => ({ id: offsets[u] + i, thread: u, poIndex: i, value: events[i].value });
      for (const i of chosenIndex[u].writes.get(loc) ?? []) problem.writes.push(access(i));
      for (const i of chosenIndex[u].reads.get(loc) ?? []) problem.reads.push(access(i));
      for (const pair of chosen[u].rmw) {
        if (events[pair.read].loc === loc) rmw.push({ read: offsets[u] + pair.read, write: offsets[u] + pair.write });
      }
    }
    return problem;
  };

  const descend = (t: number): void => {
    if (t === threadCount) {
      visitLeaf(combine(chosen.slice(), memory), solutions);
      return;
    }
    for (let p = 0; p < paths[t].length; p++) {
      step();
      chosen[t] = paths[t][p];
      chosenIndex[t] = indexes[t][p];
      offsets = threadOffsets(locationCount, chosen.slice(0, t + 1).map((path) => path.events.length));
      if (!readsSatisfiable(t)) continue;
      let ok = true;
      for (const loc of solvedAt[t]) {
        const problem = problemOf(loc, t);
        const list = solve(problem, step);
        if (list.length === 0) {
          ok = false;
          break;
        }
        solutions[loc] = { reads: problem.reads.map((r) => r.id), list };
      }
      if (ok) descend(t + 1);
    }
  };
  descend(0);
}

/**
 * Calls `visit` with one solution per location, for every combination of
 * them, locations chosen in increasing order; `accept(loc, picked)`, when
 * given, is asked after each choice whether to go on with it (false prunes
 * every combination that extends it). `visit` returning false stops it all.
 */
export function forEachProduct(
  solutions: SolvedLocation[],
  visit: (picked: StoredSolution[]) => boolean | void,
  accept?: (loc: number, picked: StoredSolution[]) => boolean,
): void {
  const picked: StoredSolution[] = solutions.map((s) => s.list[0]);
  // Depth-first without recursion: a mixed-size test may have thousands of units.
  const chosen = new Int32Array(solutions.length).fill(-1);
  let loc = 0;
  while (loc >= 0) {
    if (loc === solutions.length) {
      if (visit(picked) === false) return;
      loc--;
      continue;
    }
    const list = solutions[loc].list;
    if (++chosen[loc] >= list.length) {
      chosen[loc] = -1;
      loc--;
      continue;
    }
    picked[loc] = list[chosen[loc]];
    if (accept && !accept(loc, picked)) continue;
    loc++;
  }
}
