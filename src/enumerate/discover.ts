// Value discovery: which values each location may hold. Domains start from
// the initial values; a round explores the threads with loads limited to the
// current domains and adds every value written in a combination of paths
// whose reads all have a possible source (see valuesProvided). When a round
// adds nothing, the domains hold every value an execution without
// out-of-thin-air values can read, and the last round's paths are every path.
// Read-modify-writes that may read one another's values (a counter two
// threads increment and decrement) never stop adding values. But a value an
// execution reads comes from a chain of writes, each computed from values
// read before it, no longer than the writes of one combination of paths:
// once the paths' shapes (their events without values) have not changed for
// that many rounds, the domains hold every such value (a value that would
// open a new shape would have come from such a chain, and opened it), and
// one more exploration with them gives every path. This is looked at only
// when the values would otherwise be given up on.

import { LimitError } from '../errors.js';
import { type ExploreLimits, explorePaths, type ThreadPath } from '../exec/explore.js';
import { addShape, initialShapes, ReadSources, writeShapes } from '../exec/read-sources.js';
import { SizeEvidence } from '../exec/size-evidence.js';
import { byteSize } from '../exec/ctype.js';
import type { LoadedTest } from '../exec/program.js';
import { valuesProvided } from './location.js';
import { type SearchLimits, searchCombinations } from './search.js';

export interface DiscoveryLimits extends ExploreLimits, SearchLimits {
  /** Rounds of value discovery before giving up on values that never settle. */
  maxValueRounds: number;
}

export interface Discovery {
  paths: ThreadPath[][];
  rounds: number;
  /** Without mixed-size memory: the sizes and offsets the accesses used (a mixed-size test shows there). */
  evidence?: SizeEvidence;
}

/**
 * Every thread's paths under the settled value domains, and how many rounds
 * that took. Throws LimitError when the values never settle (an unbounded
 * counter) or a round's search reaches a limit.
 */
export function discoverPaths(loaded: LoadedTest, limits: DiscoveryLimits): Discovery {
  const { initialValues, memory } = loaded;
  const declared = (location: number) => {
    const type = loaded.locationTypes.get(location);
    return type === undefined ? undefined : byteSize(type);
  };
  const evidence = loaded.mixedSizeCheck === 'none' ? undefined : new SizeEvidence(declared);
  const domains = initialValues.map((value) => new Set([value]));
  // A mixed-size test's reads of several units see what whole write accesses
  // leave (ReadSources): the shapes of the writes found so far, by key.
  const shapes = memory.mixed ? initialShapes(memory.initAccess, initialValues) : undefined;
  let complete = false;
  let lastShapeKey = '';
  let stableSince = 0;
  for (let rounds = 1; ; rounds++) {
    const sorted = new Map(domains.map((values, loc) => [loc, [...values].sort(compareBigint)]));
    const sources = shapes && new ReadSources([...shapes.values()]);
    const paths = loaded.threads.map((t) => explorePaths(t, loaded.threads, loaded.locations, memory, sorted, limits, evidence, sources));
    if (complete) return { paths, rounds, evidence };
    let grew = false;
    // While discovering, a thread may also contribute nothing: a thread whose
    // every path is still cut (a spin loop waiting for a value not yet
    // discovered) must not hide the values the other threads write.
    const withIdle = paths.map((list) => [...list, IDLE_PATH]);
    const solve = (problem: Parameters<typeof valuesProvided>[0]) => (valuesProvided(problem) ? [{ co: [], rf: new Int32Array(0) }] : []);
    searchCombinations(withIdle, memory, limits, solve, (combination) => {
      for (const path of combination.paths) {
        for (const e of path.events) {
          if (e.kind !== 'W' || domains[e.loc].has(e.value)) continue;
          domains[e.loc].add(e.value);
          grew = true;
        }
        if (shapes) for (const shape of writeShapes(path)) grew = addShape(shapes, shape) || grew;
      }
    });
    if (!grew) return { paths, rounds, evidence };
    const shapeKey = pathShapes(paths);
    if (shapeKey !== lastShapeKey) {
      lastShapeKey = shapeKey;
      stableSince = rounds;
    }
    if (rounds >= limits.maxValueRounds) {
      // Chains of writes no longer than the writes of one combination, on shapes that stopped changing: found by now (see above).
      const longestChain = paths.reduce((sum, list) => sum + Math.max(0, ...list.map((path) => path.events.filter((e) => e.kind === 'W').length)), 0);
      if (rounds - stableSince >= longestChain) {
        complete = true;
        continue;
      }
      throw new LimitError(
        `the values written never settle after ${limits.maxValueRounds} rounds (an unbounded counter?); the test is too big to enumerate`,
      );
    }
  }
}

const IDLE_PATH: ThreadPath = { events: [], rmw: [], registers: new Map() };

/** Every thread's paths without their values: which events each makes, where, in which order. */
function pathShapes(paths: readonly ThreadPath[][]): string {
  return paths.map((list) => [...new Set(list.map((path) => path.events.map((e) => `${e.kind}${e.loc}@${e.code}:${e.instruction}`).join(',') + (path.cut ? '…' : '')))].sort().join('|')).join('#');
}

function compareBigint(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
