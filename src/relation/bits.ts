// Bitset storage shared by event sets and relations: events are numbered
// 0..n-1 and a row holds one bit per event in ceil(n/32) 32-bit words.

/** Number of 32-bit words in a row of `size` bits. */
export function wordsFor(size: number): number {
  return (size + 31) >>> 5;
}

/** A mask with the low `size mod 32` bits set, for the last word of a row (all ones when it is full). */
export function lastWordMask(size: number): number {
  const rest = size & 31;
  return rest === 0 ? 0xffffffff : (1 << rest) - 1;
}

/** Visits the positions of the set bits in `words[start..start+count)`, in increasing order. */
export function forEachBit(words: Uint32Array, start: number, count: number, visit: (bit: number) => void): void {
  for (let w = 0; w < count; w++) {
    let word = words[start + w];
    while (word !== 0) {
      const low = word & -word;
      visit((w << 5) + (31 - Math.clz32(low)));
      word ^= low;
    }
  }
}

/** The position of the lowest set bit in `words[start..start+count)`, or -1. */
export function firstBit(words: Uint32Array, start: number, count: number): number {
  for (let w = 0; w < count; w++) {
    const word = words[start + w];
    if (word !== 0) return (w << 5) + (31 - Math.clz32(word & -word));
  }
  return -1;
}

/** Whether `count` words from `start` are all zero. */
export function allZero(words: Uint32Array, start: number, count: number): boolean {
  for (let w = 0; w < count; w++) if (words[start + w] !== 0) return false;
  return true;
}
