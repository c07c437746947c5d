// `litmus fix`'s arguments and options (loaded only when the command is run).

import { type Command, Option } from 'commander';
import { DEFAULT_MAX_VARIANTS } from '../../fix/search.js';
import { costEntries, fixCommand, type FixCommandOptions } from '../fix.js';
import { positiveInteger, withLimitOptions } from '../limits.js';
import { forceModelOption, memoryFlags, modelOption, withMemoryOptions } from '../options.js';
import type { CommandContext } from './context.js';

/** The cost-table entries for `fix --help`, one a line, the notes in one column. */
function costTableText(): string {
  const entries = [...costEntries()];
  const width = Math.max(...entries.map(([key]) => key.length));
  return entries.map(([key, note]) => `  ${key.padEnd(width)}  ${note}`).join('\n');
}

/** Gives `command` fix's arguments, options and action. */
export function define(command: Command, { io, setStatus }: CommandContext): void {
  withLimitOptions(withMemoryOptions(command))
    .addHelpText('after', () => `
The bad outcome: for exists and ~exists, a state where the condition holds;
for forall, one where it does not. A repair is a set of moves; its cost is
the sum of theirs (a stronger form costs its entry minus the old form's;
a C11 compare-exchange pays the entries of both its orders, success and
failure). Every repair printed was simulated and forbids the bad outcome, and no
cheaper repair is part of it. --timeout bounds a test's whole search, which
then ends with what it found (exit 2 if that is nothing).

Cost table (--costs FILE sets entries, e.g. {"DMB ISH": 6, "LDAR": 1}):
${costTableText()}

Examples:
  litmus fix litmus/qemu/qemu-aio-llsc.litmus              the QEMU hang: LDAR, or the patch's DMB ISH
  litmus fix --format diff T.litmus | git apply             apply the cheapest repair
  litmus fix --redundant litmus/aarch64/MP+dmb.ishs.litmus  barriers that can be weakened
  litmus fix --write fixed/ --format json litmus/aarch64/MP.litmus`)
    .argument('<paths...>', '.litmus files, folders or index files')
    .addOption(modelOption())
    .option('--max <n>', 'print at most this many repairs per test, cheapest first', positiveInteger, 3)
    .option('--redundant', 'for a test that forbids its bad outcome: which barriers and annotations can be removed or weakened, each verified')
    .option('--all-forms', 'also list repairs that only put costlier forms where a listed one changes (LDAR where LDAPR does): every minimal repair')
    .option('--dependencies', 'also offer artificial address dependencies (AArch64: EOR of a load\'s result, used as an offset; cost entry addr), which change the code\'s shape')
    .option('--costs <file>', 'a JSON object of cost-table entries over the defaults (see below)')
    .option('--write <dir>', 'write each changed test into this folder: NAME.fix-1.litmus, … (--redundant: NAME.weaker-N, NAME.weaker-all), the test in each named NAME+fix-1, …')
    .addOption(new Option('-f, --format <format>', 'output format: pretty (moves, reason, diff), diff (the cheapest repair\'s diff alone, or with --redundant all weakenings together, for git apply) or json').choices(['pretty', 'diff', 'json']).default('pretty'))
    .option('--max-variants <n>', 'simulate at most this many changed versions of a test; the search then ends with what it found', positiveInteger, DEFAULT_MAX_VARIANTS)
    .addOption(forceModelOption())
    .action((paths: string[], opts: FixCommandOptions & { variant?: string }) => {
      setStatus(fixCommand(paths, { ...opts, ...memoryFlags(opts) }, io));
    });
}
