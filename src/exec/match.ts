// herd7's rule for where the pieces of a mixed-size read come from (its
// Match): the writes that overlap the read are tried from the smallest to
// the largest, and each is either skipped or gives every piece it covers
// that no smaller write gave. So a read never takes some of a write's bytes
// and the rest of them from another write of the same bytes: a write is
// observed whole, as Arm's single-copy atomicity asks (Arm ARM B2.2.1;
// Flur et al., "Mixed-size concurrency", POPL 2017). The same rule picks the
// writes a location observed whole ends with. One place for the rule: the
// thread explorer enumerates the values it allows, the enumerator checks
// each candidate's sources against it.

/**
 * Every way `pieceCount` pieces may take their sources from `writes` (each
 * the set of piece indices it covers, smallest write first): per assignment,
 * the index in `writes` of each piece's source. Pieces no write covers make
 * no assignment at all.
 */
export function matchAssignments(pieceCount: number, writes: ReadonlyArray<ReadonlySet<number>>): number[][] {
  const out: number[][] = [];
  const source = new Array<number>(pieceCount).fill(-1);
  const place = (k: number, left: number): void => {
    if (left === 0) {
      out.push([...source]);
      return;
    }
    if (k === writes.length) return;
    const covered = [...writes[k]].filter((piece) => source[piece] === -1);
    if (covered.length > 0) {
      for (const piece of covered) source[piece] = k;
      place(k + 1, left - covered.length);
      for (const piece of covered) source[piece] = -1;
    }
    place(k + 1, left);
  };
  place(0, pieceCount);
  return out;
}

/** A write access as the rule sees it: what it is called, and the units it covers. */
export interface RuleWrite<K> {
  id: K;
  units: ReadonlySet<number>;
}

/**
 * herd7's rule for a read (or a location's final value) over `units` (lowest
 * address first): every assignment of a source write to each unit it
 * allows, as the source's `id` per unit. The writes that overlap the units
 * are tried from the smallest to the largest (their sizes in units: pieces
 * of one layout have one size).
 */
export function ruleAssignments<K>(units: readonly number[], writes: Iterable<RuleWrite<K>>): K[][] {
  const overlapping = [...writes].filter((w) => units.some((u) => w.units.has(u))).sort((a, b) => a.units.size - b.units.size);
  const covers = overlapping.map((w) => new Set(units.flatMap((u, i) => (w.units.has(u) ? [i] : []))));
  return matchAssignments(units.length, covers).map((assignment) => assignment.map((k) => overlapping[k].id));
}
