// The `litmus` command line: parses arguments, dispatches to a command, and
// returns the exit status (0 fine, 1 a check failed, 2 bad input, 3 an internal error).
//
// Each command's options and action live in src/cli/commands/NAME.ts and are
// loaded only when that command is run (or asked for its help): --version,
// --help and one command start without the rest of litmus (issue 11).

import { Command, CommanderError } from 'commander';
import { LitmusError, printable, UsageError } from '../errors.js';
import { readFileSync } from 'node:fs';
import { packagePath } from '../node/package-root.js';
import { STOCK_MODEL_NAMES, STOCK_MODELS } from '../stock-models.js';
import type { CommandContext } from './commands/context.js';
import type { Output } from './output.js';

const consoleOutput: Output = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/** The version in package.json. */
function packageVersion(): string {
  return (JSON.parse(readFileSync(packagePath('package.json'), 'utf8')) as { version: string }).version;
}

/** `litmus --version`: the package version and the reference each stock model follows. */
function versionText(): string {
  const width = Math.max(...STOCK_MODEL_NAMES.map((m) => m.length));
  const models = STOCK_MODELS.map((m) => `  ${m.name.padEnd(width)}  ${m.source}`);
  return [`litmus ${packageVersion()}`, 'models:', ...models].join('\n');
}

/** The commands, in --help's order: each with its summary and where its options and action are. */
const COMMANDS: ReadonlyArray<{ name: string; usage: string; summary: string; load: () => Promise<{ define: (command: Command, context: CommandContext) => void }> }> = [
  { name: 'run', usage: '[options] <paths...>', summary: 'simulate tests and print the final states the model allows', load: () => import('./commands/run.js') },
  { name: 'check', usage: '[options] <paths...>', summary: 'fail (exit 1) when a test does not answer what its kinds file, or its condition, expects', load: () => import('./commands/check.js') },
  { name: 'explain', usage: '[options] <paths...>', summary: 'why each state the condition asks about is forbidden (the axiom and its cycle), or one execution that reaches it', load: () => import('./commands/explain.js') },
  { name: 'compare', usage: '[options] <paths...>', summary: 'each final state under several models side by side; for several files, their conditions side by side', load: () => import('./commands/compare.js') },
  { name: 'fix', usage: '[options] <paths...>', summary: 'the cheapest changes (barriers, acquire/release forms) that make a bad outcome forbidden, each verified by simulation; with --redundant, what a forbidding test does not need', load: () => import('./commands/fix.js') },
  { name: 'compile', usage: '[options] <paths...>', summary: "write C tests as the assembly tests a target's compiler mapping makes of them, each instruction commented with its C statement", load: () => import('./commands/compile.js') },
  { name: 'demo', usage: '', summary: 'the QEMU aio_ctx_prepare race under each model (what `npm start` shows)', load: () => import('./commands/demo.js') },
];

/**
 * The `litmus` command line: parses `argv`, runs the command, returns the exit
 * status (0 fine, 1 a check failed, 2 bad input or a limit, 3 an internal error).
 */
export async function main(argv: string[], io: Output = consoleOutput): Promise<number> {
  let status = 0;
  const program = new Command()
    .name('litmus')
    .description("Simulate weak-memory litmus tests (herd7 format: AArch64, X86, X86_64, C) under Arm's AArch64 model, x86-TSO, SC, RC11, the Linux kernel's model or your own .cat model.")
    .version(versionText(), '-V, --version', 'print the version and the reference each stock model follows')
    .exitOverride()
    // --help lists each command with its usage, though its options are defined only when it runs.
    .configureHelp({ subcommandTerm: (command) => [command.name(), COMMANDS.find((c) => c.name === command.name())?.usage ?? ''].filter((w) => w !== '').join(' ') })
    // commander's own complaints (an unknown option, a bad value) read like ours: `litmus: …`.
    .configureOutput({ writeOut: io.out, writeErr: io.err, outputError: (text, write) => write(text.replace(/^error: /, 'litmus: ')) })
    .addHelpText(
      'after',
      `
Examples:
  litmus demo                                      the QEMU race under each model (npm start)
  litmus run litmus/qemu                           final states, coloured; --format herd for herd7's text
  litmus explain litmus/qemu/qemu-aio-llsc+dmb.litmus   why the fixed version forbids the hang
  litmus compare litmus/x86/SB.litmus              x86-TSO against SC, state by state
  litmus fix litmus/qemu/qemu-aio-llsc.litmus      the cheapest changes that forbid the hang, as diffs
  litmus check --junit report.xml litmus/          the CI gate: exit 1 when a test stops answering as expected

Exit status: 0 fine, 1 a check failed, 2 bad input or a limit reached, 3 an internal error.`,
    );

  // A command gets its options and action just before commander parses them (its --help included).
  const context: CommandContext = { io, console: io === consoleOutput, setStatus: (code) => (status = code) };
  for (const { name, summary } of COMMANDS) program.command(name).description(summary);
  const defined = new Set<string>();
  const define = async (name: string | undefined): Promise<void> => {
    const entry = COMMANDS.find((c) => c.name === name);
    const command = program.commands.find((c) => c.name() === name);
    if (!entry || !command || defined.has(entry.name)) return;
    defined.add(entry.name);
    (await entry.load()).define(command, context);
  };
  program.hook('preSubcommand', (_program, command) => define(command.name()));

  try {
    // `litmus help NAME` prints NAME's help without running the hook.
    if (argv[0] === 'help') await define(argv[1]);
    await program.parseAsync(argv, { from: 'user' });
    return status;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (e instanceof LitmusError) {
      io.err(e.message + '\n');
      return 2;
    }
    // A usage error may quote an option's value: its control characters are written as escapes.
    if (e instanceof UsageError) {
      io.err(`litmus: ${printable(e.message)}\n`);
      return 2;
    }
    io.err(`litmus: internal error: ${printable(e instanceof Error ? e.message : String(e))}\n`);
    return 3;
  }
}
