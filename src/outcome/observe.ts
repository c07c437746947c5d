// How final states are shown and judged: each observable's value through
// its declared type, as herd7 prints it, and the condition and filter
// compiled to predicates over a final state. The observables themselves are
// resolved at load time (exec/observables.ts).

import { failAt } from '../errors.js';
import type { LoadedTest } from '../exec/program.js';
import { valueOf } from '../exec/program.js';
import type { ArrayLit, Prop, ValueLit } from '../syntax/ast.js';
import { scalarType } from '../exec/ctype.js';
import type { LocationTable } from '../exec/locations.js';
import type { Observable } from '../exec/observables.js';

export type { Observable };

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

/**
 * How a loaded test's final states are shown and judged: its observables
 * (resolved at load time) and its condition and filter compiled to
 * predicates over a final state; values print in hexadecimal when `hexa`
 * (herd7's -hexa). Throws a LitmusError at an atom that
 * compares an array with one value, or a value with an array of another size.
 */
export function observe(loaded: LoadedTest, hexa = false): Observation {
  const { test, locations, observables } = loaded;
  const atomItem = (prop: Extract<Prop, { kind: 'atom' }>) => observables.of(prop.ref);
  const items = [...observables.items];
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
        const item = atomItem(prop);
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
      if (item.kind === 'reg' || !item.elements) return formatValue(value, locations, hexa);
      const values = item.elements.map((_, i) =>
        formatValue(typedValue(item.type, BigInt.asUintN(64, value >> BigInt(64 * i)), locations), locations, hexa));
      return `{${values.join(',')}}`;
    },
  };
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

/** A value as herd7 prints it: a location name for a pointer, else decimal (or hexadecimal, herd7's -hexa). */
export function formatValue(value: bigint, locations: LocationTable, hexa = false): string {
  return locations.nameOfValue(value) ?? formatNumber(value, hexa);
}

/**
 * A number as herd7 prints it: decimal, or with -hexa `0x` and the 64-bit
 * pattern in hexadecimal (-1 in a 64-bit register is 0xffffffffffffffff).
 */
export function formatNumber(value: bigint, hexa: boolean): string {
  return hexa ? `0x${BigInt.asUintN(64, value).toString(16)}` : value.toString();
}

/**
 * A condition's constant as herd7's `Condition` line shows it: herd7 keeps
 * constants as signed 64-bit integers, so `0xffffffffffffffff` shows as -1
 * (while a final state shows the value through its declared type).
 */
export function formatLiteral(value: ValueLit | ArrayLit, hexa = false): string {
  if (value.kind === 'array') return `{${value.values.map((v) => formatLiteral(v, hexa)).join(',')}}`;
  if (value.kind === 'int') return formatNumber(BigInt.asIntN(64, value.value), hexa);
  // A code label's address (`P0:L0`, written `label:"P0:L0"` or `P0:L0`) shows as herd7 writes it.
  return /^P\d+:/.test(value.name) ? `label:"${value.name}"` : value.name;
}
