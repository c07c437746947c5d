// Memory as the enumerator sees it: units, each read and written whole, with
// rf and co chosen per unit. Without mixed-size accesses a unit is a location
// (or an array element), however many bytes an access moves, as herd7 does.
// With them (herd7's -variant mixed) every symbol is cut into pieces of the
// test's granule and an access of n bytes is n/granule pieces, little-endian:
// herd7's choice of granule, the smallest access size the test uses (or, when
// it uses one size only, the next size down).

import type { LocationTable } from './locations.js';

/** A piece of memory read and written whole. */
export interface Unit {
  /** The location (LocationTable index) of the symbol it is part of: a plain location, or an array's element 0. */
  symbol: number;
  /** Its first byte in the symbol, and how many bytes it has. */
  offset: number;
  bytes: number;
  /** How it is shown: the symbol's name, or with its bytes (`x+4..7`, `x+3`) when the symbol has several units. */
  name: string;
}

export interface MemoryLayout {
  /** Cut into pieces (herd7's -variant mixed), or one unit per location. */
  readonly mixed: boolean;
  /** The units, numbered as the enumerator numbers locations: unit i's initial write is event i. */
  readonly units: readonly Unit[];
  /** Each unit's initial value (its bytes of the symbol's initial value). */
  readonly initialValues: readonly bigint[];
  /**
   * Each unit's initial write is part of one initial write per location (a
   * plain symbol, or an array element): the first unit of that location.
   */
  readonly initAccess: readonly number[];
  /**
   * The units an access of `bytes` at `address` moves, lowest address first;
   * or, when it moves none, why (for a located error).
   */
  cover(address: bigint, bytes: number): readonly number[] | string;
  /** The units of a location (a plain one, or an array element), lowest address first. */
  unitsOf(location: number): readonly number[];
}

/** Little-endian: the value whose units (lowest address first) hold these values. */
export function composeUnits(values: readonly bigint[], bytes: readonly number[]): bigint {
  let value = 0n;
  let shift = 0n;
  values.forEach((v, i) => {
    value |= BigInt.asUintN(bytes[i] * 8, v) << shift;
    shift += BigInt(bytes[i] * 8);
  });
  return value;
}

/** Little-endian: the values of the units (lowest address first, of these sizes) that hold `value`. */
export function explodeValue(value: bigint, bytes: readonly number[]): bigint[] {
  const out: bigint[] = [];
  let rest = BigInt.asUintN(bytes.reduce((a, b) => a + b, 0) * 8, value);
  for (const b of bytes) {
    out.push(BigInt.asUintN(b * 8, rest));
    rest >>= BigInt(b * 8);
  }
  return out;
}

/** The value of a location (a plain one, or an array element) from its units' values, little-endian. */
export function locationValue(layout: MemoryLayout, location: number, unitValue: (unit: number) => bigint): bigint {
  if (!layout.mixed) return unitValue(location);
  const units = layout.unitsOf(location);
  return composeUnits(units.map(unitValue), units.map((u) => layout.units[u].bytes));
}

/** One unit per location, as herd7 without -variant mixed: an access moves its location, whatever its size. */
export function locationLayout(locations: LocationTable, initialValues: readonly bigint[]): MemoryLayout {
  const units = locations.names.map((name, index) => ({ symbol: index, offset: 0, bytes: 0, name }));
  return {
    mixed: false,
    units,
    initialValues,
    initAccess: units.map((_, i) => i),
    cover(address) {
      const loc = locations.locationAt(address);
      return loc === undefined ? `address ${address}, which is not a location (is the address register initialised?)` : [loc];
    },
    unitsOf: (location) => [location],
  };
}

/**
 * Every symbol cut into pieces of `granule` bytes (herd7's -variant mixed).
 * `elementBytes(symbol)` gives a plain symbol's size (herd7: its declared
 * type's, 4 bytes for an untyped one, 8 for a pointer); an array's element
 * size is the table's. `initialValue` gives each location's initial value.
 * Every size is a multiple of `granule`: granuleOf takes the smallest size
 * the test declares or moves (powers of two), and program.ts rounds a
 * symbol it enlarges up to the granule.
 */
export function pieceLayout(
  locations: LocationTable,
  granule: number,
  elementBytes: (symbol: number) => number,
  initialValue: (location: number) => bigint,
): MemoryLayout {
  const units: Unit[] = [];
  const initialValues: bigint[] = [];
  const initAccess: number[] = [];
  /** Per symbol: its size in bytes and its units, lowest address first. */
  const bySymbol = new Map<number, { bytes: number; units: number[] }>();
  /** Per location (a plain symbol or an array element): its symbol, first byte and size. */
  const extent = new Map<number, { symbol: number; offset: number; bytes: number }>();
  for (const symbol of locations.symbols()) {
    const size = symbol.array?.elementBytes ?? elementBytes(symbol.index);
    const elements = symbol.array?.elements ?? [symbol.index];
    const bytes = size * elements.length;
    const count = Math.max(1, bytes / granule);
    const own: number[] = [];
    for (let k = 0; k < count; k++) {
      const offset = k * granule;
      const name = count === 1 ? symbol.name : granule === 1 ? `${symbol.name}+${offset}` : `${symbol.name}+${offset}..${offset + granule - 1}`;
      own.push(units.length);
      units.push({ symbol: symbol.index, offset, bytes: granule, name });
    }
    // Each element's initial value, cut into its units.
    const perElement = Math.max(1, size / granule);
    elements.forEach((element, i) => {
      extent.set(element, { symbol: symbol.index, offset: i * size, bytes: size });
      const values = explodeValue(initialValue(element), new Array<number>(perElement).fill(granule));
      values.forEach((v, k) => {
        initialValues[own[i * perElement + k]] = v;
        initAccess[own[i * perElement + k]] = own[i * perElement];
      });
    });
    bySymbol.set(symbol.index, { bytes, units: own });
  }
  const unitsAt = (symbol: number, offset: number, bytes: number) =>
    bySymbol.get(symbol)!.units.slice(offset / granule, (offset + bytes) / granule);
  return {
    mixed: true,
    units,
    initialValues,
    initAccess,
    cover(address, bytes) {
      const at = locations.symbolAt(address);
      const layout = at && bySymbol.get(at.symbol);
      if (!at || !layout) return `address ${address}, which is not a location (is the address register initialised?)`;
      const { symbol, offset } = at;
      const name = locations.names[symbol];
      const what = `${bytesText(bytes)} at ${name}+${offset}`;
      if (offset + bytes > layout.bytes) {
        // Far past a symbol is just before the next one (a negative offset from it).
        const next = locations.symbolAt(address + BEFORE_NEXT);
        if (next && next.symbol !== symbol && bySymbol.has(next.symbol)) {
          const nextName = locations.names[next.symbol];
          return `${bytesText(bytes)} at ${nextName}-${Number(locations.addressOf(next.symbol) - address)}, before the start of ${nextName}`;
        }
        return `${what}, past the ${bytesText(layout.bytes)} of ${name}`;
      }
      if (offset % bytes !== 0) return `${what}, which is not aligned to ${bytesText(bytes)} (mixed-size memory, as herd7 models it, has aligned accesses only)`;
      if (bytes < granule) return `${what}, fewer than the test's smallest access (${bytesText(granule)})`;
      return unitsAt(symbol, offset, bytes);
    },
    unitsOf(location) {
      const { symbol, offset, bytes } = extent.get(location)!;
      return unitsAt(symbol, offset, bytes);
    },
  };
}

/** How far below a symbol's start an address is read as a negative offset from it rather than as past the symbol before. */
const BEFORE_NEXT = 1n << 32n;

/** `1 byte`, `4 bytes`. */
function bytesText(bytes: number): string {
  return `${bytes} byte${bytes === 1 ? '' : 's'}`;
}

/**
 * herd7's granule: the smallest access size the test uses, its accesses' and
 * its typed declarations', or, when it uses one size only, the next size down
 * (so that every access has two pieces; a byte stays a byte).
 */
export function granuleOf(sizes: Iterable<number>): number {
  const distinct = [...new Set(sizes)].sort((a, b) => a - b);
  if (distinct.length === 0) return 1;
  if (distinct.length === 1) return Math.max(1, distinct[0] / 2);
  return distinct[0];
}
