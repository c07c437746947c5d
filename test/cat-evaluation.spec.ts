// Evaluating compiled models: what is computed once per skeleton and what per
// candidate, and what a model's axioms let the enumerator prune. (Speed is
// measured by `npm run bench`, not here.)

import { describe, expect, it } from 'vitest';
import { compileModel, PreparedCatModel } from '../src/cat/index.js';
import { choice, skeleton, stockModel } from './support/cat-fixtures.js';

describe('static/dynamic split', () => {
  const { s, ids } = skeleton(2, [
    [{ kind: 'W', loc: 0 }, { kind: 'R', loc: 1 }],
    [{ kind: 'W', loc: 1 }, { kind: 'R', loc: 0 }],
  ]);
  const [[w0, r0], [w1, r1]] = ids;
  const c = choice(s, [[1, r0], [0, r1]], [[0, w0], [1, w1]]);

  it('evaluates rf/co-free definitions once, in prepare, and the rest per check', () => {
    // static: po, po;po, (po;po);po, W, [W], …;[W]  — dynamic: rf, the union
    const model = compileModel('let a = po ; po ; po ; [W]\nlet b = rf | a\nacyclic b', 'm.cat');
    const prepared = model.prepare(s) as PreparedCatModel;
    const afterPrepare = prepared.evaluations;
    expect(afterPrepare).toBe(6);
    prepared.check(c);
    expect(prepared.evaluations - afterPrepare).toBe(2);
    prepared.check(c);
    expect(prepared.evaluations - afterPrepare).toBe(4);
  });

  it('stops at the first failing axiom without evaluating later ones', () => {
    const model = compileModel('acyclic po | fr | rf as first\nlet later = co ; co ; co\nempty later', 'm.cat');
    const prepared = model.prepare(s) as PreparedCatModel;
    const before = prepared.evaluations;
    expect(prepared.check(c)).toMatchObject({ allowed: false, failedAxiom: 'first' });
    // fr, rf and two unions; co and its sequences are never computed
    expect(prepared.evaluations - before).toBe(4);
  });

  it('a shared definition is computed once per candidate', () => {
    const model = compileModel('let hb = po | rf\nacyclic hb\nirreflexive hb ; hb\nempty hb \\ hb', 'm.cat');
    const prepared = model.prepare(s) as PreparedCatModel;
    const before = prepared.evaluations;
    prepared.check(c);
    // rf, hb, hb;hb, hb\hb
    expect(prepared.evaluations - before).toBe(4);
  });
});

describe('requiresCoherence and requiresAtomicity', () => {
  const reqs = (src: string) => {
    const m = compileModel(src, 'm.cat');
    return [m.requiresCoherence, m.requiresAtomicity];
  };
  it('recognise the coherence axiom through let-definitions and split relations', () => {
    expect(reqs('let com = rf | co | fr\nacyclic po-loc | com')).toEqual([true, false]);
    expect(reqs('let ca = fr | co\nacyclic po-loc | ca | rfe | rfi')).toEqual([true, false]);
    expect(reqs('acyclic po | rf | co | fre | fri')).toEqual([true, false]);
    expect(reqs('empty rmw & (fre ; coe)\nacyclic po | rf | co | fr')).toEqual([true, true]);
    expect(reqs('empty (fre ; coe) & rmw')).toEqual([false, true]);
  });
  it('say false when unsure', () => {
    expect(reqs('acyclic po-loc | rf | co')).toEqual([false, false]);
    expect(reqs('acyclic (po-loc | rf | co | fr) & ext')).toEqual([false, false]);
    expect(reqs('~acyclic po-loc | rf | co | fr')).toEqual([false, false]);
    expect(reqs('flag ~acyclic po-loc | rf | co | fr as f')).toEqual([false, false]);
    expect(reqs('irreflexive po-loc | rf | co | fr')).toEqual([false, false]);
    expect(reqs('~empty rmw & (fre ; coe)')).toEqual([false, false]);
  });
});
