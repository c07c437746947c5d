// Start-up and batch figures (issue 11), each beside its target: the wall
// and CPU time of the command line's first answers (median of 10 runs, with
// min and max for the machine's noise), the CPU per test of a batch of 500
// ordinary tests in one process, `check` with its default threads against
// one, and peak memory. Child CPU time, split into user and kernel time, and
// a child's minor page faults (pages touched for the first time, mostly
// fresh memory) come from /proc (Linux); elsewhere they show as n/a. Faults
// are counted because on a virtual machine a fresh page can cost the kernel
// more than anything else a short run does: the benchmark prints that cost
// too. Node.js's own start-up is timed the same way, as the floor
// under every figure. The children run without NODE_EXTRA_CA_CERTS: with it,
// Node.js reads a certificate bundle before any of our code runs (0.04 to
// 0.07 s on this machine, whose sandbox sets it), which litmus never uses.

import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simulateFile } from '../node/simulate-file.js';
import { corpusTests } from './corpus.js';

const RUNS = 10;
const BATCH = 500;

/** What finished children have used (Linux /proc). */
interface ChildrenUsage {
  /** CPU seconds in user mode and in the kernel (clock ticks, 100 a second on Linux). */
  user: number;
  system: number;
  /** Minor page faults: pages touched for the first time. */
  faults: number;
}

/** What this process's finished children have used so far, or undefined where there is no /proc. */
function childrenUsage(): ChildrenUsage | undefined {
  if (!existsSync('/proc/self/stat')) return undefined;
  // Fields after the command name: cminflt is the 9th, cutime and cstime the 14th and 15th.
  const fields = readFileSync('/proc/self/stat', 'utf8').replace(/^.*\) /, '').split(' ');
  return { user: Number(fields[13]) / 100, system: Number(fields[14]) / 100, faults: Number(fields[8]) };
}

interface Spread { min: number; median: number; max: number }

function spread(values: number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  return { min: sorted[0], median: sorted[Math.floor(sorted.length / 2)], max: sorted[sorted.length - 1] };
}

const childEnv: NodeJS.ProcessEnv = { ...process.env, CI: 'true' };
delete childEnv.NODE_EXTRA_CA_CERTS;

interface CommandFigures {
  wall: Spread;
  /** Absent where /proc is not. */
  cpu?: Spread;
  user?: Spread;
  system?: Spread;
  faults?: Spread;
}

/** Wall and CPU seconds and page faults of `litmus ARGS` (or of `node ARGS` with `bare`), RUNS times. */
function timeCommand(args: string[], bare = false): CommandFigures {
  const bin = join(process.cwd(), 'bin', 'litmus.js');
  const walls: number[] = [];
  const usages: ChildrenUsage[] = [];
  for (let i = 0; i < RUNS; i++) {
    const before = childrenUsage();
    const started = performance.now();
    const child = spawnSync(process.execPath, bare ? args : [bin, ...args], { encoding: 'utf8', env: childEnv });
    walls.push((performance.now() - started) / 1000);
    const after = childrenUsage();
    if (before && after) usages.push({ user: after.user - before.user, system: after.system - before.system, faults: after.faults - before.faults });
    if (child.status !== 0 && child.status !== 1) throw new Error(`litmus ${args.join(' ')} failed: ${child.stderr}`);
  }
  if (usages.length === 0) return { wall: spread(walls) };
  return {
    wall: spread(walls),
    cpu: spread(usages.map((u) => u.user + u.system)),
    user: spread(usages.map((u) => u.user)),
    system: spread(usages.map((u) => u.system)),
    faults: spread(usages.map((u) => u.faults)),
  };
}

function line(what: string, value: Spread | undefined, target: string): string {
  const figure = value ? `${value.median.toFixed(3)} s (min ${value.min.toFixed(3)}, max ${value.max.toFixed(3)})` : 'n/a';
  return `${what.padEnd(44)} ${figure.padEnd(40)} ${target && `target ${target}`}`.trimEnd();
}

/** The CPU line's detail: the medians of user and kernel time, and of minor page faults. */
function cpuDetail(what: string, figures: CommandFigures): string {
  if (!figures.user || !figures.system || !figures.faults) return `${what.padEnd(44)} n/a`;
  return `${what.padEnd(44)} user ${figures.user.median.toFixed(2)} s, kernel ${figures.system.median.toFixed(2)} s; ${figures.faults.median.toLocaleString('en')} minor page faults`;
}

/**
 * Milliseconds this machine takes to touch a mebibyte of fresh memory (the
 * kernel's page faults), and to touch it again, each the median of RUNS
 * buffers of 4 MiB: on a virtual machine the first is many times the second,
 * and it is much of a short run's CPU.
 */
function touchCost(): { first: number; again: number } {
  const size = 4 << 20;
  const firsts: number[] = [];
  const agains: number[] = [];
  // Each buffer is kept until the end, so that none is made of memory an earlier one freed.
  const kept: Buffer[] = [];
  for (let i = 0; i < RUNS; i++) {
    const buffer = Buffer.allocUnsafeSlow(size);
    kept.push(buffer);
    let started = performance.now();
    buffer.fill(1);
    firsts.push((performance.now() - started) / 4);
    started = performance.now();
    buffer.fill(2);
    agains.push((performance.now() - started) / 4);
  }
  return { first: spread(firsts).median, again: spread(agains).median };
}

/** Prints the start-up and batch figures beside their targets. */
export function startupFigures(): void {
  console.log(`\n== start-up and batch (median of ${RUNS} runs; min and max show the machine's noise)`);
  const touch = touchCost();
  console.log(`${'this machine: touching fresh memory'.padEnd(44)} ${touch.first.toFixed(2)} ms per MiB the first time, ${touch.again.toFixed(2)} ms again`);
  const node = timeCommand(['-e', '0'], true);
  console.log(line('node -e 0 (Node.js alone: the floor), wall', node.wall, ''));
  console.log(line('node -e 0, CPU', node.cpu, ''));
  console.log(cpuDetail('node -e 0, CPU in detail', node));
  const version = timeCommand(['--version']);
  console.log(line('litmus --version, wall', version.wall, '≤ 0.10 s'));
  const mp = timeCommand(['run', '--format', 'herd', join('litmus', 'aarch64', 'MP.litmus')]);
  console.log(line('litmus run MP, wall', mp.wall, '≤ 0.15 s'));
  console.log(line('litmus run MP, CPU', mp.cpu, '≤ 0.12 s'));
  console.log(cpuDetail('litmus run MP, CPU in detail', mp));
  const serial = timeCommand(['check', '--jobs', '1', 'litmus']);
  const parallel = timeCommand(['check', 'litmus']);
  console.log(line('litmus check litmus/ --jobs 1, wall', serial.wall, ''));
  console.log(line('litmus check litmus/ (default threads), wall', parallel.wall, '≤ --jobs 1'));

  // The batch: ordinary tests (the catalogue's and the library's), repeated to BATCH, in this process.
  const library = join(process.cwd(), 'litmus');
  const files = [
    ...['aarch64', 'x86', 'x86_64'].flatMap((suite) => corpusTests(suite).map((t) => t.file)),
    ...readdirSync(library, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.litmus')).map((f) => join(library, f)),
  ];
  if (files.length === 0) return;
  const batch = Array.from({ length: BATCH }, (_, i) => files[i % files.length]);
  simulateFile(batch[0], undefined); // start-up: compile the model
  // The first pass also pays for warming up (V8 compiling the engine's code, the parser's lookahead built on first use); the second is the steady rate.
  for (const pass of ['first pass', 'second pass']) {
    const cpuBefore = process.cpuUsage();
    for (const file of batch) simulateFile(file, undefined);
    const cpu = process.cpuUsage(cpuBefore);
    const perTest = (cpu.user + cpu.system) / 1e6 / BATCH;
    console.log(`${`batch of ${BATCH} tests (${files.length} distinct), ${pass}, CPU per test`.padEnd(44)} ${`${(perTest * 1000).toFixed(2)} ms`.padEnd(40)} target ≤ 2 ms`);
  }
  console.log(`${'peak memory of this process (RSS)'.padEnd(44)} ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
}
