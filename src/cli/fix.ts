// `litmus fix`: for each test whose bad outcome the model allows, the
// cheapest verified changes that forbid it; with --redundant, for a test
// that forbids it, the barriers and annotations that can go or be weakened.

import { basename, isAbsolute, join, relative, resolve } from 'node:path';
import { writeFileSync } from 'node:fs';
import { allRepairTables, archFor, defaultModelFor, isStockModel, modelAppliesTo } from '../registry.js';
import { UsageError } from '../errors.js';
import { findRedundant, findRepairs, type FixReport } from '../fix/search.js';
import { fixDiff, fixDocument, fixText } from '../report/fix-text.js';
import { loadModel, modelKey, preloadModels } from '../node/models.js';
import { loadMacrosFile } from '../node/macros.js';
import { readInputFile } from '../node/read-input.js';
import { describeFailure, isInternalFailure, refuseForeignModel } from '../node/simulate-file.js';
import { parseLitmus } from '../syntax/parse.js';
import { makeFolder } from './pictures.js';
import { expandPaths } from './inputs.js';
import { type LimitFlags, testLimits } from './limits.js';
import type { Output } from './run.js';

export interface FixCommandOptions extends LimitFlags {
  model?: string;
  /** Repairs to print per test, at most. */
  max: number;
  /** Variants to simulate per test, at most. */
  maxVariants: number;
  redundant?: boolean;
  /** Also offer artificial address dependencies. */
  dependencies?: boolean;
  /** Also list costlier forms at the places a listed repair changes. */
  allForms?: boolean;
  /** A JSON file of cost-table entries over the defaults. */
  costs?: string;
  /** A folder to write each changed test into. */
  write?: string;
  format: 'pretty' | 'diff' | 'json';
  forceModel?: boolean;
  /** Mixed-size memory for every test (--variant mixed); hexadecimal values in the reasons (--hexa). */
  mixed?: boolean;
  hexa?: boolean;
  /** A .def file of macros for C tests (--macros, or a configuration's). */
  macrosFile?: string;
}

/** Every entry of every architecture's cost table, with what it is. */
export function costEntries(): Map<string, string> {
  const entries = new Map<string, string>();
  for (const repairs of allRepairTables()) {
    for (const [key, note] of Object.entries(repairs.costNotes)) entries.set(key, `${note} (default ${repairs.costs[key]})`);
  }
  return entries;
}

/** The user's cost file: an object of entries (those of costEntries) to positive numbers. Throws UsageError otherwise. */
export function readCosts(file: string): Record<string, number> {
  let text: string;
  try {
    text = readInputFile(file, 'a cost file');
  } catch (e) {
    // The reader's message is located (FILE:1:1: …); for an option, the file alone says it.
    throw new UsageError(`--costs: ${e instanceof Error ? e.message.replace(/^.*?:\d+:\d+: /, '') : String(e)}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    if (!(e instanceof SyntaxError)) throw e;
    // Node says where as an offset ("at position 14"): as line and column, like every other message.
    const offset = Number(/position (\d+)/.exec(e.message)?.[1] ?? NaN);
    const before = text.slice(0, Number.isNaN(offset) ? 0 : offset).split('\n');
    const where = Number.isNaN(offset) ? '' : `:${before.length}:${before[before.length - 1].length + 1}`;
    throw new UsageError(`--costs: ${file}${where}: not JSON: ${e.message.replace(/ in JSON at position \d+.*$/, '')}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new UsageError(`--costs: ${file} should hold an object such as {"DMB ISH": 5}`);
  const known = costEntries();
  for (const [key, value] of Object.entries(parsed)) {
    if (!known.has(key)) throw new UsageError(`--costs: '${key}' is no entry of a cost table (entries: ${[...known.keys()].join(', ')})`);
    if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value)) throw new UsageError(`--costs: '${key}' should cost a finite number above 0, not ${typeof value === 'number' ? String(value) : JSON.stringify(value)}`);
  }
  const costs = parsed as Record<string, number>;
  // A stronger form must cost more than a weaker one (the search needs every move to cost something).
  for (const repairs of allRepairTables()) {
    const merged = { ...repairs.costs, ...costs };
    for (const [weaker, stronger] of repairs.order) {
      if (!(merged[stronger] > merged[weaker])) throw new UsageError(`--costs: ${stronger} (${merged[stronger]}) must cost more than ${weaker} (${merged[weaker]}), which orders less`);
    }
  }
  return costs;
}

/**
 * `litmus fix`. Returns the exit status: 0 when every test is repaired (or
 * needs none), 1 when some test's bad outcome is allowed and the whole
 * search found no repair, 2 for bad input or a limit (also one that ended a
 * search before any repair), 3 for an internal error.
 */
export function fixCommand(paths: string[], options: FixCommandOptions, io: Output): number {
  preloadModels([options.model], io.err);
  const costs = options.costs ? readCosts(options.costs) : undefined;
  if (options.write) {
    try {
      makeFolder(options.write);
    } catch (e) {
      throw new UsageError(`--write: cannot make the folder ${options.write}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  }
  const reports: Array<{ report: FixReport; seconds: number; diffName: string }> = [];
  const warned = new Set<string>();
  const failures: Array<{ file: string; error: string }> = [];
  let status = 0;
  for (const file of expandPaths(paths)) {
    try {
      const source = readInputFile(file, 'a .litmus test');
      const test = parseLitmus(source, file);
      if (!options.forceModel) refuseForeignModel(test, options.model);
      const model = loadModel(options.model ?? defaultModelFor(test));
      const started = performance.now();
      const search = options.redundant ? findRedundant : findRepairs;
      const report = search(source, file, {
        model, costs, max: options.max, maxVariants: options.maxVariants, dependencies: options.dependencies, allForms: options.allForms, mixed: options.mixed, hexa: options.hexa, limits: testLimits(options),
        ...(options.macrosFile !== undefined && { macros: loadMacrosFile(options.macrosFile) }),
      });
      const seconds = (performance.now() - started) / 1000;
      // Diffs name the file from the current folder, normalised (no ./), as git apply wants it.
      // A path git apply and patch -p1 take: relative to here, or for a file outside this folder its name (apply it from there).
      const here = relative(process.cwd(), resolve(file));
      const diffName = here.startsWith('..') || isAbsolute(here) ? basename(file) : here;
      reports.push({ report, seconds, diffName });
      for (const warning of report.result.warnings ?? []) io.err(`warning: ${warning}\n`);
      if (options.model !== undefined && !modelAppliesTo(options.model, test) && !warned.has(test.arch)) {
        warned.add(test.arch);
        io.err(`warning: ${modelKey(options.model)} is not written for ${test.arch} tests; run anyway (--force-model)\n`);
      }
      const stockModel = isStockModel(options.model ?? defaultModelFor(test));
      if (options.format === 'pretty') io.out(fixText(report, { redundant: options.redundant ?? false, seconds, diffName, stockModel }) + '\n');
      if (options.format === 'diff') io.out(fixDiff(report, diffName));
      if (options.write) writeChanged(report, options.write, options.redundant ?? false, io);
      // No repair: 2 when a limit ended the search (it may exist), 1 when the search ran to its end.
      if (!options.redundant && report.status === 'allowed' && report.repairs.length === 0) status = Math.max(status, report.stopped ? 2 : 1);
    } catch (e) {
      const error = describeFailure(e, file);
      io.err(error + '\n');
      failures.push({ file, error });
      status = Math.max(status, isInternalFailure(e) ? 3 : 2);
    }
  }
  if (options.format === 'json') io.out(fixDocument(reports, failures, options.redundant ?? false));
  return status;
}

/** `source` with the test's name `from` made `to` in its header (the first line that names it after its architecture). */
function renamed(source: string, from: string, to: string): string {
  const escaped = from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return source.replace(new RegExp(`^(\\s*\\S+[ \\t]+)${escaped}(?=\\s|$)`, 'm'), `$1${to}`);
}

/** Writes each changed test into `dir`: NAME.fix-1.litmus, … (with --redundant NAME.weaker-1.litmus, …, NAME.weaker-all.litmus). */
function writeChanged(report: FixReport, dir: string, redundant: boolean, io: Output): void {
  const name = basename(report.test.file ?? report.test.name, '.litmus');
  const word = redundant ? 'weaker' : 'fix';
  // Each file's test is named after it (MP+fix-1), so that running the folder tells them apart.
  const named = (source: string, suffix: string) => ({ file: join(dir, `${name}.${word}-${suffix}.litmus`), source: renamed(source, report.test.name, `${report.test.name}+${word}-${suffix}`) });
  const changed = report.repairs.map((repair, i) => named(repair.source, String(i + 1)));
  if (report.combined) changed.push(named(report.combined.source, 'all'));
  for (const { file, source } of changed) {
    try {
      writeFileSync(file, source);
    } catch (e) {
      throw new UsageError(`--write: cannot write ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    io.err(`wrote ${file}\n`);
  }
}
