// A set of events 0..size-1 as one row of bits.

import { firstBit, forEachBit, lastWordMask, wordsFor } from './bits.js';

/** A set of events 0..size-1 as one row of bits. */
export class EventSet {
  readonly size: number;
  readonly words: number;
  readonly bits: Uint32Array;

  /** `storage`: zeroed words to use (EventSet.wordsNeeded(size) of them), so that many sets can share one allocation. */
  constructor(size: number, storage?: Uint32Array) {
    this.size = size;
    this.words = wordsFor(size);
    this.bits = storage ?? new Uint32Array(this.words);
  }

  /** The words a set of `size` events takes. */
  static wordsNeeded(size: number): number {
    return wordsFor(size);
  }

  static of(size: number, members: Iterable<number>): EventSet {
    const set = new EventSet(size);
    for (const e of members) set.add(e);
    return set;
  }

  has(e: number): boolean {
    return (this.bits[e >>> 5] & (1 << (e & 31))) !== 0;
  }

  add(e: number): void {
    this.bits[e >>> 5] |= 1 << (e & 31);
  }

  clear(): void {
    this.bits.fill(0);
  }

  /** Every event. */
  fill(): void {
    this.bits.fill(0xffffffff);
    if (this.words > 0) this.bits[this.words - 1] = lastWordMask(this.size);
  }

  isEmpty(): boolean {
    return firstBit(this.bits, 0, this.words) < 0;
  }

  members(): number[] {
    const out: number[] = [];
    forEachBit(this.bits, 0, this.words, (e) => out.push(e));
    return out;
  }
}
