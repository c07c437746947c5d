// The cat language and the models we ship: stock models on classic shapes,
// the language's operators and functions, and located errors in a model.

import { describe, expect, it } from 'vitest';
import { compileModel, modelData, modelFromData } from '../src/cat/index.js';
import { simulate } from '../src/simulate.js';
import { parseLitmus } from '../src/syntax/parse.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LitmusError } from '../src/errors.js';
import { choice, skeleton, stockModel } from './support/cat-fixtures.js';

const x = 0, y = 1;

/** Store buffering: T0 writes x then reads y, T1 writes y then reads x; both reads see the initial values. */
function storeBuffering(fence?: string) {
  const f = fence ? [{ kind: 'F' as const, tags: [fence] }] : [];
  const { s, ids } = skeleton(2, [
    [{ kind: 'W', loc: x }, ...f, { kind: 'R', loc: y }],
    [{ kind: 'W', loc: y }, ...f, { kind: 'R', loc: x }],
  ]);
  const [t0, t1] = ids;
  const r0 = t0[t0.length - 1], r1 = t1[t1.length - 1];
  return { s, c: choice(s, [[y, r0], [x, r1]], [[x, t0[0]], [y, t1[0]]]) };
}

/** Message passing, the reader seeing the flag but not the data. */
function messagePassing(writerMiddle: string[] = [], readerMiddle: string[] = [], flagTags: string[] = [], readTags: string[] = []) {
  const fence = (tags: string[]) => tags.map((t) => ({ kind: 'F' as const, tags: [t] }));
  const { s, ids } = skeleton(2, [
    [{ kind: 'W', loc: x }, ...fence(writerMiddle), { kind: 'W', loc: y, tags: flagTags }],
    [{ kind: 'R', loc: y, tags: readTags }, ...fence(readerMiddle), { kind: 'R', loc: x }],
  ]);
  const [t0, t1] = ids;
  const wy = t0[t0.length - 1], ry = t1[0], rx = t1[t1.length - 1];
  return { s, c: choice(s, [[wy, ry], [x, rx]], [[x, t0[0]], [y, wy]]) };
}

describe('stock models', () => {
  it('compile, and declare coherence and atomicity', () => {
    for (const name of ['sc', 'x86tso', 'aarch64']) {
      const m = stockModel(name);
      expect(m.requiresCoherence).toBe(true);
      expect(m.requiresAtomicity).toBe(true);
    }
    expect(stockModel('aarch64').name).toBe('AArch64');
  });

  it('SB: forbidden under sc, allowed under x86tso, forbidden with MFENCE', () => {
    const sb = storeBuffering();
    expect(stockModel('sc').prepare(sb.s).check(sb.c)).toMatchObject({ allowed: false, failedAxiom: 'sc' });
    expect(stockModel('x86tso').prepare(sb.s).check(sb.c).allowed).toBe(true);
    const fenced = storeBuffering('MFENCE');
    expect(stockModel('x86tso').prepare(fenced.s).check(fenced.c)).toMatchObject({ allowed: false, failedAxiom: 'tso' });
  });

  it('SB under aarch64: allowed plain, forbidden with DMB SY on both sides', () => {
    const m = stockModel('aarch64');
    const sb = storeBuffering();
    expect(m.prepare(sb.s).check(sb.c)).toEqual({ allowed: true, flags: [] });
    const fenced = storeBuffering('DMB.SY');
    expect(m.prepare(fenced.s).check(fenced.c)).toMatchObject({ allowed: false, failedAxiom: 'external' });
  });

  it('SB under aarch64: a DSB ST orders a write before a later read (DSB-ob), a DMB ST does not (herd7: L041 Never)', () => {
    const m = stockModel('aarch64');
    const check = (fence: string) => {
      const sb = storeBuffering(fence);
      return m.prepare(sb.s).check(sb.c).allowed;
    };
    expect(check('DSB.ST')).toBe(false);
    expect(check('DMB.ST')).toBe(true);
  });

  it('MP under aarch64: allowed plain or with one barrier, forbidden with both; ISH raises the deprecation flag', () => {
    const m = stockModel('aarch64');
    const run = (...args: Parameters<typeof messagePassing>) => {
      const { s, c } = messagePassing(...args);
      return m.prepare(s).check(c);
    };
    expect(run().allowed).toBe(true);
    expect(run(['DMB.SY']).allowed).toBe(true);
    expect(run([], ['DMB.SY']).allowed).toBe(true);
    const both = run(['DMB.SY'], ['DMB.SY']);
    expect(both).toMatchObject({ allowed: false, failedAxiom: 'external' });
    expect(both.witness).toHaveLength(1); // irreflexive: the event ordered before itself
    // herd7 rev 5feffe4 flags a DMB with a shareability argument (aarch64fences.cat).
    expect(run(['DMB.ISH'], ['DMB.ISHLD'])).toMatchObject({ allowed: false, flags: ['Shareability-argument-for-DMB-is-deprecated'] });
    // NSH now orders like ISH (before rev 5feffe4 it ordered nothing).
    expect(run(['DMB.NSH'], ['DMB.NSHLD']).allowed).toBe(false);
    expect(run(['DSB.OSHLD'], ['DSB.OSHLD']).allowed).toBe(true);
    expect(run(['DMB.ST'], ['DSB.OSHLD']).allowed).toBe(false);
    // Release/acquire orders like barriers; a store-only barrier on the reader does not.
    expect(run([], [], ['L'], ['A']).allowed).toBe(false);
    expect(run([], [], ['L'], ['Q']).allowed).toBe(false);
    expect(run(['DMB.ST'], ['DMB.ST']).allowed).toBe(true);
    expect(run(['DMB.ST'], ['DMB.LD']).allowed).toBe(false);
  });

  it('aarch64: an acquire that discards its result (NoRet) does not order (MP+rel+SWPacq-noret)', () => {
    const m = stockModel('aarch64');
    const build = (tags: string[]) => {
      // P1: SWPA W4,WZR,[y] then LDR [x]; the swap reads P0's release store of y.
      const { s, ids } = skeleton(2, [
        [{ kind: 'W', loc: x }, { kind: 'W', loc: y, tags: ['L'] }],
        [{ kind: 'R', loc: y, tags }, { kind: 'W', loc: y }, { kind: 'R', loc: x }],
      ], {});
      const [[wx, wy], [ry, wy2, rx]] = ids;
      const rel = new Map([['rmw', [[ry, wy2]] as [number, number][]], ['amo', [[ry, wy2]] as [number, number][]]]);
      const sk = { ...s, relations: rel };
      return m.prepare(sk).check(choice(sk, [[wy, ry], [x, rx]], [[x, wx], [y, wy, wy2]]));
    };
    expect(build(['A']).allowed).toBe(false);
    expect(build(['A', 'NoRet']).allowed).toBe(true);
  });

  it('aarch64 LB: a pick data dependency (CSEL) plus a release forbids, no dependency allows', () => {
    const m = stockModel('aarch64');
    const build = (relations: Record<string, [number, number][]>) => {
      const { s, ids } = skeleton(2, [
        [{ kind: 'R', loc: x }, { kind: 'W', loc: y }],
        [{ kind: 'R', loc: y }, { kind: 'W', loc: x, tags: ['L'] }],
      ]);
      const [[rx, wy], [ry, wx]] = ids;
      const rels = Object.fromEntries(Object.entries(relations).map(([k, v]) => [k, v.map(([a, b]) => [ids[0][a], ids[0][b]] as [number, number])]));
      const sk = { ...s, relations: new Map(Object.entries(rels)) };
      return m.prepare(sk).check(choice(sk, [[wx, rx], [wy, ry]], [[x, wx], [y, wy]]));
    };
    expect(build({}).allowed).toBe(true);
    expect(build({ 'pick-data-dep': [[0, 1]] })).toMatchObject({ allowed: false, failedAxiom: 'external' });
    expect(build({ data: [[0, 1]] }).allowed).toBe(false);
  });

  it('x86tso uniproc rejects a locked read-modify-write reading from a write coherence-after its own', () => {
    const { s, ids } = skeleton(1, [
      [{ kind: 'R', loc: x, tags: ['X'] }, { kind: 'W', loc: x, tags: ['X'] }],
      [{ kind: 'W', loc: x }],
    ], {});
    const [[r, w], [other]] = ids;
    const sk = { ...s, relations: new Map([['rmw', [[r, w]] as [number, number][]]]) };
    const bad = choice(sk, [[other, r]], [[x, w, other]]);
    expect(stockModel('x86tso').prepare(sk).check(bad)).toMatchObject({ allowed: false, failedAxiom: 'uniproc' });
    const good = choice(sk, [[other, r]], [[x, other, w]]);
    expect(stockModel('x86tso').prepare(sk).check(good).allowed).toBe(true);
  });

  it('atomic rejects a write slipping between the halves of an rmw', () => {
    const { s, ids } = skeleton(1, [[{ kind: 'R', loc: x }, { kind: 'W', loc: x }], [{ kind: 'W', loc: x }]]);
    const [[r, w], [other]] = ids;
    const sk = { ...s, relations: new Map([['rmw', [[r, w]] as [number, number][]]]) };
    const c = choice(sk, [[x, r]], [[x, other, w]]);
    expect(stockModel('sc').prepare(sk).check(c)).toMatchObject({ allowed: false, failedAxiom: 'atomic' });
  });
});

describe('cat language', () => {
  const sb = storeBuffering();
  const verdict = (source: string) => compileModel(source, 'test.cat').prepare(sb.s).check(sb.c);

  it('titles, comments, functions, filters, builtins', () => {
    expect(compileModel('"My model"\n(* (* nested *) *)\nacyclic po', 'm.cat').name).toBe('My model');
    expect(compileModel('X86 TSO\nacyclic po', 'm.cat').name).toBe('X86 TSO');
    expect(compileModel('acyclic po', 'dir/m.cat').name).toBe('m');
    expect(verdict('let f(a, b) = a ; b\nempty f(po, po)').allowed).toBe(true);
    expect(verdict('empty WR(po) as wr').allowed).toBe(false);
    expect(verdict('empty WW(po) | RR(po) | RW(po)').allowed).toBe(true);
    expect(verdict('empty domain(rf) \\ W').allowed).toBe(true);
    expect(verdict('empty range(rf) \\ R').allowed).toBe(true);
    expect(verdict('empty fencerel(F)').allowed).toBe(true);
    expect(verdict('empty R * W \\ (R * W)').allowed).toBe(true);
    expect(verdict('~empty R * W').allowed).toBe(true);
    expect(verdict('empty ~(R | W)').allowed).toBe(true);
    expect(verdict('empty 0 | {}').allowed).toBe(true);
    expect(verdict('empty [DMB.ISH] | [NoSuchTag]').allowed).toBe(true);
    expect(verdict('irreflexive id as refl').failedAxiom).toBe('refl');
    expect(verdict('show po\nunshow po, rf as x\nacyclic (po | rf)^+ ; [_]').allowed).toBe(true);
  });

  it('operators bind as in herd: | looser than ; looser than \\ looser than &', () => {
    // po ; rf \ rf parses as po ; (rf \ rf) = empty
    expect(verdict('empty po ; rf \\ rf').allowed).toBe(true);
    // fr | po ; 0 is fr | (po ; 0), which is not empty
    expect(verdict('empty fr | po ; 0').allowed).toBe(false);
    // postfix binds tighter than prefix: ~po^-1 is ~(po^-1)
    expect(verdict('empty ~po^-1 & po^-1').allowed).toBe(true);
  });

  it('let rec computes a least fixpoint', () => {
    expect(verdict('let rec p = po | p ; p\nempty (p \\ po^+) | (po^+ \\ p)').allowed).toBe(true);
    expect(verdict('let rec a = po | b and b = a ; a\nempty (a \\ po^+)').allowed).toBe(true);
    expect(verdict('let rec hb = po | rf | fr | hb ; hb\nirreflexive hb as cyc').failedAxiom).toBe('cyc');
  });

  it('flags report without rejecting', () => {
    expect(verdict('flag ~empty fr as has-fr\nacyclic po')).toEqual({ allowed: true, flags: ['has-fr'] });
    expect(verdict('flag empty fr as no-fr\nacyclic po')).toEqual({ allowed: true, flags: [] });
  });

  it("let … in: bindings that hold in one expression only (herd7's, as the kernel's bell writes them)", () => {
    // The SB candidate (both reads see the initial writes) is a cycle of po and com: SC forbids it.
    expect(verdict('acyclic (let com = rf | co | fr in po | com) as sc').failedAxiom).toBe('sc');
    expect(verdict('let hb = let com = rf | co | fr and ppo = po-loc in ppo | com\nacyclic hb as coherence').allowed).toBe(true);
    // let rec … and … in: the bell's matching of RCU locks has this shape; here a = po^+.
    expect(verdict('empty (let rec a = po | b and b = a ; a in a) \\ po^+').allowed).toBe(true);
    expect(verdict('empty po^+ \\ (let rec a = po | b and b = a ; a in a)').allowed).toBe(true);
  });

  it('let … in scopes its bindings to its body', () => {
    expect(() => compileModel('let x = let com = rf in com\nacyclic com', 'scope.cat')).toThrow(/unknown name 'com'/);
  });

  it('if "variant" then … else …: the branch the run\'s variants choose (herd7\'s -variant)', () => {
    const source = 'acyclic (if "sc" then po | rf | co | fr else po-loc | rf | co | fr) as m';
    const withSc = compileModel(source, 'v.cat', undefined, undefined, ['sc']);
    expect(withSc.prepare(sb.s).check(sb.c).failedAxiom).toBe('m');
    const without = compileModel(source, 'v.cat');
    expect(without.prepare(sb.s).check(sb.c).allowed).toBe(true);
    expect(without.variantsTested).toEqual(['sc']);
    // A function's variants count, called or not.
    expect(compileModel('let f(r) = if "tso" then r else 0\nacyclic po', 'f.cat').variantsTested).toEqual(['tso']);
    // The kernel's bell: a flag that fires unless the variant is given (`_` is every event).
    const bell = 'flag ~empty (if "lkmmv2" then 0 else _) as needs-lkmmv2';
    expect(compileModel(bell, 'b.bell').prepare(sb.s).check(sb.c).flags).toEqual(['needs-lkmmv2']);
    expect(compileModel(bell, 'b.bell', undefined, undefined, ['lkmmv2']).prepare(sb.s).check(sb.c).flags).toEqual([]);
  });

  it('try … with: the fallback when the body names what is not defined', () => {
    expect(verdict('acyclic (try nosuch | po with po | rf | co | fr) as t').failedAxiom).toBe('t');
    expect(verdict('empty (try po with 0) as body').failedAxiom).toBe('body');
    // What a failed body built is dropped: its recursion group too.
    expect(verdict('empty (try (let rec a = po | a ; nosuch in a) with 0)').allowed).toBe(true);
    expect(verdict('empty emptyset').allowed).toBe(true);
    expect(verdict('empty W \\ emptyset as w').failedAxiom).toBe('w');
    // In a try body an annotation no architecture's events carry is undefined (as in herd7), so the fallback is taken;
    // a known one (A: acquire) is a set as anywhere else.
    expect(verdict('let r = try [FOO] ; po with po | rf | co | fr\nacyclic r as t').failedAxiom).toBe('t');
    expect(verdict('empty (try [A] | po with 0) as k').failedAxiom).toBe('k');
  });

  it('bell declarations: enum names annotations, instructions is read', () => {
    const m = compileModel("enum Accesses = 'ONCE || 'rcu-lock\ninstructions R[Accesses]\nempty [Rcu-lock] | [ONCE] | [Unknown]", 'k.bell');
    expect(m.prepare(sb.s).check(sb.c).allowed).toBe(true);
    // Only the undeclared annotation is worth a typo warning.
    expect(m.eventTags.map((t) => t.name)).toEqual(['Unknown']);
    expect(() => compileModel("enum E = 'a ||", 'k.bell')).toThrow(LitmusError);
    expect(() => compileModel("enum Strength = 'strong\ninstructions W[Strenght]", 'k.bell')).toThrow(/k\.bell:2:1: unknown enum 'Strenght' \(did you mean 'Strength'\?\)/);
  });

  it("different-values: the pairs whose events' values differ (herd7's, the bell's SRCU check)", () => {
    // T0 writes 1 to x; T1 reads 1 from it and writes 0 to y.
    const { s, ids } = skeleton(2, [[{ kind: 'W', loc: x, value: 1n }], [{ kind: 'R', loc: x, value: 1n }, { kind: 'W', loc: y, value: 0n }]]);
    const [[wx], [rx, wy]] = ids;
    const c = choice(s, [[wx, rx]], [[x, wx], [y, wy]]);
    const check = (source: string) => compileModel(source, 'd.cat').prepare(s).check(c);
    expect(check('empty different-values(rf)').allowed).toBe(true); // 1 read from a write of 1
    expect(check('empty different-values(co) as co-differs').failedAxiom).toBe('co-differs'); // x: 0 then 1
    expect(check('empty different-values(po)').allowed).toBe(false); // the read of 1, then the write of 0
  });

  it("herd7's standard library: toid, imply, nodetour, singlestep, ctrlcfence, co0, as stdlib.cat defines them", () => {
    // SB (both reads see the initial writes): po has 2 pairs, po;po none; co is init -> each write.
    expect(verdict('empty toid(W) \\ [W]').allowed).toBe(true);
    expect(verdict('empty imply(R, W) \\ (~R | W)').allowed).toBe(true);
    expect(verdict('empty singlestep(po) \\ po').allowed).toBe(true);
    expect(verdict('empty po \\ singlestep(po)').allowed).toBe(true); // no thread has three events
    expect(verdict('empty nodetour(po, po, po) \\ po').allowed).toBe(true);
    expect(verdict('empty ctrlcfence(F)').allowed).toBe(true);
    // co0: each initial write before its location's other write; here those are the final writes too.
    expect(verdict('empty co0 \\ co').allowed).toBe(true);
    expect(verdict('empty co \\ co0').allowed).toBe(true);
    // A model's own definition wins.
    expect(verdict('let toid(s) = 0\nempty toid(W)').allowed).toBe(true);
  });

  it('includes are resolved by the caller', () => {
    const files: Record<string, string> = { 'lib.cat': 'let hb = po | rf | fr' };
    const resolve = (name: string) => {
      if (!(name in files)) throw new Error('missing');
      return { source: files[name], file: name };
    };
    const m = compileModel('include "lib.cat"\nacyclic hb as hb', 'main.cat', resolve);
    expect(m.prepare(sb.s).check(sb.c).failedAxiom).toBe('hb');
  });
});

describe('cat errors are located', () => {
  const errorOf = (source: string, resolve?: Parameters<typeof compileModel>[2]) => {
    try {
      compileModel(source, 'bad.cat', resolve);
    } catch (e) {
      expect(e).toBeInstanceOf(LitmusError);
      const d = (e as LitmusError).diagnostics[0];
      return `${d.file}:${d.pos.line}:${d.pos.column}: ${d.message}`;
    }
    throw new Error('no error');
  };

  it('unknown names and functions', () => {
    expect(errorOf('let a = po\nacyclic a | nope')).toBe("bad.cat:2:13: unknown name 'nope'");
    expect(errorOf('acyclic frob(po)')).toMatch(/^bad\.cat:1:9: unknown function 'frob'/);
    expect(errorOf('let f(a) = a\nacyclic f')).toMatch(/^bad\.cat:2:9: 'f' is a function/);
    expect(errorOf('let f(a) = a\nacyclic f(po, po)')).toMatch(/^bad\.cat:2:9: 'f' takes 1 argument/);
  });

  it('set/relation type errors', () => {
    expect(errorOf('acyclic R ; po')).toMatch(/^bad\.cat:1:9: ';' needs a relation, but got a set/);
    expect(errorOf('empty po | W')).toMatch(/^bad\.cat:1:10: '\|' combines a relation with a set/);
    expect(errorOf('acyclic [po]')).toMatch(/^bad\.cat:1:10: \[…\] needs a set/);
    expect(errorOf('acyclic W')).toMatch(/^bad\.cat:1:9: 'acyclic' needs a relation/);
    expect(errorOf('empty domain(W)')).toMatch(/^bad\.cat:1:14: domain/);
  });

  it('syntax errors', () => {
    expect(errorOf('let = po')).toMatch(/^bad\.cat:1:5: syntax error: unexpected '='/);
    expect(errorOf('acyclic (po | rf')).toMatch(/^bad\.cat:1:17: syntax error: unexpected end of file, expected '\)'/);
    expect(errorOf('acyclic po\n  $')).toMatch(/^bad\.cat:2:3: unexpected character '\$'/);
    expect(errorOf('(* open\nacyclic po')).toMatch(/^bad\.cat:1:1: this comment is never closed/);
  });

  it("herd7-only constructs are named where reading stops, and only there", () => {
    expect(errorOf('acyclic po\nwith co from linearisations(W, po)')).toMatch(/^bad\.cat:2:14: herd7's linearisations .*: litmus's cat reader does not take it yet/);
    expect(errorOf('let f = fun x -> x\nacyclic po')).toMatch(/^bad\.cat:1:9: herd7's functions as values \('fun'\): litmus's cat reader does not take them yet/);
    expect(errorOf('acyclic map(po)')).toMatch(/^bad\.cat:1:9: 'map' takes a function and a set \(map f S\), but is given 1 argument/);
    // Reading stops on the next line (at '->'): the statement's herd7-only word is still the one named.
    expect(errorOf('let f x = match x with\n  || {} -> 0\n  end\nacyclic po')).toMatch(/^bad\.cat:1:11: herd7's 'match' over sets: litmus's cat reader does not take them yet/);
  });

  it("an event or a pair is not a set: {e} makes one", () => {
    expect(errorOf('let f e = (W * e) & loc\nlet s = map f R\nacyclic po')).toMatch(/^bad\.cat:1:16: the product '\*' needs a set, but got an event \(write \{x\} for the set holding it\)/);
    expect(errorOf('let f p = p | po\nlet s = map f rf\nacyclic po')).toMatch(/^bad\.cat:1:13: '\|' combines sets of events or relations, but got a pair of events \(write \{x\} for the relation holding it\)/);
    // `with x from {}`: no value, so no execution (not a type error).
    expect(() => compileModel('with x from {}\nacyclic po', 'ok.cat')).not.toThrow();
  });

  it('a name written after a relation is an application: one that is no function says so', () => {
    expect(errorOf('let y = po rf\nacyclic y')).toMatch(/^bad\.cat:1:9: 'po' is not a function: between two operands write an operator/);
    expect(errorOf('let x = rf\nlet y = x po\nacyclic y')).toMatch(/^bad\.cat:2:9: 'x' is not a function/);
  });

  it('keywords and strings are named as written in syntax errors', () => {
    expect(errorOf('let a = let b = po\nacyclic a')).toMatch(/^bad\.cat:2:1: syntax error: unexpected 'acyclic', expected 'in'/);
    expect(errorOf('let a = if sc then po else 0\nacyclic a')).toMatch(/^bad\.cat:1:12: syntax error: unexpected 'sc', expected a quoted string/);
  });

  it('missing include', () => {
    expect(errorOf('\ninclude "nowhere.cat"', () => { throw new Error('no'); })).toBe("bad.cat:2:1: cannot find included file 'nowhere.cat'");
    expect(errorOf('include "x.cat"')).toMatch(/^bad\.cat:1:1: cannot include 'x\.cat'/);
  });
});

describe('stored compiled models (what the bundled command line loads)', () => {
  // A model stored as JSON and rebuilt must judge exactly as the compiled one:
  // every state and count of every test of the library's aarch64 folder.
  it('answer as the models they were stored from', () => {
    const compiled = stockModel('aarch64');
    const stored = modelFromData(JSON.parse(JSON.stringify(modelData(compiled))));
    expect(stored.name).toBe(compiled.name);
    expect(stored.requiresCoherence).toBe(compiled.requiresCoherence);
    const folder = join(import.meta.dirname, '..', 'litmus', 'aarch64');
    for (const name of ['MP', 'MP+dmb.ishs', 'SB+dmb.ishs', 'IRIW+addrs', 'LB+datas']) {
      const test = parseLitmus(readFileSync(join(folder, `${name}.litmus`), 'utf8'));
      const answer = (r: ReturnType<typeof simulate>) => ({ states: r.states, positive: r.positive, negative: r.negative, flags: r.flags });
      expect(answer(simulate(test, stored)), name).toEqual(answer(simulate(test, compiled)));
    }
  });
});
