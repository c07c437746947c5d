// `litmus fix` (issue 12). Every expected repair is derived by hand from the
// Arm ARM's ordering rules (B2.3) or x86-TSO, and every repair the search
// returns is simulated again here, from its own text, and its diff applied.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyPatch } from 'diff';
import { describe, expect, it } from 'vitest';
import { applyEdits } from '../src/fix/edit.js';
import { findRedundant, findRepairs, type FixReport, type Repair } from '../src/fix/search.js';
import { loadModel } from '../src/node/models.js';
import { simulate } from '../src/simulate.js';
import { parseLitmus } from '../src/syntax/parse.js';
import { cli } from './support/cli.js';
import { fix, fixRedundant, unifiedDiff } from '../src/index.js';
import { c11Repairs } from '../src/arch/c/repairs.js';

const root = join(import.meta.dirname, '..');
const path = (...parts: string[]) => join(root, ...parts);
const read = (file: string) => readFileSync(file, 'utf8');
const aarch64 = loadModel('aarch64');
const x86tso = loadModel('x86tso');

/** The moves of a repair as `P<thread> <from> → <to>` (a barrier: `P0 DMB ISH before LDR …`). */
function movesOf(repair: Repair): string[] {
  return repair.moves.map((m) => (m.kind === 'barrier' ? `P${m.thread} ${m.to} before ${m.from}` : `P${m.thread} ${m.from} → ${m.to}`));
}

/** Simulates each repair's text afresh: the bad outcome must be forbidden; its diff applied to the original gives the same text. */
function verify(report: FixReport, model = aarch64): void {
  for (const repair of [...report.repairs, ...(report.combined ? [report.combined] : [])]) {
    const result = simulate(parseLitmus(repair.source), model);
    expect(result.quantifier === 'forall' ? result.negative : result.positive).toBe(0);
    expect(repair.cost).toBeGreaterThan(0);
  }
}

describe('litmus fix: repairs', () => {
  it('the QEMU hang (2020): the acquire load, then the patch\'s own full barrier, on the main loop\'s thread', () => {
    const file = path('litmus', 'qemu', 'qemu-aio-llsc.litmus');
    const report = findRepairs(read(file), file, { model: aarch64, max: 5 });
    expect(report.status).toBe('allowed');
    verify(report);
    // STLXR then LDAR: [L]; po; [A] is in bob. A full DMB ISH before the plain load is smp_mb(). LDAPR is not enough:
    // an RCpc acquire is not ordered after an earlier release. These two are every minimal repair (P1 has its smp_mb()).
    expect(report.repairs.map(movesOf)).toEqual([['P0 LDR W3,[X4] → LDAR W3,[X4]'], ['P0 DMB ISH before LDR W3,[X4]']]);
    expect(report.repairs.map((r) => r.cost)).toEqual([2, 4]);
    expect(report.exhausted).toBe(true);
    expect(report.repairs[1].why?.axiom).toBe('external');
  });

  it('MP: a barrier or release on the writer and an acquire or barrier on the reader, never one side alone', () => {
    const file = path('litmus', 'aarch64', 'MP.litmus');
    const report = findRepairs(read(file), file, { model: aarch64, max: 10 });
    verify(report);
    const found = report.repairs.map((r) => movesOf(r).join(' + '));
    expect(found).toContain('P0 DMB ISHST before STR W2,[X3] + P1 DMB ISHLD before LDR W2,[X3]');
    expect(found).toContain('P0 STR W2,[X3] → STLR W2,[X3] + P1 LDR W0,[X1] → LDAPR W0,[X1]');
    // LDAR where LDAPR (cheaper, at the same place) does: not worth a line of its own, unless every minimal repair is asked for.
    expect(found).not.toContain('P0 DMB ISHST before STR W2,[X3] + P1 LDR W0,[X1] → LDAR W0,[X1]');
    const every = findRepairs(read(file), file, { model: aarch64, max: 10, allForms: true });
    verify(every);
    expect(every.repairs.map((r) => movesOf(r).join(' + '))).toContain('P0 DMB ISHST before STR W2,[X3] + P1 LDR W0,[X1] → LDAR W0,[X1]');
    // The cheapest: DMB ISHST (2) with LDAPR (1), then STLR (2) with LDAPR (1).
    expect(found.slice(0, 2)).toEqual(['P0 DMB ISHST before STR W2,[X3] + P1 LDR W0,[X1] → LDAPR W0,[X1]', 'P0 STR W2,[X3] → STLR W2,[X3] + P1 LDR W0,[X1] → LDAPR W0,[X1]']);
    expect(report.repairs.every((r) => new Set(r.moves.map((m) => m.thread)).size === 2)).toBe(true);
    // Cheapest first, and no repair contains another.
    const costs = report.repairs.map((r) => r.cost);
    expect(costs).toEqual([...costs].sort((a, b) => a - b));
    for (const a of report.repairs) for (const b of report.repairs) if (a !== b) expect(a.moves.every((m) => b.moves.some((n) => n.id === m.id))).toBe(false);
  });

  it('with dependencies on offer, MP\'s reader may take an address dependency instead of an acquire (MP+dmb.ishst+addr is Forbidden)', () => {
    const file = path('litmus', 'aarch64', 'MP.litmus');
    const without = findRepairs(read(file), file, { model: aarch64, max: 20 });
    expect(without.repairs.some((r) => r.moves.some((m) => m.kind === 'dependency'))).toBe(false);
    const report = findRepairs(read(file), file, { model: aarch64, max: 4, dependencies: true });
    verify(report);
    const found = report.repairs.map((r) => movesOf(r).join(' + '));
    expect(found).toContain('P0 DMB ISHST before STR W2,[X3] + P1 LDR W2,[X3] → EOR X9,X0,X0 ; LDR W2,[X3,X9]');
    const repair = report.repairs.find((r) => r.moves.some((m) => m.kind === 'dependency'))!;
    expect(repair.source).toContain('\n             | EOR X9,X0,X0 ;\n STR W0,[X1] | LDR W2,[X3,X9] ;\n');
  });

  it('SB on x86: MFENCE on both sides (or a locked exchange for a store); one side is not enough', () => {
    const file = path('litmus', 'x86', 'SB.litmus');
    const report = findRepairs(read(file), file, { model: x86tso, max: 4 });
    verify(report, x86tso);
    expect(report.repairs.map((r) => movesOf(r).join(' + '))[0]).toBe('P0 MFENCE before MOV EBX,[y] + P1 MFENCE before MOV EBX,[x]');
    expect(report.repairs.map((r) => r.cost)).toEqual([8, 8, 8, 8]);
    // The exchange goes through a register the thread does not use (EBX holds the load's result).
    expect(report.repairs.some((r) => movesOf(r).some((m) => m.includes('MOV ECX,$1 ; XCHG [x],ECX')))).toBe(true);
  });

  it('a cost file changes the order: a cheap DMB ISH comes before the acquire load; a stronger form cheaper than a weaker one is refused', () => {
    const file = path('litmus', 'qemu', 'qemu-aio-llsc.litmus');
    const report = findRepairs(read(file), file, { model: aarch64, costs: { 'DMB ISH': 1.5, 'DMB ISHLD': 1, 'DMB ISHST': 1 } });
    expect(report.repairs.map(movesOf)[0]).toEqual(['P0 DMB ISH before LDR W3,[X4]']);
    expect(report.repairs[0].cost).toBe(1.5);
    expect(() => findRepairs(read(file), file, { model: aarch64, costs: { LDAPR: 3 } })).toThrow(/LDAR \(2\) must cost more than LDAPR \(3\)/);
    expect(() => findRepairs(read(file), file, { model: aarch64, costs: { LDAR: 0 } })).toThrow(/'LDAR' should cost a finite number above 0/);
  });

  it('upgrades a barrier that is there rather than adding another beside it (SB+dmb.ishsts: DMB ISHST → DMB ISH on both sides)', () => {
    const file = path('litmus', 'aarch64', 'SB+dmb.ishsts.litmus');
    const report = findRepairs(read(file), file, { model: aarch64, max: 1 });
    verify(report);
    expect(report.repairs.map(movesOf)).toEqual([['P0 DMB ISHST → DMB ISH', 'P1 DMB ISHST → DMB ISH']]);
    expect(report.repairs[0].cost).toBe(4);
  });

  it('never counts as a repair a change that makes the bad state impossible instead of forbidden (a borrowed register in use)', () => {
    // CMPXCHG compares with EAX without naming it: an XCHG through EAX would change what P0 computes.
    const source = `X86 cmpxchg-eax
{ x=3; }
 P0              | P1          ;
 MOV [x],$1      | MOV [y],$1  ;
 MOV ECX,$5      | MOV EBX,[x] ;
 CMPXCHG [z],ECX |             ;
 MOV EBX,[y]     |             ;
exists (0:EBX=0 /\\ 1:EBX=3 /\\ z=5)
`;
    const report = findRepairs(source, undefined, { model: x86tso, max: 5 });
    verify(report, x86tso);
    for (const repair of report.repairs) {
      // The bad state stays a candidate execution: the model forbids it, the program still reaches it.
      const result = simulate(parseLitmus(repair.source), loadModel('sc'));
      expect(repair.cost).toBeGreaterThanOrEqual(8);
      expect(result.positive + result.negative).toBeGreaterThan(0);
    }
  });

  it('leaves out a move its text cannot take (an instruction split by a comment), and keeps CRLF line endings', () => {
    const mp = read(path('litmus', 'aarch64', 'MP.litmus'));
    const split = mp.replace(' STR W2,[X3] |', ' STR W2,(* flag *)[X3] |');
    const report = findRepairs(split, undefined, { model: aarch64, max: 3 });
    verify(report);
    // Without STR → STLR on the split store, the places left: a barrier on P0 with LDAPR, or with DMB ISHLD, on P1.
    expect(report.repairs.map((r) => movesOf(r).join(' + '))).toEqual([
      // (the cell's text is read without its comment)
      'P0 DMB ISHST before STR W2, [X3] + P1 LDR W0,[X1] → LDAPR W0,[X1]',
      'P0 DMB ISHST before STR W2, [X3] + P1 DMB ISHLD before LDR W2,[X3]',
    ]);
    expect(report.repairs.flatMap((r) => r.moves).some((m) => m.from.includes('(* flag *)') && m.kind === 'stronger')).toBe(false);
    const crlf = findRepairs(mp.replace(/\n/g, '\r\n'), undefined, { model: aarch64, max: 1 });
    expect(crlf.repairs[0].source.split('\n').slice(0, -1).every((l) => l.endsWith('\r'))).toBe(true);
  });

  it('a test that fails when run is a located error, not an internal one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'litmus-fix-'));
    writeFileSync(join(dir, 'rax.litmus'), 'X86 rax\n{ }\n P0 ;\n MOV RAX,[y] ;\nexists (0:EAX=0)\n');
    const { status, err } = await cli('fix', join(dir, 'rax.litmus'));
    expect(status).toBe(2);
    expect(err).toMatch(/rax\.litmus:\d+:\d+: /);
    expect(err).not.toMatch(/internal error/);
  });

  it('a test already forbidden needs nothing; a test with forall is repaired where its proposition fails', () => {
    const fenced = path('litmus', 'aarch64', 'MP+dmb.ishs.litmus');
    expect(findRepairs(read(fenced), fenced, { model: aarch64 })).toMatchObject({ status: 'forbidden', repairs: [] });
    const forall = read(path('litmus', 'aarch64', 'MP.litmus')).replace('exists (1:X0=1 /\\ 1:X2=0)', 'forall (1:X0=0 \\/ 1:X2=1)');
    const report = findRepairs(forall, undefined, { model: aarch64, max: 1 });
    verify(report);
    expect(report.repairs.map(movesOf)).toEqual([['P0 DMB ISHST before STR W2,[X3]', 'P1 LDR W0,[X1] → LDAPR W0,[X1]']]);
  });

  it('stops at --max-variants and says so', () => {
    const file = path('litmus', 'aarch64', 'MP.litmus');
    const report = findRepairs(read(file), file, { model: aarch64, maxVariants: 3 });
    expect(report.stopped).toMatch(/3 variants \(--max-variants\)/);
    expect(report.exhausted).toBe(false);
    verify(report);
  });

  it('a barrier before a branch target carries the label, so that the jump passes it too', () => {
    const file = path('test', 'fixtures', 'fix', 'MP+loop.litmus');
    const report = findRepairs(read(file), file, { model: aarch64, max: 10 });
    verify(report);
    const repair = report.repairs.find((r) => movesOf(r).includes('P1 DMB ISHLD before LDR W2,[X3]'));
    expect(repair?.source).toContain(' Skip: DMB ISHLD ');
    expect(repair?.source).toMatch(/\| {7}LDR W2,\[X3\] ;/);
  });
});

describe('litmus fix --redundant', () => {
  it('MP+dmb.ishs: the writer\'s DMB ISH can be DMB ISHST and the reader\'s DMB ISHLD, also both at once', () => {
    const file = path('litmus', 'aarch64', 'MP+dmb.ishs.litmus');
    const report = findRedundant(read(file), file, { model: aarch64 });
    verify(report);
    expect(report.repairs.map(movesOf)).toEqual([['P0 DMB ISH → DMB ISHST'], ['P1 DMB ISH → DMB ISHLD']]);
    expect(report.combined && movesOf(report.combined)).toEqual(['P0 DMB ISH → DMB ISHST', 'P1 DMB ISH → DMB ISHLD']);
    expect(report.combined?.cost).toBe(4);
  });

  it('SB+dmb.ishs: nothing can go (store to load needs a full barrier)', () => {
    const file = path('litmus', 'aarch64', 'SB+dmb.ishs.litmus');
    expect(findRedundant(read(file), file, { model: aarch64 })).toMatchObject({ status: 'forbidden', repairs: [] });
  });

  it('the QEMU fix: with the patch\'s DMB ISH, the acquire and the release of the exclusive pair are not needed; the barriers are', () => {
    const file = path('litmus', 'qemu', 'qemu-aio-llsc+dmb.litmus');
    const report = findRedundant(read(file), file, { model: aarch64 });
    verify(report);
    // The forbidding cycle runs W[notify_me] —DMB ISH→ R[bh_flags] —fre→ W[bh_flags] —DMB ISH→ R[notify_me] —fre→ back:
    // it needs both full barriers (store to load) and neither annotation of LDAXR/STLXR.
    expect(report.repairs.map(movesOf)).toEqual([['P0 LDAXR W0,[X1] → LDXR W0,[X1]'], ['P0 STLXR W2,W0,[X1] → STXR W2,W0,[X1]']]);
    expect(report.combined && movesOf(report.combined)).toEqual(['P0 LDAXR W0,[X1] → LDXR W0,[X1]', 'P0 STLXR W2,W0,[X1] → STXR W2,W0,[X1]']);
  });
});

describe('edits of the text', () => {
  it('keeps the grid\'s columns when a form grows, and removes a row left empty', () => {
    const source = read(path('litmus', 'aarch64', 'MP+dmb.ishs.litmus'));
    const test = parseLitmus(source);
    const barrier = test.threads[1].cells.findIndex((c) => c.text === 'DMB ISH');
    const removed = applyEdits(source, test, [{ kind: 'replace', thread: 1, cell: barrier, text: '' }]);
    expect(removed).toContain(' STR W0,[X1] |             ;\n');
    const load = test.threads[1].cells.findIndex((c) => c.text === 'LDR W0,[X1]');
    const grown = applyEdits(source, test, [{ kind: 'replace', thread: 1, cell: load, text: 'LDAPR W0,[X1]' }]);
    expect(grown).toContain(' MOV W0,#1   | LDAPR W0,[X1] ;\n');
    const single = parseLitmus(' AArch64 T\n{ }\n P0 ;\n DMB ISH ;\n MOV W0,#1 ;\nexists (0:X0=1)\n'.trimStart());
    expect(applyEdits(' AArch64 T\n{ }\n P0 ;\n DMB ISH ;\n MOV W0,#1 ;\nexists (0:X0=1)\n'.trimStart(), single, [{ kind: 'replace', thread: 0, cell: 0, text: '' }]))
      .toBe('AArch64 T\n{ }\n P0 ;\n MOV W0,#1 ;\nexists (0:X0=1)\n');
  });
});

describe('litmus fix on the command line', () => {
  it('prints each repair with its cost, reason and a diff that applies', async () => {
    const file = path('litmus', 'qemu', 'qemu-aio-llsc.litmus');
    const { status, out } = await cli('fix', file);
    expect(status).toBe(0);
    expect(out).toMatch(/: a state where it holds is allowed; the cheapest 2 repairs .* they are every minimal repair/);
    expect(out).toContain('  1. cost 2\n     P0 line 12: LDR W3,[X4] → LDAR W3,[X4]\n     why, in the changed test: external: ');
    // --format diff: the cheapest repair's diff alone, which git apply takes.
    const { out: patch } = await cli('fix', '--format', 'diff', file);
    expect(patch.match(/^--- a\//gm)).toHaveLength(1);
    const patched = applyPatch(read(file), patch);
    expect(patched).not.toBe(false);
    expect(patched).toContain(' LDAR W3,[X4] (* aio_compute_timeout');
    const git = spawnSync('git', ['apply', '--check', '-'], { cwd: root, input: patch, encoding: 'utf8' });
    if (!git.error) expect(git.stderr).toBe('');
  });

  it('--write writes the changed tests, --format json gives the moves as data', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'litmus-fix-'));
    const file = path('litmus', 'aarch64', 'MP+dmb.ishs.litmus');
    const { status, out } = await cli('fix', '--redundant', '--write', dir, '--format', 'json', file);
    expect(status).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['MP+dmb.ishs.weaker-1.litmus', 'MP+dmb.ishs.weaker-2.litmus', 'MP+dmb.ishs.weaker-all.litmus']);
    // Each test is named after its file, so that a run of the folder tells them apart.
    expect(read(join(dir, 'MP+dmb.ishs.weaker-2.litmus')).split('\n')[0]).toBe('AArch64 MP+dmb.ishs+weaker-2');
    expect(parseLitmus(read(join(dir, 'MP+dmb.ishs.weaker-all.litmus'))).name).toBe('MP+dmb.ishs+weaker-all');
    const doc = JSON.parse(out);
    expect(doc.fixes[0]).toMatchObject({ mode: 'redundant', status: 'forbidden' });
    expect(doc.fixes[0].repairs[0].moves[0]).toMatchObject({ thread: 0, line: 10, column: 2, kind: 'weaker', from: 'DMB ISH', to: 'DMB ISHST', key: 'DMB ISHST', cost: 2 });
  });

  it('refuses a bad cost file with a clear message (exit 2), and exits 1 when no repair exists', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'litmus-fix-'));
    writeFileSync(join(dir, 'c.json'), '{"DMB ISX": 3}');
    const bad = await cli('fix', '--costs', join(dir, 'c.json'), path('litmus', 'aarch64', 'MP.litmus'));
    expect([bad.status, bad.err]).toEqual([2, expect.stringMatching(/^litmus: --costs: 'DMB ISX' is no entry of a cost table \(entries: DMB ISHLD, /)]);
    // No move can forbid 1:X2=0 alone: even sequential consistency reaches it (P1 runs before P0).
    const stuck = read(path('litmus', 'aarch64', 'MP.litmus')).replace('exists (1:X0=1 /\\ 1:X2=0)', 'exists (1:X2=0)');
    writeFileSync(join(dir, 'stuck.litmus'), stuck);
    const none = await cli('fix', join(dir, 'stuck.litmus'));
    expect(none.status).toBe(1);
    expect(none.out).toMatch(/allowed, and no repair was found/);
  });
});

describe('fix from a program (the public API)', () => {
  it('fix and fixRedundant take the text, return verified repairs, and unifiedDiff shows one', () => {
    const file = path('litmus', 'qemu', 'qemu-aio-llsc.litmus');
    const source = read(file);
    const report = fix(source, 'qemu-aio-llsc.litmus', 'aarch64', { max: 1 });
    expect(report.repairs.map((r) => r.moves.map((m) => m.to))).toEqual([['LDAR W3,[X4]']]);
    expect(unifiedDiff('qemu-aio-llsc.litmus', source, report.repairs[0].source)).toMatch(/^--- a\/qemu-aio-llsc\.litmus\n\+\+\+ b\/qemu-aio-llsc\.litmus\n@@ /);
    expect(fixRedundant(read(path('litmus', 'aarch64', 'SB+dmb.ishs.litmus'))).repairs).toEqual([]);
  });
});

describe('litmus fix on C tests: the kernel\'s primitives, C11\'s orders', () => {
  const rc11 = loadModel('rc11');
  const lkmm = loadModel('lkmm');

  it("the QEMU race as C: QEMU's own fix, a seq_cst fence before the main loop's relaxed read, is a repair", () => {
    const file = path('litmus', 'qemu', 'qemu-aio.c.litmus');
    const report = findRepairs(read(file), file, { model: rc11, max: 5 });
    expect(report.status).toBe('allowed');
    verify(report, rc11);
    const found = report.repairs.map((r) => movesOf(r).join(' + '));
    // RC11: two SC fences around SB's reads close a psc cycle (kinds: qemu-aio+smp_mb.c Forbidden); so does the read made seq_cst.
    expect(found).toContain('P0 atomic_thread_fence(memory_order_seq_cst); before r0 = atomic_load_explicit(bh_flags, memory_order_relaxed);');
    expect(found).toContain('P0 r0 = atomic_load_explicit(bh_flags, memory_order_relaxed); → r0 = atomic_load_explicit(bh_flags, memory_order_seq_cst);');
    // The fence goes on a line of its own, indented as the statement it precedes; the declaration keeps its type.
    const fence = report.repairs.find((r) => r.moves.some((m) => m.kind === 'barrier'))!;
    expect(fence.source).toContain('\tatomic_thread_fence(memory_order_seq_cst);\n\tint r0 = atomic_load_explicit(bh_flags, memory_order_relaxed);');
  });

  it("kernel MP: smp_wmb() and smp_rmb(), or release and acquire; never one side alone", () => {
    const file = path('litmus', 'linux', 'MP+onces.litmus');
    const report = findRepairs(read(file), file, { model: lkmm, max: 10 });
    verify(report, lkmm);
    const found = report.repairs.map((r) => movesOf(r).join(' + '));
    // As explanation.txt's MP: a write barrier between the writes and a read barrier between the reads (kinds: MP+wmb+rmb Forbidden).
    expect(found).toContain('P0 smp_wmb(); before WRITE_ONCE(*y, 1); + P1 smp_rmb(); before r1 = READ_ONCE(*x);');
    expect(found).toContain('P0 WRITE_ONCE(*y, 1); → smp_store_release(y, 1); + P1 r0 = READ_ONCE(*y); → r0 = smp_load_acquire(y);');
    for (const repair of report.repairs) expect(new Set(repair.moves.map((m) => m.thread))).toEqual(new Set([0, 1]));
  });

  it('puts no statement into the body of an if written without braces (that would change what the body is)', () => {
    const source = [
      'C MP+ctrl-read',
      '{}',
      'P0(int *x, int *y)',
      '{',
      '\tWRITE_ONCE(*x, 1);',
      '\tWRITE_ONCE(*y, 1);',
      '}',
      'P1(int *x, int *y)',
      '{',
      '\tint r0 = READ_ONCE(*y);',
      '\tint r1 = 0;',
      '\tif (r0 == 1)',
      '\t\tr1 = READ_ONCE(*x);',
      '}',
      'exists (1:r0=1 /\\ 1:r1=0)',
      '',
    ].join('\n');
    const report = findRepairs(source, 'MP+ctrl-read.litmus', { model: lkmm, max: 10 });
    expect(report.status).toBe('allowed'); // a control dependency does not order a later read
    verify(report, lkmm);
    expect(report.repairs.length).toBeGreaterThan(0);
    for (const repair of report.repairs) {
      expect(repair.source).not.toMatch(/if \(r0 == 1\)\n\t\tsmp_/);
      expect(movesOf(repair).join(' + ')).not.toContain('before r1 = READ_ONCE(*x);');
    }
    // The reader's side is then its first read made acquire, or a read barrier before the whole if.
    const found = report.repairs.map((r) => movesOf(r).join(' + '));
    expect(found).toContain('P0 smp_wmb(); before WRITE_ONCE(*y, 1); + P1 r0 = READ_ONCE(*y); → r0 = smp_load_acquire(y);');
    expect(found).toContain('P0 smp_wmb(); before WRITE_ONCE(*y, 1); + P1 smp_rmb(); before if (r0 == 1)');
    const beforeIf = report.repairs.find((r) => movesOf(r).includes('P1 smp_rmb(); before if (r0 == 1)'))!;
    expect(beforeIf.source).toContain('\tsmp_rmb();\n\tif (r0 == 1)\n\t\tr1 = READ_ONCE(*x);');
  });

  /** MP whose flag is set (P0) or read (P1) by a relaxed compare-exchange, expecting 0 in z. */
  const mpCompareExchange = (p0Flag: string, p1Flag: string, condition: string) =>
    [
      'C MP+cas',
      '{ int x = 0; int y = 0; int z = 0; }',
      'P0 (atomic_int* x, atomic_int* y, int* z) {',
      '  atomic_store_explicit(x, 1, memory_order_relaxed);',
      `  ${p0Flag}`,
      '}',
      'P1 (atomic_int* x, atomic_int* y, int* z) {',
      `  ${p1Flag}`,
      '  int r1 = atomic_load_explicit(x, memory_order_relaxed);',
      '}',
      `exists (${condition})`,
      '',
    ].join('\n');

  it("a compare-exchange's success order made release: with an acquire read of the flag, the cheapest repair of MP", () => {
    const source = mpCompareExchange(
      'atomic_compare_exchange_strong_explicit(y, z, 1, memory_order_relaxed, memory_order_relaxed);',
      'int r0 = atomic_load_explicit(y, memory_order_acquire);',
      '1:r0=1 /\\ 1:r1=0',
    );
    const report = findRepairs(source, 'MP+cas.litmus', { model: rc11, max: 5 });
    expect(report.status).toBe('allowed');
    verify(report, rc11);
    // By hand (RC11): the compare-exchange succeeds (y is 0, as z expects) and its write, made release, is read by
    // the acquire load: sw, so x=1 happens before the read of x, which cannot then read 0. Cost 1 (release);
    // a release fence before it costs 2, seq_cst success 3.
    expect(report.repairs[0].cost).toBe(1);
    expect(movesOf(report.repairs[0])).toEqual([
      'P0 atomic_compare_exchange_strong_explicit(y, z, 1, memory_order_relaxed, memory_order_relaxed); → atomic_compare_exchange_strong_explicit(y, z, 1, memory_order_release, memory_order_relaxed);',
    ]);
  });

  it("strengthening leaves a compare-exchange's failure order as written: a failing exchange is repaired by a fence", () => {
    // P1's compare-exchange expects 0 but finds P0's flag 1: it fails, and that read would have to acquire.
    const source = mpCompareExchange(
      'atomic_store_explicit(y, 1, memory_order_release);',
      'atomic_compare_exchange_strong_explicit(y, z, 2, memory_order_relaxed, memory_order_relaxed);',
      'z=1 /\\ 1:r1=0',
    );
    const report = findRepairs(source, 'MP+cas.litmus', { model: rc11, max: 10 });
    expect(report.status).toBe('allowed');
    verify(report, rc11);
    const found = report.repairs.map((r) => movesOf(r).join(' + '));
    // By hand: the failed read must be ordered before the read of x: an acquire fence between them (cost 2) does it;
    // a success order alone orders nothing when the exchange fails, and the failure order is not offered.
    expect(found).toContain('P1 atomic_thread_fence(memory_order_acquire); before r1 = atomic_load_explicit(x, memory_order_relaxed);');
    for (const repair of report.repairs) {
      const exchange = repair.source.split('\n').find((line) => line.includes('compare_exchange'))!;
      expect(exchange).toMatch(/, memory_order_relaxed\);$/);
    }
  });

  it("a compare-exchange whose arguments hold parentheses is rewritten in place, its failure order kept", () => {
    const text = 'if (atomic_compare_exchange_weak_explicit(&(s->x), e, (2), memory_order_relaxed,  memory_order_relaxed))';
    const forms = c11Repairs.stronger(text, { freeRegister: () => undefined } as never).map((f) => f.text);
    expect(forms).toEqual(['acquire', 'release', 'acq_rel', 'seq_cst'].map((o) => text.replace('memory_order_relaxed,', `memory_order_${o},`)));
    expect(c11Repairs.strength(text.replace('memory_order_relaxed,  memory_order_relaxed', 'memory_order_acq_rel, memory_order_acquire'))).toBe('acq_rel+acquire');
  });

  it('a test of two relaxed compare-exchanges still finds its repair: two seq_cst fences (RC11 SB)', () => {
    const source = [
      'C SB+cas',
      '{ int x = 0; int y = 0; int a = 0; int b = 0; }',
      'P0 (atomic_int* x, atomic_int* y, int* a) {',
      '  atomic_compare_exchange_strong_explicit(x, a, 1, memory_order_relaxed, memory_order_relaxed);',
      '  int r0 = atomic_load_explicit(y, memory_order_relaxed);',
      '}',
      'P1 (atomic_int* x, atomic_int* y, int* b) {',
      '  atomic_compare_exchange_strong_explicit(y, b, 1, memory_order_relaxed, memory_order_relaxed);',
      '  int r1 = atomic_load_explicit(x, memory_order_relaxed);',
      '}',
      'exists (0:r0=0 /\\ 1:r1=0)',
      '',
    ].join('\n');
    const report = findRepairs(source, 'SB+cas.litmus', { model: rc11, max: 1 });
    verify(report, rc11);
    // By hand (RC11, as qemu-aio+smp_mb.c): SB is forbidden by an SC fence between each exchange and the read after it (2 × 4).
    expect(report.repairs.map((r) => movesOf(r).join(' + '))).toEqual([
      'P0 atomic_thread_fence(memory_order_seq_cst); before r0 = atomic_load_explicit(y, memory_order_relaxed); + P1 atomic_thread_fence(memory_order_seq_cst); before r1 = atomic_load_explicit(x, memory_order_relaxed);',
    ]);
  });

  it("fix --redundant weakens a compare-exchange's orders no further than its failure needs", () => {
    const source = mpCompareExchange(
      'atomic_store_explicit(y, 1, memory_order_release);',
      'atomic_compare_exchange_strong_explicit(y, z, 2, memory_order_seq_cst, memory_order_seq_cst);',
      'z=1 /\\ 1:r1=0',
    );
    const report = findRedundant(source, 'MP+cas.litmus', { model: rc11, max: 10 });
    const found = report.repairs.map((r) => movesOf(r).join(' + '));
    // By hand: only the failing read's acquire matters, so success may go down to acquire, failure to acquire.
    expect(found).toContain(
      'P1 atomic_compare_exchange_strong_explicit(y, z, 2, memory_order_seq_cst, memory_order_seq_cst); → atomic_compare_exchange_strong_explicit(y, z, 2, memory_order_acquire, memory_order_acquire);',
    );
    for (const f of found) expect(f).not.toMatch(/, memory_order_relaxed\);$/);
    for (const repair of [...report.repairs, ...(report.combined ? [report.combined] : [])]) expect(simulate(parseLitmus(repair.source), rc11).positive).toBe(0);
  });

  it('fix --redundant: the seq_cst of both fetch-ors goes, the fences stay (RC11: SB with SC fences is forbidden)', () => {
    const file = path('litmus', 'qemu', 'qemu-aio+smp_mb.c.litmus');
    const report = findRedundant(read(file), file, { model: rc11, max: 5 });
    const found = report.repairs.map((r) => movesOf(r).join(' + '));
    expect(found).toEqual([
      'P0 atomic_fetch_or_explicit(notify_me, 1, memory_order_seq_cst); → atomic_fetch_or_explicit(notify_me, 1, memory_order_relaxed);',
      'P1 atomic_fetch_or_explicit(bh_flags, 1, memory_order_seq_cst); → atomic_fetch_or_explicit(bh_flags, 1, memory_order_relaxed);',
    ]);
    // Every weakened test is still forbidden.
    for (const repair of [...report.repairs, ...(report.combined ? [report.combined] : [])]) expect(simulate(parseLitmus(repair.source), rc11).positive).toBe(0);
  });
});

describe('litmus fix on C text: what an edit may not change', () => {
  const lkmm = loadModel('lkmm');
  const rc11 = loadModel('rc11');
  /** A kernel MP whose reader is `reader` (statements of P1, one a line), its condition `cond`. */
  const kernelMP = (reader: string[], cond = 'exists (1:r0=1 /\\ 1:r1=0)', writer = ['\tWRITE_ONCE(*x, 1);', '\tWRITE_ONCE(*y, 1);']) =>
    ['C T', '{}', 'P0(int *x, int *y)', '{', ...writer, '}', 'P1(int *x, int *y)', '{', '\tint r0;', '\tint r1 = 0;', ...reader, '}', cond, ''].join('\n');

  it('a comment between an if and its one statement does not hide that the statement is the whole body', () => {
    const source = kernelMP(['\tr0 = READ_ONCE(*y);', '\tif (r0 == 1)', '\t\t/* the flag is up;', '\t\t   now the data */', '\t\tr1 = READ_ONCE(*x);']);
    const report = findRepairs(source, 'T.litmus', { model: lkmm, max: 10 });
    verify(report, lkmm);
    for (const repair of report.repairs) expect(movesOf(repair).join(' + ')).not.toContain('before r1 = READ_ONCE(*x);');
  });

  it('--redundant keeps the one statement of a body without braces, even a barrier', () => {
    const source = [
      'C T', '{}',
      'P0(int *x, int *y)', '{', '\tint r0 = READ_ONCE(*x);', '\tif (r0 == 1)', '\t\tsmp_mb();', '\tWRITE_ONCE(*y, 1);', '}',
      'P1(int *x, int *y)', '{', '\tint r1 = READ_ONCE(*y);', '\tsmp_mb();', '\tWRITE_ONCE(*x, 1);', '}',
      'exists (0:r0=1 /\\ 1:r1=1)', '',
    ].join('\n');
    const report = findRedundant(source, 'T.litmus', { model: lkmm, max: 10 });
    // Made weaker in place, perhaps; taken out, never (the write after it would become the body).
    for (const repair of report.repairs) expect(movesOf(repair).join(' + ')).not.toContain('P0 smp_mb(); → (removed)');
    for (const repair of report.repairs) expect(repair.source).toMatch(/if \(r0 == 1\)\n\t\tsmp_\w+\(\);\n\tWRITE_ONCE/);
  });

  it('a block comment before a statement, a statement over two lines, two on a line: each still takes its moves', () => {
    const comment = kernelMP(['\tr0 = READ_ONCE(*y);', '\tr1 = READ_ONCE(*x);'], undefined, ['\tWRITE_ONCE(*x, 1);', '\t/*', '\t * Publish.', '\t */', '\tWRITE_ONCE(*y,', '\t           1);']);
    const found = findRepairs(comment, 'T.litmus', { model: lkmm, max: 10 }).repairs.map((r) => movesOf(r).join(' + '));
    expect(found).toContain('P0 smp_wmb(); before WRITE_ONCE(*y, 1); + P1 smp_rmb(); before r1 = READ_ONCE(*x);');
    // The store over two lines is rewritten onto one.
    const release = findRepairs(comment, 'T.litmus', { model: lkmm, max: 10 }).repairs.find((r) => movesOf(r).some((m) => m.includes('smp_store_release')));
    expect(release?.source).toContain('\tsmp_store_release(y, 1);\n}');
    const oneLine = kernelMP(['\tr0 = READ_ONCE(*y); r1 = READ_ONCE(*x);']);
    const inline = findRepairs(oneLine, 'T.litmus', { model: lkmm, max: 10 }).repairs.find((r) => movesOf(r).includes('P1 smp_rmb(); before r1 = READ_ONCE(*x);'));
    expect(inline?.source).toContain('\tr0 = READ_ONCE(*y); smp_rmb(); r1 = READ_ONCE(*x);');
  });

  it("a thread's last statement, inside braces, takes a barrier before it", () => {
    const source = kernelMP(['\tr0 = READ_ONCE(*y);', '\tif (r0 == 1) {', '\t\tr1 = READ_ONCE(*x);', '\t}']);
    const found = findRepairs(source, 'T.litmus', { model: lkmm, max: 10 }).repairs.map((r) => movesOf(r).join(' + '));
    expect(found).toContain('P0 smp_wmb(); before WRITE_ONCE(*y, 1); + P1 smp_rmb(); before r1 = READ_ONCE(*x);');
  });

  it("a loop's condition is one statement: its forms are offered once", () => {
    const source = kernelMP(['\twhile (smp_load_acquire(y) == 0) {}', '\tr1 = READ_ONCE(*x);'], 'exists (1:r1=0)', ['\tWRITE_ONCE(*x, 1);', '\tsmp_store_release(y, 1);']);
    const report = findRedundant(source, 'T.litmus', { model: lkmm, max: 10 });
    const texts = report.repairs.map((r) => movesOf(r).join(' + '));
    expect(new Set(texts).size).toBe(texts.length);
  });

  it('a data race is no repair: C11 MP with plain accesses finds none, and says why', async () => {
    const file = path('litmus', 'c11', 'MP+na.litmus');
    const report = findRepairs(read(file), file, { model: rc11, max: 5 });
    expect(report.repairs).toEqual([]);
    const { out } = await cli('fix', file);
    expect(out).toContain("the test has undefined behaviour (a data race: herd7's Undef)");
  });
});
