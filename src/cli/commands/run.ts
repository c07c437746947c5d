// `litmus run`'s arguments and options (loaded only when the command is run).

import { type Command, Option } from 'commander';
import { type LimitFlags, withLimitOptions } from '../limits.js';
import { forceModelOption, memoryFlags, modelOption, withMemoryOptions } from '../options.js';
import { type OutputFormat, runCommand } from '../run.js';
import type { CommandContext } from './context.js';

/** Gives `command` run's arguments, options and action. */
export function define(command: Command, { io, setStatus }: CommandContext): void {
  withLimitOptions(withMemoryOptions(command))
    .addHelpText('after', `
Examples:
  litmus run litmus/aarch64/MP.litmus              pretty on a terminal, herd7's text when piped
  litmus run --format herd litmus/aarch64          herd7's block per test, to diff against herd7
  litmus run --model sc litmus/aarch64/SB.litmus   another model (aarch64, x86tso, sc or a .cat file)
  litmus run --explain litmus/qemu                 the answers, and why
  litmus run --variant mixed --hexa T.litmus       herd7's -variant mixed -hexa: bytes of locations, values in hex`)
    .argument('<paths...>', '.litmus files, folders (searched recursively) or index files listing tests')
    .addOption(modelOption())
    .addOption(
      new Option('-f, --format <format>', 'output format (default: pretty on a terminal, herd otherwise)').choices([
        'herd',
        'pretty',
        'json',
      ]),
    )
    .option('--explain', 'also say why each state the condition asks about is forbidden (axiom and cycle) or how it is reached')
    .option('--graph <dir>', 'with the explanations, a picture (.dot and .svg) per witness and per rejected candidate into this folder (implies --explain)')
    .option('--all-states', 'explain every reachable state, not only those the condition asks about (implies --explain)')
    .addOption(forceModelOption())
    .action(async (paths: string[], opts: LimitFlags & { model?: string; format?: OutputFormat; explain?: boolean; graph?: string; allStates?: boolean; forceModel?: boolean; variant?: string; hexa?: boolean }) => {
      const format = opts.format ?? (process.stdout.isTTY ? 'pretty' : 'herd');
      setStatus(await runCommand(paths, { ...opts, ...memoryFlags(opts), format }, io));
    });
}
