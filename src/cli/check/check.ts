// `litmus check`: the CI gate. Every test must answer what its kinds file
// expects (or, without one, what its condition claims: herd7's Ok); a fenced
// variant that stops forbidding its bad outcome fails the build.

import { accessSync, constants, existsSync, statSync, writeFileSync } from 'node:fs';
import { readInputFile } from '../../node/read-input.js';
import { basename, dirname, isAbsolute, relative, resolve } from 'node:path';
import chalk from 'chalk';
import { archFor, defaultModelFor, modelAudience } from '../../registry.js';
import { LitmusError, UsageError } from '../../errors.js';
import { parseLitmus } from '../../syntax/parse.js';
import { expandPaths } from '../inputs.js';
import { modelAppliesTo, modelKey, type ModelSearch, preloadModels } from '../../node/models.js';
import { type Output, printWarnings } from '../run.js';
import { describeFailure } from '../../node/simulate-file.js';
import { Expectations } from './expectations.js';
import type { CheckJob, JobOutcome } from './jobs.js';
import { type Expectation, judge } from './judge.js';
import { misstatedResult, statedResult } from '../../outcome/stated-result.js';
import { UNDEFINED_NOTE } from '../../outcome/result.js';
import { UNDEFINED_FLAG } from '../../cat/api.js';
import { junitXml } from './junit.js';
import type { CheckRecord } from './record.js';
import { runJobs } from './pool.js';
import { type Shard, selectShard } from './shard.js';

export interface CheckOptions {
  model?: string;
  models?: string[];
  kinds?: string[];
  junit?: string;
  json?: string;
  jobs: number;
  shard?: Shard;
  timeout?: number;
  maxCandidates?: number;
  maxMemory?: number;
  /** Mixed-size memory for every test (--variant mixed); hexadecimal values (--hexa). */
  /** A .def file of macros for C tests (--macros). */
  macrosFile?: string;
  /** Where models are looked for (-I, --bell, --conf), for the worker threads. */
  modelSearch?: ModelSearch;
  /** The model a --conf file names: like each test's own, its Result: lines and kinds.txt apply to it. */
  configModel?: string;
  mixed?: boolean;
  hexa?: boolean;
  /** Draw a progress bar (a terminal, not CI). */
  progress: boolean;
  /** Print GitHub Actions annotations for failures. */
  githubAnnotations: boolean;
}

/** Throws UsageError when a report cannot be written at `path`: its folder is missing or not writable, or it is a folder. */
function checkReportPath(path: string, option: string): void {
  const folder = dirname(resolve(path));
  if (existsSync(path) && statSync(path).isDirectory()) throw new UsageError(`${option} ${path}: this is a folder; give the report's file name`);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new UsageError(`${option} ${path}: the folder ${folder} does not exist`);
  try {
    accessSync(folder, constants.W_OK);
  } catch {
    throw new UsageError(`${option} ${path}: the folder ${folder} cannot be written to`);
  }
}

/** One line of the report: a test under a model (or an input that could not be read). */
export async function checkCommand(paths: string[], options: CheckOptions, io: Output): Promise<number> {
  // Report files are checked before any test runs, not found unwritable after all of them.
  if (options.junit) checkReportPath(options.junit, '--junit');
  if (options.json) checkReportPath(options.json, '--json');
  preloadModels([options.model], io.err);
  preloadModels(options.models ?? [], io.err, '--models');
  const allFiles = expandPaths(paths);
  const files = selectShard(allFiles, options.shard);
  const expectations = Expectations.readExplicit(options.kinds ?? []);
  const records: CheckRecord[] = [];
  const jobs: CheckJob[] = [];
  const testsByFolder = new Map<string, Set<string>>();
  /** Models asked for and the architectures they were left out for; models that checked some test. */
  const skipped = new Map<string, Set<string>>();
  const used = new Set<string>();

  for (const file of files) {
    let test;
    try {
      const text = readInputFile(file, 'a .litmus test');
      test = parseLitmus(text, file);
      const stated = statedResult(text);
      const misstated = misstatedResult(text);
      if (misstated) io.err(`warning: ${file}:${misstated.line}:1: 'Result: ${misstated.word}' is not Never, Sometimes or Always; the line is ignored\n`);
      const arch = archFor(test);
      const folder = resolve(dirname(file));
      if (!testsByFolder.has(folder)) testsByFolder.set(folder, new Set());
      testsByFolder.get(folder)!.add(test.name);
      for (const model of options.models ?? [options.model ?? defaultModelFor(test)]) {
        if (!modelAppliesTo(model, test)) {
          if (!skipped.has(model)) skipped.set(model, new Set());
          skipped.get(model)!.add(arch.names[0]);
          continue;
        }
        used.add(model);
        // The test's own model: its architecture's, or the one a --conf file names (the kernel's own files for the kernel's tests).
        const isOwn = model === defaultModelFor(test) || (options.configModel !== undefined && resolve(model) === resolve(options.configModel));
        const listed = expectations.expected(test.name, file, modelKey(model), isOwn);
        const [kinds] = expectations.kindsFor(file, modelKey(model), isOwn);
        // A kinds entry rules; else the test's own Result: line (which speaks of the
        // test's own model); else herd7's Ok for its condition.
        const expectation: Expectation = listed
          ? { rule: 'kinds', kind: listed.kind, file: listed.file }
          : stated && isOwn ? { rule: 'stated', ...stated } : { rule: 'ok' };
        // A kinds file applies but does not list this test: say so.
        const unlisted = !listed && kinds ? basename(kinds.file) : undefined;
        jobs.push({ index: jobs.length, file, name: test.name, model, expectation, unlisted });
      }
    } catch (e) {
      records.push(errorRecord(test?.name ?? basename(file, '.litmus'), file, options.model ?? '-', describeFailure(e, file)));
    }
  }
  // A kinds file that cannot be read, or its bad lines, are reported once, at the file, not once per test it covers;
  // its good lines still apply.
  for (const [kindsFile, error] of expectations.unreadable) records.push(errorRecord(basename(kindsFile), kindsFile, '-', describeFailure(error, kindsFile)));
  for (const kinds of expectations.consulted()) {
    if (kinds.problems.length > 0) records.push(errorRecord(basename(kinds.file), kinds.file, '-', describeFailure(new LitmusError(kinds.problems), kinds.file)));
  }
  for (const file of allFiles) {
    // Tests outside this shard still count as present (by file name).
    const folder = resolve(dirname(file));
    if (!testsByFolder.has(folder)) testsByFolder.set(folder, new Set());
    testsByFolder.get(folder)!.add(basename(file, '.litmus'));
  }
  // Only where whole folders were asked for can a kinds entry be missing its test.
  const scanned = paths.filter((p) => existsSync(p) && statSync(p).isDirectory()).map((p) => resolve(p));
  const inScannedFolder = (kindsFile: string) =>
    scanned.some((dir) => {
      const inside = relative(dir, resolve(dirname(kindsFile)));
      return !inside.startsWith('..') && !isAbsolute(inside);
    });
  records.push(...missingTests(expectations, testsByFolder, options.shard, inScannedFolder));

  // The bar's module (and Node's readline under it) is loaded only when a bar is drawn: start-up (issue 11).
  const cliProgress = options.progress ? (await import('cli-progress')).default : undefined;
  const bar = cliProgress ? new cliProgress.MultiBar({ clearOnComplete: true, hideCursor: true, stream: process.stderr }, cliProgress.Presets.shades_classic) : undefined;
  const progress = bar?.create(jobs.length, 0);
  // On one terminal the bar (stderr) and the lines (stdout) share the screen:
  // let the bar print the lines above itself. Otherwise keep them apart.
  const print = (text: string) => (bar && process.stdout.isTTY ? bar.log(text) : io.out(text));
  const nameWidth = Math.max(10, ...jobs.map((j) => j.name.length));
  for (const record of records) print(formatRecord(record, nameWidth));

  // Print in job order whatever order the workers finish in.
  const finished = new Map<number, CheckRecord>();
  let nextToPrint = 0;
  const settings = { timeout: options.timeout, maxCandidates: options.maxCandidates, maxMemory: options.maxMemory, mixed: options.mixed, hexa: options.hexa, macrosFile: options.macrosFile, modelSearch: options.modelSearch };
  await runJobs(jobs, settings, options.jobs, (job, outcome) => {
    if ('result' in outcome) printWarnings(outcome.result, io);
    finished.set(job.index, recordOf(job, outcome));
    progress?.increment();
    for (; finished.has(nextToPrint); nextToPrint++) {
      const record = finished.get(nextToPrint)!;
      records.push(record);
      print(formatRecord(record, nameWidth));
    }
  });
  // The bar prints the lines given to log() when it next draws itself: draw once more, or the last ones are lost.
  bar?.update();
  bar?.stop();

  // Each record is exactly one of passed, failed (a wrong answer) or an error (no answer).
  const errors = records.filter((r) => r.error !== undefined).length;
  const failed = records.filter((r) => !r.pass && r.error === undefined).length;
  const passed = records.length - failed - errors;
  if (options.githubAnnotations) {
    for (const r of records.filter((r) => !r.pass)) {
      const message = r.error ?? [`${r.name} [${r.model}]: ${r.verdict}, expected ${r.expected}`, ...r.explanation].join('\n');
      io.out(`::error file=${annotationProperty(r.file)},line=${r.line}::${annotationData(message)}\n`);
    }
  }
  // A model that applies to none of the tests checked nothing: say so.
  for (const [model, arches] of skipped) {
    if (!used.has(model)) io.err(`note: ${modelKey(model)} is written for ${modelAudience(model)}, and none of the ${[...arches].join(' or ')} tests here is one: nothing was checked under it\n`);
  }
  io.out(`${passed} passed, ${failed} failed${errors > 0 ? `, ${errors} error${errors === 1 ? '' : 's'}` : ''}\n`);
  if (options.junit) writeFileSync(options.junit, junitXml(records));
  if (options.json) writeFileSync(options.json, jsonReport(records, passed, failed, errors));
  // A gate that checked nothing (a wrong path, a model for no test) must not pass quietly;
  // one shard of several may be empty.
  if (records.length === 0 && !options.shard) {
    io.err(`error: nothing was checked: no test under ${paths.join(', ')} ${skipped.size > 0 ? 'has a model that applies to it' : 'was found'}\n`);
    return 2;
  }
  return errors > 0 ? 2 : failed > 0 ? 1 : 0;
}

/** GitHub's workflow-command escaping: data escapes %, CR and LF; properties also ':' and ','. */
function annotationData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function annotationProperty(text: string): string {
  return annotationData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function recordOf(job: CheckJob, outcome: JobOutcome): CheckRecord {
  const model = modelKey(job.model);
  if ('error' in outcome) return { ...errorRecord(job.name, job.file, model, outcome.error), seconds: outcome.seconds };
  const judgement = judge(outcome.result, job.expectation);
  // Which rule decided, when it is not a kinds entry: the test's Result: line, or herd7's Ok.
  const notes = [...(job.unlisted ? [`not in ${job.unlisted}`] : []), ...(job.expectation.rule === 'ok' && !job.unlisted ? ['no kinds entry'] : [])];
  const expected = notes.length > 0 ? `${judgement.expected} (${notes.join('; ')})` : judgement.expected;
  const undefinedBehaviour = outcome.result.flags.includes(UNDEFINED_FLAG) ? [UNDEFINED_NOTE] : [];
  const explanation = [...(outcome.repair && !judgement.pass ? [...judgement.explanation, ...outcome.repair] : judgement.explanation), ...undefinedBehaviour];
  return { name: job.name, file: job.file, line: 1, model, ...judgement, explanation, expected, seconds: outcome.seconds };
}

function errorRecord(name: string, file: string, model: string, error: string): CheckRecord {
  const line = Number(/:(\d+):\d+:/.exec(error)?.[1] ?? 1);
  return { name, file, line, model, verdict: 'error', expected: '-', pass: false, error, explanation: [], seconds: 0 };
}

/** Kinds entries with no test beside them, in folders given as paths (reported once, by the first shard). */
function missingTests(
  expectations: Expectations,
  testsByFolder: Map<string, Set<string>>,
  shard: Shard | undefined,
  inScannedFolder: (kindsFile: string) => boolean,
): CheckRecord[] {
  if (shard && shard.index !== 1) return [];
  const records: CheckRecord[] = [];
  for (const kinds of expectations.consulted()) {
    const present = testsByFolder.get(resolve(dirname(kinds.file)));
    if (!present || !inScannedFolder(kinds.file)) continue;
    for (const [name, entry] of kinds.entries) {
      if (!present.has(name)) {
        records.push({
          ...errorRecord(name, kinds.file, kinds.model ?? '-', `${kinds.file}:${entry.line}:1: '${name}' is listed here but there is no such test`),
          line: entry.line,
        });
      }
    }
  }
  return records;
}

function formatRecord(r: CheckRecord, nameWidth: number): string {
  // An input that gave no answer is an error, as the summary counts it, not a failed check.
  if (r.error !== undefined) return `${chalk.red('ERR ')} ${r.name.padEnd(nameWidth)} ${r.model.padEnd(8)} ${chalk.red(r.error)}\n`;
  const status = r.pass ? chalk.green('PASS') : chalk.red('FAIL');
  const head = `${status} ${r.name.padEnd(nameWidth)} ${r.model.padEnd(8)} ${r.verdict.padEnd(9)} expected ${r.expected.padEnd(9)} ${r.seconds.toFixed(3)}s`;
  return [head, ...r.explanation.map((line) => `     ${line}`)].join('\n') + '\n';
}

function jsonReport(records: CheckRecord[], passed: number, failed: number, errors: number): string {
  const results = records.map((r) => ({
    name: r.name,
    file: r.file,
    model: r.error === undefined ? r.model : null,
    verdict: r.verdict,
    expected: r.error === undefined ? r.expected : null,
    pass: r.pass,
    error: r.error ?? null,
    seconds: Number(r.seconds.toFixed(4)),
  }));
  return JSON.stringify({ results, summary: { passed, failed, errors } }, null, 2) + '\n';
}
