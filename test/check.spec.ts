// `litmus check` as a CI gate: verdicts against kinds files, exit statuses,
// JUnit and JSON reports, shards, and limits on a test that explodes.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { corpusAvailable, SHARED_DIR } from '../src/bench/corpus.js';
import { cli } from './support/cli.js';
import { workersWorthStarting } from '../src/cli/check/pool.js';

const root = join(import.meta.dirname, '..');
const folder = join(import.meta.dirname, 'fixtures', 'check');
const qemu = join(root, 'litmus', 'qemu');
/** Worker threads need the built program (`npm run build`, done by `npm ci`). */
const built = existsSync(join(root, 'dist', 'worker.js'));
const scratch = () => mkdtempSync(join(tmpdir(), 'litmus-check-'));


describe('litmus check', () => {
  it('passes a folder whose kinds.txt holds, with one line per test and a summary', async () => {
    const { status, out } = await cli('check', '--jobs', '1', folder);
    expect(out).toMatch(/PASS MP\s+aarch64\s+Allowed\s+expected Allowed/);
    expect(out).toMatch(/PASS SB\+dmbs\s+aarch64\s+Forbidden\s+expected Forbidden/);
    expect(out).toContain('3 passed, 0 failed\n');
    expect(status).toBe(0);
  });

  it('checks several models, each against its own kinds file', async () => {
    const { status, out } = await cli('check', '--jobs', '1', '--models', 'aarch64,sc,x86tso', folder);
    // x86tso does not apply to AArch64 tests: 3 tests × 2 models.
    expect(out).toContain('6 passed, 0 failed\n');
    expect(out).toMatch(/PASS SB\s+sc\s+Forbidden/);
    expect(status).toBe(0);
  });

  it('fails (exit 1) when a fence is removed, naming the test and the bad state', async () => {
    const dir = scratch();
    const fenced = readFileSync(join(folder, 'SB+dmbs.litmus'), 'utf8');
    writeFileSync(join(dir, 'SB+dmbs.litmus'), fenced.replace(/ DMB ISH {5}\| DMB ISH {5};\n/, ''));
    writeFileSync(join(dir, 'kinds.txt'), 'SB+dmbs Forbidden\n');
    const { status, out } = await cli('check', '--jobs', '1', dir);
    expect(status).toBe(1);
    expect(out).toMatch(/FAIL SB\+dmbs\s+aarch64\s+Allowed\s+expected Forbidden/);
    expect(out).toContain('0:X2=0; 1:X2=0;');
    expect(out).toContain('0 passed, 1 failed\n');
    // Store then load on each side needs a full barrier (4) or a release store with an acquire load (2 + 2): 8 in all.
    expect(out).toContain('cheapest repair (cost 8, verified;');
  });

  it('fails the patched QEMU test when its DMB ISH is deleted, naming it and the hang state', async () => {
    const dir = scratch();
    const patched = readFileSync(join(qemu, 'qemu-aio-llsc+dmb.litmus'), 'utf8');
    const withoutFix = patched.replace('DMB ISH (* smp_mb() added after atomic_or by the fix *)', '');
    expect(withoutFix).not.toBe(patched);
    writeFileSync(join(dir, 'qemu-aio-llsc+dmb.litmus'), withoutFix);
    writeFileSync(join(dir, 'kinds.txt'), readFileSync(join(qemu, 'kinds.txt'), 'utf8'));
    const { status, out } = await cli('check', '--jobs', '1', join(dir, 'qemu-aio-llsc+dmb.litmus'));
    expect(status).toBe(1);
    expect(out).toMatch(/FAIL qemu-aio-llsc\+dmb\s+aarch64\s+Allowed\s+expected Forbidden/);
    // Both threads read the old values: nobody wakes the main loop.
    expect(out).toContain('0:X2=0; 0:X3=0; 1:X2=0;');
    // And what would fix it, verified (litmus fix): the load made an acquire, after the STLXR.
    expect(out).toMatch(/cheapest repair \(cost 2, verified; litmus fix \S+ shows more, as diffs\):\n\s+P0 line \d+: LDR W3,\[X4\] → LDAR W3,\[X4\]\n/);
  });

  it.skipIf(!built)('runs on worker threads (built CLI) with the same results in the same order', () => {
    const run = (jobs: string) =>
      spawnSync(process.execPath, [join(root, 'bin', 'litmus.js'), 'check', '--jobs', jobs, join(root, 'litmus')], { encoding: 'utf8', env: { ...process.env, CI: 'true', LITMUS_EAGER_WORKERS: '1' } });
    const [parallel, serial] = [run('2'), run('1')];
    expect(parallel.status).toBe(0);
    const verdicts = (out: string) => out.split('\n').map((line) => line.replace(/\s[\d.]+s$/, ''));
    expect(verdicts(parallel.stdout)).toEqual(verdicts(serial.stdout));
    expect(parallel.stdout).toMatch(/^\d+ passed, 0 failed$/m);
  });

  it('starts workers only for work that outweighs their start-up', () => {
    // 0.5 s for 50 jobs: 10 ms each; 100 left is 1 s of work, worth one worker; 99 is not.
    expect(workersWorthStarting(0.5, 50, 100, 4)).toBe(1);
    expect(workersWorthStarting(0.5, 50, 99, 4)).toBe(0);
    // Heavy jobs: as many workers as threads allow beside this one, never more than the jobs left to share.
    expect(workersWorthStarting(2, 1, 10, 4)).toBe(3);
    expect(workersWorthStarting(2, 1, 2, 4)).toBe(1);
    expect(workersWorthStarting(2, 1, 10, 1)).toBe(0);
  });

  it('reports kinds entries without a test, and input errors (exit 2)', async () => {
    const dir = scratch();
    writeFileSync(join(dir, 'kinds.txt'), 'Ghost Forbidden\n');
    writeFileSync(join(dir, 'broken.litmus'), 'AArch64 broken\n{\n}\n P0 ;\n FROB ;\nexists (x=1)\n');
    const { status, out } = await cli('check', '--jobs', '1', dir);
    expect(status).toBe(2);
    expect(out).toMatch(/kinds\.txt:1:1: 'Ghost' is listed here but there is no such test/);
    expect(out).toMatch(/^ERR  broken\s+aarch64\s+.*broken\.litmus:5:\d+: /m);
    expect(out).not.toMatch(/^FAIL/m);
    expect(out).toContain('0 passed, 0 failed, 2 errors\n');
  });

  it('writes JUnit XML that validates and counts failures', async () => {
    const dir = scratch();
    const junit = join(dir, 'report.xml');
    await cli('check', '--jobs', '1', '--models', 'aarch64,sc', '--kinds', join(folder, 'kinds.txt'), '--junit', junit, folder);
    const xml = readFileSync(junit, 'utf8');
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false }).parse(xml);
    // An explicit --kinds replaces the files beside the tests and applies to
    // every model (its name names none). Under aarch64 all pass; under SC the
    // relaxed outcomes MP and SB expect (Allowed) are forbidden → 2 failures,
    // while SB+dmbs (Forbidden) passes.
    expect(doc.testsuites['@_tests']).toBe('6');
    expect(doc.testsuites['@_failures']).toBe('2');
    expect(doc.testsuites.testsuite.testcase).toHaveLength(6);
  });

  it('two shards together cover every test exactly once', async () => {
    const dir = scratch();
    const names = async (shard: string) => {
      const json = join(dir, `${shard.replace('/', '-')}.json`);
      await cli('check', '--jobs', '1', '--shard', shard, '--json', json, folder);
      return (JSON.parse(readFileSync(json, 'utf8')).results as Array<{ name: string }>).map((r) => r.name);
    };
    const [first, second] = [await names('1/2'), await names('2/2')];
    expect([...first, ...second].sort()).toEqual(['MP', 'SB', 'SB+dmbs']);
    expect(first.filter((n) => second.includes(n))).toEqual([]);
  });

  it('a test that explodes stops at the limit as an error and the run goes on', async () => {
    // Generated: 6 threads each storing 3 values to x and reading it back:
    // billions of coherence orders × read sources, far past any limit.
    const dir = scratch();
    mkdirSync(join(dir, 'big'));
    const threads = Array.from({ length: 6 }, (_, t) => t);
    const rows = [0, 1, 2].flatMap((k) => [
      threads.map((t) => `MOV W0,#${t * 3 + k + 1}`.padEnd(12)).join(' | ') + ' ;',
      threads.map(() => 'STR W0,[X1]'.padEnd(12)).join(' | ') + ' ;',
      threads.map(() => `LDR W${k + 2},[X1]`.padEnd(12)).join(' | ') + ' ;',
    ]);
    const text = [
      'AArch64 explode',
      '{',
      threads.map((t) => `${t}:X1=x;`).join(' '),
      '}',
      threads.map((t) => `P${t}`.padEnd(12)).join(' | ') + ' ;',
      ...rows,
      'exists (0:X2=0)',
    ].join('\n');
    writeFileSync(join(dir, 'big', 'explode.litmus'), text + '\n');
    writeFileSync(join(dir, 'big', 'SB.litmus'), readFileSync(join(folder, 'SB.litmus'), 'utf8'));
    const { status, out } = await cli('check', '--jobs', '1', '--max-candidates', '20000', '--timeout', '20', join(dir, 'big'));
    expect(status).toBe(2);
    expect(out).toMatch(/ERR  explode .*stopped/);
    expect(out).toMatch(/PASS SB /);
  });
});

// util-linux's `script` runs a command on a pseudo-terminal: the progress bar is drawn as a user sees it.
const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;

describe.skipIf(!built || !hasScript)('litmus check on a terminal', () => {
  it("prints every test's line above the progress bar, the last ones too", () => {
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
    delete env.CI;
    const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(join(root, 'bin', 'litmus.js'))} check --jobs 1 ${JSON.stringify(qemu)}`;
    const run = spawnSync('script', ['-qec', command, '/dev/null'], { encoding: 'utf8', env });
    expect(run.status).toBe(0);
    // The bar's redraws (carriage returns) aside, one PASS line per test of litmus/qemu and its kinds.txt (12 tests).
    const lines = run.stdout.split(/\r?\n|\r/).filter((line) => line.includes('PASS '));
    expect(lines).toHaveLength(12);
    expect(run.stdout).toContain('12 passed, 0 failed');
  });
});

describe('litmus check on herd\'s catalogue and on GitHub Actions', () => {
  const catalogue = join(SHARED_DIR, 'conformance', 'herd', 'aarch64');

  it.skipIf(!corpusAvailable())('fails exactly the two entries herd7\'s own model contradicts', async () => {
    const { status, out } = await cli('check', '--jobs', '1', catalogue);
    expect(status).toBe(1);
    const failed = out.split('\n').filter((l) => l.startsWith('FAIL')).map((l) => l.split(/\s+/)[1]).sort();
    expect(failed).toEqual(['LB+CAS-rfi-ctrl+DMBSY', 'R+CAS-rfi-ctrl+DMBST']);
    // Tests the kinds file does not list are said to be judged by their condition.
    expect(out).toMatch(/expected Ok \(not in kinds\.txt\)/);
  });

  it('prints ::error annotations for failures when GITHUB_ACTIONS is set', async () => {
    const dir = scratch();
    writeFileSync(join(dir, 'SB.litmus'), readFileSync(join(folder, 'SB.litmus'), 'utf8'));
    writeFileSync(join(dir, 'kinds.txt'), 'SB Forbidden\n');
    const previous = process.env.GITHUB_ACTIONS;
    process.env.GITHUB_ACTIONS = 'true';
    try {
      const { status, out } = await cli('check', '--jobs', '1', dir);
      expect(status).toBe(1);
      expect(out).toMatch(new RegExp(`^::error file=${join(dir, 'SB.litmus').replace(/[+.]/g, '\\$&')},line=1::SB \\[aarch64\\]: Allowed, expected Forbidden%0A`, 'm'));
    } finally {
      if (previous === undefined) delete process.env.GITHUB_ACTIONS;
      else process.env.GITHUB_ACTIONS = previous;
    }
  });
});

describe('litmus check: which rule decides', () => {
  const withResult = (dir: string, name: string, source: string, result: string) => {
    const text = readFileSync(join(root, 'litmus', 'aarch64', `${source}.litmus`), 'utf8').replace(/^(AArch64 )\S+/, `$1${name}`);
    const [header, ...rest] = text.split('\n');
    writeFileSync(join(dir, `${name}.litmus`), [header, `(* Result: ${result} *)`, ...rest].join('\n'));
  };

  it("without a kinds entry, a test's own Result: line (the kernel's convention) is the expectation", async () => {
    const dir = scratch();
    // Hand derivation: MP's relaxed outcome is allowed (Sometimes); with DMB ISH on both sides it is forbidden (Never).
    withResult(dir, 'MPgood', 'MP', 'Sometimes');
    withResult(dir, 'MPbad', 'MP', 'Never');
    withResult(dir, 'MPfenced', 'MP+dmb.ishs', 'Never');
    const { status, out } = await cli('check', '--jobs', '1', dir);
    expect(out).toMatch(/PASS MPgood\s+aarch64\s+Sometimes\s+expected Sometimes \(Result: at line 2\)/);
    expect(out).toMatch(/FAIL MPbad\s+aarch64\s+Sometimes\s+expected Never \(Result: at line 2\)/);
    expect(out).toMatch(/PASS MPfenced\s+aarch64\s+Never\s+expected Never/);
    expect(status).toBe(1);
    // Neither: herd7's Ok, and the line says so.
    writeFileSync(join(dir, 'MPgood.litmus'), readFileSync(join(root, 'litmus', 'aarch64', 'MP.litmus'), 'utf8'));
    expect((await cli('check', '--jobs', '1', join(dir, 'MPgood.litmus'))).out).toMatch(/PASS MP\s+aarch64\s+Ok\s+expected Ok \(no kinds entry\)/);
  });

  it("a Result: line with another word is a warning, and the test falls back to herd7's Ok", async () => {
    const dir = scratch();
    withResult(dir, 'MPtypo', 'MP', 'Maybe');
    const { out, err } = await cli('check', '--jobs', '1', dir);
    expect(err).toContain("MPtypo.litmus:2:1: 'Result: Maybe' is not Never, Sometimes or Always; the line is ignored");
    expect(out).toMatch(/PASS MPtypo\s+aarch64\s+Ok\s+expected Ok \(no kinds entry\)/);
  });

  it('a kinds file with a bad line is reported once, at that line', async () => {
    const dir = scratch();
    for (const name of ['MP', 'SB', 'LB']) writeFileSync(join(dir, `${name}.litmus`), readFileSync(join(root, 'litmus', 'aarch64', `${name}.litmus`), 'utf8'));
    writeFileSync(join(dir, 'kinds.txt'), 'MP Forbidden\nSB Perhaps\n');
    const { status, out } = await cli('check', '--jobs', '1', dir);
    expect(status).toBe(2);
    expect(out.match(/kinds\.txt:2:\d+: /g)).toHaveLength(1);
    // Its good line still applies: MP's relaxed outcome is allowed, against "Forbidden".
    expect(out).toMatch(/FAIL MP\s+aarch64\s+Allowed\s+expected Forbidden/);
  });

  it('a kinds file named on the command line applies whatever the model', async () => {
    const { out } = await cli('check', '--jobs', '1', '--model', 'sc', '--kinds', join(folder, 'kinds.txt'), folder);
    // Under SC the relaxed MP and SB outcomes are forbidden, against kinds.txt's Allowed.
    expect(out).toMatch(/FAIL MP\s+sc\s+Forbidden\s+expected Allowed/);
    expect(out).toMatch(/PASS SB\+dmbs\s+sc\s+Forbidden\s+expected Forbidden/);
  });
});
