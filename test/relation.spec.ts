// The bitset relation algebra, checked against a set-of-pairs model with
// fast-check (union, sequence, closure, acyclicity with a witness…).

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  EventSet,
  Relation,
  cartesian,
  complement,
  difference,
  domain,
  findCycle,
  identityOn,
  intersection,
  inverse,
  range,
  reflexiveTransitiveClosure,
  reflexiveWitness,
  sequence,
  transitiveClosure,
  union,
} from '../src/relation/index.js';

// The naive model: a relation is a set of "i,j" strings.
type Naive = Set<string>;
const key = (i: number, j: number) => `${i},${j}`;
const naive = (pairs: [number, number][]): Naive => new Set(pairs.map(([i, j]) => key(i, j)));
const asNaive = (r: Relation): Naive => naive(r.pairs());
const sorted = (s: Naive) => [...s].sort();

function naiveSeq(a: Naive, b: Naive, n: number): Naive {
  const out: Naive = new Set();
  for (let i = 0; i < n; i++)
    for (let k = 0; k < n; k++)
      for (let j = 0; j < n; j++) if (a.has(key(i, k)) && b.has(key(k, j))) out.add(key(i, j));
  return out;
}

function naivePlus(a: Naive, n: number): Naive {
  let cur = new Set(a);
  for (;;) {
    const next = new Set([...cur, ...naiveSeq(cur, a, n)]);
    if (next.size === cur.size) return cur;
    cur = next;
  }
}

// Sizes straddle the 32-bit word boundary so multi-word rows are exercised.
const sized = fc.integer({ min: 1, max: 70 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    a: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 3 * n }),
    b: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 3 * n }),
    s: fc.array(fc.nat(n - 1), { maxLength: n }),
    t: fc.array(fc.nat(n - 1), { maxLength: n }),
  }),
);

describe('relation algebra agrees with a set-of-pairs model', () => {
  it('union, intersection, difference', () => {
    fc.assert(
      fc.property(sized, ({ n, a, b }) => {
        const ra = Relation.of(n, a), rb = Relation.of(n, b);
        const na = naive(a), nb = naive(b);
        expect(sorted(asNaive(union(new Relation(n), ra, rb)))).toEqual(sorted(new Set([...na, ...nb])));
        expect(sorted(asNaive(intersection(new Relation(n), ra, rb)))).toEqual(sorted(new Set([...na].filter((p) => nb.has(p)))));
        expect(sorted(asNaive(difference(new Relation(n), ra, rb)))).toEqual(sorted(new Set([...na].filter((p) => !nb.has(p)))));
      }),
    );
  });

  it('complement stays inside the n×n square', () => {
    fc.assert(
      fc.property(sized, ({ n, a }) => {
        const c = complement(new Relation(n), Relation.of(n, a));
        expect(c.pairs().length).toBe(n * n - naive(a).size);
        expect(c.pairs().every(([i, j]) => i < n && j < n && !naive(a).has(key(i, j)))).toBe(true);
      }),
    );
  });

  it('sequence and inverse', () => {
    fc.assert(
      fc.property(sized, ({ n, a, b }) => {
        const ra = Relation.of(n, a), rb = Relation.of(n, b);
        expect(sorted(asNaive(sequence(new Relation(n), ra, rb)))).toEqual(sorted(naiveSeq(naive(a), naive(b), n)));
        expect(sorted(asNaive(inverse(new Relation(n), ra)))).toEqual(sorted(naive(a.map(([i, j]) => [j, i]))));
      }),
    );
  });

  it('transitive and reflexive-transitive closure, also in place', () => {
    fc.assert(
      fc.property(sized, ({ n, a }) => {
        const expected = naivePlus(naive(a), n);
        expect(sorted(asNaive(transitiveClosure(new Relation(n), Relation.of(n, a))))).toEqual(sorted(expected));
        const inPlace = Relation.of(n, a);
        reflexiveTransitiveClosure(inPlace, inPlace);
        for (let i = 0; i < n; i++) expected.add(key(i, i));
        expect(sorted(asNaive(inPlace))).toEqual(sorted(expected));
      }),
    );
  });

  it('identity on a set, cartesian product, domain and range', () => {
    fc.assert(
      fc.property(sized, ({ n, a, s, t }) => {
        const S = EventSet.of(n, s), T = EventSet.of(n, t);
        expect(sorted(asNaive(identityOn(new Relation(n), S)))).toEqual(sorted(naive(s.map((e) => [e, e]))));
        const product = s.flatMap((i) => t.map((j) => [i, j] as [number, number]));
        expect(sorted(asNaive(cartesian(new Relation(n), S, T)))).toEqual(sorted(naive(product)));
        const ra = Relation.of(n, a);
        expect(domain(new EventSet(n), ra).members()).toEqual([...new Set(a.map((p) => p[0]))].sort((x, y) => x - y));
        expect(range(new EventSet(n), ra).members()).toEqual([...new Set(a.map((p) => p[1]))].sort((x, y) => x - y));
      }),
    );
  });

  it('findCycle returns a real cycle exactly when the closure is reflexive somewhere', () => {
    fc.assert(
      fc.property(sized, ({ n, a }) => {
        const r = Relation.of(n, a);
        const cyclic = reflexiveWitness(transitiveClosure(new Relation(n), r)) >= 0;
        const cycle = findCycle(r);
        expect(cycle !== null).toBe(cyclic);
        if (cycle) {
          expect(new Set(cycle).size).toBe(cycle.length);
          cycle.forEach((e, i) => expect(r.has(e, cycle[(i + 1) % cycle.length])).toBe(true));
        }
      }),
    );
  });

  it('reflexiveWitness finds a self-loop, or -1', () => {
    const r = Relation.of(40, [[3, 4], [35, 35]]);
    expect(reflexiveWitness(r)).toBe(35);
    expect(reflexiveWitness(Relation.of(40, [[3, 4]]))).toBe(-1);
    expect(findCycle(Relation.of(3, [[0, 1], [1, 2], [2, 0]]))).toEqual([0, 1, 2]);
  });

  it('empty sets and full sets', () => {
    const s = new EventSet(33);
    expect(s.isEmpty()).toBe(true);
    s.fill();
    expect(s.members().length).toBe(33);
  });
});
