// The values a mixed-size read of several units may see, while exploring a
// thread: not every mixture of its units' values (that grows as the product
// of their domains), but those herd7's rule (match.ts) lets it take from the
// write accesses that may exist.

import { ruleAssignments } from './match.js';

/** A write access as reads see it: the units it covers, lowest address first, and the value it leaves in each. */
export interface WriteShape {
  units: readonly number[];
  values: readonly bigint[];
}

/**
 * The values a read of several units may see, from the write accesses that
 * may exist (initial writes included): those herd7's rule (match.ts) lets
 * it take from them, not every mixture of its units' values, which would
 * grow as the product of their domains. Memoised per read shape.
 */
export class ReadSources {
  private readonly cache = new Map<string, bigint[][]>();

  constructor(private readonly shapes: readonly WriteShape[]) {}

  /** The value vectors (one value per unit, in order) a read of `units` may see. */
  valuesFor(units: readonly number[]): readonly (readonly bigint[])[] {
    const key = units.join(',');
    let vectors = this.cache.get(key);
    if (vectors) return vectors;
    const writes = this.shapes.map((shape) => ({ id: shape, units: new Set(shape.units) }));
    const distinct = new Map<string, bigint[]>();
    for (const assignment of ruleAssignments(units, writes)) {
      const values = assignment.map((shape, i) => shape.values[shape.units.indexOf(units[i])]);
      distinct.set(values.join(','), values);
    }
    vectors = [...distinct.values()];
    this.cache.set(key, vectors);
    return vectors;
  }
}

/** The initial writes as shapes: one per location, over its units. */
export function initialShapes(initAccess: readonly number[], initialValues: readonly bigint[]): Map<string, WriteShape> {
  const byAccess = new Map<number, { units: number[]; values: bigint[] }>();
  initAccess.forEach((access, unit) => {
    let shape = byAccess.get(access);
    if (!shape) byAccess.set(access, (shape = { units: [], values: [] }));
    shape.units.push(unit);
    shape.values.push(initialValues[unit]);
  });
  const shapes = new Map<string, WriteShape>();
  for (const shape of byAccess.values()) addShape(shapes, shape);
  return shapes;
}

/** The write accesses of a path (its events: ThreadPath.events), as shapes. */
export function writeShapes(path: { events: ReadonlyArray<{ kind: string; loc: number; value: bigint; access: number }> }): WriteShape[] {
  const byAccess = new Map<number, { units: number[]; values: bigint[] }>();
  for (const e of path.events) {
    if (e.kind !== 'W') continue;
    let shape = byAccess.get(e.access);
    if (!shape) byAccess.set(e.access, (shape = { units: [], values: [] }));
    shape.units.push(e.loc);
    shape.values.push(e.value);
  }
  return [...byAccess.values()];
}

/** Adds a shape unless an equal one is there; true when it is new. */
export function addShape(shapes: Map<string, WriteShape>, shape: WriteShape): boolean {
  const key = `${shape.units.join(',')}:${shape.values.join(',')}`;
  if (shapes.has(key)) return false;
  shapes.set(key, shape);
  return true;
}
