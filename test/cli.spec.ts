// The command line end to end: output formats, exit statuses, located errors.

import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './support/cli.js';

const fixture = (name: string) => join(import.meta.dirname, 'fixtures', name);


describe('litmus run', () => {
  it('prints herd7\'s block for MP: 4 states, the relaxed one observed', async () => {
    // Hand derivation: without barriers every pair of (flag, data) is allowed under
    // aarch64, so 4 states and the condition's state (1,0) is reachable: Sometimes.
    const { status, out } = await cli('run', '--format', 'herd', fixture('MP.litmus'));
    expect(status).toBe(0);
    expect(out).toContain('Test MP Allowed\nStates 4\n');
    expect(out).toContain('1:X0=0; 1:X2=0;\n1:X0=0; 1:X2=1;\n1:X0=1; 1:X2=0;\n1:X0=1; 1:X2=1;\nOk\nWitnesses\nPositive: 1 Negative: 3\n');
    expect(out).toContain('Condition exists (1:X0=1 /\\ 1:X2=0)\nObservation MP Sometimes 1 3\n');
  });

  it('the same test under SC never shows the relaxed state', async () => {
    const { out } = await cli('run', '--format', 'herd', '--model', 'sc', fixture('MP.litmus'));
    expect(out).toContain('Observation MP Never 0 3');
  });

  it('gives JSON with the facts per test', async () => {
    const { out } = await cli('run', '--format', 'json', fixture('MP.litmus'));
    const doc = JSON.parse(out);
    expect(doc.tests[0]).toMatchObject({ name: 'MP', arch: 'AArch64', ok: true, observation: 'Sometimes', positive: 1, negative: 3 });
    expect(doc.tests[0].states).toContainEqual({ '1:X0': '1', '1:X2': '0' });
  });

  it('reports a syntax error with file:line:column and exit 2', async () => {
    const { status, err } = await cli('run', fixture('bad-syntax.litmus'));
    expect(status).toBe(2);
    expect(err).toMatch(/bad-syntax\.litmus:\d+:\d+: /);
    expect(err).not.toMatch(/at .*\.js:\d+/); // no stack trace
  });

  it('names an unknown instruction and its line', async () => {
    const { status, err } = await cli('run', fixture('unknown-instruction.litmus'));
    expect(status).toBe(2);
    expect(err).toMatch(/unknown-instruction\.litmus:7:\d+: .*FROB/);
  });

  it("--variant names what a model's if \"…\" tests; a name nothing tests is refused", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'litmus-variant-'));
    const model = join(dir, 'v.cat');
    writeFileSync(model, 'acyclic (if "sc" then po | rf | co | fr else po-loc | rf | co | fr) as m\n');
    // MP's condition (1:X0=1 /\\ 1:X2=0) is allowed by coherence alone, forbidden under SC.
    const plain = await cli('run', '--format', 'herd', '--force-model', '--model', model, fixture('MP.litmus'));
    expect(plain.out).toMatch(/^Ok$/m);
    const sc = await cli('run', '--format', 'herd', '--force-model', '--model', model, '--variant', 'sc', fixture('MP.litmus'));
    expect(sc.out).toMatch(/^No$/m);
    const typo = await cli('run', '--model', model, '--variant', 'sC', fixture('MP.litmus'));
    expect(typo.status).toBe(2);
    expect(typo.err).toContain("--variant: unknown variant 'sC' (did you mean 'sc'?): litmus takes 'mixed'; the model tests 'sc' (with if \"…\")");
  });

  it("different-values sees the values a test's events write (herd7's different-values, end to end)", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'litmus-values-'));
    const model = join(dir, 'dv.cat');
    writeFileSync(model, 'flag ~empty different-values([W] ; po ; [W]) as two-values\nacyclic po | rf | co | fr as sc\n');
    const test = (second: number) => `AArch64 W${second}\n{ 0:X1=x; }\n P0          ;\n MOV W0,#1   ;\n STR W0,[X1] ;\n MOV W2,#${second}   ;\n STR W2,[X1] ;\nexists (x=${second})\n`;
    // One thread writes 1 then 2 to x: two writes in po with different values.
    writeFileSync(join(dir, 'W2.litmus'), test(2));
    writeFileSync(join(dir, 'W1.litmus'), test(1));
    const differ = await cli('run', '--format', 'herd', '--model', model, join(dir, 'W2.litmus'));
    expect(differ.out).toMatch(/^Flag two-values$/m);
    const same = await cli('run', '--format', 'herd', '--model', model, join(dir, 'W1.litmus'));
    expect(same.status).toBe(0);
    expect(same.out).not.toMatch(/Flag two-values/);
    // A stock model's file name that is nowhere here is the stock model, as herd7 finds its library's files.
    const library = await cli('run', '--format', 'herd', '--model', 'sc.cat', fixture('MP.litmus'));
    const stock = await cli('run', '--format', 'herd', '--model', 'sc', fixture('MP.litmus'));
    expect(library.status).toBe(0);
    expect(library.out).toBe(stock.out);
    // With a variant to check, an unknown model is still reported as --model's.
    const unknown = await cli('run', '--model', 'nosuch', '--variant', 'sc', fixture('MP.litmus'));
    expect(unknown.err).toContain("litmus: --model: no model named 'nosuch'");
  });

  it('reports a missing file, and an unknown model, as input errors', async () => {
    expect((await cli('run', fixture('nope.litmus'))).status).toBe(2);
    const { status, err } = await cli('run', '--model', 'nosuch', fixture('MP.litmus'));
    expect(status).toBe(2);
    expect(err).toContain("litmus: --model: no model named 'nosuch'");
  });

  it('stops at --max-candidates and says so', async () => {
    const { status, err } = await cli('run', '--max-candidates', '2', fixture('MP.litmus'));
    expect(status).toBe(2);
    expect(err).toContain('--max-candidates');
  });
});

describe('litmus explain and compare', () => {
  const library = join(import.meta.dirname, '..', 'litmus');

  it('explains the patched QEMU test: the axiom, the barrier and the cycle back to its start', async () => {
    const { status, out } = await cli('explain', join(library, 'qemu', 'qemu-aio-llsc+dmb.litmus'));
    expect(status).toBe(0);
    expect(out).toContain('forbidden by external');
    expect(out).toMatch(/via \w+: F DMB\.ISH \(line \d+\)/);
    expect(out).toMatch(/back to \w+/);
  });

  it('writes DOT and SVG pictures, the same bytes twice', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'litmus-graph-'));
    const file = join(library, 'aarch64', 'MP+dmb.ishs.litmus');
    expect((await cli('explain', '--graph', dir, file)).status).toBe(0);
    const pictures = readdirSync(dir).sort();
    expect(pictures).toEqual(['MP+dmb.ishs.state-1.external.dot', 'MP+dmb.ishs.state-1.external.svg']);
    const first = readFileSync(join(dir, pictures[1]), 'utf8');
    await cli('explain', '--graph', dir, file);
    expect(readFileSync(join(dir, pictures[1]), 'utf8')).toBe(first);
  });

  it('gives the explanation as JSON: the witness edges with their labels', async () => {
    const { out } = await cli('explain', '--format', 'json', join(library, 'aarch64', 'MP+dmb.ishs.litmus'));
    const [explanation] = JSON.parse(out).explanations;
    const [state] = explanation.states;
    expect(state.allowed).toBe(false);
    expect(state.rejections[0].axiom).toBe('external');
    expect(state.rejections[0].witness.edges).toHaveLength(4);
    expect(state.rejections[0].graph.events.length).toBeGreaterThan(4);
  });

  it('compares models on the QEMU family: the 2020 code differs between aarch64 and sc', async () => {
    const { status, out } = await cli('compare', '--summary', join(library, 'qemu'));
    expect(status).toBe(0);
    expect(out).toMatch(/qemu-aio-llsc\s+allowed\s+—\s+forbidden \(sc\)\s+—\s+≠/);
    expect(out).toMatch(/qemu-aio-x86-lockor\s+—\s+forbidden \(tso\)\s+forbidden \(sc\)/);
  });
});

describe('models', () => {
  it('--version names the herd7 revision each stock model follows', async () => {
    const { status, out } = await cli('--version');
    expect(status).toBe(0);
    expect(out).toMatch(/^litmus \d+\.\d+\.\d+\n/);
    expect(out).toMatch(/aarch64 .*herdtools7 rev 5feffe4/);
    expect(out).toMatch(/x86tso .*rev 5feffe4/);
  });

  it('warns (once, located) about an event annotation no architecture produces, and still runs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'litmus-cat-'));
    const model = join(dir, 'typo.cat');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(model, '"typo"\nlet fenced = po; [DMBISH]; po\nacyclic fenced | rfe | fre as ob\n');
    const { status, err } = await cli('run', '--model', model, fixture('MP.litmus'), fixture('MP.litmus'));
    expect(status).toBe(0);
    expect(err.match(/warning: .*typo\.cat:2:19: .*'DMBISH'.*empty set/g)).toHaveLength(1);
  });

  it('the models we ship name only annotations our architectures produce', async () => {
    const { unknownEventTags } = await import('../src/node/models.js');
    const { loadModel } = await import('../src/node/models.js');
    for (const name of ['aarch64', 'x86tso', 'sc']) expect(unknownEventTags(loadModel(name))).toEqual([]);
  });
});

describe('explain with a negated axiom', () => {
  it('says what the axiom requires instead of showing an empty cycle', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'litmus-neg-'));
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir, 'needcycle.cat'), '"needs a cycle"\n~acyclic po | rf | co | fr as needcycle\n');
    const { status, out } = await cli('explain', '--all-states', '--model', join(dir, 'needcycle.cat'), fixture('MP.litmus'));
    expect(status).toBe(0);
    // The SC-consistent executions have no cycle in po|rf|co|fr, so this model rejects them.
    expect(out).toContain('needcycle (~acyclic) requires a cycle; this execution has none');
  });
});
