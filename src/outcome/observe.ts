// What a final state shows (the registers and locations named in the
// condition, the filter and `locations`) and how a condition is evaluated
// on it.

import { failAt } from '../errors.js';
import type { LoadedTest } from '../exec/program.js';
import { valueOf } from '../exec/program.js';
import type { ArrayLit, Prop, StateRef, ValueLit } from '../syntax/ast.js';
import { scalarType } from '../exec/ctype.js';
import type { LocationTable } from '../exec/locations.js';

/**
 * A register or a location shown in final states, with the type declared for
 * it in the init block (absent: herd's default, int). A location is a plain
 * one (`[x]`), an element of an array (`v[1]`, `element` set) or a whole
 * array (`v`, shown `{1,2}`: `elements` lists its element locations).
 */
export type Observable =
  | { kind: 'reg'; thread: number; reg: string; label: string; type?: string }
  | { kind: 'mem'; loc: number; label: string; type?: string; element?: number; elements?: readonly number[] };

/** A final state: one value per observable, in the order of `Observation.items`. */
export type FinalState = bigint[];

/** A condition compiled against the observables: true/false on a final state. */
export type StatePredicate = (state: FinalState) => boolean;

export interface Observation {
  items: Observable[];
  condition: StatePredicate;
  filter?: StatePredicate;
  /**
   * The value of `item` in a final state, from the raw 64-bit patterns the
   * engine computed (see `typedValue`); a whole array packs its elements, 64
   * bits each, for `format` to show.
   */
  finalValue(item: Observable, register: (thread: number, reg: string) => bigint, memory: (loc: number) => bigint): bigint;
  /** A final value of the item in column `column`, as herd7 prints it. */
  format(column: number, value: bigint): string;
}

/** Resolves the condition, filter and `locations` of a loaded test; interns every location they name. */
export function observe(loaded: LoadedTest): Observation {
  const { test, arch, locations } = loaded;
  // Types the init block declares for registers (`uint64_t 0:X4`; locations'
  // are in loaded.locationTypes); the rest are herd's default, int.
  const registerTypes = new Map<string, string>();
  for (const item of test.init) {
    if (item.type && item.kind === 'reg' && item.thread !== null) {
      registerTypes.set(`${item.thread}:${arch.canonicalRegister(item.reg) ?? item.reg}`, item.type);
    }
  }
  const typeOf = (loc: number) => loaded.locationTypes.get(loc);
  const arrayOf = (name: string): readonly number[] | undefined => {
    const index = locations.indexOf(name);
    return index === undefined ? undefined : locations.arrayElements(index);
  };
  const byLabel = new Map<string, Observable>();
  const resolve = (ref: StateRef, pos: { line: number; column: number }): Observable => {
    let item: Observable;
    if (ref.kind === 'reg') {
      if (!loaded.threads[ref.thread]) failAt(pos, `there is no thread P${ref.thread} in this test`);
      const reg = arch.canonicalRegister(ref.reg) ?? failAt(pos, `'${ref.reg}' is not a ${arch.names[0]} register`);
      const label = `${ref.thread}:${reg}`;
      item = { kind: 'reg', thread: ref.thread, reg, label, type: registerTypes.get(label) };
    } else {
      const element = /^(.+)\[(\d+)\]$/.exec(ref.loc);
      const array = element && arrayOf(element[1]);
      const whole = arrayOf(ref.loc);
      if (element && array) {
        const i = Number(element[2]);
        if (i >= array.length) failAt(pos, `${ref.loc} is out of the bounds of the array '${element[1]}'`);
        item = { kind: 'mem', loc: array[i], label: ref.loc, type: typeOf(array[i]), element: i };
      } else if (whole) {
        item = { kind: 'mem', loc: whole[0], label: ref.loc, type: typeOf(whole[0]), elements: whole };
      } else if (element) {
        failAt(pos, `'${element[1]}' is not an array declared in the init block (e.g. int ${element[1]}[2];)`);
      } else {
        const loc = locations.intern(ref.loc);
        item = { kind: 'mem', loc, label: `[${ref.loc}]`, type: typeOf(loc) };
      }
    }
    const existing = byLabel.get(item.label);
    if (existing) return existing;
    byLabel.set(item.label, item);
    return item;
  };
  const atoms: Array<{ prop: Extract<Prop, { kind: 'atom' }>; item: Observable }> = [];
  const collect = (prop: Prop): void => {
    switch (prop.kind) {
      case 'atom':
        atoms.push({ prop, item: resolve(prop.ref, prop.pos) });
        for (const v of prop.value.kind === 'array' ? prop.value.values : [prop.value]) {
          if (v.kind === 'loc') locations.intern(v.name);
        }
        return;
      case 'not':
        return collect(prop.arg);
      case 'and':
      case 'or':
      case 'implies':
        collect(prop.left);
        return collect(prop.right);
      default:
        return;
    }
  };
  for (const ref of test.locations) resolve(ref, test.pos);
  collect(test.condition.prop);
  if (test.filter) collect(test.filter);

  const items = [...byLabel.values()].sort(compareObservables(locations));
  const indexOf = new Map(items.map((item, i) => [item, i]));
  const compile = (prop: Prop): StatePredicate => {
    switch (prop.kind) {
      case 'true':
        return () => true;
      case 'false':
        return () => false;
      case 'not': {
        const arg = compile(prop.arg);
        return (s) => !arg(s);
      }
      case 'and': {
        const [l, r] = [compile(prop.left), compile(prop.right)];
        return (s) => l(s) && r(s);
      }
      case 'or': {
        const [l, r] = [compile(prop.left), compile(prop.right)];
        return (s) => l(s) || r(s);
      }
      case 'implies': {
        const [l, r] = [compile(prop.left), compile(prop.right)];
        return (s) => !l(s) || r(s);
      }
      case 'atom': {
        const item = atoms.find((a) => a.prop === prop)!.item;
        const whole = item.kind === 'mem' ? item.elements : undefined;
        const value = prop.value;
        let expected: bigint;
        if (value.kind === 'array') {
          if (!whole) failAt(prop.pos, `'${item.label}' is not an array: compare it with one value`);
          if (value.values.length !== whole.length) failAt(prop.pos, `the array '${item.label}' has ${whole.length} elements, not ${value.values.length}`);
          expected = packArray(value.values.map((v) => typedValue(item.type, valueOf(v, locations), locations)));
        } else {
          if (whole) failAt(prop.pos, `compare the array '${item.label}' with all its elements, e.g. ${item.label}={1,2}, or one of them, ${item.label}[0]=1`);
          expected = typedValue(item.type, valueOf(value, locations), locations);
        }
        const index = indexOf.get(item)!;
        return prop.op === '=' ? (s) => s[index] === expected : (s) => s[index] !== expected;
      }
    }
  };
  return {
    items,
    condition: compile(test.condition.prop),
    filter: test.filter ? compile(test.filter) : undefined,
    finalValue: (item, register, memory) => {
      if (item.kind === 'reg') return typedValue(item.type, register(item.thread, item.reg), locations);
      if (!item.elements) return typedValue(item.type, memory(item.loc), locations);
      return packArray(item.elements.map((loc) => typedValue(item.type, memory(loc), locations)));
    },
    format: (column, value) => {
      const item = items[column];
      if (item.kind === 'reg' || !item.elements) return formatValue(value, locations);
      const values = item.elements.map((_, i) =>
        formatValue(typedValue(item.type, BigInt.asUintN(64, value >> BigInt(64 * i)), locations), locations));
      return `{${values.join(',')}}`;
    },
  };
}

/**
 * herd7's order: registers by thread then register number, then locations
 * and whole arrays by name, then array elements by array and index.
 */
function compareObservables(locations: LocationTable) {
  const rank = (o: Observable): number => (o.kind === 'reg' ? 0 : o.element === undefined ? 1 : 2);
  const nameOf = (o: Observable): string =>
    o.kind === 'mem' && o.element !== undefined ? o.label.slice(0, o.label.lastIndexOf('[')) : locations.names[(o as { loc: number }).loc];
  return (a: Observable, b: Observable): number => {
    if (rank(a) !== rank(b)) return rank(a) - rank(b);
    if (a.kind === 'reg' && b.kind === 'reg') {
      return a.thread - b.thread || compareRegisterNames(a.reg, b.reg);
    }
    const [x, y] = [nameOf(a), nameOf(b)];
    if (x !== y) return x < y ? -1 : 1;
    return ((a as { element?: number }).element ?? 0) - ((b as { element?: number }).element ?? 0);
  };
}

/** X2 before X10: compare the letters, then the number. */
function compareRegisterNames(a: string, b: string): number {
  const split = (r: string) => /^(\D*)(\d*)(.*)$/.exec(r)!;
  const [, pa, na, ra] = split(a);
  const [, pb, nb, rb] = split(b);
  if (pa !== pb) return pa < pb ? -1 : 1;
  if (na !== nb) return Number(na || -1) - Number(nb || -1);
  return ra < rb ? -1 : ra > rb ? 1 : 0;
}

/** A whole array's value as one number: its elements, 64 bits each, element 0 lowest. */
function packArray(elements: bigint[]): bigint {
  return elements.reduceRight((packed, element) => (packed << 64n) | BigInt.asUintN(64, element), 0n);
}

/** A 64-bit pattern as a signed number (how a 64-bit signed type shows it). */
export function asSigned64(value: bigint): bigint {
  return BigInt.asIntN(64, value);
}


/**
 * A final value as herd7 shows and compares it: through the declared type of
 * the register or location (herd's default type is `int`). Narrow types keep
 * their low bits, sign-extended when signed (a W register holding 0xffffffff
 * in a default-typed register is -1); 64-bit types are signed except the
 * unsigned ones (`uint64_t` prints 18446744073709551615). Location addresses
 * (pointers) are left alone. Condition constants go through the same cast,
 * so `0:X0=-1` and `0:X0=0xffffffff` both hold of an int register holding -1.
 */
export function typedValue(type: string | undefined, raw: bigint, locations: LocationTable): bigint {
  if (locations.nameOfValue(raw) !== undefined) return raw;
  const scalar = scalarType(type ?? 'int');
  if (!scalar) return asSigned64(raw);
  return scalar.signed ? BigInt.asIntN(scalar.bits, raw) : BigInt.asUintN(scalar.bits, raw);
}

/** A value as herd7 prints it: a location name for a pointer, else decimal. */
export function formatValue(value: bigint, locations: LocationTable): string {
  return locations.nameOfValue(value) ?? value.toString();
}

/**
 * A condition's constant as herd7's `Condition` line shows it: herd7 keeps
 * constants as signed 64-bit integers, so `0xffffffffffffffff` shows as -1
 * (while a final state shows the value through its declared type).
 */
export function formatLiteral(value: ValueLit | ArrayLit): string {
  if (value.kind === 'array') return `{${value.values.map(formatLiteral).join(',')}}`;
  if (value.kind === 'int') return BigInt.asIntN(64, value.value).toString();
  // A code label's address (`P0:L0`, written `label:"P0:L0"` or `P0:L0`) shows as herd7 writes it.
  return /^P\d+:/.test(value.name) ? `label:"${value.name}"` : value.name;
}
