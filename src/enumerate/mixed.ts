// herd7's rule for which writes a mixed-size access may take its bytes from
// (exec/match.ts), applied to candidates. rf and co are chosen per unit (a
// piece of a location); a candidate whose multi-piece reads, or whose
// locations observed whole, take their pieces against the rule is no
// candidate at all (herd7 never builds it: its rf is enumerated per read by
// the rule, herd/mem.ml's Match, and a location's final writes likewise,
// all_finals_mixed). The check runs as the units are chosen one by one, in
// increasing order, so a choice that already breaks the rule is dropped at
// once instead of after every combination of the units after it.

import type { Choice } from '../cat/api.js';
import { ruleAssignments } from '../exec/match.js';
import type { Combination } from './combination.js';

/** Pieces that must take their sources by the rule: a read access's events, or a location's units at the end. */
interface MatchGroup {
  /** The units, lowest address first (and so in the order they are chosen). */
  units: readonly number[];
  /** For a read, the event reading each unit; absent: each unit's co-last write is its source. */
  reads?: readonly number[];
  /** The source accesses the rule allows, per assignment one per unit. */
  allowed: readonly (readonly number[])[];
  /** While choosing: the assignments still possible after piece k is chosen. */
  possible: (readonly (readonly number[])[])[];
}

/**
 * herd7's rule for one combination of a mixed-size test, checked unit by
 * unit as a candidate is built (see `keeps`).
 */
export class MatchRule {
  /** Per unit: the groups with a piece on it, and that piece's index in each. */
  private readonly byUnit = new Map<number, Array<{ group: MatchGroup; piece: number }>>();
  /** Each write event's access (the sca class of its pieces). */
  private readonly accessOf = new Map<number, number>();
  /** Nothing to check: no read of several units, no location observed whole with several. */
  readonly empty: boolean;

  /**
   * `observed` lists the units of each location whose final value is
   * observed whole (a plain location; herd7 chooses array elements' final
   * pieces freely).
   */
  constructor(combination: Combination, observed: ReadonlyArray<readonly number[]>) {
    const writes = new Map<number, Set<number>>();
    const addWrite = (event: number, access: number, unit: number): void => {
      let units = writes.get(access);
      if (!units) writes.set(access, (units = new Set()));
      units.add(unit);
      this.accessOf.set(event, access);
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
    const ruleWrites = [...writes].map(([id, units]) => ({ id, units }));
    const groups: MatchGroup[] = [];
    const add = (units: readonly number[], readEvents?: readonly number[]) => {
      if (units.length > 1) groups.push({ units, reads: readEvents, allowed: ruleAssignments(units, ruleWrites), possible: [] });
    };
    for (const r of reads.values()) add(r.units, r.reads);
    for (const units of observed) add(units);
    for (const group of groups) {
      group.units.forEach((unit, piece) => {
        let list = this.byUnit.get(unit);
        if (!list) this.byUnit.set(unit, (list = []));
        list.push({ group, piece });
      });
    }
    this.empty = groups.length === 0;
  }

  /**
   * Whether the candidate being built can still keep to the rule now that
   * unit `unit`'s rf and co are in `choice` (units are chosen in increasing
   * order, each after the ones before it).
   */
  keeps(unit: number, choice: Choice): boolean {
    for (const { group, piece } of this.byUnit.get(unit) ?? []) {
      let source: number;
      if (group.reads) source = this.accessOf.get(choice.rf[group.reads[piece]])!;
      else {
        const order = choice.co[unit];
        source = this.accessOf.get(order[order.length - 1])!;
      }
      const before = piece === 0 ? group.allowed : group.possible[piece - 1];
      const now = before.filter((assignment) => assignment[piece] === source);
      group.possible[piece] = now;
      if (now.length === 0) return false;
    }
    return true;
  }
}
