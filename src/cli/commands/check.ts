// `litmus check`'s arguments and options (loaded only when the command is run).

import { type Command, Option } from 'commander';
import { availableParallelism } from 'node:os';
import { type CheckOptions, checkCommand } from '../check/check.js';
import { parseShard } from '../check/shard.js';
import { positiveInteger, withLimitOptions } from '../limits.js';
import { collect, commaList, memoryFlags, modelOption, withMemoryOptions } from '../options.js';
import type { CommandContext } from './context.js';

/** Gives `command` check's arguments, options and action. */
export function define(command: Command, { io, console, setStatus }: CommandContext): void {
  withLimitOptions(withMemoryOptions(command))
    .addHelpText('after', `
Examples:
  litmus check litmus/qemu                         each test against the kinds.txt beside it
  litmus check --models aarch64,sc litmus/qemu     under several models (kinds.sc.txt for sc)
  litmus check --junit report.xml --shard 1/2 litmus/   for a CI matrix

Expectations: a kinds file's entry; else a "Result: Never|Sometimes|Always"
line in the test's comment (the Linux kernel's convention); else herd7's Ok
for the test's condition. kinds.txt and Result: lines speak of the test's
own model: its architecture's, or the one --conf names (the kernel's own
linux-kernel.cfg for the kernel's tests). Each line says which rule decided.`)
    .argument('<paths...>', '.litmus files, folders (searched recursively) or index files listing tests')
    .addOption(modelOption())
    .option('--models <list>', 'check under several models, comma-separated, e.g. aarch64,sc (each applies to the architectures it is written for)', commaList)
    .addOption(
      new Option('--kinds <file>', 'expectations: NAME Allowed|Forbidden|Required per line (repeatable)')
        .argParser(collect)
        .default([], 'kinds.txt beside the tests; kinds.MODEL.txt for another model'),
    )
    .option('--junit <file>', 'write JUnit XML (one testcase per test and model)')
    .option('--json <file>', 'write the results as JSON')
    .addOption(new Option('-j, --jobs <n>', 'at most this many threads; workers join only when the work left outweighs their start-up').argParser(positiveInteger).default(availableParallelism(), 'the number of cores'))
    .option('--shard <k/n>', 'run only the k-th of n deterministic slices of the tests', parseShard)
    .action(async (paths: string[], opts: Omit<CheckOptions, 'progress' | 'githubAnnotations'> & { variant?: string }) => {
      const interactive = process.stderr.isTTY === true && !process.env.CI && console;
      const flags = { progress: interactive, githubAnnotations: process.env.GITHUB_ACTIONS === 'true' };
      setStatus(await checkCommand(paths, { ...opts, ...memoryFlags(opts), ...flags }, io));
    });
}
