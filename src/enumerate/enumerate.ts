// Candidate executions, depth-first and pruned early: one path per thread,
// then per location its coherence orders and read sources, solved as soon as
// every thread that may touch the location has been chosen. Nothing is
// materialised beyond the current combination.

import type { Choice, CompiledModel, ModelVerdict, PreparedModel } from '../cat/api.js';
import { LimitError, LitmusError } from '../errors.js';
import { checkBudget } from '../limits.js';
import { DEFAULT_EXPLORE_LIMITS, type ThreadPath } from '../exec/explore.js';
import type { LoadedTest } from '../exec/program.js';
import { buildSkeleton, type Combination } from './combination.js';
import { type DiscoveryLimits, discoverPaths } from './discover.js';
import { solveLocation, type SolveOptions } from './location.js';
import { MatchRule } from './mixed.js';
import { forEachProduct, type LocationSolver, searchCombinations, type StoredSolution } from './search.js';

/** Limits of a whole enumeration: exploring paths, discovering values, searching, and candidates handed to the model. */
export interface EnumerationLimits extends DiscoveryLimits {
  /** Stop after examining this many candidates (model checks); also bounds the search steps. */
  maxCandidates: number;
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
  /** Every path of each thread, as value discovery left them (for what the test can change at all). */
  paths?: readonly (readonly ThreadPath[])[];
}

/**
 * Thrown before any candidate is visited when a test run without mixed-size
 * memory turns out to need it: an access inside a symbol (herd7 rejects it:
 * "mixed-size test rejected … consider option -variant mixed"), or, where
 * herd7 rejects that too (LoadedTest.mixedSizeCheck), accesses of different
 * sizes to one location ("Illegal mixed-size test"). The caller runs it again
 * with mixed-size memory and says so.
 */
export class MixedSizeNeeded extends Error {
  constructor(
    /** Which locations and sizes, in words. */
    readonly reason: string,
    /** The bytes each symbol's accesses reached, by name (MemoryOptions.reach). */
    readonly reach: ReadonlyMap<string, number>,
  ) {
    super(`mixed-size test: ${reason}`);
  }
}

/** Called for every candidate the model judged, allowed or not. */
export type CandidateVisitor = (combination: Combination, choice: Choice, verdict: ModelVerdict) => void;

/**
 * Visits every candidate execution of `loaded` that passes the pruning the
 * model allows (coherence, atomicity, when its axioms imply them; none with
 * `prune` false, so that the model itself rejects, and explains, the
 * incoherent ones), with the model's verdict. Candidates with a path cut at the unrolling bound are not
 * judged (stats.cutOff says one was consistent). Throws LitmusError for an
 * access to an address that is no location on a path a consistent candidate
 * takes, LimitError at a limit, MixedSizeNeeded (before visiting anything)
 * when a test loaded without mixed-size memory needs it.
 */
export function enumerateExecutions(
  loaded: LoadedTest,
  model: CompiledModel,
  visit: CandidateVisitor,
  limits: EnumerationLimits = DEFAULT_LIMITS,
  prune = true,
): EnumerationStats {
  const solveOptions: SolveOptions = { coherence: prune && model.requiresCoherence, atomicity: prune && model.requiresAtomicity };
  const stats: EnumerationStats = { candidates: 0, combinations: 0, rounds: 0, cutOff: false };
  const { paths, rounds, evidence } = discoverPaths(loaded, limits);
  const mixedReason = evidence?.reason(loaded.locations, loaded.mixedSizeCheck === 'sizes');
  if (mixedReason !== undefined) throw new MixedSizeNeeded(mixedReason, evidence!.reachByName(loaded.locations));
  stats.rounds = rounds;
  stats.paths = paths;
  // A mixed-size test's final values of plain locations observed whole come from their units' co-last writes, by herd7's rule.
  const observed = loaded.memory.mixed
    ? loaded.observables.items.flatMap((item) => (item.kind === 'mem' && !item.elements && item.element === undefined ? [loaded.memory.unitsOf(item.loc)] : []))
    : [];
  const solve: LocationSolver = (problem, step) => {
    const list: StoredSolution[] = [];
    solveLocation(problem, { ...solveOptions, step }, (s) => list.push({ co: Array.from(s.co), rf: s.rf.slice() }));
    return list;
  };
  // Steps of building candidates from the units' solutions, kept or not: bounded like the search's.
  let productSteps = 0;
  const productStep = (): void => {
    if (++productSteps > limits.maxCandidates) {
      throw new LimitError(`stopped after ${limits.maxCandidates} steps building candidates (--max-candidates); the test is too big to enumerate`);
    }
    if ((productSteps & 255) === 1) checkBudget(limits, 'building candidate executions');
  };
  // herd7's FW: the final writes of the locations the test observes.
  const finalObserved = new Set(loaded.observables.items.flatMap((item) => (item.kind === 'mem' ? (item.elements ?? [item.loc]).flatMap((loc) => loaded.memory.unitsOf(loc)) : [])));
  const memory = { initialValues: loaded.memory.initialValues, initAccess: loaded.memory.initAccess, finalObserved };
  searchCombinations(paths, memory, limits, solve, (combination, solutions) => {
    // Every unit has a solution here; in a mixed-size test, herd7's rule may
    // still leave no candidate (MatchRule): then the paths are no execution.
    const rule = loaded.memory.mixed ? new MatchRule(combination, observed) : undefined;
    // Every read is some unit's read, so each candidate overwrites all of rf.
    const rf = new Int32Array(combination.eventCount).fill(-1);
    const co: (readonly number[])[] = [];
    const choice: Choice = { rf, co };
    const accept = (loc: number, picked: StoredSolution[]): boolean => {
      productStep();
      const solution = picked[loc];
      co[loc] = solution.co;
      const reads = solutions[loc].reads;
      for (let i = 0; i < reads.length; i++) rf[reads[i]] = solution.rf[i];
      return !rule || rule.keeps(loc, choice);
    };
    const fault = combination.paths.find((path) => path.fault)?.fault;
    const cut = combination.paths.some((path) => path.cut);
    if (fault || cut) {
      // Only a combination some candidate of which herd7 builds faults or cuts.
      let some = !rule || rule.empty;
      if (!some) forEachProduct(solutions, () => (some = true) && false, accept);
      if (!some) return;
      if (fault) throw new LitmusError(fault);
      stats.cutOff = true;
      return;
    }
    stats.combinations++;
    let prepared: PreparedModel | undefined;
    forEachProduct(solutions, () => {
      if (++stats.candidates > limits.maxCandidates) {
        throw new LimitError(`stopped after ${limits.maxCandidates} candidate executions (--max-candidates)`);
      }
      if ((stats.candidates & 255) === 1) checkBudget(limits, `judging candidate executions (${stats.candidates} so far)`);
      prepared ??= model.prepare(buildSkeleton(combination), limits);
      visit(combination, choice, prepared.check(choice));
    }, accept);
  });
  return stats;
}
