// The named memory locations of a test and their addresses. A location's
// address is (index + 1) << LOCATION_SHIFT so that registers can hold
// pointers and address arithmetic (offset 0 from an index register) works.

import { LOCATION_SHIFT } from './types.js';

const OFFSET_MASK = (1n << LOCATION_SHIFT) - 1n;

export class LocationTable {
  private readonly indexByName = new Map<string, number>();
  readonly names: string[] = [];

  /** The index of `name`, adding it when new. */
  intern(name: string): number {
    let index = this.indexByName.get(name);
    if (index === undefined) {
      index = this.names.length;
      this.names.push(name);
      this.indexByName.set(name, index);
    }
    return index;
  }

  indexOf(name: string): number | undefined {
    return this.indexByName.get(name);
  }

  get size(): number {
    return this.names.length;
  }

  addressOf(index: number): bigint {
    return BigInt(index + 1) << LOCATION_SHIFT;
  }

  /** The location an address points at (offset 0 only), or undefined. */
  locationAt(address: bigint): number | undefined {
    if (address <= 0n || (address & OFFSET_MASK) !== 0n) return undefined;
    const index = Number(address >> LOCATION_SHIFT) - 1;
    return index < this.names.length ? index : undefined;
  }

  /** The location name when `value` is exactly a location's address. */
  nameOfValue(value: bigint): string | undefined {
    const index = this.locationAt(value);
    return index === undefined ? undefined : this.names[index];
  }
}
