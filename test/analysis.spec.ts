// Explanations end to end: the axiom and cycle that forbid a state, the
// witness that reaches an allowed one, and models compared state by state.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../src/node/models.js';
import { compareModels } from '../src/analysis/compare.js';
import type { CompiledModel } from '../src/cat/api.js';
import { explainTest } from '../src/analysis/explain.js';
import { describeWitness, witnessText } from '../src/report/witness-text.js';
import { parseLitmus } from '../src/syntax/parse.js';

const library = join(import.meta.dirname, '..', 'litmus');
const test = (path: string) => parseLitmus(readFileSync(join(library, path), 'utf8'), path);

describe('explain', () => {
  it('MP with DMB ISH on both sides: external, a cycle of rfe, fre and two barrier-ordered edges', () => {
    const { states } = explainTest(test('aarch64/MP+dmb.ishs.litmus'), loadModel('aarch64'));
    const relaxed = states.find((s) => s.satisfies)!;
    expect(relaxed.allowed).toBe(false);
    const [rejection] = relaxed.rejections;
    expect(rejection.axiom).toBe('external');
    const steps = rejection.witness.edges.map((e) => (e.relation === 'obs' ? e.primitives.join(';') : e.relation)).sort();
    expect(steps).toEqual(['bob', 'bob', 'fre', 'rfe']);
    for (const edge of rejection.witness.edges.filter((e) => e.relation === 'bob')) {
      expect(edge.branch).toMatch(/dmb\.full/);
    }
    // The model's derivation of each barrier-ordered step passes through the DMB.
    for (const edge of rejection.witness.edges.filter((e) => e.relation === 'bob')) {
      expect(edge.via.map((id) => rejection.graph.events[id].label)).toEqual(['F DMB.ISH']);
    }
    // In words, the cycle walks back to where it started.
    expect(witnessText(rejection.witness, rejection.graph)).toMatch(/^(\w+): .* —.*→ .* \1$/);
  });

  it('the QEMU LL/SC hang: the bad state is allowed, and in its witness both reads see the initial values', () => {
    const { states } = explainTest(test('qemu/qemu-aio-llsc.litmus'), loadModel('aarch64'));
    const hang = states.find((s) => s.satisfies)!;
    expect(hang.allowed).toBe(true);
    const plainReads = describeWitness(hang.witness!.graph).filter((l) => /LDR/.test(l));
    expect(plainReads).toHaveLength(2);
    for (const line of plainReads) expect(line).toMatch(/reads from the initial value/);
  });

  it('the patched QEMU test is forbidden, and the cycle goes through the barrier', () => {
    const { states } = explainTest(test('qemu/qemu-aio-llsc+dmb.litmus'), loadModel('aarch64'));
    const hang = states.find((s) => s.satisfies)!;
    expect(hang.allowed).toBe(false);
    expect(hang.rejections[0].axiom).toBe('external');
    expect(hang.rejections[0].witness.edges.some((e) => /dmb\.full/.test(e.branch ?? ''))).toBe(true);
  });
});

describe("explain under the kernel's model", () => {
  it("MP+wmb+rmb: each hb step is named by its branch inside hb's [Marked] filters, and the prop step is spelled out", () => {
    const { states } = explainTest(test('linux/MP+wmb+rmb.litmus'), loadModel('lkmm'));
    const relaxed = states.find((s) => s.satisfies)!;
    expect(relaxed.allowed).toBe(false);
    const [rejection] = relaxed.rejections;
    expect(rejection.axiom).toBe('happens-before');
    const { edges } = rejection.witness;
    const label = (id: number) => rejection.graph.events[id].label;
    // By hand (hb = [Marked]; (ppo | rfe | ((prop \ id) & int)); [Marked]): P1's READ_ONCE(y) is
    // ordered before its READ_ONCE(x) by the smp_rmb() between them (ppo, through fence & int), and
    // the read of x=0 comes back to the read of y=1 through P0: it is overwritten by WRITE_ONCE(x, 1)
    // (fr), which smp_wmb() puts before WRITE_ONCE(y, 1) (po; po), which the read of y reads (rfe):
    // prop, an internal pair of P1's.
    expect(edges.map((e) => [label(e.from), e.relation, e.branch, e.primitives.join('; '), label(e.to)])).toEqual([
      ['R[y]=1 (ONCE)', 'hb', 'ppo: fence & int', 'po; po', 'R[x]=0 (ONCE)'],
      ['R[x]=0 (ONCE)', 'hb', '(prop \\ id) & int', 'fr; po; po; rfe', 'R[y]=1 (ONCE)'],
    ]);
    expect(edges.map((e) => e.via.map(label))).toEqual([['F rmb'], ['W[x]=1 (ONCE)', 'F wmb', 'W[y]=1 (ONCE)']]);
    // In words: neither step's names say its primitives (ppo is not po), so they follow.
    const words = witnessText(rejection.witness, rejection.graph);
    expect(words).toContain('—hb (ppo: fence & int = po; po) via e: F rmb');
    expect(words).toContain('—hb ((prop \\ id) & int = fr; po; po; rfe) via b: F wmb');
  });

  it('SB+mbs: a pb step (no filter on its left) names its primitives', () => {
    const { states } = explainTest(test('linux/SB+mbs.litmus'), loadModel('lkmm'));
    const [rejection] = states.find((s) => s.satisfies)!.rejections;
    expect(rejection.axiom).toBe('propagation');
    // By hand: each read is overwritten by the other thread's write (fr), which smp_mb() orders before that thread's read (po; po).
    expect(rejection.witness.edges.map((e) => [e.relation, e.branch, e.primitives])).toEqual([
      ['pb', undefined, ['fr', 'po', 'po']],
      ['pb', undefined, ['fr', 'po', 'po']],
    ]);
    expect(witnessText(rejection.witness, rejection.graph)).toMatch(/^c: R\[y\]=0 \(ONCE\) P0 —pb \(fr; po; po\) via e: F MB \(line \d+\)→ f: .* —pb \(fr; po; po\) via b: F MB \(line \d+\)→ c$/);
  });
});

describe('compare', () => {
  it('SB on x86: the relaxed state is allowed by x86-TSO and forbidden by SC\'s sc axiom', () => {
    const comparison = compareModels(test('x86/SB.litmus'), [loadModel('x86tso'), loadModel('sc')]);
    const relaxed = comparison.rows.find((r) => r.satisfies)!;
    expect(relaxed.verdicts[0]).toEqual({ allowed: true, axioms: [] });
    expect(relaxed.verdicts[1]).toEqual({ allowed: false, axioms: ['sc'] });
    expect(relaxed.disagree).toBe(true);
    // The other three states: both models allow them.
    expect(comparison.rows.filter((r) => !r.disagree)).toHaveLength(3);
  });

  it('keeps what it can when one model cannot explain: its verdicts, the others\' explanations, the reason, each candidate heard once', () => {
    const sc = loadModel('sc');
    const broken: CompiledModel = {
      ...sc,
      name: 'broken SC',
      prepare: (skeleton) => {
        const prepared = sc.prepare(skeleton);
        return { check: (choice) => prepared.check(choice), explain: () => { throw new Error('no witness here'); }, axioms: () => { throw new Error('no witness here'); } };
      },
    };
    const sb = test('x86/SB.litmus');
    const heard = [0, 0];
    const comparison = compareModels(sb, [loadModel('x86tso'), broken], { explain: true, onCandidate: (m) => heard[m]++ });
    expect(comparison.explained).toBe(false);
    expect(comparison.explanationErrors).toEqual([undefined, 'no witness here']);
    const relaxed = comparison.rows.find((r) => r.satisfies)!;
    expect(relaxed.verdicts[0].explanation?.allowed).toBe(true);
    expect(relaxed.verdicts[1]).toEqual({ allowed: false, axioms: ['sc'] });
    // As many candidates as a plain run of each model judges.
    const plain = compareModels(sb, [loadModel('x86tso'), sc]);
    expect(heard).toEqual(plain.results.map((r) => r.stats.candidates));
  });
});

describe('explain: filters, forall and negated axioms', () => {
  const inline = (text: string) => parseLitmus(text, 'inline.litmus');
  const sb = (condition: string) => `AArch64 SB
{ 0:X1=x; 0:X3=y; 1:X1=y; 1:X3=x; }
 P0          | P1          ;
 MOV W0,#1   | MOV W0,#1   ;
 STR W0,[X1] | STR W0,[X1] ;
 LDR W2,[X3] | LDR W2,[X3] ;
${condition}
`;

  it('a state the filter drops is not explained (nor compared)', () => {
    const test = inline(sb('filter (0:X2=1 \\/ 1:X2=1)\nexists (0:X2=0 /\\ 1:X2=0)'));
    expect(explainTest(test, loadModel('aarch64')).states).toEqual([]);
    const comparison = compareModels(test, [loadModel('aarch64'), loadModel('sc')]);
    // Of the four states, the filter keeps the three where some load saw 1.
    expect(comparison.rows).toHaveLength(3);
    expect(comparison.rows.some((r) => r.satisfies)).toBe(false);
  });

  it('forall is decided by the states where the proposition fails: those are explained', () => {
    const test = inline(sb('forall (0:X2=1 \\/ 1:X2=1)'));
    const underSc = explainTest(test, loadModel('sc'));
    // Under SC the only counterexample (both loads 0) is forbidden by sc.
    expect(underSc.states).toHaveLength(1);
    expect(underSc.states[0]).toMatchObject({ values: ['0', '0'], satisfies: false, allowed: false });
    expect(underSc.states[0].rejections[0].axiom).toBe('sc');
    const underArm = explainTest(test, loadModel('aarch64'));
    expect(underArm.states[0]).toMatchObject({ values: ['0', '0'], allowed: true });
  });
});
