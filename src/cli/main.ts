// The `litmus` command line: parses arguments, dispatches to a command, and
// returns the exit status (0 fine, 1 a check failed, 2 bad input, 3 an internal error).

import { Command, CommanderError, Option } from 'commander';
import { LitmusError, UsageError } from '../errors.js';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { packagePath } from '../node/package-root.js';
import { type CheckOptions, checkCommand } from './check/check.js';
import { parseShard } from './check/shard.js';
import { compareCommand } from './compare.js';
import { explainCommand } from './explain.js';
import { costEntries, fixCommand, type FixCommandOptions } from './fix.js';
import { DEFAULT_MAX_VARIANTS } from '../fix/search.js';
import { MAX_LISTED_CANDIDATES } from '../analysis/candidates.js';
import { demoCommand } from './demo.js';
import { compileCommand } from './compile.js';
import { levelsCommand } from './levels.js';
import { TARGET_NAMES, TARGETS } from '../compile/index.js';
import { defaultModelsText, isStockModel, STOCK_MODEL_NAMES, STOCK_MODELS } from '../registry.js';
import { includePath, readHerdConfig } from '../node/herd-config.js';
import { loadModelFor, type ModelSearch, setModelSearch } from '../node/models.js';
import { closest } from '../spelling.js';
import { resolve } from 'node:path';
import { type LimitFlags, positiveInteger, withLimitOptions } from './limits.js';
import { type OutputFormat, runCommand, type Output } from './run.js';

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

function commaList(value: string): string[] {
  return value.split(',').map((s) => s.trim()).filter((s) => s !== '');
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** herd7's `-variant mixed` and `-hexa`, on every command that simulates. */
function withMemoryOptions(command: Command): Command {
  return command
    .option('--variant <names>', "herd7's -variant, comma-separated: mixed runs every test with mixed-size memory (bytes of locations; default: tests that say Variant=mixed or need it); every name is also seen by a model's if \"name\" then … else …; a name neither litmus nor the model tests is refused")
    .option('--hexa', "print values in hexadecimal, as herd7's -hexa does")
    .option('--macros <file>', "C tests: a .def file naming primitives as herd7's macros (e.g. the kernel's tools/memory-model/linux-kernel.def; default: litmus's own table of the kernel's primitives)")
    .option('--conf <file>', "a herd7 configuration file (herd7 -conf): its model, bell, macros, include, variant and hexa settings, each file looked for beside it, in the -I folders and in the current folder; options given here win")
    .addOption(new Option('-I, --include <dir>', "a folder included model files, bells and the configuration's files are looked for in, as herd7's -I (repeatable)").argParser(collect).default([]))
    .option('--bell <file>', "a bell file read before the .cat model (herd7's -bell)");
}

/** --force-model, for the commands that take one --model (run, explain). */
function forceModelOption(): Option {
  return new Option('--force-model', 'run --model on tests of architectures it is not written for (refused otherwise: x86tso would ignore AArch64 barriers)');
}

interface MemoryFlags {
  variant?: string;
  hexa?: boolean;
  macros?: string;
  conf?: string;
  include?: string[];
  bell?: string;
  model?: string;
  models?: string[];
}

/** The cost-table entries for `fix --help`, one a line, the notes in one column. */
function costTableText(): string {
  const entries = [...costEntries()];
  const width = Math.max(...entries.map(([key]) => key.length));
  return entries.map(([key, note]) => `  ${key.padEnd(width)}  ${note}`).join('\n');
}

/** The variants litmus's engine takes itself (herd7's -variant names). */
const ENGINE_VARIANTS = ['mixed'];

/**
 * Refuses (UsageError) a variant that neither the engine takes nor one of
 * `models` tests with `if "…"`: it would change nothing, most likely a typo.
 * Compiles the models (once per run; their errors are LitmusErrors).
 */
function checkVariants(variants: readonly string[], models: readonly string[]): void {
  if (variants.every((v) => ENGINE_VARIANTS.includes(v))) return;
  const tested = new Set(models.flatMap((m) => loadModelFor('--model', m).variantsTested ?? []));
  const unknown = variants.find((v) => !ENGINE_VARIANTS.includes(v) && !tested.has(v));
  if (unknown === undefined) return;
  const near = closest(unknown, [...ENGINE_VARIANTS, ...tested]);
  const modelPart = tested.size > 0 ? `; the model tests ${[...tested].map((v) => `'${v}'`).join(', ')}` : models.length > 0 ? '; the model tests none' : '';
  throw new UsageError(`--variant: unknown variant '${unknown}'${near ? ` (did you mean '${near}'?)` : ''}: litmus takes ${ENGINE_VARIANTS.map((v) => `'${v}'`).join(', ')}${modelPart} (with if "…")`);
}

/**
 * The simulate options the memory and model-search flags stand for, a herd7
 * configuration file's settings under the flags given (which win). Sets
 * where models are looked for (-I, the bell) for the whole run; throws
 * LitmusError for a configuration file it cannot honour.
 */
function memoryFlags(opts: MemoryFlags): { mixed?: boolean; hexa?: boolean; macrosFile?: string; model?: string; models?: string[]; modelSearch: ModelSearch } {
  const config = opts.conf !== undefined ? readHerdConfig(opts.conf, opts.include ?? []) : undefined;
  const model = opts.model ?? config?.model;
  const bell = opts.bell ?? config?.bell;
  if (bell !== undefined && (model === undefined || isStockModel(model))) {
    // Say where the bell came from: the user may not have written --bell at all.
    const source = opts.bell !== undefined ? '--bell' : `--conf ${opts.conf}: its bell`;
    const why = model === undefined ? 'no model is named' : `the model is the stock '${model}'${opts.model !== undefined ? ' (--model)' : ''}`;
    throw new UsageError(`${source}: a bell file goes with a .cat file model (--model FILE, or the model of --conf), but ${why}`);
  }
  const variants = [...commaList(opts.variant ?? ''), ...(config?.variants ?? [])];
  const modelSearch: ModelSearch = {
    includeDirs: includePath(config, opts.include ?? []),
    ...(variants.length > 0 && { variants }),
    ...(bell !== undefined && model !== undefined && { bell: { file: resolve(bell), model: resolve(model) } }),
  };
  setModelSearch(modelSearch);
  // A configuration's variants go with its model (herd7 takes many litmus has no use for): only --variant's are checked.
  checkVariants(commaList(opts.variant ?? ''), [...(model !== undefined ? [model] : []), ...(opts.models ?? [])]);
  const macros = opts.macros ?? config?.macros;
  return {
    ...(variants.includes('mixed') && { mixed: true }),
    ...((opts.hexa || config?.hexa) && { hexa: true }),
    ...(macros !== undefined && { macrosFile: macros }),
    ...(model !== undefined && { model }),
    ...(opts.models === undefined && config?.model !== undefined && { models: [config.model] }),
    modelSearch,
  };
}

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

  withLimitOptions(withMemoryOptions(program
    .command('run')))
    .description('simulate tests and print the final states the model allows')
    .addHelpText('after', `
Examples:
  litmus run litmus/aarch64/MP.litmus              pretty on a terminal, herd7's text when piped
  litmus run --format herd litmus/aarch64          herd7's block per test, to diff against herd7
  litmus run --model sc litmus/aarch64/SB.litmus   another model (aarch64, x86tso, sc or a .cat file)
  litmus run --explain litmus/qemu                 the answers, and why
  litmus run --variant mixed --hexa T.litmus       herd7's -variant mixed -hexa: bytes of locations, values in hex`)
    .argument('<paths...>', '.litmus files, folders (searched recursively) or index files listing tests')
    .option('-m, --model <model>', `model: ${STOCK_MODEL_NAMES.join(', ')} or a .cat file (default: ${defaultModelsText()})`)
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
      status = await runCommand(paths, { ...opts, ...memoryFlags(opts), format }, io);
    });

  withLimitOptions(withMemoryOptions(program
    .command('check')))
    .description('fail (exit 1) when a test does not answer what its kinds file, or its condition, expects')
    .addHelpText('after', `
Examples:
  litmus check litmus/qemu                         each test against the kinds.txt beside it
  litmus check --models aarch64,sc litmus/qemu     under several models (kinds.sc.txt for sc)
  litmus check --junit report.xml --shard 1/2 litmus/   for a CI matrix

Expectations: a kinds file's entry; else a "Result: Never|Sometimes|Always"
line in the test's comment (the Linux kernel's convention); else herd7's Ok
for the test's condition. Each line says which rule decided.`)
    .argument('<paths...>', '.litmus files, folders (searched recursively) or index files listing tests')
    .option('-m, --model <model>', `model: ${STOCK_MODEL_NAMES.join(', ')} or a .cat file (default: ${defaultModelsText()})`)
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
      const interactive = process.stderr.isTTY === true && !process.env.CI && io === consoleOutput;
      const flags = { progress: interactive, githubAnnotations: process.env.GITHUB_ACTIONS === 'true' };
      status = await checkCommand(paths, { ...opts, ...memoryFlags(opts), ...flags }, io);
    });

  withLimitOptions(withMemoryOptions(program
    .command('explain')))
    .description('why each state the condition asks about is forbidden (the axiom and its cycle), or one execution that reaches it')
    .addHelpText('after', `
Examples:
  litmus explain litmus/qemu/qemu-aio-llsc+dmb.litmus      the axiom and the cycle that forbid the hang
  litmus explain --all-states litmus/aarch64/MP.litmus     every reachable state, not only the condition's
  litmus explain --all-candidates litmus/aarch64/CoRR.litmus   every candidate execution, allowed or rejected, and why
  litmus explain --graph pictures/ litmus/aarch64/MP+dmb.ishs.litmus   DOT and SVG pictures`)
    .argument('<paths...>', '.litmus files, folders or index files')
    .option('-m, --model <model>', `model: ${STOCK_MODEL_NAMES.join(', ')} or a .cat file (default: ${defaultModelsText()})`)
    .addOption(new Option('-f, --format <format>', 'output format').choices(['pretty', 'json']).default('pretty'))
    .option('--graph <dir>', 'write a picture (.dot and .svg; over 200 events, .dot only) per witness and per rejected candidate into this folder')
    .option('--all-states', 'explain every reachable state, not only those where the condition holds')
    .option('--all-candidates', `also list every candidate execution of those states (at most ${MAX_LISTED_CANDIDATES}), allowed or rejected, none pruned: each read's source, each location's coherence order, the rejecting axiom's cycle`)
    .addOption(forceModelOption())
    .action(async (paths: string[], opts: LimitFlags & { model?: string; format: 'pretty' | 'json'; graph?: string; allStates?: boolean; allCandidates?: boolean; forceModel?: boolean; variant?: string; hexa?: boolean }) => {
      status = await explainCommand(paths, { ...opts, ...memoryFlags(opts) }, io);
    });

  withLimitOptions(withMemoryOptions(program
    .command('compare')))
    .description('each final state under several models side by side; for several files, their conditions side by side')
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
      if (opts.levels) {
        const flags = memoryFlags(opts);
        status = levelsCommand(paths, { model: flags.models?.[0] ?? opts.models?.[0], targets: opts.targets, format: opts.format, summaryOnly: opts.summary, macrosFile: flags.macrosFile, limits }, io);
        return;
      }
      const flags = memoryFlags(opts);
      status = compareCommand(paths, { ...flags, models: flags.models ?? opts.models, format: opts.format, summaryOnly: opts.summary, limits }, io);
    });

  withLimitOptions(withMemoryOptions(program
    .command('fix')))
    .description('the cheapest changes (barriers, acquire/release forms) that make a bad outcome forbidden, each verified by simulation; with --redundant, what a forbidding test does not need')
    .addHelpText('after', () => `
The bad outcome: for exists and ~exists, a state where the condition holds;
for forall, one where it does not. A repair is a set of moves; its cost is
the sum of theirs (a stronger form costs its entry minus the old form's).
Every repair printed was simulated and forbids the bad outcome, and no
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
    .option('-m, --model <model>', `model: ${STOCK_MODEL_NAMES.join(', ')} or a .cat file (default: ${defaultModelsText()})`)
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
      status = fixCommand(paths, { ...opts, ...memoryFlags(opts) }, io);
    });

  program
    .command('compile')
    .description('write C tests as the assembly tests a target\'s compiler mapping makes of them, each instruction commented with its C statement')
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
      status = compileCommand(paths, { targets: opts.target, ...(opts.out !== undefined ? { out: opts.out } : {}), ...(opts.macros !== undefined ? { macrosFile: opts.macros } : {}) }, io);
    });

  program
    .command('demo')
    .description('the QEMU aio_ctx_prepare race under each model (what `npm start` shows)')
    .action(() => {
      status = demoCommand(io);
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return status;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (e instanceof LitmusError) {
      io.err(e.message + '\n');
      return 2;
    }
    if (e instanceof UsageError) {
      io.err(`litmus: ${e.message}\n`);
      return 2;
    }
    io.err(`litmus: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    return 3;
  }
}
