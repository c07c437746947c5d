// What a test's final states show, resolved once at load time: the registers
// and locations its condition, filter and `locations` list name, each bound
// to a thread's register or to the test's locations, with the C type the
// init block declares for it, in herd7's column order. Later stages look
// these up; nothing re-parses a name.

import { failAt, type SourcePos } from '../errors.js';
import { locationText, type LitmusTest, type Prop, propAtoms, type StateRef } from '../syntax/ast.js';
import type { LocationTable } from './locations.js';
import type { Arch } from './types.js';

/**
 * A register or a location shown in final states, with the type declared for
 * it in the init block (absent: herd's default, int). A location is a plain
 * one (`[x]`), an element of an array (`v[1]`, `element` set) or a whole
 * array (`v`, shown `{1,2}`: `elements` lists its element locations).
 */
export type Observable =
  | { kind: 'reg'; thread: number; reg: string; label: string; type?: string }
  | { kind: 'mem'; loc: number; label: string; type?: string; element?: number; elements?: readonly number[] };

export interface Observables {
  /** The columns of a final state, in herd7's order. */
  readonly items: readonly Observable[];
  /** The observable a reference of the test (in its condition, filter or `locations`) stands for. */
  of(ref: StateRef): Observable;
}

/** "'Z2' is not an AArch64 register", with the article the architecture's name takes (an AArch64, an X86). */
export function notARegister(name: string, arch: Arch): string {
  const archName = arch.names[0];
  // "an AArch64", "an X86" (ex-86); "a MIPS", "a PPC".
  return `'${name}' is not ${/^[aeiox]/i.test(archName) ? 'an' : 'a'} ${archName} register`;
}

/**
 * Resolves every register and location the test's condition, filter and
 * `locations` name, and interns the locations their values name (so they
 * have addresses). Throws a LitmusError at the reference for a thread or
 * register that does not exist, or an element outside its array.
 */
export function resolveObservables(
  test: LitmusTest,
  arch: Arch,
  threadCount: number,
  locations: LocationTable,
  locationTypes: ReadonlyMap<number, string>,
): Observables {
  // Types the init block declares for registers (`uint64_t 0:X4`); the rest are herd's default, int.
  const registerTypes = new Map<string, string>();
  for (const item of test.init) {
    if (item.type && item.kind === 'reg' && item.thread !== null) {
      registerTypes.set(`${item.thread}:${arch.canonicalRegister(item.reg) ?? item.reg}`, item.type);
    }
  }
  const byLabel = new Map<string, Observable>();
  const byRef = new Map<StateRef, Observable>();
  const resolve = (ref: StateRef, pos: SourcePos): void => {
    const item = observableOf(ref, pos);
    const existing = byLabel.get(item.label);
    byRef.set(ref, existing ?? item);
    if (!existing) byLabel.set(item.label, item);
  };
  const observableOf = (ref: StateRef, pos: SourcePos): Observable => {
    if (ref.kind === 'reg') {
      if (ref.thread >= threadCount) failAt(pos, `there is no thread P${ref.thread} in this test`);
      const reg = arch.canonicalRegister(ref.reg) ?? failAt(pos, notARegister(ref.reg, arch));
      const label = `${ref.thread}:${reg}`;
      return { kind: 'reg', thread: ref.thread, reg, label, type: registerTypes.get(label) };
    }
    const { loc } = ref;
    if (loc.index !== undefined) {
      const problem = locations.elementProblem(loc);
      if (problem) failAt(pos, problem);
      const element = locations.arrayNamed(loc.name)![loc.index];
      return { kind: 'mem', loc: element, label: locationText(loc), type: locationTypes.get(element), element: loc.index };
    }
    const whole = locations.arrayNamed(loc.name);
    if (whole) return { kind: 'mem', loc: whole[0], label: loc.name, type: locationTypes.get(whole[0]), elements: whole };
    const index = locations.intern(loc.name);
    return { kind: 'mem', loc: index, label: `[${loc.name}]`, type: locationTypes.get(index) };
  };
  const collect = (prop: Prop): void => {
    for (const atom of propAtoms(prop)) {
      resolve(atom.ref, atom.pos);
      for (const v of atom.value.kind === 'array' ? atom.value.values : [atom.value]) {
        if (v.kind !== 'loc') continue;
        const problem = locations.codeLabelProblem(v.name, threadCount);
        if (problem) failAt(atom.pos, problem);
        locations.addressOfName(v.name);
      }
    }
  };
  for (const ref of test.locations) resolve(ref, test.pos);
  collect(test.condition.prop);
  if (test.filter) collect(test.filter);

  const items = [...byLabel.values()].sort(compareObservables(locations));
  return {
    items,
    of(ref) {
      const item = byRef.get(ref);
      if (!item) throw new Error('internal: a reference the test does not contain');
      return item;
    },
  };
}

/**
 * herd7's order: registers by thread then register number, then locations
 * and whole arrays by name, then array elements by array and index.
 */
function compareObservables(locations: LocationTable) {
  const rank = (o: Observable): number => (o.kind === 'reg' ? 0 : o.element === undefined ? 1 : 2);
  const nameOf = (o: Observable & { kind: 'mem' }): string =>
    o.element !== undefined ? o.label.slice(0, o.label.lastIndexOf('[')) : locations.names[o.loc];
  return (a: Observable, b: Observable): number => {
    if (rank(a) !== rank(b)) return rank(a) - rank(b);
    if (a.kind === 'reg' && b.kind === 'reg') return a.thread - b.thread || compareRegisterNames(a.reg, b.reg);
    if (a.kind === 'reg' || b.kind === 'reg') return 0; // unreachable: equal ranks
    const [x, y] = [nameOf(a), nameOf(b)];
    if (x !== y) return x < y ? -1 : 1;
    return (a.element ?? 0) - (b.element ?? 0);
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

