// A binary relation over events 0..size-1: row i holds the bits of the
// events j with (i, j) in the relation. Operations write into a caller's
// `out` so that hot loops allocate nothing; `out` may alias an operand
// except where noted.

import { allZero, forEachBit, lastWordMask, wordsFor } from './bits.js';
import type { EventSet } from './set.js';

/** A binary relation over events 0..size-1, as rows of bits. */
export class Relation {
  readonly size: number;
  readonly words: number;
  readonly bits: Uint32Array;

  /** `storage`: zeroed words to use (Relation.wordsNeeded(size) of them), so that many relations can share one allocation. */
  constructor(size: number, storage?: Uint32Array) {
    this.size = size;
    this.words = wordsFor(size);
    this.bits = storage ?? new Uint32Array(size * this.words);
  }

  /** The words a relation over `size` events takes. */
  static wordsNeeded(size: number): number {
    return size * wordsFor(size);
  }

  static of(size: number, pairs: Iterable<readonly [number, number]>): Relation {
    const r = new Relation(size);
    for (const [a, b] of pairs) r.add(a, b);
    return r;
  }

  has(from: number, to: number): boolean {
    return (this.bits[from * this.words + (to >>> 5)] & (1 << (to & 31))) !== 0;
  }

  add(from: number, to: number): void {
    this.bits[from * this.words + (to >>> 5)] |= 1 << (to & 31);
  }

  clear(): void {
    this.bits.fill(0);
  }

  isEmpty(): boolean {
    return allZero(this.bits, 0, this.bits.length);
  }

  pairs(): [number, number][] {
    const out: [number, number][] = [];
    for (let i = 0; i < this.size; i++) forEachBit(this.bits, i * this.words, this.words, (j) => out.push([i, j]));
    return out;
  }
}

/** Anything made of bits of the same shape: two sets, or two relations. */
interface Bits {
  readonly bits: Uint32Array;
}

/** `out` = a ∪ b (bitwise, same sizes); returns `out`. */
export function union<T extends Bits>(out: T, a: Bits, b: Bits): T {
  const o = out.bits, x = a.bits, y = b.bits;
  for (let i = 0; i < o.length; i++) o[i] = x[i] | y[i];
  return out;
}

/** `out` = a ∩ b; returns `out`. */
export function intersection<T extends Bits>(out: T, a: Bits, b: Bits): T {
  const o = out.bits, x = a.bits, y = b.bits;
  for (let i = 0; i < o.length; i++) o[i] = x[i] & y[i];
  return out;
}

/** `out` = a \ b; returns `out`. */
export function difference<T extends Bits>(out: T, a: Bits, b: Bits): T {
  const o = out.bits, x = a.bits, y = b.bits;
  for (let i = 0; i < o.length; i++) o[i] = x[i] & ~y[i];
  return out;
}

/** Bits equal? */
export function same(a: Bits, b: Bits): boolean {
  const x = a.bits, y = b.bits;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

/** `out` = a; returns `out`. */
export function copyInto<T extends Bits>(out: T, a: Bits): T {
  out.bits.set(a.bits);
  return out;
}

/** Complement of a set or relation of `size` events (bits past the last event stay clear). */
export function complement<T extends Bits & { readonly size: number; readonly words: number }>(out: T, a: Bits): T {
  const o = out.bits, x = a.bits, w = out.words;
  const mask = lastWordMask(out.size);
  for (let i = 0; i < o.length; i++) o[i] = ~x[i];
  for (let last = w - 1; last < o.length; last += w) o[last] &= mask;
  return out;
}

/**
 * out = a ; b. `out` must not alias `a` or `b`. `onRows`, when given, is
 * called every 64 rows (it may throw to stop: cubic work on thousands of
 * events takes seconds).
 */
export function sequence(out: Relation, a: Relation, b: Relation, onRows?: () => void): Relation {
  const w = out.words, o = out.bits, x = a.bits, y = b.bits;
  o.fill(0);
  for (let i = 0; i < out.size; i++) {
    if (onRows !== undefined && (i & 63) === 63) onRows();
    const row = i * w;
    for (let k = 0; k < w; k++) {
      let word = x[row + k];
      while (word !== 0) {
        const low = word & -word;
        const j = (k << 5) + (31 - Math.clz32(low));
        word ^= low;
        const from = j * w;
        for (let m = 0; m < w; m++) o[row + m] |= y[from + m];
      }
    }
  }
  return out;
}

/** out = a^-1. `out` must not alias `a`. */
export function inverse(out: Relation, a: Relation): Relation {
  out.clear();
  const w = a.words, x = a.bits;
  for (let i = 0; i < a.size; i++) {
    const bit = 1 << (i & 31), col = i >>> 5;
    forEachBit(x, i * w, w, (j) => {
      out.bits[j * w + col] |= bit;
    });
  }
  return out;
}

/** out = a+ (Warshall over rows: every row that reaches k gains row k). `onRows` as for sequence, every 64 steps of k. */
export function transitiveClosure(out: Relation, a: Relation, onRows?: () => void): Relation {
  if (out !== a) out.bits.set(a.bits);
  const w = out.words, o = out.bits;
  for (let k = 0; k < out.size; k++) {
    if (onRows !== undefined && (k & 63) === 63) onRows();
    const kRow = k * w, kWord = k >>> 5, kBit = 1 << (k & 31);
    for (let i = 0; i < out.size; i++) {
      const row = i * w;
      if ((o[row + kWord] & kBit) === 0) continue;
      for (let m = 0; m < w; m++) o[row + m] |= o[kRow + m];
    }
  }
  return out;
}

/** out = a* (closure plus identity). */
export function reflexiveTransitiveClosure(out: Relation, a: Relation, onRows?: () => void): Relation {
  transitiveClosure(out, a, onRows);
  return addIdentity(out);
}

/** out = a? (a plus identity). */
export function reflexive(out: Relation, a: Relation): Relation {
  if (out !== a) out.bits.set(a.bits);
  return addIdentity(out);
}

function addIdentity(r: Relation): Relation {
  for (let i = 0; i < r.size; i++) r.bits[i * r.words + (i >>> 5)] |= 1 << (i & 31);
  return r;
}

/** out = [s]: the identity restricted to s. */
export function identityOn(out: Relation, s: EventSet): Relation {
  out.clear();
  forEachBit(s.bits, 0, s.words, (i) => {
    out.bits[i * out.words + (i >>> 5)] |= 1 << (i & 31);
  });
  return out;
}

/** out = a × b. */
export function cartesian(out: Relation, a: EventSet, b: EventSet): Relation {
  const w = out.words;
  for (let i = 0; i < out.size; i++) {
    const inA = (a.bits[i >>> 5] & (1 << (i & 31))) !== 0;
    for (let m = 0; m < w; m++) out.bits[i * w + m] = inA ? b.bits[m] : 0;
  }
  return out;
}

/** The events with at least one successor. */
export function domain(out: EventSet, r: Relation): EventSet {
  out.clear();
  for (let i = 0; i < r.size; i++) if (!allZero(r.bits, i * r.words, r.words)) out.add(i);
  return out;
}

/** The events with at least one predecessor. */
export function range(out: EventSet, r: Relation): EventSet {
  const o = out.bits, w = r.words;
  o.fill(0);
  for (let i = 0; i < r.size; i++) for (let m = 0; m < w; m++) o[m] |= r.bits[i * w + m];
  return out;
}

/** An event related to itself, or -1 when the relation is irreflexive. */
export function reflexiveWitness(r: Relation): number {
  for (let i = 0; i < r.size; i++) if ((r.bits[i * r.words + (i >>> 5)] & (1 << (i & 31))) !== 0) return i;
  return -1;
}
