// What a final state shows (the registers and locations named in the
// condition, the filter and `locations`) and how a condition is evaluated
// on it.

import { failAt } from '../errors.js';
import type { LoadedTest } from '../exec/program.js';
import { valueOf } from '../exec/program.js';
import type { Prop, StateRef, ValueLit } from '../syntax/ast.js';
import type { LocationTable } from '../exec/locations.js';

export type Observable =
  | { kind: 'reg'; thread: number; reg: string; label: string }
  | { kind: 'mem'; loc: number; label: string };

/** A final state: one value per observable, in the order of `Observation.items`. */
export type FinalState = bigint[];

/** A condition compiled against the observables: true/false on a final state. */
export type StatePredicate = (state: FinalState) => boolean;

export interface Observation {
  items: Observable[];
  condition: StatePredicate;
  filter?: StatePredicate;
}

/** Resolves the condition, filter and `locations` of a loaded test; interns every location they name. */
export function observe(loaded: LoadedTest): Observation {
  const { test, arch, locations } = loaded;
  const byLabel = new Map<string, Observable>();
  const resolve = (ref: StateRef, pos: { line: number; column: number }): Observable => {
    let item: Observable;
    if (ref.kind === 'reg') {
      if (!loaded.threads[ref.thread]) failAt(pos, `there is no thread P${ref.thread} in this test`);
      const reg = arch.canonicalRegister(ref.reg) ?? failAt(pos, `'${ref.reg}' is not a ${arch.names[0]} register`);
      item = { kind: 'reg', thread: ref.thread, reg, label: `${ref.thread}:${reg}` };
    } else {
      item = { kind: 'mem', loc: locations.intern(ref.loc), label: `[${ref.loc}]` };
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
        if (prop.value.kind === 'loc') locations.intern(prop.value.name);
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
        const index = indexOf.get(atoms.find((a) => a.prop === prop)!.item)!;
        const expected = asSigned64(valueOf(prop.value, locations));
        return prop.op === '=' ? (s) => s[index] === expected : (s) => s[index] !== expected;
      }
    }
  };
  return {
    items,
    condition: compile(test.condition.prop),
    filter: test.filter ? compile(test.filter) : undefined,
  };
}

/** herd7's order: registers by thread then register number, then locations by name. */
function compareObservables(locations: LocationTable) {
  return (a: Observable, b: Observable): number => {
    if (a.kind !== b.kind) return a.kind === 'reg' ? -1 : 1;
    if (a.kind === 'reg' && b.kind === 'reg') {
      return a.thread - b.thread || compareRegisterNames(a.reg, b.reg);
    }
    const [x, y] = [locations.names[(a as { loc: number }).loc], locations.names[(b as { loc: number }).loc]];
    return x < y ? -1 : x > y ? 1 : 0;
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

/**
 * Final values are compared and printed as signed 64-bit numbers, as herd7
 * does: an X register holding all ones is -1 whichever way the code made it.
 */
export function asSigned64(value: bigint): bigint {
  return BigInt.asIntN(64, value);
}

/** A value as herd7 prints it: a location name for a pointer, else decimal. */
export function formatValue(value: bigint, locations: LocationTable): string {
  return locations.nameOfValue(value) ?? value.toString();
}

export function formatLiteral(value: ValueLit): string {
  return value.kind === 'int' ? value.value.toString() : value.name;
}
