// Acyclicity with a witness: a depth-first search that, on meeting an event
// still on its stack, returns the cycle e0 → e1 → … → e0 (as [e0, e1, …]).

import type { Relation } from './relation.js';

const WHITE = 0, ON_STACK = 1, DONE = 2;

/** Scratch space for findCycle, reusable across calls of the same size. */
export class CycleFinder {
  private readonly state: Uint8Array;
  private readonly stack: Int32Array;
  /** Per stack frame: the next candidate successor to try. */
  private readonly next: Int32Array;

  constructor(readonly size: number) {
    this.state = new Uint8Array(size);
    this.stack = new Int32Array(size);
    this.next = new Int32Array(size);
  }

  /** A cycle of `r` as a list of events (the edge back to the first is implied), or null when acyclic. */
  find(r: Relation): number[] | null {
    const { state, stack, next } = this;
    const n = r.size, w = r.words, bits = r.bits;
    state.fill(WHITE);
    for (let root = 0; root < n; root++) {
      if (state[root] !== WHITE) continue;
      let depth = 0;
      stack[0] = root;
      next[0] = 0;
      state[root] = ON_STACK;
      while (depth >= 0) {
        const e = stack[depth];
        let j = next[depth];
        const row = e * w;
        while (j < n && (bits[row + (j >>> 5)] & (1 << (j & 31))) === 0) j++;
        if (j === n) {
          state[e] = DONE;
          depth--;
          continue;
        }
        next[depth] = j + 1;
        if (state[j] === ON_STACK) {
          let start = depth;
          while (stack[start] !== j) start--;
          return Array.from(stack.subarray(start, depth + 1));
        }
        if (state[j] === WHITE) {
          state[j] = ON_STACK;
          depth++;
          stack[depth] = j;
          next[depth] = 0;
        }
      }
    }
    return null;
  }
}

/** One-off convenience: a cycle of `r`, or null. */
export function findCycle(r: Relation): number[] | null {
  return new CycleFinder(r.size).find(r);
}
