// What the paths of a test run on whole locations reveal about its access
// sizes: whether it needs mixed-size memory (see enumerate's MixedSizeNeeded).

import type { LocationTable } from './locations.js';

/**
 * What the paths of a test without -variant mixed reveal about access sizes:
 * per symbol (location index of a plain location or an array's element 0),
 * the sizes of the accesses to each of its locations, and the bytes the
 * accesses reach. Accesses of different sizes to one location, or one at an
 * offset inside a symbol, make the test a mixed-size one (see simulate).
 */
export class SizeEvidence {
  /** Location → the access sizes seen there. */
  readonly sizes = new Map<number, Set<number>>();
  /** Symbol → offsets inside it (not a location of its own) that an access reached, and the furthest byte reached. */
  readonly inside = new Map<number, Set<number>>();
  readonly reach = new Map<number, number>();

  /**
   * Notes an access of `bytes` bytes (0: unknown) at `offset` in `symbol`:
   * at the location `location`, or inside the symbol where no location starts.
   */
  record(location: number | undefined, symbol: number, offset: number, bytes: number): void {
    if (location !== undefined) {
      if (bytes === 0) return;
      let set = this.sizes.get(location);
      if (!set) this.sizes.set(location, (set = new Set()));
      set.add(bytes);
    } else {
      let set = this.inside.get(symbol);
      if (!set) this.inside.set(symbol, (set = new Set()));
      set.add(offset);
    }
    this.reach.set(symbol, Math.max(this.reach.get(symbol) ?? 0, offset + bytes));
  }

  /** The furthest byte each symbol's accesses reached, by name. */
  reachByName(locations: LocationTable): Map<string, number> {
    return new Map([...this.reach].map(([symbol, bytes]) => [locations.names[symbol], bytes]));
  }

  /**
   * Why the test needs mixed-size memory, naming locations and sizes (only
   * accesses inside a location count unless `sizes`); undefined when it does not.
   */
  reason(locations: LocationTable, sizes: boolean): string | undefined {
    const parts: string[] = [];
    for (const [location, seen] of sizes ? this.sizes : []) {
      if (seen.size > 1) parts.push(`${locations.names[location]} is accessed with ${[...seen].sort((a, b) => a - b).join(', ')} bytes`);
    }
    for (const [symbol, offsets] of this.inside) {
      parts.push(`${locations.names[symbol]} is accessed at byte offset ${[...offsets].sort((a, b) => a - b).join(', ')}`);
    }
    return parts.length > 0 ? parts.join('; ') : undefined;
  }
}
