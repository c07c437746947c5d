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

describe('speed', () => {
  it('aarch64 checks a 30-event candidate in well under a millisecond', () => {
    // 4 threads of 7 accesses over 2 locations, with fences and dependencies.
    const threads = [0, 1, 2, 3].map((t) =>
      Array.from({ length: 7 }, (_, i) =>
        i === 3 ? { kind: 'F' as const, tags: ['DMB.ISH'] } : { kind: (i + t) % 2 ? ('R' as const) : ('W' as const), loc: (i + t) % 2 },
      ),
    );
    const { s, ids } = skeleton(2, threads, {});
    const writes = [0, 1].map((l) => s.events.flatMap((e, i) => (e.kind === 'W' && e.loc === l && i >= 2 ? [i] : [])));
    const rf: [number, number][] = s.events.flatMap((e, i) => (e.kind === 'R' ? [[e.loc, i] as [number, number]] : []));
    const c = choice(s, rf, [[0, ...writes[0]], [1, ...writes[1]]]);
    expect(ids.flat().length + 2).toBe(30);
    const prepared = stockModel('aarch64').prepare(s);
    prepared.check(c);
    const rounds = 2000;
    const start = performance.now();
    for (let i = 0; i < rounds; i++) prepared.check(c);
    const perCheck = (performance.now() - start) / rounds;
    expect(perCheck).toBeLessThan(0.5);
  });
});
