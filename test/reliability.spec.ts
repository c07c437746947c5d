// Issue 16: inputs that crashed, overran a limit or surprised a newcomer,
// and families like them (deeper, longer, bigger). Each must end with an
// answer or a located error (exit 2), never an internal error. The shared
// reliability cases (../shared/reliability) run when present.

import { existsSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { SHARED_DIR } from '../src/bench/corpus.js';
import { LimitError } from '../src/errors.js';
import { checkBudget } from '../src/limits.js';
import { MAX_NESTING, MAX_TREE_DEPTH } from '../src/syntax/nesting.js';
import { cli } from './support/cli.js';

const root = join(import.meta.dirname, '..');
const mp = join(root, 'litmus', 'aarch64', 'MP.litmus');
const scratch = () => mkdtempSync(join(tmpdir(), 'litmus-reliability-'));

/** A test file with this condition (and init block) in a fresh folder. */
function testWith(condition: string, init = ''): string {
  const file = join(scratch(), 'T.litmus');
  writeFileSync(file, `AArch64 T\n{ ${init} }\n P0 ;\n MOV X0,#1 ;\nexists ${condition}\n`);
  return file;
}

/** A model file whose `let d =` is this expression. */
function modelWith(expression: string): string {
  const file = join(scratch(), 'm.cat');
  writeFileSync(file, `"m"\nlet d = ${expression}\nacyclic d | rf | co | fr as ax\n`);
  return file;
}

/** What the command line printed, checked for internal errors and stack traces. */
async function outcome(...args: string[]): Promise<{ status: number; out: string; err: string }> {
  const result = await cli(...args);
  expect(result.err).not.toMatch(/internal error|\n\s+at /);
  return result;
}

describe('nesting: answered up to the limit, a located error past it (no stack overflow)', () => {
  it('parentheses in a condition', async () => {
    expect((await outcome('run', testWith(`${'('.repeat(MAX_NESTING - 1)}0:X0=1${')'.repeat(MAX_NESTING - 1)}`))).status).toBe(0);
    const { status, err } = await outcome('run', testWith(`${'('.repeat(3000)}0:X0=1${')'.repeat(3000)}`));
    expect(status).toBe(2);
    // The 65th '(' is at column 8 + 64 of line 5.
    expect(err).toMatch(new RegExp(`T\\.litmus:5:${8 + MAX_NESTING}: nested too deeply here: more than ${MAX_NESTING} levels`));
  });

  it("'~' and chains of '=>', which nest without parentheses", async () => {
    expect((await outcome('run', testWith(`(${'~'.repeat(1040)}0:X0=1)`))).err).toMatch(/T\.litmus:5:\d+: nested too deeply/);
    expect((await outcome('run', testWith(`(${Array(1136).fill('0:X0=1').join(' => ')})`))).err).toMatch(/T\.litmus:5:\d+: nested too deeply/);
    // A chain of => ends at /\: many short chains are fine.
    expect((await outcome('run', testWith(`(${Array(200).fill('(0:X0=1 => 0:X0=1)').join(' /\\ ')})`))).status).toBe(0);
  });

  it("flat chains of '/\\' up to the tree limit, in every command", async () => {
    const chain = (n: number) => testWith(`(${Array(n).fill('0:X0=1').join(' /\\ ')})`);
    const longest = chain(MAX_TREE_DEPTH - 1);
    for (const args of [['run'], ['explain'], ['compare'], ['check', '--jobs', '1']]) {
      // MOV X0,#1 makes 0:X0=1 hold in every execution: each command answers (check: herd7's Ok).
      expect([args[0], (await outcome(...args, longest)).status]).toEqual([args[0], 0]);
    }
    expect((await outcome('run', '--format', 'json', longest)).status).toBe(0);
    const { status, err } = await outcome('run', chain(3584));
    expect(status).toBe(2);
    expect(err).toMatch(/T\.litmus:5:\d+: this condition is nested too deeply: more than 1000 levels/);
  });

  it('init values nested in parentheses', async () => {
    const { status, err } = await outcome('run', testWith('(0:X0=1)', `x=${'('.repeat(1000)}1${')'.repeat(1000)};`));
    expect(status).toBe(2);
    expect(err).toMatch(/T\.litmus:2:\d+: nested too deeply/);
  });

  it('a model: parentheses, domain( calls, long ; and | chains, long postfix runs', async () => {
    expect((await outcome('run', '--model', modelWith(`${'('.repeat(60)}po${')'.repeat(60)}`), mp)).status).toBe(0);
    expect((await outcome('run', '--model', modelWith(Array(999).fill('po').join(';')), mp)).status).toBe(0);
    // `++` is herd7's adding to a set: a run of postfix operators alternates `+` and `?`.
    expect((await outcome('run', '--model', modelWith(`po${'+?'.repeat(499)}`), mp)).status).toBe(0);
    for (const deep of [`${'('.repeat(150)}po${')'.repeat(150)}`, `${'domain('.repeat(132)}po${')'.repeat(132)}`]) {
      expect((await outcome('run', '--model', modelWith(deep), mp)).err).toMatch(/m\.cat:2:\d+: nested too deeply here/);
    }
    for (const long of [Array(3500).fill('po').join(';'), Array(50_000).fill('po').join('|')]) {
      expect((await outcome('run', '--model', modelWith(long), mp)).err).toMatch(/m\.cat:2:\d+: this expression is nested too deeply: more than 1000 levels/);
    }
  });
});

describe('models nested through their definitions', () => {
  /** A model whose axiom names r{n-1}, each r{i} defined on r{i-1} by `op` (every let within the parser's limits). */
  function chain(n: number, base: string, op: string, operand: string): string {
    const file = join(scratch(), 'chain.cat');
    const lets = Array.from({ length: n - 1 }, (_, i) => `let r${i + 1} = r${i} ${op} ${operand}`);
    writeFileSync(file, ['"chain"', `let r0 = ${base}`, ...lets, `acyclic r${n - 1} | rf | co | fr | po as sc`, ''].join('\n'));
    return file;
  }

  it('a relation nesting 1,490 levels through its definitions is run and explained, built on rf or on ;', async () => {
    // By hand: each axiom contains po | rf | co | fr (SC's), which forbids MP's relaxed state.
    for (const file of [chain(1490, 'rf', '|', 'po'), chain(1490, 'po', ';', '[M]')]) {
      const run = await outcome('run', '--format', 'herd', '--model', file, mp);
      expect(run.status).toBe(0);
      expect(run.out).toContain('Observation MP Never 0 3');
      const explained = await outcome('explain', '--model', file, mp);
      expect(explained.status).toBe(0);
      expect(explained.out).toContain('sc (acyclic) fails on this cycle');
    }
  });

  it('one nesting 12,000 levels is refused at its axiom (it overflowed the stack), in run and explain', async () => {
    const file = chain(12_000, 'po', '|', 'rf');
    for (const command of ['run', 'explain']) {
      const { status, err } = await outcome(command, '--model', file, mp);
      expect(status).toBe(2);
      expect(err).toMatch(/chain\.cat:12002:1: sc: its relation nests 1200\d levels deep through the definitions it names, more than 1500 \(the limit\)/);
    }
  });
});

describe('sizes are checked before anything is allocated', () => {
  it('an array of a hundred million elements, or of none', async () => {
    expect((await outcome('run', testWith('(0:X0=1)', 'int t[100000000];'))).err).toMatch(/T\.litmus:2:7: an array of 100000000 elements is over the limit of 65536/);
    expect((await outcome('run', testWith('(0:X0=1)', 'int t[0];'))).err).toMatch(/T\.litmus:2:7: an array needs at least one element/);
  });

  it('an array the test uses is limited further, at its declaration; one nothing names is left out', async () => {
    expect((await outcome('run', testWith('(0:X0=0)', 'int t[5000]; 0:X1=t;'))).err).toMatch(/T\.litmus:2:3: the array 't' has 5000 elements/);
    const used = await outcome('run', testWith('(t[4999]=0)', 'int t[5000];'));
    expect(used.status).toBe(2);
    expect(used.err.trim().split('\n')).toEqual([expect.stringMatching(/T\.litmus:2:3: the array 't' has 5000 elements, over the limit of 4096 for one the test uses/)]);
    // MOV X0,#1 runs, nothing names t: one execution, 0:X0=1.
    const unused = await outcome('run', '--format', 'herd', testWith('(0:X0=1)', 'int t[60000];'));
    expect([unused.status, unused.out.includes('Observation T Always 1 0')]).toEqual([0, true]);
  });

  it('a file over 1 MiB, and a test of thousands of instructions', async () => {
    const big = join(scratch(), 'big.litmus');
    writeFileSync(big, `AArch64 B\n{}\n P0 ;\n${' NOP ;\n'.repeat(200_000)}exists (0:X0=1)\n`);
    expect((await outcome('run', big)).err).toMatch(/big\.litmus:1:1: this file has \d+ bytes, over the limit of 1048576/);
    writeFileSync(big, `AArch64 B\n{}\n P0 ;\n${' NOP ;\n'.repeat(3000)}exists (0:X0=1)\n`);
    expect((await outcome('run', big)).err).toMatch(/big\.litmus:4:\d+: 3000 instructions, over the limit of 2000/);
  });
});

describe('time and memory', () => {
  it('the budget check stops past the deadline and over the memory ceiling, naming the phase', () => {
    expect(() => checkBudget({ deadline: Date.now() - 1 }, 'exploring')).toThrow(new LimitError('stopped at the time limit (--timeout) while exploring'));
    expect(() => checkBudget({ maxMemoryBytes: 1 }, 'searching')).toThrow(/stopped at the memory limit \(--max-memory 0 MiB; \d+ MiB in use\) while searching/);
    expect(() => checkBudget({ deadline: Date.now() + 60_000, maxMemoryBytes: 2 ** 40 }, 'x')).not.toThrow();
  });

  /** Runs `body` with a clock that moves 10 ms at every reading: any deadline under a second passes at the first look. */
  async function withRacingClock<T>(body: () => Promise<T>): Promise<T> {
    let now = Date.now();
    const clock = vi.spyOn(Date, 'now').mockImplementation(() => (now += 10));
    try {
      return await body();
    } finally {
      clock.mockRestore();
    }
  }

  it('--timeout is looked at before the first step: a short one stops even MP, in run, explain and compare', async () => {
    for (const command of ['run', 'explain', 'compare']) {
      const { status, err } = await withRacingClock(() => outcome(command, '--timeout', '0.001', mp));
      expect([command, status]).toEqual([command, 2]);
      expect(err).toMatch(/MP\.litmus:1:1: stopped at the time limit \(--timeout\) while /);
    }
  });

  it('explain and compare take --max-candidates and --max-memory', async () => {
    for (const command of ['explain', 'compare']) {
      const { status, err } = await outcome(command, '--max-candidates', '2', mp);
      expect([command, status]).toEqual([command, 2]);
      expect(err).toContain('--max-candidates');
      expect((await outcome(command, '--max-memory', '1', mp)).err).toMatch(/MP\.litmus:1:1: stopped at the memory limit \(--max-memory 1 MiB/);
    }
  });

  it('each budget compares the latest memory reading (one every 20 ms in the whole process) with its own limit', () => {
    checkBudget({ maxMemoryBytes: 2 ** 40 }, 'one');
    expect(() => checkBudget({ maxMemoryBytes: 1 }, 'another')).toThrow(/memory limit/);
  });
});

describe.skipIf(!existsSync(join(SHARED_DIR, 'reliability')))('the shared reliability cases (needs ../shared)', () => {
  const r = (name: string) => join(SHARED_DIR, 'reliability', name);
  it('01, 02: nesting', async () => {
    expect((await outcome('run', r('01-cond-nesting.litmus'))).err).toMatch(/01-cond-nesting\.litmus:6:\d+: nested too deeply/);
    expect((await outcome('run', '--model', r('02-cat-nesting.cat'), mp)).err).toMatch(/02-cat-nesting\.cat:2:\d+: nested too deeply/);
  });
  it('04: an array of 6,000 elements nothing uses is answered', async () => {
    // Hand derivation: P0 runs NOP, so 0:X0 stays 0 in the one execution: Always 1 0.
    const { status, out } = await outcome('run', '--format', 'herd', r('04-array-6000.litmus'));
    expect(status).toBe(0);
    expect(out).toContain('Observation A Always 1 0');
  });
  it('04b: an array too large, before allocating it', async () => {
    expect((await outcome('run', '--timeout', '10', r('04b-array-huge.litmus'))).err).toMatch(/04b-array-huge\.litmus:3:\d+: an array of 100000000 elements is over the limit/);
  });
  it('05, 06: the time limit, in every command', async () => {
    expect((await outcome('run', '--timeout', '1', r('05-timeout-sb-400-rows.litmus'))).err).toMatch(/time limit/);
    expect((await outcome('explain', '--all-states', '--timeout', '1', r('06-explain-all-states-memory.litmus'))).err).toMatch(/time limit/);
  });
  it('08: the memory ceiling stops it cleanly', async () => {
    const { heapUsed, external } = process.memoryUsage();
    const ceiling = Math.ceil((heapUsed + external) / 2 ** 20) + 200;
    const { status, err } = await outcome('run', '--max-memory', String(ceiling), r('08-limits-memory.litmus'));
    expect(status).toBe(2);
    expect(err).toMatch(/08-limits-memory\.litmus:1:1: stopped at the memory limit/);
  });
});

describe('files and options', () => {
  it('a folder with a dangling link and a link loop: each reported where it is, the rest run', async () => {
    const dir = scratch();
    writeFileSync(join(dir, 'MP.litmus'), (await import('node:fs')).readFileSync(mp, 'utf8'));
    symlinkSync(join(dir, 'nothing'), join(dir, 'dangling.litmus'));
    symlinkSync(join(dir, 'b.litmus'), join(dir, 'a.litmus'));
    symlinkSync(join(dir, 'a.litmus'), join(dir, 'b.litmus'));
    symlinkSync(dir, join(dir, 'again')); // a folder reached twice
    const { status, out, err } = await outcome('run', '--format', 'herd', dir);
    expect(status).toBe(2);
    expect(out.match(/Observation MP /g)).toHaveLength(1);
    expect(err).toContain('dangling.litmus:1:1: no such file or folder (or a link to nothing)');
    expect(err).toContain('a.litmus:1:1: a symbolic link that leads back to itself');
  });

  it('a folder where a file belongs, a file where a folder belongs, and report paths checked before running', async () => {
    const dir = scratch();
    expect((await outcome('run', '--model', join(mp, 'x.cat'), mp)).err).toMatch(/x\.cat:1:1: a part of this path is a file, not a folder/);
    expect((await outcome('run', '--model', dir, mp)).err).toMatch(/:1:1: this is a folder; expected a \.cat model/);
    expect((await outcome('check', '--kinds', dir, mp)).err).toMatch(/:1:1: this is a folder; expected a kinds file/);
    const missing = await outcome('check', '--junit', join(dir, 'no', 'r.xml'), mp);
    expect([missing.status, missing.out]).toEqual([2, '']);
    expect(missing.err).toMatch(/^litmus: --junit .*: the folder .* does not exist\n$/);
    expect((await outcome('check', '--json', dir, mp)).err).toMatch(/^litmus: --json .*: this is a folder; give the report's file name/);
  });

  it('an empty or unknown model name names the option', async () => {
    expect(await outcome('run', '--model', '', mp)).toEqual({ status: 2, out: '', err: "litmus: --model: an empty model name (give one of aarch64, x86tso, sc, lkmm, rc11 or a path to a .cat file)\n" });
    expect((await outcome('compare', '--models', 'foo', mp)).err).toBe("litmus: --models: no model named 'foo' (give one of aarch64, x86tso, sc, lkmm, rc11 or a path to a .cat file)\n");
  });

  it('a thread number is quoted as written', async () => {
    const { err } = await outcome('run', testWith(`(P${'9'.repeat(400)}:X0=1)`, '-9223372036854775809:X0=1;'));
    expect(err).toContain("'-9223372036854775809' is no thread of this test");
    expect(err).toContain(`'P${'9'.repeat(400)}' is no thread of this test`);
    expect(err).not.toMatch(/Infinity|e\+/);
  });

  it('an empty folder or index file says no test was found', async () => {
    const dir = scratch();
    mkdirSync(join(dir, 'empty'));
    writeFileSync(join(dir, 'none.txt'), '# nothing here\n');
    expect((await outcome('run', join(dir, 'empty'))).err).toMatch(/empty:1:1: no \.litmus test in this folder/);
    expect((await outcome('run', join(dir, 'none.txt'))).err).toMatch(/none\.txt:1:1: this index file lists no test/);
  });
});

describe('what a newcomer tripped on', () => {
  it('run and explain refuse a model written for another architecture, unless --force-model', async () => {
    const sb = join(root, 'litmus', 'aarch64', 'SB+dmb.ishs.litmus');
    for (const command of ['run', 'explain']) {
      const { status, err } = await outcome(command, '--model', 'x86tso', sb);
      expect(status).toBe(2);
      expect(err).toMatch(/SB\+dmb\.ishs\.litmus:1:1: x86tso is not written for AArch64 tests: it would ignore their barriers/);
    }
    expect((await outcome('run', '--model', 'aarch64', join(root, 'litmus', 'x86', 'SB.litmus'))).status).toBe(2);
    const forced = await outcome('run', '--force-model', '--model', 'x86tso', sb);
    expect(forced.status).toBe(0);
    expect(forced.err).toContain('warning: x86tso is not written for AArch64 tests');
  });

  it('a condition naming what nothing declares or changes gets a located warning', async () => {
    const file = testWith('(1:X9=1 \\/ z=1 \\/ 0:X0=1)');
    writeFileSync(file, `AArch64 T\n{ }\n P0 | P1 ;\n MOV X0,#1 | MOV X1,#1 ;\nexists (1:X9=1 \\/ z=1 \\/ 0:X0=1)\n`);
    const { status, err } = await outcome('run', file);
    expect(status).toBe(0);
    expect(err).toContain('T.litmus:5:9: the condition names 1:X9, a register P1 never writes and the init block does not set');
    expect(err).toContain('T.litmus:5:19: the condition names [z], a location the init block does not declare and no thread reads or writes');
    expect(err).not.toContain('0:X0,');
  });

  it('a control character quoted from the input is written as an escape, not sent to the terminal', async () => {
    const file = join(scratch(), 'T.litmus');
    // ESC [2J clears a terminal's screen.
    writeFileSync(file, 'AArch64 T\n{ }\n P0 ;\n \x1b[2J ;\nexists 0:X0=0\n');
    const { status, err } = await outcome('run', file);
    expect(status).toBe(2);
    expect(err).toContain("T.litmus:4:2: unknown AArch64 instruction '\\x1b[2J'");
    expect(err).not.toContain('\x1b');
    // An option's value quoted by a usage error, too.
    const usage = await outcome('run', '--model', 'x\x1b[2J', mp);
    expect(usage.status).toBe(2);
    expect(usage.err).toContain('x\\x1b[2J');
    expect(usage.err).not.toContain('\x1b');
  });
});

describe('found by the fuzz suite', () => {
  it('an array index written past the 64-bit range is an error at it, not a crash', async () => {
    // A230 with x[-9223372036854775809] in its condition: an internal error (exit 3) before.
    const file = testWith('(x[0]=0 /\\ x[-9223372036854775809]=0)', 'int64_t x[2] = {1,2};');
    const { status, err } = await outcome('run', file);
    expect(status).toBe(2);
    expect(err).toContain("T.litmus:5:21: '-9223372036854775809' is no index of an array element");
  });

  it('a test of thousands of rows stops at --timeout while the model judges it', async () => {
    // 1,999 loads on one thread: the model's relations are cubic in the events (minutes without a limit before).
    const file = join(scratch(), 'rows.litmus');
    writeFileSync(file, `AArch64 R\n{ 0:X1=x; }\n P0 ;\n${' LDR W0,[X1] ;\n'.repeat(1999)}exists (0:X0=1)\n`);
    const { status, err } = await outcome('run', '--timeout', '0.5', file);
    expect(status).toBe(2);
    expect(err).toMatch(/rows\.litmus:1:1: stopped at the time limit \(--timeout\) while /);
  });
});

describe('messages a newcomer read', () => {
  it('an unclosed comment is reported alone, not after an echo of what it swallowed', async () => {
    const file = join(scratch(), 'C.litmus');
    writeFileSync(file, 'AArch64 C\n{ }\n P0 ;\n NOP (* open ;\nexists (0:X0=0)\n');
    expect((await outcome('run', file)).err).toBe(`${file}:4:6: comment '(*' is never closed with '*)'\n`);
  });

  it("registers of the wrong architecture, with the right article", async () => {
    expect((await outcome('run', testWith('(0:Z2=1)'))).err).toContain("'Z2' is not an AArch64 register");
  });
});

describe('found by the fuzz suite, again', () => {
  it('a file of garbage stops after 50 syntax errors instead of recovering for seconds past --timeout', async () => {
    // LB+rel+CAS with its header block repeated 1,766 times (142 KB): 7,097 errors and 5 s of recovery before.
    const block = '+rel+CAS\n{\n0:X1=x; 0:X3=y;\n1:X1=x; 1:X3=y;\n}\nP0        xists (1:X5=1 /\\ 0:X0=1)\n';
    const file = join(scratch(), 'G.litmus');
    writeFileSync(file, `AArch64 G\n${block.repeat(1766)}`);
    const { status, err } = await outcome('run', file);
    expect(status).toBe(2);
    const lines = err.trim().split('\n');
    expect(lines).toHaveLength(51);
    expect(lines[50]).toMatch(/G\.litmus:\d+:\d+: more than 50 syntax errors; reading stopped here/);
  });
});

describe('pictures', () => {
  it('a graph of more than 200 events is written as DOT only (Graphviz cannot be interrupted)', async () => {
    const file = join(scratch(), 'Big.litmus');
    writeFileSync(file, `AArch64 Big\n{ 0:X1=x; }\n P0 ;\n${' LDR W0,[X1] ;\n'.repeat(201)}exists (0:X0=0)\n`);
    const dir = scratch();
    const { status, err } = await outcome('explain', '--graph', dir, file);
    expect(status).toBe(0);
    // x's initial write and the 201 loads.
    expect(err).toMatch(/note: wrote .*Big\.state-1\.allowed\.dot only: 202 events, over the 200 drawn as SVG/);
    expect(existsSync(join(dir, 'Big.state-1.allowed.dot'))).toBe(true);
    expect(existsSync(join(dir, 'Big.state-1.allowed.svg'))).toBe(false);
  });
});
