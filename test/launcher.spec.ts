// The built command line (bin/litmus.js over dist/litmus.cjs and
// dist/commands.cjs, scripts/bundle.mjs): --version and --help come from
// the command line's file alone, a command loads the rest, and errors the
// commands throw are still told apart from internal ones (issue 11).

import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const built = existsSync(join(root, 'dist', 'commands.cjs'));

function litmus(bin: string, ...args: string[]) {
  return spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', LITMUS_NO_CODE_CACHE: '1' } });
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
    // --help lists each command with its usage, though its options are loaded only when it runs.
    expect(litmus(bin, '--help').stdout).toMatch(/^ {2}run \[options\] <paths\.\.\.> +simulate tests/m);
    // commander's own complaint about an option the command defines: exit 2.
    const count = litmus(bin, 'run', '--max-candidates', 'x', join(root, 'litmus', 'aarch64', 'MP.litmus'));
    expect(count.status).toBe(2);
    expect(count.stderr).toContain('expected a positive whole number');
  });
});
