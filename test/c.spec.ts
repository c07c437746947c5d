// C litmus tests: reading them (herd7's C format, located errors), running
// C11 atomics under RC11 and the kernel's primitives under lkmm, and the
// .def macros. Every verdict here is derived by hand from the model's
// definitions (RC11: Lahav et al., PLDI 2017; LKMM: the kernel's
// explanation.txt), as the comment beside it says, and so are the few
// execution counts asserted (each read choosing among the writes it may see).

import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { c } from '../src/arch/c/index.js';
import { LINUX_MACROS } from '../src/arch/c/linux-macros.js';
import { readMacros } from '../src/arch/c/macros.js';
import { SHARED_DIR } from '../src/bench/corpus.js';
import { UNDEFINED_FLAG } from '../src/cat/api.js';
import { LitmusError } from '../src/errors.js';
import { loadModel } from '../src/node/models.js';
import { defaultModelFor } from '../src/registry.js';
import { herdText } from '../src/report/herd.js';
import { simulate } from '../src/simulate.js';
import { parseLitmus } from '../src/syntax/parse.js';
import { cli } from './support/cli.js';

/** The test's Observation word (Never, Sometimes, Always) and flags under `model` (default: the test's own). */
function run(text: string, model?: string, macros?: string): { observation: string; flags: string[]; model: string } {
  const test = parseLitmus(text, 'test.litmus');
  const name = model ?? defaultModelFor(test);
  const result = simulate(test, loadModel(name), macros ? { macros: readMacros(macros, 'test.def') } : {});
  return { observation: result.observation, flags: result.flags, model: name };
}

/** The located problems of reading or loading a test, as `LINE:COLUMN: message`. */
function problems(text: string): string[] {
  try {
    simulate(parseLitmus(text, 'test.litmus'), loadModel('rc11'));
  } catch (e) {
    if (e instanceof LitmusError) return e.diagnostics.map((d) => `${d.pos.line}:${d.pos.column}: ${d.message}`);
    throw e;
  }
  return [];
}

/** Store buffering with the given store and load orders, and an optional fence between. */
function sb(store: string, load: string, fence = ''): string {
  const between = fence ? `atomic_thread_fence(memory_order_${fence});` : '';
  return `C SB
{ x = 0; y = 0; }
P0(atomic_int *x, atomic_int *y) {
  atomic_store_explicit(x, 1, memory_order_${store}); ${between}
  int r0 = atomic_load_explicit(y, memory_order_${load});
}
P1(atomic_int *x, atomic_int *y) {
  atomic_store_explicit(y, 1, memory_order_${store}); ${between}
  int r0 = atomic_load_explicit(x, memory_order_${load});
}
exists (0:r0=0 /\\ 1:r0=0)`;
}

/** Message passing with the given flag orders (data always relaxed). */
function mp(store: string, load: string): string {
  return `C MP
{ x = 0; y = 0; }
P0(atomic_int *x, atomic_int *y) {
  atomic_store_explicit(x, 1, memory_order_relaxed);
  atomic_store_explicit(y, 1, memory_order_${store});
}
P1(atomic_int *x, atomic_int *y) {
  int r0 = atomic_load_explicit(y, memory_order_${load});
  int r1 = atomic_load_explicit(x, memory_order_relaxed);
}
exists (1:r0=1 /\\ 1:r1=0)`;
}

describe('C11 atomics under RC11 (verdicts by hand)', () => {
  it('store buffering: seq_cst forbids it (psc: sb then fr in each thread is a cycle), relaxed allows it (nothing relates the threads)', () => {
    expect(run(sb('seq_cst', 'seq_cst')).observation).toBe('Never');
    expect(run(sb('relaxed', 'relaxed')).observation).toBe('Sometimes');
    // Release/acquire synchronise only a read that reads from the release: here none does.
    expect(run(sb('release', 'acquire')).observation).toBe('Sometimes');
    // psc_F: each seq_cst fence hb (sb) a read that fr the other write, hb (sb) the other fence.
    expect(run(sb('relaxed', 'relaxed', 'seq_cst')).observation).toBe('Never');
  });

  it('message passing: release/acquire forbids it (sw makes the data write hb the data read), relaxed allows it', () => {
    expect(run(mp('release', 'acquire')).observation).toBe('Never');
    expect(run(mp('relaxed', 'relaxed')).observation).toBe('Sometimes');
    expect(run(mp('release', 'relaxed')).observation).toBe('Sometimes');
  });

  it('a consume load synchronises nothing under rc11, as under herd7\'s rc11.cat (herd7 tags it CON)', () => {
    expect(run(mp('release', 'consume')).observation).toBe('Sometimes');
  });

  it('load buffering is forbidden even relaxed (no-thin-air: acyclic sb | rf)', () => {
    const lb = `C LB
{}
P0(atomic_int *x, atomic_int *y) { int r0 = atomic_load_explicit(x, memory_order_relaxed); atomic_store_explicit(y, 1, memory_order_relaxed); }
P1(atomic_int *x, atomic_int *y) { int r0 = atomic_load_explicit(y, memory_order_relaxed); atomic_store_explicit(x, 1, memory_order_relaxed); }
exists (0:r0=1 /\\ 1:r0=1)`;
    expect(run(lb).observation).toBe('Never');
  });

  it('a data race on plain accesses is undefined behaviour: herd7 answers Undef with the flag *undef*', () => {
    const racy = `C MP+plain
{}
P0(int *x, int *y) { *x = 1; *y = 1; }
P1(int *x, int *y) { int r0 = *y; int r1 = *x; }
exists (1:r0=1 /\\ 1:r1=0)`;
    const test = parseLitmus(racy, 'racy.litmus');
    const result = simulate(test, loadModel('rc11'));
    expect(result.flags).toEqual([UNDEFINED_FLAG]);
    expect(herdText(result)).toMatch(/^Undef$/m);
    // Published under release/acquire, the same plain accesses do not race.
    const published = racy.replace('*y = 1;', 'atomic_store_explicit(y, 1, memory_order_release);')
      .replace('int r0 = *y;', 'int r0 = atomic_load_explicit(y, memory_order_acquire);')
      .replace('int r1 = *x;', 'int r1 = 0; if (r0 == 1) r1 = *x;')
      .replaceAll('int *x, int *y', 'int *x, atomic_int *y');
    expect(run(published)).toMatchObject({ observation: 'Never', flags: [] });
  });

  it('a failed compare-exchange reads only and stores what it read into *expected (C11 7.17.7.4; herd C16)', () => {
    // y ends 1 either way: P1's CAS succeeds (0 = *z) before P0's store, or fails after it and copies 1 into z.
    const cas = `C CAS
{}
P0(atomic_int *y) { atomic_store_explicit(y, 1, memory_order_relaxed); }
P1(atomic_int *y, int *z) { int r0 = atomic_compare_exchange_strong(y, z, 2); }
forall (y=1 /\\ (1:r0=1 /\\ z=0 \\/ 1:r0=0 /\\ z=1))`;
    expect(run(cas).observation).toBe('Always');
  });

  it('the QEMU 2020 race in C: wrong under RC11 as written, forbidden with the smp_mb() of the fix', () => {
    const qemu = (fix: boolean) => `C qemu-aio
{}
P0(atomic_int *notify_me, atomic_int *bh) {
  atomic_fetch_or_explicit(notify_me, 1, memory_order_seq_cst);
  ${fix ? 'atomic_thread_fence(memory_order_seq_cst);' : ''}
  int r0 = atomic_load_explicit(bh, memory_order_relaxed);
}
P1(atomic_int *notify_me, atomic_int *bh) {
  atomic_fetch_or_explicit(bh, 1, memory_order_seq_cst);
  atomic_thread_fence(memory_order_seq_cst);
  int r1 = atomic_load_explicit(notify_me, memory_order_relaxed);
}
exists (0:r0=0 /\\ 1:r1=0)`;
    // Without the fence nothing leaves P0's SC write in psc (its only successor is a relaxed read); with it, psc_F has F0 -> F1 -> F0.
    expect(run(qemu(false)).observation).toBe('Sometimes');
    expect(run(qemu(true)).observation).toBe('Never');
  });
});

describe("the kernel's primitives under lkmm (verdicts by hand)", () => {
  const sbKernel = (between: string) => `C SB
{}
P0(int *x, int *y) { int r0; WRITE_ONCE(*x, 1); ${between} r0 = READ_ONCE(*y); }
P1(int *x, int *y) { int r0; WRITE_ONCE(*y, 1); ${between} r0 = READ_ONCE(*x); }
exists (0:r0=0 /\\ 1:r0=0)`;

  it('a test of the kernel primitives runs under lkmm by default, a C11 one under rc11', () => {
    expect(run(sbKernel('')).model).toBe('lkmm');
    expect(run(sb('relaxed', 'relaxed')).model).toBe('rc11');
  });

  it('SB: READ_ONCE/WRITE_ONCE allow it; smp_mb() forbids it (a strong fence closes a pb cycle)', () => {
    expect(run(sbKernel('')).observation).toBe('Sometimes');
    expect(run(sbKernel('smp_mb();')).observation).toBe('Never');
    // smp_wmb() orders writes only: the write-then-read pair stays free.
    expect(run(sbKernel('smp_wmb();')).observation).toBe('Sometimes');
  });

  it("MP: smp_wmb() and smp_rmb() together forbid it; either alone does not", () => {
    const mpKernel = (w: string, r: string) => `C MP
{}
P0(int *x, int *y) { WRITE_ONCE(*x, 1); ${w} WRITE_ONCE(*y, 1); }
P1(int *x, int *y) { int r0; int r1; r0 = READ_ONCE(*y); ${r} r1 = READ_ONCE(*x); }
exists (1:r0=1 /\\ 1:r1=0)`;
    expect(run(mpKernel('smp_wmb();', 'smp_rmb();')).observation).toBe('Never');
    expect(run(mpKernel('smp_wmb();', '')).observation).toBe('Sometimes');
    expect(run(mpKernel('', 'smp_rmb();')).observation).toBe('Sometimes');
  });

  it("herd7's primitives written directly are the kernel's: the test runs under lkmm (SB with __fence{MB} is forbidden)", () => {
    const direct = sbKernel('__fence{MB};').replaceAll('WRITE_ONCE(*x, 1)', '__store{ONCE}(*x, 1)').replaceAll('WRITE_ONCE(*y, 1)', '__store{ONCE}(*y, 1)');
    expect(run(direct)).toMatchObject({ model: 'lkmm', observation: 'Never' });
  });

  it("older .def files write the kernel's annotations in lower case ({mb}, {once}): they mean the same", () => {
    // With {mb} read as a set Mb the kernel's model would see no barrier and answer Sometimes with a data race.
    const def = 'READ_ONCE(X) __load{once}(X)\nWRITE_ONCE(X,V) { __store{once}(X,V); }\nsmp_mb() { __fence{mb}; }\n';
    expect(run(sbKernel('smp_mb();'), 'lkmm', def)).toMatchObject({ observation: 'Never', flags: [] });
  });

  it('synchronize_srcu: a reader that sees the write after the grace period sees the one before (SRCU guarantee), with no data race', () => {
    const srcu = `C SRCU-MP
{}
P0(int *x, int *y, struct srcu_struct *s) { WRITE_ONCE(*x, 1); synchronize_srcu(s); WRITE_ONCE(*y, 1); }
P1(int *x, int *y, struct srcu_struct *s) {
  int r0; int r1; int idx;
  idx = srcu_read_lock(s);
  r0 = READ_ONCE(*y);
  r1 = READ_ONCE(*x);
  srcu_read_unlock(s, idx);
}
exists (1:r0=1 /\\ 1:r1=0)`;
    expect(run(srcu)).toMatchObject({ model: 'lkmm', observation: 'Never', flags: [] });
    // By hand: synchronize_srcu reads from nothing (herd7 makes it no memory access), so the candidates are the srcu_read_lock
    // reading the initial s, and each of r0, r1 reading the initial value or the write: 4, of which the SRCU guarantee forbids one.
    const result = simulate(parseLitmus(srcu, 'srcu.litmus'), loadModel('lkmm'));
    expect({ positive: result.positive, negative: result.negative }).toEqual({ positive: 0, negative: 3 });
  });

  it("a spin_unlock with no spin_lock before it raises the kernel model's unmatched-unlock flag (lock.cat's)", () => {
    const unlock = `C unlockonly
{}
P0(spinlock_t *s, int *x) { WRITE_ONCE(*x, 1); spin_unlock(s); }
exists (x=1)`;
    expect(run(unlock).flags).toEqual(['unmatched-unlock']);
  });

  it("a test that calls both C11 atomics and the kernel's primitives is refused at the later call: neither model gives both a meaning", () => {
    const mixed = `C mixed
{}
P0(atomic_int *x, int *y) {
  atomic_store_explicit(x, 1, memory_order_relaxed);
  smp_mb();
}
exists (x=1)`;
    expect(() => defaultModelFor(parseLitmus(mixed, 'mixed.litmus'))).toThrow(/mixed\.litmus:5:3: this test calls C11 atomics \(line 4\) and the kernel's primitives \(line 5\)/);
  });

  it("the kernel's atomic_fetch_add(i, v) is the kernel's, though C11 has a call of that name with the arguments the other way round", () => {
    // The kernel's form is fully ordered and gives the old value: 0, then v is 5 (by hand).
    const fetch = `C F
{}
P0(atomic_t *v) { int r0; r0 = atomic_fetch_add(5, v); }
forall (0:r0=0 /\\ v=5)`;
    expect(run(fetch)).toMatchObject({ model: 'lkmm', observation: 'Always' });
  });

  it('a reference count: read-modify-writes that read one another (values that grow without an end) still settle', () => {
    // v=1; P0: inc, dec_and_test; P1: dec_and_test. By hand, over the three orders of the RMWs on v:
    // inc,dec0,dec1 gives r0=0 r1=1; inc,dec1,dec0 gives r0=1 r1=0; dec1,inc,dec0 gives r0=1 r1=1.
    const ref = `C ref
{ atomic_t v = ATOMIC_INIT(1); }
P0(atomic_t *v) { int r0; atomic_inc(v); r0 = atomic_dec_and_test(v); }
P1(atomic_t *v) { int r1; r1 = atomic_dec_and_test(v); }
exists (0:r0=1 /\\ 1:r1=1)`;
    const result = simulate(parseLitmus(ref, 'ref.litmus'), loadModel('lkmm'));
    expect(result.states.map((s) => s.values.join(' '))).toEqual(['0 1', '1 0', '1 1']);
  });

  it('a while loop on a counter the thread sets runs to its end (no Loop), as herd7 unrolls only loops on values read', () => {
    const counted = `C W
{}
P0(int *x) { int i = 0; while (i < 5) { i = i + 1; } WRITE_ONCE(*x, i); }
forall (x=5)`;
    const result = simulate(parseLitmus(counted, 'w.litmus'), loadModel('lkmm'));
    expect({ observation: result.observation, loop: result.loop }).toEqual({ observation: 'Always', loop: false });
  });

  it("a user's .def file replaces the kernel's macros: a primitive of its own needs no code", () => {
    // my_full_barrier expands to the MB fence, so SB is forbidden as with smp_mb().
    const def = 'my_full_barrier() { __fence{MB}; }\nREAD_ONCE(X) __load{ONCE}(X)\nWRITE_ONCE(X,V) { __store{ONCE}(X,V); }\n';
    expect(run(sbKernel('my_full_barrier();'), 'lkmm', def).observation).toBe('Never');
  });
});

describe("lock events: herd7's way for any model, as reads and writes for lkmm", () => {
  const trylock = `C trylock
{}
P0(spinlock_t *l) { int r0; r0 = spin_trylock(l); }
P1(spinlock_t *l) { spin_lock(l); }
exists (0:r0=0)`;
  const probe = (title: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'litmus-locks-'));
    const file = join(dir, 'probe.cat');
    writeFileSync(file, `${title}\nflag ~empty (R | W) & (LKR | LKW | UL | LF) as lock-in-rw\nflag ~empty rf ; [LF] as lf-read-from\nflag ~empty rf ; [LKR] as lkr-read-from\n`);
    const result = simulate(parseLitmus(trylock, 'trylock.litmus'), loadModel(file));
    return { flags: result.flags, positive: result.positive, negative: result.negative };
  };

  it("herd7's way: lock events are in neither R nor W and their reads have no rf (lock.cat ties them), each execution counted once", () => {
    // By hand: the trylock fails (LF, no rf; co of l: IW, P1's LKW) once; or succeeds, and the two LKWs are in co in either order: twice.
    expect(probe('"probe"')).toEqual({ flags: [], positive: 1, negative: 2 });
  });

  it("a condition on a lock word raises lock-final and sees the lock free after its unlock, under lkmm and under the kernel's own files", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'litmus-lockfinal-'));
    const file = join(dir, 'LF.litmus');
    // By hand: one thread takes the lock, writes x and frees the lock: one execution, l=0 and x=1 at the end.
    writeFileSync(file, 'C LF\n{}\nP0(spinlock_t *l, int *x) { spin_lock(l); WRITE_ONCE(*x, 1); spin_unlock(l); }\nexists (l=0 /\\ x=1)\n');
    const lkmm = await cli('run', '--format', 'herd', file);
    expect(lkmm.out).toContain('Flag lock-final\n');
    expect(lkmm.out).toContain('Observation LF Always 1 0');
    const shared = join(SHARED_DIR, 'conformance/herd/linux');
    if (!existsSync(shared)) return;
    const kernel = await cli('run', '--format', 'herd', '--conf', `${shared}/cfgs/linux-kernel.cfg`, '-I', `${shared}/cats`, file);
    expect(kernel.out).toContain('Flag lock-final\n');
    expect(kernel.out).toContain('Observation LF Always 1 0');
  });

  it('stock sc keeps critical sections apart (its title says locks-as-accesses: it is no lock.cat)', () => {
    // By hand, MP+locks under SC: the reader's section runs wholly before or after the writer's: (0,0) or (1,1).
    const result = simulate(parseLitmus(readFileSync('litmus/linux/MP+locks.litmus', 'utf8'), 'MP+locks.litmus'), loadModel('sc'));
    expect(result.states.map((r) => r.values.join(' '))).toEqual(['0 0', '1 1']);
  });

  it('a model titled locks-as-accesses (litmus\'s lkmm) gets them as reads and writes, each read with its rf', () => {
    // By hand: the failed trylock reads P1's LKW (the only write of 1); a lock taken reads the initial write (no unlock here).
    expect(probe('"probe" locks-as-accesses')).toEqual({ flags: ['lf-read-from', 'lkr-read-from', 'lock-in-rw'], positive: 1, negative: 2 });
  });
});

describe("the C architecture's annotations", () => {
  it("name every annotation the kernel's macros put on events (a model naming another would be warned about as a typo)", () => {
    const annotations = new Set([...LINUX_MACROS.matchAll(/\{([\w-]+)\}/g)].map((m) => m[1]!));
    expect(annotations.size).toBeGreaterThan(15);
    for (const a of annotations) expect(c.tags).toContain(a);
  });
});

describe('reading C tests: located errors', () => {
  const wrap = (body: string) => `C T\n{}\nP0(atomic_int *x) {\n${body}\n}\nexists (x=1)`;

  it('an unknown name, function or memory order is an error at its place', () => {
    expect(problems(wrap('  *z = 1;'))).toEqual(["4:4: 'z' is neither a parameter of P0 (a shared location) nor a local it declares or assigns"]);
    expect(problems(wrap('  frobnicate(x);'))[0]).toMatch(/^4:3: unknown function 'frobnicate'/);
    expect(problems(wrap('  atomic_store_explicit(x, 1, memory_order_acquire);'))[0]).toMatch(/^4:3: memory_order_acquire is no order for a store/);
    expect(problems(wrap('  atomic_store_explicit(x, 1, 2);'))[0]).toMatch(/^4:31: expected a memory order/);
  });

  it('a syntax error and a thread out of order are located', () => {
    expect(problems(wrap('  *x = ;'))[0]).toMatch(/^4:8: /);
    expect(problems('C T\n{}\nP1(int *x) { *x = 1; }\nexists (x=1)')).toEqual(['3:1: thread P1 is out of order: expected P0']);
  });

  it('a macro that expands into itself is an error, not a hang', () => {
    const looping = readMacros('A(X) B(X)\nB(X) A(X)\n', 'loop.def');
    const test = parseLitmus(wrap('  A(x);'), 'test.litmus');
    expect(() => simulate(test, loadModel('rc11'), { macros: looping })).toThrow(/the macro A expands into itself \(A → B → A\)/);
  });

  it('a statement whose macros expand past the limit is an error at the call, not a hang (macros that double at each level)', () => {
    const lines = ['m0(X) { __store{ONCE}(*X,1); }', ...Array.from({ length: 30 }, (_, i) => `m${i + 1}(X) { m${i}(X); m${i}(X); }`)];
    const test = parseLitmus(wrap('  m30(x);'), 'test.litmus');
    expect(() => simulate(test, loadModel('lkmm'), { macros: readMacros(lines.join('\n'), 'blow.def') })).toThrow(/expands into more than 10000 macro calls/);
  });

  it('a long chain of assignments and a shift past 63 bits are located errors', () => {
    expect(problems(wrap(`  int r0; r0 = ${'r0 = '.repeat(5000)}1;`))[0]).toMatch(/nested too deeply here/);
    expect(problems(wrap('  int r0 = 1 << 100; *x = r0;'))[0]).toMatch(/^4:12: a shift by 100 bits/);
  });

  it('a local named filter is a name, and a struct parameter a type', () => {
    expect(problems(`C T\n{}\nP0(int *x, struct srcu_struct *s) {\n  int filter = 1;\n  WRITE_ONCE(*x, filter);\n}\nexists (x=1)`)).toEqual([]);
  });

  it("C the tests do not take is named, with what to write instead", () => {
    expect(problems(wrap('  for (;;) {}'))[0]).toMatch(/^4:3: C's 'for' loops are not read in litmus tests: write a while loop/);
    expect(problems(wrap('  int r0 = 0; r0++;'))[0]).toMatch(/C's '\+\+' is not read in litmus tests: write r = r \+ 1/);
    expect(problems(wrap('  int r0 = 0; r0 += 1;'))[0]).toMatch(/compound assignment '\+='/);
    expect(problems(wrap('  return;'))[0]).toMatch(/C's 'return' is not read in litmus tests/);
  });

  it('a misspelt call or memory order gets a suggestion, and a local declared twice is refused', () => {
    expect(problems(wrap('  int r0 = atomic_laod(x);'))[0]).toMatch(/unknown function 'atomic_laod' \(did you mean atomic_load\?\)/);
    expect(problems(wrap('  atomic_store_explicit(x, 1, memory_order_relaxd);'))[0]).toMatch(/unknown memory order 'memory_order_relaxd'/);
    expect(problems(wrap('  int r0; int r0;'))[0]).toMatch(/'r0' is declared twice in P0/);
    // A problem inside a macro's expansion names the macro and where it is defined.
    expect(problems(wrap('  int r0 = READ_ONCE(x);'))[0]).toMatch(/__load takes a location written \*p \(in the macro READ_ONCE, litmus:linux-macros\.def:\d+\)/);
  });

  it('a test with hundreds of unknown calls reports the first 50, as parsing stops at 50 errors', () => {
    const calls = Array.from({ length: 300 }, () => '  r0 = spin_load_acquire(x);').join('\n');
    const found = problems(`C many\n{}\nP0(int *x) {\n  int r0;\n${calls}\n}\nexists (0:r0=0)`);
    expect(found).toHaveLength(50);
    expect(found[0]).toMatch(/^5:8: unknown function 'spin_load_acquire'/);
  });

  it('a .def file defining a name twice is refused at the second definition', () => {
    expect(() => readMacros('F(X) __load{ONCE}(X)\nF(X) __load{ONCE}(X)\n', 'twice.def')).toThrow(/twice\.def:2:1: the macro F is defined twice/);
  });
});

describe('the command line on C tests', () => {
  it('runs litmus/qemu/qemu-aio.c.litmus under rc11 and prints herd7 text', async () => {
    const { status, out } = await cli('run', '--format', 'herd', 'litmus/qemu/qemu-aio.c.litmus');
    expect(status).toBe(0);
    // Each relaxed read reads the initial value or the other thread's RMW write: 4 executions, all allowed, 1 with both 0.
    expect(out).toMatch(/^Observation qemu-aio\.c Sometimes 1 3$/m);
  });

  it('refuses rc11 on a test of the kernel primitives (it would ignore ONCE, MB, …), unless --force-model', async () => {
    const refused = await cli('run', '--model', 'rc11', 'litmus/linux/SB+mbs.litmus');
    expect(refused.status).toBe(2);
    expect(refused.err).toMatch(/SB\+mbs\.litmus:1:1: rc11 is written for C tests of C11 atomics .* \(use lkmm or sc/);
    // Forced, rc11 sees no mode on the kernel's events: neither atomic nor plain, they synchronise nothing.
    const forced = await cli('run', '--format', 'herd', '--model', 'rc11', '--force-model', 'litmus/linux/SB+mbs.litmus');
    expect(forced.out).toMatch(/^Observation SB\+mbs Sometimes/m);
  });

  it('compare leaves lkmm out of a C11 test and rc11 out of a kernel one', async () => {
    const { out } = await cli('compare', '--summary', 'litmus/c11/SB+sc.litmus', 'litmus/linux/SB+mbs.litmus');
    expect(out).toMatch(/SB\+sc\s+forbidden \(sc\)\s+—\s+forbidden \(sc\)/);
    expect(out).toMatch(/SB\+mbs\s+forbidden \(sc\)\s+forbidden \(propagation\)\s+—/);
  });

  it.skipIf(!existsSync(join(SHARED_DIR, 'conformance/herd/instructions-c')))("takes herd7's configuration files: herd's C unit tests' ci.cfg (model rc11.cat, hexa true) as herd7 runs them", async () => {
    const shared = join(SHARED_DIR, 'conformance/herd/instructions-c');
    const { status, out } = await cli('run', '--conf', `${shared}/ci.cfg`, `${shared}/C11.litmus`);
    expect(status).toBe(0);
    // herd7's recorded answer (C11.litmus.expected): hexadecimal values, Undef, the flag.
    expect(out).toContain('0:r0=0x0; 1:r0=0x1;');
    expect(out).toMatch(/^Undef$/m);
    expect(out).toMatch(/^Flag \*undef\*$/m);
  });

  it.skipIf(!existsSync(join(SHARED_DIR, 'conformance/herd/linux')))("runs the kernel's own model files unmodified (lock.cat's with … from included), as kernel developers run herd7", async () => {
    const shared = join(SHARED_DIR, 'conformance/herd/linux');
    // litmus/linux/kinds.txt was derived by hand from the LKMM's definitions (SB+mbs Forbidden, SB+onces Allowed, MP+locks Forbidden, …).
    const { status, out } = await cli('check', '--conf', `${shared}/cfgs/linux-kernel.cfg`, '-I', `${shared}/cats`, '--kinds', 'litmus/linux/kinds.txt', 'litmus/linux');
    expect(out).toMatch(/^15 passed, 0 failed$/m);
    expect(status).toBe(0);
  });

  it.skipIf(!existsSync(join(SHARED_DIR, 'conformance/herd/linux')))("check --conf takes the tests' Result: lines, which speak of the model the configuration names", async () => {
    const shared = join(SHARED_DIR, 'conformance/herd/linux');
    // MP+polocks says "Result: Never" (line 4); herd7 answers No under the kernel's files.
    const { status, out } = await cli('check', '--conf', `${shared}/cfgs/linux-kernel.cfg`, '-I', `${shared}/cats`, `${shared}/tests/MP+polocks.litmus`);
    expect(out).toMatch(/^PASS MP\+polocks +linux-kernel +Never +expected Never \(Result: at line 4\)/m);
    expect(status).toBe(0);
  });

  it.skipIf(!existsSync(join(SHARED_DIR, 'conformance/herd/linux')))("an annotation in a .def file that the bell's instructions do not declare gets a warning at the call; the test runs, as under herd7", async () => {
    const shared = join(SHARED_DIR, 'conformance/herd/linux');
    const dir = mkdtempSync(join(tmpdir(), 'litmus-def-'));
    const def = readFileSync(join(shared, 'cats/linux-kernel.def'), 'utf8');
    writeFileSync(join(dir, 'typo.def'), def.replace('smp_mb() { __fence{MB}; }', 'smp_mb() { __fence{mbx}; }'));
    const { status, out, err } = await cli('run', '--format', 'herd', '--conf', `${shared}/cfgs/linux-kernel.cfg`, '-I', `${shared}/cats`, '--macros', join(dir, 'typo.def'), 'litmus/linux/SB+mbs.litmus');
    expect(status).toBe(0);
    expect(err).toMatch(/^warning: litmus\/linux\/SB\+mbs\.litmus:\d+:\d+: the annotation 'mbx' is none the model's bell declares \(its instructions' enums: .*\); did you mean 'MB'\?: events carrying it are in no set the model names \(in the macro smp_mb\)/m);
    // By hand: a fence in no set the model names orders nothing, so SB is allowed.
    expect(out).toContain('Observation SB+mbs Sometimes 1 3');
    // The model's sets are named exactly: WMB is not wmb.
    writeFileSync(join(dir, 'case.def'), def.replace('smp_wmb() { __fence{wmb}; }', 'smp_wmb() { __fence{WMB}; }'));
    const upper = await cli('run', '--conf', `${shared}/cfgs/linux-kernel.cfg`, '-I', `${shared}/cats`, '--macros', join(dir, 'case.def'), 'litmus/linux/MP+wmb+rmb.litmus');
    expect(upper.err).toMatch(/the annotation 'WMB' is none the model's bell declares .*; did you mean 'wmb'\?/);
  });

  it.skipIf(!existsSync(join(SHARED_DIR, 'conformance/herd/instructions-c')))('check --conf with --model checks that model; --models with a relative -I still finds the configuration\'s own', async () => {
    const c = join(SHARED_DIR, 'conformance/herd/instructions-c');
    const { out } = await cli('check', '--conf', join(c, 'ci.cfg'), '--model', 'sc', join(c, 'C01.litmus'));
    expect(out).toMatch(/^\S+ C01 +sc /m);
    const linux = join(SHARED_DIR, 'conformance/herd/linux');
    const cats = relative(process.cwd(), join(linux, 'cats'));
    const own = await cli('check', '--conf', join(linux, 'cfgs/linux-kernel.cfg'), '-I', cats, '--models', 'linux-kernel.cat', join(linux, 'tests/SB+fencembonceonces.litmus'));
    expect(own.out).toMatch(/^PASS SB\+fencembonceonces .*\(Result: at line \d+\)/m);
  });

  it("a user's model that includes sc.cat gets herd7's lock events: only litmus's own sc is titled locks-as-accesses", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'litmus-incsc-'));
    writeFileSync(join(dir, 'mine.cat'), '"mine"\ninclude "sc.cat"\n');
    // By hand: with no lock model the sections do not exclude each other, but SC still orders each thread: (0,0), (0,1), (1,1).
    const { out } = await cli('run', '--format', 'herd', '--model', join(dir, 'mine.cat'), 'litmus/linux/MP+locks.litmus');
    expect(out).toMatch(/^States 3$/m);
  });

  it.skipIf(!existsSync(join(SHARED_DIR, 'conformance/herd/linux')))('--model and --bell are looked for in the -I folders; a model read without its bell says it may need one', async () => {
    const cats = join(SHARED_DIR, 'conformance/herd/linux/cats');
    const found = await cli('run', '--format', 'herd', '-I', cats, '--model', 'linux-kernel.cat', '--bell', 'linux-kernel.bell', '--macros', 'linux-kernel.def', 'litmus/linux/SB+mbs.litmus');
    // By hand (kinds.txt): SB with smp_mb() in each thread is forbidden.
    expect(found.out).toContain('Observation SB+mbs Never 0 3');
    const bellless = await cli('run', '-I', cats, '--model', 'linux-kernel.cat', 'litmus/linux/SB+mbs.litmus');
    expect(bellless.status).toBe(2);
    expect(bellless.err).toMatch(/linux-kernel\.cat:\d+:\d+: unknown name '[\w-]+' \(the model is read without a bell: it may need --bell .*linux-kernel\.bell, or its configuration, --conf\)/);
  });

  it.skipIf(!existsSync(join(SHARED_DIR, 'conformance/herd/linux')))("herd7's own library folder among the -I folders: litmus's cross.cat and cos-opt.cat still serve lock.cat", async () => {
    const shared = join(SHARED_DIR, 'conformance/herd/linux');
    const herdLibrary = mkdtempSync(join(tmpdir(), 'litmus-herdlib-'));
    // herd7's cross.cat uses match and fun, which litmus does not read: it must not be the one taken.
    writeFileSync(join(herdLibrary, 'cross.cat'), 'let cross = fun oss -> match oss with || {} -> 0 end\n');
    const { status, out } = await cli('run', '--format', 'herd', '--conf', `${shared}/cfgs/linux-kernel.cfg`, '-I', `${shared}/cats`, '-I', herdLibrary, 'litmus/linux/MP+locks.litmus');
    expect(status).toBe(0);
    // By hand (kinds.txt): MP inside the same lock's critical sections is forbidden.
    expect(out).toContain('Observation MP+locks Never 0 2');
  });

  it.skipIf(!existsSync(join(SHARED_DIR, 'conformance/herd/linux')))('fix under the kernel\'s own files finds repairs when the bad execution goes through a lock read the model ties', async () => {
    const shared = join(SHARED_DIR, 'conformance/herd/linux');
    const dir = mkdtempSync(join(tmpdir(), 'litmus-fixlock-'));
    const file = join(dir, 'TRY.litmus');
    // By hand: a failed trylock orders nothing, so P1 may see the lock held and x still 0; smp_wmb() in P0 and smp_rmb() in P1 forbid it.
    writeFileSync(file, 'C TRY\n{}\nP0(spinlock_t *l, int *x) { WRITE_ONCE(*x, 1); spin_lock(l); }\nP1(spinlock_t *l, int *x) { int r0; int r1; r0 = spin_trylock(l); r1 = READ_ONCE(*x); }\nexists (1:r0=0 /\\ 1:r1=0)\n');
    const { status, out } = await cli('fix', '--conf', `${shared}/cfgs/linux-kernel.cfg`, '-I', `${shared}/cats`, file);
    expect(status).toBe(0);
    expect(out).toMatch(/smp_wmb\(\);/);
    expect(out).toMatch(/smp_rmb\(\);/);
  });

  it.skipIf(!existsSync(join(SHARED_DIR, 'conformance/herd/linux')))("explanations under the kernel's own files say where the model makes a lock read read from", async () => {
    const shared = join(SHARED_DIR, 'conformance/herd/linux');
    const dir = mkdtempSync(join(tmpdir(), 'litmus-lockwhy-'));
    const file = join(dir, 'ISL.litmus');
    // By hand: P1 may see x=1 and the lock held (nothing orders its reads): spin_is_locked reads P0's lock write (lock.cat's with … from chooses it).
    writeFileSync(file, 'C ISL\n{}\nP0(spinlock_t *l, int *x) { spin_lock(l); WRITE_ONCE(*x, 1); spin_unlock(l); }\nP1(spinlock_t *l, int *x) { int r0; int r1; r0 = READ_ONCE(*x); r1 = spin_is_locked(l); }\nexists (1:r0=1 /\\ 1:r1=1)\n');
    const { status, out } = await cli('explain', '--conf', `${shared}/cfgs/linux-kernel.cfg`, '-I', `${shared}/cats`, file);
    expect(status).toBe(0);
    expect(out).toMatch(/R\[l\]=1 \(RL\) on P1 \(r1 = spin_is_locked\(l\);\) reads from \w+ \(P0: spin_lock\(l\);\)/);
    expect(out).toMatch(/W\[l\]=0 \(UL\) on P0 \(spin_unlock\(l\);\) is placed in co by the model/);
  });

  it('--variant mixed on a C test: each access moves a whole location, so it runs as without it, and says so', async () => {
    // By hand (as without mixed-size memory): relaxed SB reaches all four states, the condition's once.
    const { status, out, err } = await cli('run', '--format', 'herd', '--variant', 'mixed', 'litmus/c11/SB+rlx.litmus');
    expect(status).toBe(0);
    expect(out).toContain('Observation SB+rlx Sometimes 1 3');
    expect(err).toMatch(/^warning: litmus\/c11\/SB\+rlx\.litmus: mixed-size memory \(--variant mixed\) does not apply to a C test/m);
  });

  it('reports a configuration key it cannot honour, and a file it cannot find, at their lines', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'litmus-cfg-'));
    writeFileSync(join(dir, 'my.cfg'), 'model nowhere.cat\nshowevents all\nfrobnicate 3\nskipchecks sc\nbel k.bell\n');
    const { status, err } = await cli('run', '--conf', join(dir, 'my.cfg'), 'litmus/c11/SB+sc.litmus');
    expect(status).toBe(2);
    expect(err).toContain("my.cfg:1:7: cannot find the model 'nowhere.cat'");
    expect(err).toContain("my.cfg:3:1: 'frobnicate' is a herd7 setting litmus does not take");
    // A key that changes herd7's answers is never ignored silently.
    expect(err).toContain("my.cfg:4:1: 'skipchecks' skips checks of the model in herd7, which changes its answers: litmus does not take it yet");
    expect(err).toContain("my.cfg:5:1: unknown setting 'bel' (did you mean 'bell'?)");
    expect(err).not.toContain('showevents');
    // A bell from a configuration, with a stock --model: the message names where the bell came from.
    writeFileSync(join(dir, 'bell.cfg'), 'bell k.bell\n');
    writeFileSync(join(dir, 'k.bell'), "enum E = 'a\n");
    const stock = await cli('run', '--conf', join(dir, 'bell.cfg'), '--model', 'sc', 'litmus/aarch64/MP.litmus');
    expect(stock.status).toBe(2);
    expect(stock.err).toContain(`--conf ${join(dir, 'bell.cfg')}: its bell: a bell file goes with a .cat file model (--model FILE, or the model of --conf), but the model is the stock 'sc' (--model)`);
  });

  it("litmus fix repairs a C test with C's own statements, as diffs (test/fix.spec.ts has the search)", async () => {
    const { status, out } = await cli('fix', '--format', 'diff', 'litmus/qemu/qemu-aio.c.litmus');
    expect(status).toBe(0);
    expect(out).toMatch(/^\+\tint r0 = atomic_load_explicit\(bh_flags, memory_order_seq_cst\);/m);
    // A file outside the current folder: the diff names it by its base name (git apply and patch -p1 take that, from its folder).
    const dir = mkdtempSync(join(tmpdir(), 'litmus-fixdiff-'));
    writeFileSync(join(dir, 'q.litmus'), readFileSync('litmus/qemu/qemu-aio.c.litmus', 'utf8'));
    const outside = await cli('fix', '--format', 'diff', join(dir, 'q.litmus'));
    expect(outside.out).toMatch(/^--- a\/q\.litmus\n\+\+\+ b\/q\.litmus$/m);
  });
});
