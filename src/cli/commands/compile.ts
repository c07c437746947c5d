// `litmus compile`'s arguments and options (loaded only when the command is run).

import type { Command } from 'commander';
import { TARGET_NAMES, TARGETS } from '../../compile/targets.js';
import { compileCommand } from '../compile.js';
import { commaList } from '../options.js';
import type { CommandContext } from './context.js';

/** Gives `command` compile's arguments, options and action. */
export function define(command: Command, { io, setStatus }: CommandContext): void {
  command
    .addHelpText('after', () => `
Targets:
${TARGETS.map((t) => `  ${t.name.padEnd(13)} ${t.description} (run under ${t.model})`).join('\n')}

The tables and their sources: src/compile/targets.ts. A read-modify-write's
retry loop is left out: an execution whose store-exclusive fails is no
execution of the C code, and the test's filter drops it. A construct a
target's table lacks (a spinlock, synchronize_rcu) is an error at it.

Examples:
  litmus compile --target aarch64 litmus/qemu/qemu-aio.c.litmus
  litmus compile --target aarch64,aarch64-lse,x86 --out compiled/ litmus/c11
  litmus compare --levels litmus/qemu/qemu-aio.c.litmus    the verdicts at every level`)
    .argument('<paths...>', 'C .litmus files, folders or index files')
    .requiredOption('-t, --target <list>', `targets, comma-separated: ${TARGET_NAMES.join(', ')}`, commaList)
    .option('-o, --out <dir>', 'write NAME.TARGET.litmus files into this folder instead of printing them')
    .option('--macros <file>', "a .def file naming the kernel's primitives (default: litmus's own table)")
    .action((paths: string[], opts: { target: string[]; out?: string; macros?: string }) => {
      setStatus(compileCommand(paths, { targets: opts.target, ...(opts.out !== undefined ? { out: opts.out } : {}), ...(opts.macros !== undefined ? { macrosFile: opts.macros } : {}) }, io));
    });
}
