// The named memory locations of a test and their addresses. A location's
// address is (index + 1) << LOCATION_SHIFT so that registers can hold
// pointers and address arithmetic (offset 0 from an index register) works.
// Code has addresses too (ADR, BL, a label's address in the init block):
// instruction i of thread t is at CODE_BASE + t·2^32 + 4i, 4 bytes an
// instruction as in herd7, far above every location.

import type { LocationRef } from '../syntax/ast.js';
import { LOCATION_SHIFT } from './types.js';

const OFFSET_MASK = (1n << LOCATION_SHIFT) - 1n;
const CODE_BASE = 1n << 62n;
const CODE_THREAD_SHIFT = 32n;

/** The address of instruction `index` of thread `thread`'s code. */
export function codeAddress(thread: number, index: number): bigint {
  return CODE_BASE + (BigInt(thread) << CODE_THREAD_SHIFT) + BigInt(index * 4);
}

/** The thread and instruction index a code address names, or undefined for any other value. */
export function codePlace(address: bigint): { thread: number; index: number } | undefined {
  if (address < CODE_BASE) return undefined;
  const offset = address - CODE_BASE;
  const within = offset & ((1n << CODE_THREAD_SHIFT) - 1n);
  if (within % 4n !== 0n) return undefined;
  return { thread: Number(offset >> CODE_THREAD_SHIFT), index: Number(within / 4n) };
}

/** The test's locations, their addresses and names, and its code labels'. */
export class LocationTable {
  private readonly indexByName = new Map<string, number>();
  readonly names: string[] = [];
  /** Array elements after the first: index → [index of the array (its element 0), byte offset]. */
  private readonly elementOf = new Map<number, [number, bigint]>();
  private readonly elementAt = new Map<bigint, number>();
  /** Arrays: index of element 0 → the indices of all its elements. */
  private readonly arrays = new Map<number, number[]>();
  /** Arrays: index of element 0 → the bytes one element takes. */
  private readonly elementBytes = new Map<number, number>();
  /** Code labels, `P0:L0` → its address, and back (the first label of an address names it). */
  private readonly codeLabels = new Map<string, bigint>();
  private readonly codeNames = new Map<bigint, string>();

  /** Declares label `label` of thread `thread`, standing before instruction `index`. */
  defineCodeLabel(thread: number, label: string, index: number): void {
    const address = codeAddress(thread, index);
    const name = `P${thread}:${label}`;
    this.codeLabels.set(name, address);
    if (!this.codeNames.has(address)) this.codeNames.set(address, name);
  }

  /** The address a name in an init block or condition stands for: a code label (`P0:L0`) or a location. */
  addressOfName(name: string): bigint {
    return this.codeLabels.get(name) ?? this.addressOf(this.intern(name));
  }

  /**
   * Why `name`, written as a code label (`P1:L0`), names no label of the test
   * (no thread P1, or no label L0 in it); undefined when it does, or when it is
   * no code label at all.
   */
  codeLabelProblem(name: string, threadCount: number): string | undefined {
    const label = /^P(\d+):(.+)$/.exec(name);
    if (!label || this.codeLabels.has(name)) return undefined;
    const thread = Number(label[1]);
    return thread >= threadCount ? `there is no thread P${thread} in this test` : `P${thread} has no label ${label[2]}`;
  }

  /**
   * Why `ref` (an array element) names no location: the name is no declared
   * array, or the index is past its end; undefined when it names one.
   */
  elementProblem(ref: LocationRef): string | undefined {
    if (ref.index === undefined) return undefined;
    const array = this.arrayNamed(ref.name);
    if (!array) return `'${ref.name}' is not an array declared in the init block (e.g. int ${ref.name}[2];)`;
    return ref.index >= 0 && ref.index < array.length ? undefined : `${ref.name}[${ref.index}] is out of the bounds of the array '${ref.name}'`;
  }

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
    this.elementBytes.set(base, elementBytes);
    return elements;
  }

  /**
   * The location `ref` names. A plain name is interned (a test may name a
   * location first in its code or its condition); an element must lie in a
   * declared array: undefined when `ref.name` is no array or the index is
   * past its end.
   */
  locate(ref: LocationRef): number | undefined {
    if (ref.index === undefined) return this.intern(ref.name);
    const base = this.indexByName.get(ref.name);
    return base === undefined ? undefined : this.arrays.get(base)?.[ref.index];
  }

  /** The array `name` names (its element locations), or undefined when it is none. */
  arrayNamed(name: string): readonly number[] | undefined {
    const base = this.indexByName.get(name);
    return base === undefined ? undefined : this.arrays.get(base);
  }

  /**
   * The named things memory holds, in index order: each plain location, and
   * each array as a whole (its element 0's index, its elements, their size).
   */
  symbols(): Array<{ name: string; index: number; array?: { elements: readonly number[]; elementBytes: number } }> {
    const out: Array<{ name: string; index: number; array?: { elements: readonly number[]; elementBytes: number } }> = [];
    this.names.forEach((name, index) => {
      if (this.elementOf.has(index)) return;
      const elements = this.arrays.get(index);
      out.push(elements ? { name, index, array: { elements, elementBytes: this.elementBytes.get(index)! } } : { name, index });
    });
    return out;
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

  /**
   * The symbol (a plain location, or an array's element 0) whose memory holds
   * `address`, and the byte offset into it; undefined for an address of no
   * symbol. Offsets are not bounded by the symbol's size: the caller checks.
   */
  symbolAt(address: bigint): { symbol: number; offset: number } | undefined {
    if (address <= 0n || address >= CODE_BASE) return undefined;
    const symbol = Number(address >> LOCATION_SHIFT) - 1;
    if (symbol < 0 || symbol >= this.names.length || this.elementOf.has(symbol)) return undefined;
    return { symbol, offset: Number(address & OFFSET_MASK) };
  }

  /** The location an address points at (offset 0 only), or undefined. */
  locationAt(address: bigint): number | undefined {
    const element = this.elementAt.get(address);
    if (element !== undefined) return element;
    if (address <= 0n || address >= CODE_BASE || (address & OFFSET_MASK) !== 0n) return undefined;
    const index = Number(address >> LOCATION_SHIFT) - 1;
    return index < this.names.length ? index : undefined;
  }

  /**
   * The name herd7 shows for `value` when it is an address: a location's name,
   * or `label:"P0:L0"` for a labelled code address; undefined otherwise.
   */
  nameOfValue(value: bigint): string | undefined {
    const code = this.codeNames.get(value);
    if (code !== undefined) return `label:"${code}"`;
    const index = this.locationAt(value);
    return index === undefined || this.elementOf.has(index) ? undefined : this.names[index];
  }
}
