// Finds a model by name (aarch64, x86tso, sc: the .cat files we ship) or by
// path to a user's .cat file, and compiles it once per run.

import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { CompiledModel } from '../cat/api.js';
import { type CompiledModelData, compileModel, modelFromData } from '../cat/index.js';
import { isStockModel, knownEventTags, STOCK_MODEL_NAMES } from '../registry.js';
import { type Diagnostic, formatDiagnostic, LitmusError, UsageError } from '../errors.js';
import { readInputFile } from './read-input.js';

import { packagePath } from './package-root.js';

/** The stock models' folder (shipped in the package as src/cat/models). */
export const STOCK_MODEL_DIR = packagePath('src', 'cat', 'models');
export { modelAppliesTo, STOCK_MODEL_NAMES } from '../registry.js';

/** The short name of a model: a stock name as is, a file by its base name without `.cat`. */
export function modelKey(model: string): string {
  return isStockModel(model) ? model : basename(model).replace(/\.cat$/, '');
}

const cache = new Map<string, CompiledModel>();

/** Where models are looked for beyond the stock ones: herd7's -I folders, and the bell file read before a given model (herd7's -bell). */
export interface ModelSearch {
  /** Folders included files are looked for in (after the including file's own). */
  includeDirs: readonly string[];
  /** A bell file, and the .cat file (a path) it goes with. */
  bell?: { file: string; model: string };
  /** The run's variants (herd7's -variant, a configuration's `variant`), which a model's `if "…"` tests. */
  variants?: readonly string[];
}

let search: ModelSearch = { includeDirs: [] };

/** Sets where models are looked for (the command line's -I, --bell, --conf); forgets the models compiled so far. */
export function setModelSearch(next: ModelSearch): void {
  if (JSON.stringify(next) === JSON.stringify(search)) return;
  search = next;
  cache.clear();
}

/** Forgets every compiled model: for a long-running tool that rewrites model files (the fuzz runner). */
export function clearModelCache(): void {
  cache.clear();
}

/**
 * A compiled model: a stock model by name, or a .cat file by path (compiled
 * once per process). Throws UsageError for a word that names no model,
 * LitmusError for a .cat file that is missing, unreadable or has errors.
 */
export function loadModel(nameOrPath: string): CompiledModel {
  // As herd7 finds its library's files: `sc.cat` that is nowhere here is the stock sc.
  const libraryName = /^[\w-]+\.cat$/.test(nameOrPath) && !existsSync(nameOrPath) ? nameOrPath.slice(0, -4) : undefined;
  if (libraryName !== undefined && isStockModel(libraryName)) return loadModel(libraryName);
  const file = isStockModel(nameOrPath) ? join(STOCK_MODEL_DIR, `${nameOrPath}.cat`) : nameOrPath;
  const key = resolve(file);
  const cached = cache.get(key);
  if (cached) return cached;
  const choices = `give one of ${STOCK_MODEL_NAMES.join(', ')} or a path to a .cat file`;
  // A bare word that names nothing is a model name mistyped, not a missing file.
  if (nameOrPath.trim() === '') throw new UsageError(`an empty model name (${choices})`);
  if (!existsSync(file) && !/[\\/]|\.cat$/.test(nameOrPath)) throw new UsageError(`no model named '${nameOrPath}' (${choices})`);
  const source = readInputFile(file, 'a .cat model');
  const bell = search.bell && resolve(search.bell.model) === key ? { source: readInputFile(search.bell.file, 'a .bell file'), file: search.bell.file } : undefined;
  // A stored model was compiled without variants: it serves only a model that tests none.
  const usable = isStockModel(nameOrPath) && !bell && !/\bif\s*"/.test(source);
  const model = (usable && precompiled(nameOrPath, source)) || compileWithBellHint(source, file, bell);
  cache.set(key, model);
  return model;
}

/**
 * compileModel on a model file; a model read without a bell that names what
 * is undefined, beside a bell of its name (the kernel's linux-kernel.cat and
 * .bell), is most likely missing it: the error says so.
 */
function compileWithBellHint(source: string, file: string, bell: { source: string; file: string } | undefined): CompiledModel {
  try {
    return compileModel(source, file, resolveInclude, bell, search.variants);
  } catch (e) {
    const sibling = file.replace(/\.cat$/, '.bell');
    if (!(e instanceof LitmusError) || bell || sibling === file || !existsSync(sibling) || !/^unknown name /.test(e.diagnostics[0]?.message ?? '')) throw e;
    const [first, ...rest] = e.diagnostics;
    throw new LitmusError([{ ...first!, message: `${first!.message} (the model is read without a bell: it may need --bell ${sibling}, or its configuration, --conf)` }, ...rest]);
  }
}

/**
 * A stored compiled model (`npm run build` writes them): the .cat text it was
 * compiled from, kept whole so that it is compared exactly and start-up loads
 * no hashing code, and the model.
 */
export interface PrecompiledModel {
  source: string;
  model: CompiledModelData;
}

/** Where `npm run build` stores the compiled stock model `name`. */
export function precompiledFile(name: string): string {
  return packagePath('dist', 'models', `${name}.json`);
}

/**
 * The stock model `name` as the build stored it, skipping the .cat parser and
 * compiler at start-up (issue 11); undefined when the command line is not the
 * bundle the same build made, or the stored model is not of this `source`.
 */
function precompiled(name: string, source: string): CompiledModel | undefined {
  if ((globalThis as { LITMUS_BUNDLED?: boolean }).LITMUS_BUNDLED !== true) return undefined;
  const file = precompiledFile(name);
  if (!existsSync(file)) return undefined;
  const stored = JSON.parse(readFileSync(file, 'utf8')) as PrecompiledModel;
  return stored.source === source ? modelFromData(stored.model) : undefined;
}

/**
 * Compiles the models a command names before it reads any test, so a broken
 * model is reported once (LitmusError, exit 2) rather than once per test.
 */
export function preloadModels(models: ReadonlyArray<string | undefined>, warn: (text: string) => void, option = '--model'): void {
  for (const model of models) {
    if (model === undefined) continue;
    for (const d of unknownEventTags(loadModelFor(option, model))) warn(`warning: ${formatDiagnostic(d)}\n`);
  }
}

/** loadModel for the command-line option `option` that named it: a word that names no model is that option's UsageError. */
export function loadModelFor(option: string, model: string): CompiledModel {
  try {
    return loadModel(model);
  } catch (e) {
    throw e instanceof UsageError ? new UsageError(`${option}: ${e.message}`) : e;
  }
}

/**
 * Event annotations a model names that no architecture produces: they are
 * empty sets, which is right for a model that names herd's event classes we
 * never generate, and wrong for a typo (`DMBISH`): worth a warning.
 */
export function unknownEventTags(model: CompiledModel): Diagnostic[] {
  const known = knownEventTags();
  return model.eventTags
    .filter((use) => !known.has(use.name))
    .map((use) => ({
      file: use.file,
      pos: use.pos,
      message: `no architecture's events carry '${use.name}', so it is the empty set (a typo?)`,
    }));
}

/**
 * herd7's library files litmus has its own of (cos.cat, cos-opt.cat,
 * cross.cat): they say how herd7 builds candidates, which litmus's
 * enumerator does its own way. An include of one gets litmus's before any
 * in the -I folders (herd7's library folder among them); one beside the
 * including file is the user's own, and is taken.
 */
function isOwnLibraryFile(name: string): boolean {
  return /^[\w-]+\.cat$/.test(name) && !isStockModel(name.slice(0, -4)) && existsSync(join(STOCK_MODEL_DIR, name));
}

/** An include is looked up beside the including file, in the -I folders, then among the stock models (litmus's own library files before the -I folders: isOwnLibraryFile). */
function resolveInclude(name: string, fromFile: string): { source: string; file: string } {
  const own = isOwnLibraryFile(name) ? [join(STOCK_MODEL_DIR, name)] : [];
  for (const candidate of [join(dirname(fromFile), name), ...own, ...search.includeDirs.map((dir) => join(dir, name)), join(STOCK_MODEL_DIR, name)]) {
    if (existsSync(candidate)) return { source: readInputFile(candidate, 'a .cat model'), file: candidate };
  }
  throw new LitmusError({ file: fromFile, pos: { line: 1, column: 1 }, message: `cannot find included file '${name}'` });
}
