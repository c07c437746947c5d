// What the paths of a test run on whole locations reveal about its access
// sizes: whether it needs mixed-size memory (see enumerate's MixedSizeNeeded).

import type { LocationTable } from './locations.js';

/**
 * What the paths of a test without -variant mixed reveal about access sizes:
 * per symbol (a plain location, or an array by its element 0), the accesses
 * made to it (size and offset) and the bytes they reach. An access inside a
 * symbol where no location starts always makes the test a mixed-size one;
 * where herd7 also rejects those (AArch64), so do accesses of different sizes
 * to one location and an access wider than the type the location is declared
 * with (a doubleword over a byte array).
 */
export class SizeEvidence {
  /** Symbol → its accesses, by `offset:bytes`. */
  private readonly accesses = new Map<number, Map<string, { offset: number; bytes: number; location?: number }>>();
  private readonly reach = new Map<number, number>();

  /** `declared(location)`: the bytes of the type the init block declares for a location, or undefined when untyped. */
  constructor(private readonly declared: (location: number) => number | undefined) {}

  /**
   * Notes an access of `bytes` bytes (0: unknown) at `offset` in `symbol`:
   * at the location `location`, or inside the symbol where no location starts.
   */
  record(location: number | undefined, symbol: number, offset: number, bytes: number): void {
    let seen = this.accesses.get(symbol);
    if (!seen) this.accesses.set(symbol, (seen = new Map()));
    seen.set(`${offset}:${bytes}`, { offset, bytes, location });
    this.reach.set(symbol, Math.max(this.reach.get(symbol) ?? 0, offset + bytes));
  }

  /** The furthest byte each symbol's accesses reached, by name. */
  reachByName(locations: LocationTable): Map<string, number> {
    return new Map([...this.reach].map(([symbol, bytes]) => [locations.names[symbol], bytes]));
  }

  /**
   * Why the test needs mixed-size memory: each symbol that does, with the
   * accesses made to it (`x: 4 bytes at x+0, 1 byte at x+1`). Only accesses
   * inside a location count unless `sizes`. Undefined when it needs none.
   */
  reason(locations: LocationTable, sizes: boolean): string | undefined {
    const parts: string[] = [];
    for (const [symbol, seen] of this.accesses) {
      const list = [...seen.values()].sort((a, b) => a.offset - b.offset || a.bytes - b.bytes);
      const inside = list.some((a) => a.location === undefined);
      const sizesAt = new Map<number, Set<number>>();
      for (const a of list) if (a.location !== undefined && a.bytes > 0) sizesAt.set(a.location, (sizesAt.get(a.location) ?? new Set()).add(a.bytes));
      const differ = [...sizesAt.values()].some((s) => s.size > 1);
      const wider = list.some((a) => a.location !== undefined && a.bytes > (this.declared(a.location) ?? Infinity));
      if (!inside && !(sizes && (differ || wider))) continue;
      const name = locations.names[symbol];
      const described = list.map((a) => `${a.bytes} byte${a.bytes === 1 ? '' : 's'} at ${name}+${a.offset}`);
      parts.push(`${name}: ${described.join(', ')}`);
    }
    return parts.length > 0 ? parts.join('; ') : undefined;
  }
}
