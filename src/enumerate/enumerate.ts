// Candidate executions, depth-first and pruned early: one path per thread,
// then per location its coherence orders and read sources, solved as soon as
// every thread that may touch the location has been chosen. Nothing is
// materialised beyond the current combination.

import type { Choice, CompiledModel, ModelVerdict, PreparedModel } from '../cat/api.js';
import { LimitError, LitmusError } from '../errors.js';
import { DEFAULT_EXPLORE_LIMITS, type ExploreLimits, explorePaths, type ThreadPath } from '../exec/explore.js';
import type { LoadedTest } from '../exec/program.js';
import { buildSkeleton, type Combination, combine } from './combination.js';
import { type Access, type LocationProblem, solveLocation, type SolveOptions, valuesProvided } from './location.js';

export interface EnumerationLimits extends ExploreLimits {
  /** Stop after examining this many candidates (model checks). */
  maxCandidates: number;
  /** Rounds of value discovery before giving up on values that never settle. */
  maxValueRounds: number;
}

export const DEFAULT_LIMITS: EnumerationLimits = {
  ...DEFAULT_EXPLORE_LIMITS,
  maxCandidates: 2_000_000,
  maxValueRounds: 16,
};

export interface EnumerationStats {
  /** Candidates handed to the model. */
  candidates: number;
  /** Path combinations that had at least one coherent candidate. */
  combinations: number;
  /** Rounds of value discovery. */
  rounds: number;
  /**
   * Some consistent candidate had a thread path cut at the unrolling bound
   * (herd7 then prints `Loop` before Ok/No). Such candidates are not judged
   * or counted, as in herd7.
   */
  cutOff: boolean;
}

/** Called for every candidate the model judged, allowed or not. */
export type CandidateVisitor = (combination: Combination, choice: Choice, verdict: ModelVerdict) => void;

export function enumerateExecutions(
  loaded: LoadedTest,
  model: CompiledModel,
  visit: CandidateVisitor,
  limits: EnumerationLimits = DEFAULT_LIMITS,
): EnumerationStats {
  const solveOptions: SolveOptions = { coherence: model.requiresCoherence, atomicity: model.requiresAtomicity };
  const stats: EnumerationStats = { candidates: 0, combinations: 0, rounds: 0, cutOff: false };
  const { paths, locationCount } = discoverValues(loaded, limits, stats);
  const initValue = (loc: number) => loaded.initMemory.get(loc) ?? 0n;
  walkCombinations(paths, locationCount, initValue, solveOptions, limits, (combination, solutions) => {
    // Every location has a solution here: some candidate with these paths is consistent.
    const fault = combination.paths.find((path) => path.fault)?.fault;
    if (fault) throw new LitmusError(fault);
    if (combination.paths.some((path) => path.cut)) {
      stats.cutOff = true;
      return;
    }
    stats.combinations++;
    let prepared: PreparedModel | undefined;
    // Every read is some location's read, so each candidate overwrites all of rf.
    const rf = new Int32Array(combination.eventCount).fill(-1);
    forEachProduct(solutions, (picked) => {
      if (++stats.candidates > limits.maxCandidates) {
        throw new LimitError(`stopped after ${limits.maxCandidates} candidate executions (--max-candidates)`);
      }
      if (limits.deadline !== undefined && (stats.candidates & 255) === 0 && Date.now() > limits.deadline) {
        throw new LimitError(`stopped at the time limit after ${stats.candidates} candidate executions`);
      }
      const co: number[][] = [];
      picked.forEach((solution, loc) => {
        co[loc] = solution.co;
        const reads = solutions[loc].reads;
        for (let i = 0; i < reads.length; i++) rf[reads[i]] = solution.rf[i];
      });
      prepared ??= model.prepare(buildSkeleton(combination));
      const choice: Choice = { rf, co };
      visit(combination, choice, prepared.check(choice));
    });
  });
  return stats;
}

/**
 * Value domains start from the initial values; a round explores the threads
 * with loads limited to the current domains and adds every value written in
 * a combination of paths whose reads all have a possible source (see
 * valuesProvided). When a round adds nothing, the domains hold every value an
 * execution without out-of-thin-air values can read.
 */
function discoverValues(
  loaded: LoadedTest,
  limits: EnumerationLimits,
  stats: EnumerationStats,
): { paths: ThreadPath[][]; locationCount: number } {
  const domains = new Map<number, Set<bigint>>();
  const domainOf = (loc: number) => {
    let domain = domains.get(loc);
    if (!domain) domains.set(loc, (domain = new Set([loaded.initMemory.get(loc) ?? 0n])));
    return domain;
  };
  for (;;) {
    stats.rounds++;
    const sorted = new Map([...domains].map(([loc, values]) => [loc, [...values].sort(compareBigint)]));
    const paths = loaded.threads.map((t) => explorePaths(t, loaded.threads, loaded.locations, sorted, loaded.initMemory, limits));
    const locationCount = loaded.locations.size;
    for (let loc = 0; loc < locationCount; loc++) domainOf(loc);
    let grew = false;
    // While discovering, a thread may also contribute nothing: a thread whose
    // every path is still cut (a spin loop waiting for a value not yet
    // discovered) must not hide the values the other threads write.
    const withIdle = paths.map((list) => [...list, IDLE_PATH]);
    walkCombinations(withIdle, locationCount, (loc) => loaded.initMemory.get(loc) ?? 0n, 'discover', limits, (combination) => {
      for (const path of combination.paths) {
        for (const e of path.events) {
          if (e.kind !== 'W') continue;
          const domain = domainOf(e.loc);
          if (!domain.has(e.value)) {
            domain.add(e.value);
            grew = true;
          }
        }
      }
    });
    if (!grew) return { paths, locationCount };
    if (stats.rounds >= limits.maxValueRounds) {
      throw new LimitError(
        `the values written never settle after ${limits.maxValueRounds} rounds (an unbounded counter?); the test is too big to enumerate`,
      );
    }
  }
}

const IDLE_PATH: ThreadPath = { events: [], rmw: [], registers: new Map() };

function compareBigint(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** One rf/co choice for a location, kept: its coherence order, and the write each of its reads reads from. */
interface StoredSolution {
  co: number[];
  rf: Int32Array;
}

/** The solutions of one location, with the global ids of its reads (in the order of StoredSolution.rf). */
interface SolvedLocation {
  reads: number[];
  list: StoredSolution[];
}

type LeafVisitor = (combination: Combination, solutions: SolvedLocation[]) => void;

/** Per path: its accesses grouped by location, computed once. */
interface PathIndex {
  reads: Map<number, number[]>; // loc → event indices
  writes: Map<number, number[]>;
}

function indexPath(path: ThreadPath): PathIndex {
  const reads = new Map<number, number[]>();
  const writes = new Map<number, number[]>();
  path.events.forEach((e, i) => {
    if (e.kind === 'F') return;
    const map = e.kind === 'R' ? reads : writes;
    const list = map.get(e.loc);
    if (list) list.push(i);
    else map.set(e.loc, [i]);
  });
  return { reads, writes };
}

function walkCombinations(
  paths: ThreadPath[][],
  locationCount: number,
  initValue: (loc: number) => bigint,
  /** 'discover': only check that reads have possible sources; else solve rf/co with these options. */
  mode: 'discover' | SolveOptions,
  limits: EnumerationLimits,
  visitLeaf: LeafVisitor,
): void {
  const threadCount = paths.length;
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
  const offsets: number[] = [];
  // Every step of the search (a path tried, a coherence order or read source
  // placed) counts against the candidate budget and looks at the clock, so a
  // test whose choices multiply out of reach stops instead of hanging.
  let steps = 0;
  const step = (): void => {
    if (++steps > limits.maxCandidates) {
      throw new LimitError(`stopped after ${limits.maxCandidates} search steps (--max-candidates); the test is too big to enumerate`);
    }
    if (limits.deadline !== undefined && (steps & 1023) === 0 && Date.now() > limits.deadline) {
      throw new LimitError('stopped at the time limit (--timeout)');
    }
  };
  const solveOptions = mode === 'discover' ? undefined : { ...mode, step };

  const readsSatisfiable = (t: number): boolean => {
    const index = chosenIndex[t];
    for (const [loc, reads] of index.reads) {
      if (lastToucher[loc] === t) continue; // solved exactly right away
      for (const i of reads) {
        const value = chosen[t].events[i].value;
        if (value === initValue(loc) || laterWrites[t + 1].get(loc)?.has(value)) continue;
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

  const solve = (loc: number, t: number): SolvedLocation => {
    const rmw: Array<{ read: number; write: number }> = [];
    const problem: LocationProblem = { initWrite: { id: loc, thread: -1, poIndex: -1, value: initValue(loc) }, writes: [], reads: [], rmw };
    for (let u = 0; u <= t; u++) {
      const events = chosen[u].events;
      const access = (i: number): Access => ({ id: offsets[u] + i, thread: u, poIndex: i, value: events[i].value });
      for (const i of chosenIndex[u].writes.get(loc) ?? []) problem.writes.push(access(i));
      for (const i of chosenIndex[u].reads.get(loc) ?? []) problem.reads.push(access(i));
      for (const pair of chosen[u].rmw) {
        if (events[pair.read].loc === loc) rmw.push({ read: offsets[u] + pair.read, write: offsets[u] + pair.write });
      }
    }
    const list: StoredSolution[] = [];
    if (mode === 'discover') {
      if (valuesProvided(problem)) list.push({ co: [], rf: new Int32Array(0) });
    } else {
      solveLocation(problem, solveOptions!, (s) => list.push({ co: Array.from(s.co), rf: s.rf.slice() }));
    }
    return { reads: problem.reads.map((r) => r.id), list };
  };

  const descend = (t: number, nextOffset: number): void => {
    if (t === threadCount) {
      visitLeaf({ paths: chosen.slice(), locationCount, offsets: offsets.slice(), eventCount: nextOffset }, solutions);
      return;
    }
    for (let p = 0; p < paths[t].length; p++) {
      step();
      chosen[t] = paths[t][p];
      chosenIndex[t] = indexes[t][p];
      offsets[t] = nextOffset;
      if (!readsSatisfiable(t)) continue;
      let ok = true;
      for (const loc of solvedAt[t]) {
        const solved = solve(loc, t);
        if (solved.list.length === 0) {
          ok = false;
          break;
        }
        solutions[loc] = solved;
      }
      if (ok) descend(t + 1, nextOffset + chosen[t].events.length);
    }
  };
  if (threadCount === 0) {
    visitLeaf(combine([], locationCount), solutions);
    return;
  }
  descend(0, locationCount);
}

/** Calls `visit` with one solution per location, for every combination. */
function forEachProduct(solutions: SolvedLocation[], visit: (picked: StoredSolution[]) => void): void {
  const picked: StoredSolution[] = solutions.map((s) => s.list[0]);
  const step = (loc: number): void => {
    if (loc === solutions.length) {
      visit(picked);
      return;
    }
    for (const solution of solutions[loc].list) {
      picked[loc] = solution;
      step(loc + 1);
    }
  };
  step(0);
}
