// The options several commands share: the memory and model-search flags
// (herd7's -variant, -hexa, -conf, -I, -bell, -macros), --model and
// --force-model, and what the memory flags stand for once parsed.

import { Option, type Command } from 'commander';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { defaultModelsText, isStockModel, STOCK_MODEL_NAMES } from '../registry.js';
import { includePath, lookFor, readHerdConfig } from '../node/herd-config.js';
import { loadModelFor, type ModelSearch, setModelSearch } from '../node/models.js';
import { closest } from '../spelling.js';

/** commander's parser for a comma-separated list: its non-empty items, trimmed. */
export function commaList(value: string): string[] {
  return value.split(',').map((s) => s.trim()).filter((s) => s !== '');
}

/** commander's parser for a repeatable option: every value given, in order. */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** herd7's `-variant mixed` and `-hexa`, on every command that simulates. */
export function withMemoryOptions(command: Command): Command {
  return command
    .option('--variant <names>', "herd7's -variant, comma-separated: mixed runs every test with mixed-size memory (bytes of locations; default: tests that say Variant=mixed or need it); every name is also seen by a model's if \"name\" then … else …; a name neither litmus nor the model tests is refused")
    .option('--hexa', "print values in hexadecimal, as herd7's -hexa does")
    .option('--macros <file>', "C tests: a .def file naming primitives as herd7's macros (e.g. the kernel's tools/memory-model/linux-kernel.def; default: litmus's own table of the kernel's primitives)")
    .option('--conf <file>', "a herd7 configuration file (herd7 -conf): its model, bell, macros, include, variant and hexa settings, each file looked for beside it, in the -I folders and in the current folder; options given here win")
    .addOption(new Option('-I, --include <dir>', "a folder included model files, bells and the configuration's files are looked for in, as herd7's -I (repeatable)").argParser(collect).default([]))
    .option('--bell <file>', "a bell file read before the .cat model (herd7's -bell)");
}

/** -m/--model, for the commands that take one model (run, check, explain, fix). */
export function modelOption(): Option {
  return new Option('-m, --model <model>', `model: ${STOCK_MODEL_NAMES.join(', ')} or a .cat file (default: ${defaultModelsText()})`);
}

/** --force-model, for the commands that take one --model (run, explain, fix). */
export function forceModelOption(): Option {
  return new Option('--force-model', 'run --model on tests of architectures it is not written for (refused otherwise: x86tso would ignore AArch64 barriers)');
}

/** The memory and model flags as commander gives them. */
export interface MemoryFlags {
  variant?: string;
  hexa?: boolean;
  macros?: string;
  conf?: string;
  include?: string[];
  bell?: string;
  model?: string;
  models?: string[];
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
 * configuration file's settings under the flags given (which win), and the
 * model the configuration names (`configModel`). Sets
 * where models are looked for (-I, the bell) for the whole run; throws
 * LitmusError for a configuration file it cannot honour, UsageError for a
 * bell without a .cat model or an unknown variant.
 */
export function memoryFlags(opts: MemoryFlags): { mixed?: boolean; hexa?: boolean; macrosFile?: string; model?: string; models?: string[]; configModel?: string; modelSearch: ModelSearch } {
  const config = opts.conf !== undefined ? readHerdConfig(opts.conf, opts.include ?? []) : undefined;
  // A file named on the command line that is not where it says is looked for in the -I folders (and the configuration's), as herd7 does.
  const folders = includePath(config, opts.include ?? []);
  const onPath = (file: string): string => (existsSync(file) || isStockModel(file) ? file : lookFor(file, folders) ?? file);
  const model = opts.model !== undefined ? onPath(opts.model) : config?.model;
  const bell = opts.bell !== undefined ? onPath(opts.bell) : config?.bell;
  const models = opts.models?.map(onPath);
  if (bell !== undefined && (model === undefined || isStockModel(model))) {
    // Say where the bell came from: the user may not have written --bell at all.
    const source = opts.bell !== undefined ? '--bell' : `--conf ${opts.conf}: its bell`;
    const why = model === undefined ? 'no model is named' : `the model is the stock '${model}'${opts.model !== undefined ? ' (--model)' : ''}`;
    throw new UsageError(`${source}: a bell file goes with a .cat file model (--model FILE, or the model of --conf), but ${why}`);
  }
  const variants = [...commaList(opts.variant ?? ''), ...(config?.variants ?? [])];
  const modelSearch: ModelSearch = {
    includeDirs: folders,
    ...(variants.length > 0 && { variants }),
    ...(bell !== undefined && model !== undefined && { bell: { file: resolve(bell), model: resolve(model) } }),
  };
  setModelSearch(modelSearch);
  // A configuration's variants go with its model (herd7 takes many litmus has no use for): only --variant's are checked.
  checkVariants(commaList(opts.variant ?? ''), [...(model !== undefined ? [model] : []), ...(models ?? [])]);
  const macros = opts.macros ?? config?.macros;
  return {
    ...(variants.includes('mixed') && { mixed: true }),
    ...((opts.hexa || config?.hexa) && { hexa: true }),
    ...(macros !== undefined && { macrosFile: opts.macros !== undefined ? onPath(macros) : macros }),
    ...(model !== undefined && { model }),
    // The configuration's model is the run's unless --model or --models names another.
    ...(models !== undefined ? { models } : opts.model === undefined && config?.model !== undefined && { models: [config.model] }),
    // The model the configuration names: its tests' own (their Result: lines and kinds.txt speak of it).
    ...(config?.model !== undefined && { configModel: config.model }),
    modelSearch,
  };
}
