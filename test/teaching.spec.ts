// Issue 13, part 1: every state the condition asks about gets the model's
// reason, even when only candidates the engine prunes (breaking coherence or
// atomicity) reach it. The cycles below are checked by hand against the
// models' axioms: aarch64.cat's `internal` (acyclic po-loc | ca | rf) and
// `atomic` (empty rmw & (fre; coe)), sc.cat's `sc` (acyclic po | com).

import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { explain, parseTest, simulate, witnessText } from '../src/index.js';
import { cli } from './support/cli.js';

const root = join(import.meta.dirname, '..');
const load = (...parts: string[]) => parseTest(readFileSync(join(root, ...parts), 'utf8'));

/** The reasons given for the condition's state: `axiom: cycle`, per rejection. */
function reasons(test: ReturnType<typeof parseTest>, model?: string): string[] {
  const state = explain(test, model).states.find((s) => s.satisfies);
  return (state?.rejections ?? []).map((r) => `${r.axiom}: ${witnessText(r.witness, r.graph)}`);
}

describe('a reason for every forbidden state, however the engine pruned it', () => {
  it('CoRR: the second read cannot see the older write after the first saw the newer (po-loc against fr)', () => {
    const test = load('litmus', 'aarch64', 'CoRR.litmus');
    expect(reasons(test)).toEqual(['internal: a: W[x]=1 P0 —rf→ b: R[x]=1 P1 —po-loc→ c: R[x]=0 P1 —ca (fr)→ a']);
    expect(reasons(test, 'sc')).toEqual(['sc: a: W[x]=1 P0 —rf→ b: R[x]=1 P1 —po→ c: R[x]=0 P1 —fr→ a']);
    // The answer is run's: the extra candidates only explain.
    const run = simulate(test);
    const explained = explain(test).result;
    expect([explained.positive, explained.negative, explained.observation, explained.stats.candidates]).toEqual([run.positive, run.negative, run.observation, run.stats.candidates]);
  });

  it('CoWW: a thread\'s two writes to x end in program order (po-loc against co)', () => {
    expect(reasons(load('litmus', 'aarch64', 'CoWW.litmus'))).toEqual(['internal: a: W[x]=1 P0 —po-loc→ b: W[x]=2 P0 —ca (co)→ a']);
  });

  it('two LDADDs on one location cannot both read the initial value (the atomicity axiom)', () => {
    const test = load('test', 'fixtures', 'teaching', 'LDADD+LDADD.litmus');
    const [reason] = reasons(test);
    // P1's LDADD reads 0 while P0's write of 1 comes, in co, between that read's source (the initial write) and P1's own write.
    expect(reason).toMatch(/^atomic: \w: R\[x\]=0 \(X\) P\d —rmw & \(fre; coe\)→ \w: W\[x\]=1 \(X\) P\d$/);
  });

  it('compare keeps the condition\'s row when every model forbids it, with each model\'s axiom', async () => {
    const { out } = await cli('compare', join(root, 'litmus', 'qemu', 'qemu-aio-llsc+dmb.litmus'));
    expect(out).toMatch(/0 {5}0 {5}0 {5}◆ {5}forbidden \(external\) +forbidden \(sc\)/);
    const corr = await cli('compare', join(root, 'litmus', 'aarch64', 'CoRR.litmus'));
    expect(corr.out).toMatch(/1 {5}0 {5}◆ {5}forbidden \(internal\) +forbidden \(sc\)/);
  });

  it('run takes explain\'s options: --graph (which implies --explain) and --all-states', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'litmus-teach-'));
    const { status, out } = await cli('run', '--format', 'herd', '--graph', dir, join(root, 'litmus', 'aarch64', 'CoRR.litmus'));
    expect(status).toBe(0);
    expect(out).toContain('forbidden by internal');
    expect(readdirSync(dir).sort()).toEqual(['CoRR.state-1.internal.dot', 'CoRR.state-1.internal.svg']);
    const all = await cli('run', '--format', 'herd', '--all-states', join(root, 'litmus', 'aarch64', 'CoRR.litmus'));
    expect(all.out.match(/^ {2}1:X0=\d; 1:X2=\d;/gm)).toHaveLength(4);
    expect(existsSync(dir)).toBe(true);
  });
});
