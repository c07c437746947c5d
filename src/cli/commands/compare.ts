// `litmus compare`'s arguments and options (loaded only when the command is run).

import { type Command, Option } from 'commander';
import { TARGET_NAMES } from '../../compile/targets.js';
import { STOCK_MODEL_NAMES } from '../../registry.js';
import { UsageError } from '../../errors.js';
import { compareCommand } from '../compare.js';
import { levelsCommand } from '../levels.js';
import { type LimitFlags, withLimitOptions } from '../limits.js';
import { commaList, memoryFlags, withMemoryOptions } from '../options.js';
import type { CommandContext } from './context.js';

/** Gives `command` compare's arguments, options and action. */
export function define(command: Command, { io, setStatus }: CommandContext): void {
  withLimitOptions(withMemoryOptions(command))
    .addHelpText('after', `
Examples:
  litmus compare litmus/x86/SB.litmus              x86-TSO against SC, state by state
  litmus compare litmus/qemu                       every version of the pattern side by side
  litmus compare --models aarch64,sc --format json litmus/aarch64`)
    .argument('<paths...>', '.litmus files, folders or index files')
    .option('--models <list>', `models to compare, comma-separated (default: those of ${STOCK_MODEL_NAMES.join(', ')} written for each test's architecture)`, commaList)
    .addOption(new Option('-f, --format <format>', 'output format').choices(['pretty', 'json']).default('pretty'))
    .option('--summary', "only the conditions side by side (with --levels: a line per C test, each level's verdict)")
    .option('--levels', 'C tests: one column per level, the C model (rc11, or lkmm for the kernel\'s primitives; --models names another) then each target the test compiles for under its model; a state a target allows but the C model forbids is a compilation bug (exit 1)')
    .option('--targets <list>', `with --levels: the targets, comma-separated (default: ${TARGET_NAMES.join(', ')})`, commaList)
    .action((paths: string[], opts: LimitFlags & { models?: string[]; format: 'pretty' | 'json'; summary?: boolean; levels?: boolean; targets?: string[]; variant?: string; hexa?: boolean }) => {
      const limits = { timeout: opts.timeout, maxCandidates: opts.maxCandidates, maxMemory: opts.maxMemory };
      if (opts.targets && !opts.levels) throw new UsageError('--targets goes with --levels (the targets a C test is compiled for)');
      const flags = memoryFlags(opts);
      if (opts.levels) {
        setStatus(levelsCommand(paths, { model: flags.models?.[0] ?? opts.models?.[0], targets: opts.targets, format: opts.format, summaryOnly: opts.summary, macrosFile: flags.macrosFile, limits }, io));
        return;
      }
      setStatus(compareCommand(paths, { ...flags, models: flags.models ?? opts.models, format: opts.format, summaryOnly: opts.summary, limits }, io));
    });
}
