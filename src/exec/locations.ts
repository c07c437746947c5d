// The named memory locations of a test and their addresses. A location's
// address is (index + 1) << LOCATION_SHIFT so that registers can hold
// pointers and address arithmetic (offset 0 from an index register) works.

import { LOCATION_SHIFT } from './types.js';

const OFFSET_MASK = (1n << LOCATION_SHIFT) - 1n;

export class LocationTable {
  private readonly indexByName = new Map<string, number>();
  readonly names: string[] = [];
  /** Array elements after the first: index → [index of the array (its element 0), byte offset]. */
  private readonly elementOf = new Map<number, [number, bigint]>();
  private readonly elementAt = new Map<bigint, number>();
  /** Arrays: index of element 0 → the indices of all its elements. */
  private readonly arrays = new Map<number, number[]>();

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

  /**
   * Declares `name` as an array of `length` elements of `elementBytes` each
   * (`int t[2]`): element 0 is the location `name` itself, element i is the
   * location `name[i]`, at the array's address plus i × elementBytes, so
   * address arithmetic reaches it. Returns the elements' indices.
   */
  defineArray(name: string, length: number, elementBytes: number): number[] {
    const base = this.intern(name);
    const elements = [base];
    for (let i = 1; i < length; i++) {
      const index = this.intern(`${name}[${i}]`);
      const offset = BigInt(i * elementBytes);
      this.elementOf.set(index, [base, offset]);
      this.elementAt.set(this.addressOf(base) + offset, index);
      elements.push(index);
    }
    this.arrays.set(base, elements);
    return elements;
  }

  /** The elements of the array whose element 0 is `index`, or undefined when it is no array. */
  arrayElements(index: number): readonly number[] | undefined {
    return this.arrays.get(index);
  }

  indexOf(name: string): number | undefined {
    return this.indexByName.get(name);
  }

  get size(): number {
    return this.names.length;
  }

  addressOf(index: number): bigint {
    const element = this.elementOf.get(index);
    if (element) return this.addressOf(element[0]) + element[1];
    return BigInt(index + 1) << LOCATION_SHIFT;
  }

  /** The location an address points at (offset 0 only), or undefined. */
  locationAt(address: bigint): number | undefined {
    const element = this.elementAt.get(address);
    if (element !== undefined) return element;
    if (address <= 0n || (address & OFFSET_MASK) !== 0n) return undefined;
    const index = Number(address >> LOCATION_SHIFT) - 1;
    return index < this.names.length ? index : undefined;
  }

  /** The location name when `value` is exactly a location's address. */
  nameOfValue(value: bigint): string | undefined {
    const index = this.locationAt(value);
    return index === undefined || this.elementOf.has(index) ? undefined : this.names[index];
  }
}
