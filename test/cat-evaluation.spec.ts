// Evaluating compiled models: what is computed once per skeleton and what per
// candidate, and what a model's axioms let the enumerator prune. (Speed is
// measured by `npm run bench`, not here.)

import { describe, expect, it } from 'vitest';
import { compileModel, PreparedCatModel } from '../src/cat/index.js';
import { buildSkeleton } from '../src/enumerate/combination.js';
import { simulate } from '../src/simulate.js';
import { parseLitmus } from '../src/syntax/parse.js';
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

describe("herd7's sets of values: {…}, ++, map, cross and with … from", () => {
  const mp = parseLitmus(
    'X86 MP\n{ x=0; y=0; }\n P0          | P1          ;\n MOV [x],$1  | MOV EAX,[y] ;\n MOV [y],$1  | MOV EBX,[x] ;\nexists (1:EAX=1 /\\ 1:EBX=0)\n',
    'MP.litmus',
  );
  // Each read's possible sources as a set of single edges, one set per read (the kernel's lock.cat builds its choices so).
  const choices = 'let single p = p ++ 0\nlet sources e = (W * {e}) & loc\nlet choices = let one e = map single (sources e) in map one R\n';
  const run = (model: string) => {
    const r = simulate(mp, compileModel(model, 'm.cat'));
    return { states: r.states.length, positive: r.positive, negative: r.negative, flags: r.flags };
  };

  it('each value a with chooses that the rest allows is an execution of its own', () => {
    // By hand: each of the two reads may read the initial write or the thread's write: cross gives 2 × 2 = 4
    // unions; nothing after the with looks at the choice, so each of the 4 candidates (none has a po|rf cycle) counts 4 times.
    expect(run(`${choices}with chosen from cross(choices)\nacyclic po | rf`)).toEqual({ states: 4, positive: 4, negative: 12, flags: [] });
    // Keeping only the value that is the candidate's own rf: once each again (the state (1,0): one of the four).
    expect(run(`${choices}with chosen from cross(choices)\nempty chosen \\ rf as chosen-is-rf`)).toEqual({ states: 4, positive: 1, negative: 3, flags: [] });
  });

  it('a with over an empty set leaves the candidate no execution (a read with no possible source)', () => {
    const none = 'let single p = p ++ 0\nlet sources e = (W * {e}) & loc & 0\nlet choices = let one e = map single (sources e) in map one R\n';
    expect(run(`${none}with chosen from cross(choices)\nacyclic po | rf`)).toEqual({ states: 0, positive: 0, negative: 0, flags: [] });
  });

  it('{…} of events is a set, of relations a set of relations; map over a relation gives its pairs', () => {
    // By hand: map single po has one member per po pair (2), and {po, rf} has two members: both nonempty, so the flags fire.
    const model = 'let single p = p ++ 0\nlet pairs = map single po\nlet two = {po, rf}\nwith p from pairs\nflag ~empty p as a-pair\nwith r from two\nflag ~empty r & po as the-po-member\nacyclic po | rf';
    // Each candidate counts once per member of pairs (2) and of {po, rf} (2): 4 × 4 = 16.
    expect(run(model)).toEqual({ states: 4, positive: 4, negative: 12, flags: ['a-pair', 'the-po-member'] });
  });

  it('types are checked: a with needs a set of values, ++ an element or a family on its left', () => {
    expect(() => compileModel('with x from po\nacyclic x', 'm.cat')).toThrow(/m\.cat:1:13: 'with x from …' needs a set of values .*, but this is a relation/);
    expect(() => compileModel('let y = po ++ rf\nacyclic y', 'm.cat')).toThrow(/m\.cat:1:12: '\+\+' adds an event to a set, a pair to a relation or a value to a set of values; here a relation to a relation/);
    expect(() => compileModel('let f e = {e}\nlet s = map f po\nacyclic s', 'm.cat')).toThrow(/m\.cat:3:9: 'acyclic' tests a set or a relation, but this expression is a set of relations/);
  });
});

describe("FW, herd7's final writes", () => {
  it('are the co-last writes of the locations the test observes, not of every location', () => {
    const fw = compileModel('flag ~empty FW as final-write', 'm.cat');
    const text = (condition: string) => `X86 T\n{ x=0; y=0; }\n P0          | P1          ;\n MOV [x],$1  | MOV EAX,[y] ;\n MOV [y],$1  |             ;\nexists (${condition})\n`;
    // By hand: a condition on registers alone observes no location, so FW is empty; one on [x] makes x's last write FW.
    expect(simulate(parseLitmus(text('1:EAX=1'), 'T.litmus'), fw).flags).toEqual([]);
    expect(simulate(parseLitmus(text('x=1'), 'T.litmus'), fw).flags).toEqual(['final-write']);
  });
});

describe('sets of values: what a review found', () => {
  const mp = parseLitmus(
    'X86 MP\n{ x=0; y=0; }\n P0          | P1          ;\n MOV [x],$1  | MOV EAX,[y] ;\n MOV [y],$1  | MOV EBX,[x] ;\nexists (1:EAX=1 /\\ 1:EBX=0)\n',
    'MP.litmus',
  );
  const run = (model: string) => {
    const r = simulate(mp, compileModel(model, 'm.cat'));
    return { positive: r.positive, negative: r.negative, flags: r.flags };
  };

  it('a let rec inside a function map applies is solved again for each member, in every candidate', () => {
    // By hand: rf has one pair per read (2), so the map has 2 members, each nonempty: every candidate counts twice, the flag fires.
    expect(run('let f x = let rec r = {x} | (r ; po) in r\nlet S = map f rf\nwith y from S\nflag ~empty y as got')).toEqual({ positive: 2, negative: 6, flags: ['got'] });
  });

  it("'++' binds tighter than '|' and looser than ';' (herd7's precedence), and {…} is an argument by juxtaposition", () => {
    // rf | (p ++ 0) is a relation: one member per po pair (2), each allowed.
    expect(run('let f p = rf | p ++ 0\nlet S = map f po\nwith y from S\nacyclic y as ax')).toEqual({ positive: 2, negative: 6, flags: [] });
    expect(run('let g e = e\nlet S = map g {W}\nwith y from S\nflag ~empty y as got')).toEqual({ positive: 1, negative: 3, flags: ['got'] });
  });

  it('a cross of many choices is built once per candidate without repeats', () => {
    // By hand: each of the 2 reads chooses one of 2 sets ({its own event} as identity, or [W]), and the unions are 4 distinct relations.
    expect(run('let f e = {[{e}], [W]}\nlet S = map f R\nwith y from cross(S)\nflag ~empty y as got')).toEqual({ positive: 4, negative: 12, flags: ['got'] });
  });

  it('explain and axioms speak of the value the verdict names (the first rejected, or the first allowed)', () => {
    const model = compileModel('with y from {po, rf}\nirreflexive y ; po^-1 as A\nirreflexive y ; rf^-1 as B', 'm.cat');
    let checked = 0;
    simulate(mp, model, {
      onCandidate: ({ combination, choice, verdict }) => {
        if (verdict.allowed) return;
        const prepared = model.prepare(buildSkeleton(combination));
        const witness = prepared.explain(choice);
        // The first value, po, fails A (po ; po^-1 holds every po pair's source): the verdict and its witness both name A.
        expect(verdict.failedAxiom).toBe('A');
        expect(witness?.axiom).toBe('A');
        expect(prepared.axioms(choice).find((a) => !a.holds)?.name).toBe('A');
        checked++;
      },
    });
    expect(checked).toBe(4);
  });
});
