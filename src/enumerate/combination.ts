// One choice of path per thread: the candidate-execution view every later
// stage shares. Its events are numbered as the model sees them — the initial
// writes first (event i writes location i with its initial value), then each
// thread's events in program order — here and nowhere else. Builds the
// rf/co-independent skeleton the model prepares once.

import type { ExecutionSkeleton, Pair, SkeletonEvent } from '../cat/api.js';
import type { Deps } from '../exec/types.js';
import type { PathEvent, ThreadPath } from '../exec/explore.js';
import type { MemoryLayout } from '../exec/memory.js';

/** What the enumerator needs of the memory layout: each unit's initial value and initial write's access. */
export type InitialMemory = Pick<MemoryLayout, 'initialValues' | 'initAccess'> & {
  /** The units whose final values the test observes (its condition, filter, `locations`): herd7's FW is their co-last writes. */
  finalObserved?: ReadonlySet<number>;
};

export interface Combination {
  paths: ThreadPath[];
  /** Number of locations: events 0..locationCount-1 are their initial writes. */
  locationCount: number;
  /** Each unit's initial value: what initial write i writes. */
  initialValues: readonly bigint[];
  /** Each initial write's access (the first unit of its location): see SkeletonEvent.access. */
  initAccess: readonly number[];
  /** Global number of each thread's first event. */
  offsets: number[];
  eventCount: number;
  /** InitialMemory.finalObserved. */
  finalObserved?: ReadonlySet<number>;
}

/**
 * The global number of each thread's first event, for threads whose paths
 * have these lengths (in thread order), after `locationCount` initial writes;
 * the last entry is the total number of events.
 */
export function threadOffsets(locationCount: number, lengths: readonly number[]): number[] {
  const offsets = [locationCount];
  for (const length of lengths) offsets.push(offsets[offsets.length - 1] + length);
  return offsets;
}

/** The combination of `paths` (one per thread, in thread order) over memory units with these initial writes. */
export function combine(paths: ThreadPath[], memory: InitialMemory): Combination {
  const locationCount = memory.initialValues.length;
  const offsets = threadOffsets(locationCount, paths.map((path) => path.events.length));
  const eventCount = offsets.pop()!;
  return { paths, locationCount, initialValues: memory.initialValues, initAccess: memory.initAccess, offsets, eventCount, ...(memory.finalObserved && { finalObserved: memory.finalObserved }) };
}

/** Where global event `id` is: undefined for an initial write, else its thread and index in that thread's path. */
export function eventPlace(combination: Combination, id: number): { thread: number; index: number } | undefined {
  if (id < combination.locationCount) return undefined;
  let thread = combination.offsets.length - 1;
  while (combination.offsets[thread] > id) thread--;
  return { thread, index: id - combination.offsets[thread] };
}

/** The value global event `id` reads or writes (an initial write: its location's initial value). */
export function eventValue(combination: Combination, id: number): bigint {
  const place = eventPlace(combination, id);
  if (!place) return combination.initialValues[id];
  return combination.paths[place.thread].events[place.index].value;
}

/**
 * The value a unit ends with: that of its co-last write, unless that write
 * takes a lock (herd7's LKW) and its thread writes the unit next with a write
 * the enumerator gives no place in co (its unlock, which herd7's lock.cat
 * puts right after the lock in co): then that write's.
 */
export function finalValue(combination: Combination, order: readonly number[]): bigint {
  const last = order[order.length - 1];
  const place = eventPlace(combination, last);
  if (place && combination.paths[place.thread].events[place.index].outsideRW) {
    const events = combination.paths[place.thread].events;
    const unit = events[place.index].loc;
    for (let i = place.index + 1; i < events.length; i++) {
      const e = events[i];
      if (e.kind !== 'W' || e.loc !== unit) continue;
      if (e.untied) return e.value;
      break;
    }
  }
  return eventValue(combination, last);
}

const DEPENDENCY_FIELDS = [
  ['addr', 'addr'],
  ['data', 'data'],
  ['ctrl', 'ctrl'],
  ['pick-addr-dep', 'pickAddr'],
  ['pick-data-dep', 'pickData'],
  ['pick-ctrl-dep', 'pickCtrl'],
] as const satisfies ReadonlyArray<readonly [string, keyof PathEvent]>;

/**
 * What the model needs of a combination that rf and co do not change: the
 * events (initial writes first) and the dependency and rmw relations
 * (same-instruction pairs left out).
 */
export function buildSkeleton(combination: Combination): ExecutionSkeleton {
  const { locationCount } = combination;
  const events: SkeletonEvent[] = [];
  for (let loc = 0; loc < locationCount; loc++) {
    events.push({ kind: 'W', thread: -1, poIndex: -1, loc, access: combination.initAccess[loc], tags: [], value: combination.initialValues[loc] });
  }
  const relations = new Map<string, Pair[]>();
  const add = (name: string, pair: Pair) => {
    const list = relations.get(name);
    if (list) list.push(pair);
    else relations.set(name, [pair]);
  };
  combination.paths.forEach((path, thread) => {
    const offset = combination.offsets[thread];
    path.events.forEach((e, index) => {
      // The pieces of one access share its place in program order (po does not order them) and its access.
      events.push({
        kind: e.kind, thread, poIndex: e.access, loc: e.loc, access: offset + e.access, tags: e.tags,
        ...(e.kind !== 'F' && { value: e.value }), ...(e.outsideRW && { outsideRW: true }),
      });
      for (const [name, field] of DEPENDENCY_FIELDS) {
        forEachBit(e[field] as Deps, (source) => {
          // Within one instruction (an atomic's read feeding its own write)
          // there is no dependency edge: that pair is the rmw relation.
          if (path.events[source].step !== e.step) add(name, [offset + source, offset + index]);
        });
      }
    });
    for (const pair of path.rmw) {
      const edge: Pair = [offset + pair.read, offset + pair.write];
      add('rmw', edge);
      add(pair.kind, edge);
    }
  });
  return { events, locationCount, relations, ...(combination.finalObserved && { finalObserved: combination.finalObserved }) };
}

function forEachBit(mask: bigint, visit: (bit: number) => void): void {
  for (let bit = 0; mask !== 0n; bit++, mask >>= 1n) {
    if (mask & 1n) visit(bit);
  }
}
