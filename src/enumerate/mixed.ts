// herd7's rule for which writes a mixed-size access may take its bytes from.
// rf and co are chosen per unit (a piece of a location), but herd7 does not
// let a read take its pieces from writes freely: it tries the writes that
// overlap the read from the smallest to the largest, and a write it uses
// gives every piece it covers that no smaller write gave (Flur et al.,
// POPL 2017, read each byte from the most recent write to it; herd7's
// Match). The final value of a location observed whole is chosen the same
// way from its co-last writes. Candidates that break the rule are no
// candidates at all: they are dropped before the model and not counted.

import type { Choice } from '../cat/api.js';
import type { Combination } from './combination.js';

/** An access that writes memory: its units. */
interface WriteAccess {
  units: ReadonlySet<number>;
}

/** A group of pieces that must take their sources by the rule: a read access's events, or a location's units at the end. */
interface MatchGroup {
  /** The units, and for a read the event reading each (undefined: the unit's co-last write is the source). */
  units: readonly number[];
  reads?: readonly number[];
  /** The write accesses overlapping the group, smallest first. */
  writes: readonly number[];
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
  const writes = new Map<number, WriteAccess & { units: Set<number> }>();
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
  const overlapping = (units: readonly number[]): number[] =>
    [...writes]
      .filter(([, w]) => units.some((u) => w.units.has(u)))
      .sort(([, a], [, b]) => a.units.size - b.units.size)
      .map(([access]) => access);
  const groups: MatchGroup[] = [];
  for (const r of reads.values()) if (r.units.length > 1) groups.push({ ...r, writes: overlapping(r.units) });
  for (const units of observed) if (units.length > 1) groups.push({ units, writes: overlapping(units) });
  if (groups.length === 0) return undefined;

  return (choice) =>
    groups.every((group) => {
      const source = group.units.map((unit, i) => {
        if (group.reads) return accessOf.get(choice.rf[group.reads[i]])!;
        const order = choice.co[unit];
        return accessOf.get(order[order.length - 1])!;
      });
      const remaining = new Set(group.units.keys());
      for (const access of group.writes) {
        const covered = [...remaining].filter((i) => writes.get(access)!.units.has(group.units[i]));
        const taken = covered.filter((i) => source[i] === access);
        if (taken.length === 0) continue; // this write is skipped
        if (taken.length !== covered.length) return false; // it gives only some of the pieces it covers
        for (const i of taken) remaining.delete(i);
      }
      return remaining.size === 0;
    });
}
