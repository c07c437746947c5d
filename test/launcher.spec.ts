// The built command line (bin/litmus.js over dist/litmus.cjs and
// dist/commands.cjs, scripts/bundle.mjs): --version and --help come from
// the command line's file alone, a command loads the rest, and errors the
// commands throw are still told apart from internal ones (issue 11).

import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const built = existsSync(join(root, 'dist', 'commands.cjs'));

function litmus(bin: string, ...args: string[]) {
  return spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', LITMUS_NO_CODE_CACHE: '1' } });
}

/** A copy of the built package's launcher, bundles (with their code caches) and stock models in a fresh folder: its bin/litmus.js. */
function copyOfPackage(): string {
  const dir = mkdtempSync(join(tmpdir(), 'litmus-launcher-'));
  mkdirSync(join(dir, 'bin'));
  mkdirSync(join(dir, 'dist'));
  copyFileSync(join(root, 'package.json'), join(dir, 'package.json'));
  for (const file of ['litmus.js', 'package.json']) copyFileSync(join(root, 'bin', file), join(dir, 'bin', file));
  for (const file of readdirSync(join(root, 'dist')).filter((f) => f.startsWith('litmus.cjs') || f.startsWith('commands.cjs'))) {
    copyFileSync(join(root, 'dist', file), join(dir, 'dist', file));
  }
  cpSync(join(root, 'dist', 'models'), join(dir, 'dist', 'models'), { recursive: true });
  cpSync(join(root, 'src', 'cat', 'models'), join(dir, 'src', 'cat', 'models'), { recursive: true });
  return join(dir, 'bin', 'litmus.js');
}

describe.skipIf(!built)('the built command line', () => {
  it('answers --version and --help without dist/commands.cjs, and a command asks for it', () => {
    // A package with the command line's file only: what --version needs.
    const dir = mkdtempSync(join(tmpdir(), 'litmus-launcher-'));
    mkdirSync(join(dir, 'bin'));
    mkdirSync(join(dir, 'dist'));
    copyFileSync(join(root, 'package.json'), join(dir, 'package.json'));
    for (const file of ['litmus.js', 'package.json']) copyFileSync(join(root, 'bin', file), join(dir, 'bin', file));
    copyFileSync(join(root, 'dist', 'litmus.cjs'), join(dir, 'dist', 'litmus.cjs'));
    const bin = join(dir, 'bin', 'litmus.js');
    const version = litmus(bin, '--version');
    expect(version.status).toBe(0);
    expect(version.stdout).toMatch(/^litmus \d+\.\d+\.\d+\nmodels:\n {2}aarch64 /);
    const help = litmus(bin, '--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('  fix ');
    const run = litmus(bin, 'run', join(root, 'litmus', 'aarch64', 'MP.litmus'));
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('commands.cjs is missing');
  });

  it('refuses a bundle it did not build (exit 2, saying to build again), and survives a damaged code cache', () => {
    const bin = copyOfPackage();
    const dist = join(bin, '..', '..', 'dist');
    const mp = join(root, 'litmus', 'aarch64', 'MP.litmus');
    // The cache folder is the copy's own, so that the damaged cache's replacement is written there.
    const env = { ...process.env, NO_COLOR: '1', XDG_CACHE_HOME: join(dist, '..', 'cache') };
    // The build stores one for the Node.js that built it (scripts/code-cache.mjs): this one.
    const cache = readdirSync(dist).find((f) => f.startsWith('commands.cjs.') && f.endsWith('.cache'));
    expect(cache).toBeDefined();
    {
      // Bytes changed inside the cache, its length kept: V8 would run it (and crash) were its checksum not verified.
      const data = readFileSync(join(dist, cache!));
      data.fill(0xa5, data.length >> 1, (data.length >> 1) + 64);
      writeFileSync(join(dist, cache!), data);
      const damaged = spawnSync(process.execPath, [bin, 'run', '--format', 'herd', mp], { encoding: 'utf8', env });
      expect(damaged.status).toBe(0);
      expect(damaged.stdout).toContain('Observation MP Sometimes 1 3');
      // The cache V8 refused is replaced by one in the user's cache folder, written whole.
      expect(readdirSync(join(dist, '..', 'cache', 'litmus')).filter((f) => f.startsWith('commands.cjs.'))).toEqual([expect.stringMatching(/\.cache$/)]);
    }
    // A bundle without the launcher's wrapper (an older build, an edit): a clear message, not a syntax error.
    const text = readFileSync(join(dist, 'commands.cjs'), 'latin1');
    writeFileSync(join(dist, 'commands.cjs'), text.slice(text.indexOf('{') + 1, text.lastIndexOf('})(')), 'latin1');
    const stale = litmus(bin, 'run', mp);
    expect(stale.status).toBe(2);
    expect(stale.stderr).toMatch(/^litmus: .*commands\.cjs is not a bundle of this launcher's: run `npm run build`/);
  });

  it("runs a command, prints a command's help, and keeps bad input (exit 2) apart from internal errors (exit 3)", () => {
    const bin = join(root, 'bin', 'litmus.js');
    const run = litmus(bin, 'run', '--format', 'herd', join(root, 'litmus', 'aarch64', 'MP.litmus'));
    expect(run.status).toBe(0);
    // Hand derivation (as test/cli.spec.ts): MP without barriers reaches all four states.
    expect(run.stdout).toContain('Observation MP Sometimes 1 3');
    expect(litmus(bin, 'help', 'fix').stdout).toContain('Cost table');
    expect(litmus(bin, 'run', '--help').stdout).toContain('--all-states');
    // A LitmusError thrown in dist/commands.cjs: located, exit 2.
    const missing = litmus(bin, 'run', 'no-such-test.litmus');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^no-such-test\.litmus:1:1: no such file/);
    // A UsageError thrown there: `litmus: …`, exit 2.
    const bell = litmus(bin, 'run', '--bell', 'x.bell', join(root, 'litmus', 'aarch64', 'MP.litmus'));
    expect(bell.status).toBe(2);
    expect(bell.stderr).toMatch(/^litmus: --bell: a bell file goes with a \.cat file model/);
    // The bundle run directly (no launcher, no code cache) finds its other file beside it.
    const direct = litmus(join(root, 'dist', 'litmus.cjs'), 'run', '--format', 'herd', join(root, 'litmus', 'aarch64', 'MP.litmus'));
    expect(direct.status).toBe(0);
    expect(direct.stdout).toContain('Observation MP Sometimes 1 3');
    // The engine's bundle run on its own says what runs it.
    const alone = litmus(join(root, 'dist', 'commands.cjs'));
    expect(alone.status).toBe(2);
    expect(alone.stderr).toBe('litmus: dist/commands.cjs is loaded by bin/litmus.js (the litmus command), not run on its own\n');
    // --help lists each command with its usage, though its options are loaded only when it runs.
    expect(litmus(bin, '--help').stdout).toMatch(/^ {2}run \[options\] <paths\.\.\.> +simulate tests/m);
    // commander's own complaint about an option the command defines: exit 2.
    const count = litmus(bin, 'run', '--max-candidates', 'x', join(root, 'litmus', 'aarch64', 'MP.litmus'));
    expect(count.status).toBe(2);
    expect(count.stderr).toContain('expected a positive whole number');
  });
});
