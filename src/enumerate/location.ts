// The rf/co choices for one location. Coherence (acyclic po-loc|rf|co|fr) and
// atomicity (empty rmw & fre;coe) only relate accesses to one location, so a
// candidate is coherent exactly when each location's part is; each location
// is solved alone and a candidate is one solution per location.

/** An access to the location, as the solver needs it. */
export interface Access {
  id: number; // global event number
  thread: number; // -1 for the initial write
  poIndex: number;
  value: bigint;
}

export interface LocationProblem {
  initWrite: Access;
  /** The threads' writes, in program order within each thread. */
  writes: Access[];
  reads: Access[];
  /** rmw pairs (global ids) whose events are on this location. */
  rmw: ReadonlyArray<{ read: number; write: number }>;
}

export interface LocationSolution {
  /** Writes in coherence order, the initial write first. */
  co: Int32Array;
  /** For reads[i], the write it reads from. */
  rf: Int32Array;
}

export interface SolveOptions {
  /** Discard solutions that break coherence (po-loc|rf|co|fr cyclic). */
  coherence: boolean;
  /** Discard solutions where another thread's write comes between an rmw pair's read source and its write. */
  atomicity: boolean;
  /** Called at every step of the search, so a caller can stop a search that grows out of reach. */
  step?: () => void;
}

/**
 * Whether every read's value is written to the location by the initial write
 * or by some write that is not po-after the read in its own thread. This is
 * the check used while discovering values: weaker than coherence, so no value
 * a coherent execution needs is missed, and strong enough that a counter
 * cannot feed on its own future writes.
 */
export function valuesProvided(problem: LocationProblem): boolean {
  return problem.reads.every(
    (r) =>
      problem.initWrite.value === r.value ||
      problem.writes.some((w) => w.value === r.value && !(w.thread === r.thread && w.poIndex > r.poIndex)),
  );
}

/** All solutions for one location, calling `emit` for each (the arrays are reused: copy them to keep them). */
export function solveLocation(problem: LocationProblem, options: SolveOptions, emit: (s: LocationSolution) => void): void {
  const { initWrite, writes, reads } = problem;
  const byId = new Map<number, Access>([[initWrite.id, initWrite], ...writes.map((w) => [w.id, w] as const)]);
  const co = new Int32Array(writes.length + 1);
  co[0] = initWrite.id;
  const coIndex = new Map<number, number>([[initWrite.id, 0]]);
  const rf = new Int32Array(reads.length);
  // Per read: the writes of its own thread just before and just after it in po.
  const ownBefore = reads.map((r) => lastWhere(writes, (w) => w.thread === r.thread && w.poIndex < r.poIndex));
  const ownAfter = reads.map((r) => writes.find((w) => w.thread === r.thread && w.poIndex > r.poIndex));
  // Per read: the previous read of the same thread (reads are grouped by thread in po order).
  const previousRead = reads.map((r, i) => (i > 0 && reads[i - 1].thread === r.thread ? i - 1 : -1));
  const rmwByRead = new Map(problem.rmw.map((p) => [p.read, p.write]));

  const coherentSource = (i: number, w: Access): boolean => {
    const r = reads[i];
    if (w.thread === r.thread && w.poIndex > r.poIndex) return false; // CoRW1: reads its own future write
    const source = coIndex.get(w.id)!;
    const before = ownBefore[i];
    if (before && source < coIndex.get(before.id)!) return false; // CoWR: skips over its own earlier write
    const after = ownAfter[i];
    if (after && source >= coIndex.get(after.id)!) return false; // CoRW2: reads past its own later write
    const prev = previousRead[i];
    if (prev >= 0 && source < coIndex.get(rf[prev])!) return false; // CoRR: an earlier read saw a newer write
    return true;
  };

  const atomic = (i: number, w: Access): boolean => {
    const pairedWrite = rmwByRead.get(reads[i].id);
    if (pairedWrite === undefined) return true;
    const from = coIndex.get(w.id)!;
    const to = coIndex.get(pairedWrite)!;
    for (let k = from + 1; k < to; k++) {
      if (byId.get(co[k])!.thread !== reads[i].thread) return false;
    }
    return true;
  };

  const chooseReads = (i: number): void => {
    options.step?.();
    if (i === reads.length) {
      emit({ co, rf });
      return;
    }
    const r = reads[i];
    for (let k = 0; k < co.length; k++) {
      const w = byId.get(co[k])!;
      if (w.value !== r.value) continue;
      if (options.coherence && !coherentSource(i, w)) continue;
      if (options.atomicity && !atomic(i, w)) continue;
      rf[i] = w.id;
      chooseReads(i + 1);
    }
  };

  // Coherence orders: with coherence, each thread's writes stay in program
  // order (any other order breaks CoWW), so we interleave per-thread lists.
  const queues = options.coherence ? groupByThread(writes) : writes.map((w) => [w]);
  const heads = new Array<number>(queues.length).fill(0);
  const placeWrites = (position: number): void => {
    options.step?.();
    if (position === co.length) {
      chooseReads(0);
      return;
    }
    for (let q = 0; q < queues.length; q++) {
      if (heads[q] === queues[q].length) continue;
      const w = queues[q][heads[q]++];
      co[position] = w.id;
      coIndex.set(w.id, position);
      placeWrites(position + 1);
      heads[q]--;
    }
  };
  placeWrites(1);
}

function groupByThread(writes: Access[]): Access[][] {
  const groups = new Map<number, Access[]>();
  for (const w of writes) {
    const group = groups.get(w.thread);
    if (group) group.push(w);
    else groups.set(w.thread, [w]);
  }
  return [...groups.values()];
}

function lastWhere<T>(items: T[], predicate: (item: T) => boolean): T | undefined {
  for (let i = items.length - 1; i >= 0; i--) if (predicate(items[i])) return items[i];
  return undefined;
}
