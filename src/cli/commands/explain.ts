// `litmus explain`'s arguments and options (loaded only when the command is run).

import { type Command, Option } from 'commander';
import { MAX_LISTED_CANDIDATES } from '../../analysis/candidates.js';
import { explainCommand } from '../explain.js';
import { type LimitFlags, withLimitOptions } from '../limits.js';
import { forceModelOption, memoryFlags, modelOption, withMemoryOptions } from '../options.js';
import type { CommandContext } from './context.js';

/** Gives `command` explain's arguments, options and action. */
export function define(command: Command, { io, setStatus }: CommandContext): void {
  withLimitOptions(withMemoryOptions(command))
    .addHelpText('after', `
Examples:
  litmus explain litmus/qemu/qemu-aio-llsc+dmb.litmus      the axiom and the cycle that forbid the hang
  litmus explain --all-states litmus/aarch64/MP.litmus     every reachable state, not only the condition's
  litmus explain --all-candidates litmus/aarch64/CoRR.litmus   every candidate execution, allowed or rejected, and why
  litmus explain --graph pictures/ litmus/aarch64/MP+dmb.ishs.litmus   DOT and SVG pictures`)
    .argument('<paths...>', '.litmus files, folders or index files')
    .addOption(modelOption())
    .addOption(new Option('-f, --format <format>', 'output format').choices(['pretty', 'json']).default('pretty'))
    .option('--graph <dir>', 'write a picture (.dot and .svg; over 200 events, .dot only) per witness and per rejected candidate into this folder')
    .option('--all-states', 'explain every reachable state, not only those where the condition holds')
    .option('--all-candidates', `also list every candidate execution of those states (at most ${MAX_LISTED_CANDIDATES}), allowed or rejected, none pruned: each read's source, each location's coherence order, the rejecting axiom's cycle`)
    .addOption(forceModelOption())
    .action(async (paths: string[], opts: LimitFlags & { model?: string; format: 'pretty' | 'json'; graph?: string; allStates?: boolean; allCandidates?: boolean; forceModel?: boolean; variant?: string; hexa?: boolean }) => {
      setStatus(await explainCommand(paths, { ...opts, ...memoryFlags(opts) }, io));
    });
}
