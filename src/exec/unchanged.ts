// Names a condition uses that nothing in the test declares or changes: a
// typo such as `1:X9` for `1:X0` gives a condition decided by initial values
// alone, which herd7 answers silently (issue 16); we warn.

import type { SourcePos } from '../errors.js';
import type { LitmusTest, Prop } from '../syntax/ast.js';
import type { ThreadPath } from './explore.js';
import type { Observable, Observables } from './observables.js';

/**
 * The registers and locations the condition and filter name that appear
 * nowhere else: the init block does not declare them (`declared` says) and
 * nothing in the test changes them (no path of its thread writes the
 * register; no path reads or writes the location, or any element of the
 * array). Such a name is usually a typo (`1:X9` for `1:X0`), and a condition
 * on it is decided by the initial value alone. One entry per name, with the
 * position of its first atom.
 */
export function unchangedObservables(
  test: LitmusTest,
  observables: Observables,
  paths: readonly (readonly ThreadPath[])[],
  unitsOf: (location: number) => readonly number[],
  declared: (item: Observable) => boolean,
): Array<{ observable: Observable; pos: SourcePos }> {
  const found = new Map<Observable, SourcePos>();
  const touched = new Set<number>();
  for (const thread of paths) for (const path of thread) for (const event of path.events) if (event.kind !== 'F') touched.add(event.loc);
  const unchanged = (item: Observable): boolean => {
    if (declared(item)) return false;
    if (item.kind === 'reg') return paths[item.thread]?.every((path) => !path.registers.has(item.reg)) ?? false;
    const locations = item.elements ?? [item.loc];
    return locations.every((loc) => unitsOf(loc).every((unit) => !touched.has(unit)));
  };
  const stack: Prop[] = [test.filter, test.condition.prop].filter((p): p is Prop => p !== undefined);
  while (stack.length > 0) {
    const prop = stack.pop()!;
    if (prop.kind === 'atom') {
      const item = observables.of(prop.ref);
      if (!found.has(item) && unchanged(item)) found.set(item, prop.pos);
    } else if (prop.kind === 'not') stack.push(prop.arg);
    else if ('left' in prop) stack.push(prop.right, prop.left);
  }
  return [...found].map(([observable, pos]) => ({ observable, pos }));
}
