// The witness search (src/cat/witness-search.ts): why a candidate is rejected,
// as a cycle or pair whose edges name the model's own relations and branches.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Choice, CompiledModel } from '../src/cat/api.js';
import { compileModel, PreparedCatModel } from '../src/cat/index.js';
import { loadModel } from '../src/node/models.js';
import { buildSkeleton } from '../src/enumerate/combination.js';
import type { AxiomWitness, WitnessEdge } from '../src/cat/witness.js';
import { type JudgedCandidate, simulate } from '../src/simulate.js';
import { parseLitmus } from '../src/syntax/parse.js';

const root = join(import.meta.dirname, '..');

interface Rejected {
  candidate: JudgedCandidate;
  prepared: PreparedCatModel;
  witness: AxiomWitness;
}

/** The rejected candidates whose final state satisfies the test's condition, each explained. */
function rejectedSatisfying(litmus: string, model: CompiledModel): Rejected[] {
  const found: JudgedCandidate[] = [];
  simulate(parseLitmus(litmus), model, {
    onCandidate: (c) => {
      // The enumerator reuses its rf buffer: keep a copy.
      if (c.satisfies && !c.verdict.allowed) found.push({ ...c, choice: { rf: c.choice.rf.slice(), co: c.choice.co.map((o) => [...o]) } });
    },
  });
  return found.map((candidate) => {
    const prepared = model.prepare(buildSkeleton(candidate.combination)) as PreparedCatModel;
    const witness = prepared.explain(candidate.choice);
    expect(witness).toBeDefined();
    return { candidate, prepared, witness: witness! };
  });
}

const litmusFile = (path: string) => readFileSync(join(root, 'litmus', path), 'utf8');

/** Each edge is in the relation it names (when that is a definition or primitive of the model). */
function expectEdgesInTheirRelations(prepared: PreparedCatModel, choice: Choice, edges: WitnessEdge[]) {
  for (const e of edges) {
    const relation = prepared.relationNamed(choice, e.relation);
    expect(relation, `relation ${e.relation}`).toBeDefined();
    expect(relation!.has(e.from, e.to), `${e.from} -${e.relation}-> ${e.to}`).toBe(true);
  }
}

function expectClosedChain(edges: WitnessEdge[]) {
  expect(edges.length).toBeGreaterThan(0);
  edges.forEach((e, i) => expect(edges[(i + 1) % edges.length].from).toBe(e.to));
}

describe('explain: why a candidate is rejected', () => {
  it('MP+dmb.ishs under aarch64: external, a cycle of rfe, fre and two bob steps through the barriers', () => {
    const model = loadModel('aarch64');
    const rejected = rejectedSatisfying(litmusFile('aarch64/MP+dmb.ishs.litmus'), model);
    expect(rejected).toHaveLength(1);
    const { candidate, prepared, witness } = rejected[0];
    expect(witness.axiom).toBe('external');
    expect(witness.kind).toBe('irreflexive');
    expect(candidate.verdict.failedAxiom).toBe('external');
    const edges = witness.edges;
    expectClosedChain(edges);
    expect(edges).toHaveLength(4);
    expectEdgesInTheirRelations(prepared, candidate.choice, edges);

    const byBranch = (branch: string) => edges.filter((e) => e.branch === branch);
    expect(byBranch('rfe')).toMatchObject([{ relation: 'obs', primitives: ['rfe'] }]);
    expect(byBranch('fre')).toMatchObject([{ relation: 'obs', primitives: ['fre'] }]);
    const bobs = edges.filter((e) => e.relation === 'bob');
    expect(bobs).toHaveLength(2);
    const events = candidate.combination.paths;
    for (const bob of bobs) {
      expect(bob.branch).toContain('po; [dmb.full]; po');
      expect(bob.primitives).toEqual(['po', 'po']);
    }
    // By hand: P0's W x -bob-> W y -rfe-> P1's R y -bob-> R x -fre-> W x.
    const [p0, p1] = candidate.combination.offsets;
    const wx = p0, wy = p0 + events[0].events.length - 1, ry = p1, rx = p1 + events[1].events.length - 1;
    const cycle = new Map(edges.map((e) => [e.from, e.to]));
    expect(Object.fromEntries(cycle)).toEqual({ [wx]: wy, [wy]: ry, [ry]: rx, [rx]: wx });
    expect(edges.find((e) => e.from === wy)!.branch).toBe('rfe');
    expect(edges.find((e) => e.from === rx)!.branch).toBe('fre');
  });

  it('SB under sc: the relaxed state fails sc by a cycle of po and fr', () => {
    const model = loadModel('sc');
    const rejected = rejectedSatisfying(litmusFile('x86/SB.litmus'), model);
    expect(rejected).toHaveLength(1);
    const { candidate, prepared, witness } = rejected[0];
    expect(witness).toMatchObject({ axiom: 'sc', kind: 'acyclic' });
    expectClosedChain(witness.edges);
    expectEdgesInTheirRelations(prepared, candidate.choice, witness.edges);
    // W x -po-> R y -fr-> W y -po-> R x -fr-> W x: the primitives are the relations themselves.
    const labels = witness.edges.map((e) => e.relation);
    expect(labels).toHaveLength(4);
    expect([...labels].sort()).toEqual(['fr', 'fr', 'po', 'po']);
    for (const e of witness.edges) {
      expect(e.primitives).toEqual([e.relation]);
      expect(e.branch).toBeUndefined();
    }
    expect(labels[0]).not.toBe(labels[1]);
  });

  it('an empty axiom names the offending pair: a write between the halves of an exclusive pair', () => {
    // Written with fr, not fre, so that the enumerator does not discard such candidates before the model sees them.
    const model = compileModel('"atomic only"\nlet between = fr; coe\nempty rmw & between as atomic\n', 'atomic.cat');
    const test = `AArch64 excl
{ 0:X1=x; 1:X1=x; }
 P0              | P1          ;
 LDXR W0,[X1]    | MOV W2,#2   ;
 MOV W3,#1       | STR W2,[X1] ;
 STXR W4,W3,[X1] |             ;
exists (0:X0=0 /\\ 0:X4=0 /\\ x=1)`;
    const rejected = rejectedSatisfying(test, model);
    expect(rejected.length).toBeGreaterThan(0);
    for (const { candidate, witness } of rejected) {
      expect(witness).toMatchObject({ axiom: 'atomic', kind: 'empty' });
      // The load-exclusive and store-exclusive of P0: its first event and its last.
      const p0 = candidate.combination.offsets[0];
      const last = p0 + candidate.combination.paths[0].events.length - 1;
      // Between them, P1's store: the write the pair's read is overwritten by.
      const p1Store = candidate.combination.offsets[1];
      expect(witness.edges).toEqual([{ from: p0, to: last, relation: 'rmw & between', primitives: ['fr', 'coe'], via: [p1Store] }]);
    }
  });

  it('looks through let rec: a cycle in ob = obs | bob | ob; ob is made of obs and bob steps, branches quoted without comments', () => {
    const model = compileModel(
      `"rec"
let obs = rfe | fre
let bob = po; (* through a
  fence *) [F];   po
  | [A]; po
let rec ob = obs | bob | ob; ob
irreflexive ob as ordered`,
      'rec.cat',
    );
    const test = `AArch64 MP
{ 0:X1=x; 0:X3=y; 1:X1=y; 1:X3=x; }
 P0          | P1          ;
 MOV W0,#1   | LDR W0,[X1] ;
 STR W0,[X1] | DMB SY      ;
 DMB SY      | LDR W2,[X3] ;
 MOV W2,#1   |             ;
 STR W2,[X3] |             ;
exists (1:X0=1 /\\ 1:X2=0)`;
    const [{ candidate, prepared, witness }] = rejectedSatisfying(test, model);
    expect(witness.axiom).toBe('ordered');
    expectClosedChain(witness.edges);
    expectEdgesInTheirRelations(prepared, candidate.choice, witness.edges);
    expect(witness.edges.map((e) => `${e.relation}:${e.branch}`).sort()).toEqual(['bob:po; [F]; po', 'bob:po; [F]; po', 'obs:fre', 'obs:rfe']);
  });

  it('irreflexive on a sequence outside definitions gives the chain it is built of', () => {
    const model = compileModel('"CoRW2"\nirreflexive po; coe; rfe as loop\n', 'loop.cat');
    // P0 reads P1's write, then writes x; P1's write is coherence-last.
    const test = `AArch64 CoRW2
{ 0:X1=x; 1:X1=x; }
 P0          | P1          ;
 LDR W0,[X1] | MOV W2,#1   ;
 MOV W3,#2   | STR W2,[X1] ;
 STR W3,[X1] |             ;
exists (0:X0=1 /\\ x=1)`;
    const [{ candidate, witness }] = rejectedSatisfying(test, model);
    expect(witness).toMatchObject({ axiom: 'loop', kind: 'irreflexive' });
    expectClosedChain(witness.edges);
    expect(witness.edges.map((e) => e.relation)).toEqual(['po', 'coe', 'rfe']);
    const p0 = candidate.combination.offsets[0];
    expect(witness.edges[0].from).toBe(p0);
  });

  it('returns undefined for an allowed candidate', () => {
    const model = loadModel('sc');
    let checked = 0;
    simulate(parseLitmus(litmusFile('x86/SB.litmus')), model, {
      onCandidate: (c) => {
        if (!c.verdict.allowed) return;
        const prepared = model.prepare(buildSkeleton(c.combination));
        expect(prepared.explain(c.choice)).toBeUndefined();
        checked++;
      },
    });
    expect(checked).toBe(3);
  });

  it('over the litmus corpus, every witness is a closed chain of edges in the relations they name', () => {
    let explained = 0;
    for (const [folder, models] of [['aarch64', ['aarch64']], ['qemu', ['aarch64']], ['x86', ['x86tso', 'sc']]] as const) {
      const files = readdirSync(join(root, 'litmus', folder)).filter((f) => f.endsWith('.litmus'));
      for (const file of files) {
        for (const name of models) {
          const model = loadModel(name);
          const rejected: JudgedCandidate[] = [];
          simulate(parseLitmus(litmusFile(`${folder}/${file}`)), model, {
            onCandidate: (c) => {
              if (!c.verdict.allowed && rejected.length < 8) rejected.push({ ...c, choice: { rf: c.choice.rf.slice(), co: c.choice.co.map((o) => [...o]) } });
            },
          });
          for (const c of rejected) {
            const prepared = model.prepare(buildSkeleton(c.combination)) as PreparedCatModel;
            const witness = prepared.explain(c.choice)!;
            expect(witness.axiom, file).toBe(c.verdict.failedAxiom);
            if (witness.kind !== 'empty') expectClosedChain(witness.edges);
            else expect(witness.edges.length).toBeGreaterThan(0);
            expectEdgesInTheirRelations(prepared, c.choice, witness.edges);
            for (const e of witness.edges) expect(e.primitives.length, `${file} ${e.relation}`).toBeGreaterThan(0);
            explained++;
          }
        }
      }
    }
    expect(explained).toBeGreaterThan(60);
  });
});
