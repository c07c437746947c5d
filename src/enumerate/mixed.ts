// herd7's rule for which writes a mixed-size access may take its bytes from
// (exec/match.ts), applied to candidates: rf and co are chosen per unit (a
// piece of a location), and a candidate whose multi-piece reads, or whose
// locations observed whole, take their pieces against the rule is no
// candidate at all: it is dropped before the model and not counted.

import type { Choice } from '../cat/api.js';
import { matchAssignments } from '../exec/match.js';
import type { Combination } from './combination.js';

/** A group of pieces that must take their sources by the rule: a read access's events, or a location's units at the end. */
interface MatchGroup {
  /** The units, and for a read the event reading each (absent: the unit's co-last write is the source). */
  units: readonly number[];
  reads?: readonly number[];
  /** The source accesses the rule allows, one key per assignment (the sources' access numbers, comma-separated). */
  allowed: ReadonlySet<string>;
}

/**
 * The rule's check for one combination of a mixed-size test: true when a
 * candidate's sources keep it. `observed` lists the units of each location
 * whose final value is observed whole (a plain location; herd7 chooses array
 * elements' final pieces freely). Returns undefined when nothing in the
 * combination needs checking.
 */
export function matchRule(
  combination: Combination,
  observed: ReadonlyArray<readonly number[]>,
): ((choice: Choice) => boolean) | undefined {
  /** Each write access's units. */
  const writes = new Map<number, { units: Set<number> }>();
  /** Each write event's access. */
  const accessOf = new Map<number, number>();
  const addWrite = (event: number, access: number, unit: number): void => {
    let w = writes.get(access);
    if (!w) writes.set(access, (w = { units: new Set() }));
    w.units.add(unit);
    accessOf.set(event, access);
  };
  for (let unit = 0; unit < combination.locationCount; unit++) addWrite(unit, combination.initAccess[unit], unit);
  const reads = new Map<number, { units: number[]; reads: number[] }>();
  combination.paths.forEach((path, thread) => {
    const offset = combination.offsets[thread];
    path.events.forEach((e, index) => {
      if (e.kind === 'W') addWrite(offset + index, offset + e.access, e.loc);
      if (e.kind !== 'R') return;
      let r = reads.get(offset + e.access);
      if (!r) reads.set(offset + e.access, (r = { units: [], reads: [] }));
      r.units.push(e.loc);
      r.reads.push(offset + index);
    });
  });
  /** The rule's assignments for these units, as keys of their sources' access numbers. */
  const allowed = (units: readonly number[]): Set<string> => {
    const overlapping = [...writes]
      .filter(([, w]) => units.some((u) => w.units.has(u)))
      .sort(([, a], [, b]) => a.units.size - b.units.size);
    const covers = overlapping.map(([, w]) => new Set(units.flatMap((u, i) => (w.units.has(u) ? [i] : []))));
    return new Set(matchAssignments(units.length, covers).map((a) => a.map((k) => overlapping[k][0]).join(',')));
  };
  const groups: MatchGroup[] = [];
  for (const r of reads.values()) if (r.units.length > 1) groups.push({ ...r, allowed: allowed(r.units) });
  for (const units of observed) if (units.length > 1) groups.push({ units, allowed: allowed(units) });
  if (groups.length === 0) return undefined;

  return (choice) =>
    groups.every((group) => {
      const sources = group.units.map((unit, i) => {
        if (group.reads) return accessOf.get(choice.rf[group.reads[i]])!;
        const order = choice.co[unit];
        return accessOf.get(order[order.length - 1])!;
      });
      return group.allowed.has(sources.join(','));
    });
}
