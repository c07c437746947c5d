// The pipeline for one test under one model: load (parse instructions, resolve
// names), enumerate candidates, keep the allowed ones, tally final states.

import { formatDiagnostic, LitmusError } from './errors.js';
import { archFor } from './registry.js';
import type { Choice, CompiledModel, ModelVerdict } from './cat/api.js';
import { type CandidateVisitor, DEFAULT_LIMITS, type EnumerationLimits, enumerateExecutions, MixedSizeNeeded } from './enumerate/enumerate.js';
import { type Combination, finalValue } from './enumerate/combination.js';
import { locationValue } from './exec/memory.js';
import type { Observable } from './exec/observables.js';
import { unchangedObservables } from './exec/unchanged.js';
import { loadTest, type LoadedTest, type MemoryOptions } from './exec/program.js';
import type { MacroTable } from './exec/types.js';
import { conditionText } from './outcome/condition-text.js';
import { type FinalState, type Observation, observe } from './outcome/observe.js';
import { isOk, kindOf, Tally, type TestResult, verdictOf } from './outcome/result.js';
import type { LitmusTest } from './syntax/ast.js';

export interface SimulateOptions {
  limits?: Partial<EnumerationLimits>;
  /**
   * Mixed-size memory (herd7's -variant mixed): accesses move bytes of
   * locations. Default: when the test's `Variant=` line says `mixed`, or
   * when its accesses turn out to need it (then `TestResult.warnings` says
   * so; see LoadedTest.mixedSizeCheck). `false`: never.
   */
  mixed?: boolean;
  /** Print values and the condition's constants in hexadecimal (herd7's -hexa). */
  hexa?: boolean;
  /** For C tests: the macros of a .def file (herd7's `macros`; arch/c/macros.ts readMacros). Default: the kernel's primitives. */
  macros?: MacroTable;
  /** Sees every candidate the model judged (for explanations and pictures). */
  onCandidate?: (candidate: JudgedCandidate) => void;
  /**
   * Leave out the candidates the model's axioms would reject for breaking
   * coherence or atomicity before judging them (default true: the answer is
   * the same, found faster). false hands them to the model, for an
   * explanation of the states only they reach.
   */
  prune?: boolean;
}

export interface JudgedCandidate {
  loaded: LoadedTest;
  combination: Combination;
  choice: Choice;
  verdict: ModelVerdict;
  state: FinalState;
  /** `state` as herd7 prints it, one string per column. */
  values: string[];
  /** Does the condition's proposition hold in `state`? */
  satisfies: boolean;
  /** Does the test's `filter` keep it? A candidate it drops is no execution of the test at all. */
  kept: boolean;
}

/**
 * Simulates `test` under `model`: loads it, enumerates its candidates, keeps
 * the allowed ones and tallies their final states into herd7's answer.
 * `options.onCandidate` sees every judged candidate. Throws a LitmusError
 * (located) for bad input, a LimitError at a limit.
 */
export function simulate(test: LitmusTest, model: CompiledModel, options: SimulateOptions = {}): TestResult {
  try {
    return simulateTest(test, model, options);
  } catch (e) {
    // Errors found while running (a fault, an architecture's complaint) name the test's file too.
    throw e instanceof LitmusError && test.file !== undefined ? e.inFile(test.file) : e;
  }
}

function simulateTest(test: LitmusTest, model: CompiledModel, options: SimulateOptions): TestResult {
  const started = performance.now();
  try {
    return simulateLoaded(test, model, options, { mixed: options.mixed, ...modelMemoryOptions(model, options) }, started);
  } catch (e) {
    if (!(e instanceof MixedSizeNeeded)) throw e;
    // herd7 rejects such a test; we run it as -variant mixed does, and say so.
    let enlarged: readonly string[] = [];
    const result = simulateLoaded(test, model, options, { mixed: true, reach: e.reach, ...modelMemoryOptions(model, options) }, started, (loaded) => (enlarged = loaded.enlarged));
    const sizes = enlarged.length > 0 ? `; untyped ${enlarged.join(', ')} given the bytes its accesses reach (herd7 gives 4)` : '';
    const warning =
      `${test.file ?? test.name}: mixed-size accesses (${e.reason}): simulated with mixed-size memory as --variant mixed does${sizes}; ` +
      'herd7 rejects the test without that option';
    return { ...result, warnings: [warning, ...(result.warnings ?? [])] };
  }
}

/** What loading a test takes from the run and the model: the macros, and how the model wants lock events and which annotations its bell allows. */
function modelMemoryOptions(model: CompiledModel, options: SimulateOptions): MemoryOptions {
  return {
    ...(options.macros && { macros: options.macros }),
    ...(model.locksAsAccesses && { locksAsAccesses: true }),
    ...(model.annotations && { annotations: model.annotations }),
  };
}

function simulateLoaded(
  test: LitmusTest, model: CompiledModel, options: SimulateOptions, memory: MemoryOptions, started: number, onLoad?: (loaded: LoadedTest) => void,
): TestResult {
  const arch = archFor(test);
  const loaded = loadTest(test, arch, memory, options.limits);
  onLoad?.(loaded);
  const hexa = options.hexa ?? false;
  const observation = observe(loaded, hexa);
  const tally = new Tally(observation);
  const visit: CandidateVisitor = (combination, choice, verdict) => {
    // Forbidden candidates need no final state unless someone looks at them.
    if (!verdict.allowed && !options.onCandidate) return;
    const state = finalState(loaded, observation, combination, choice);
    if (options.onCandidate) {
      const values = state.map((value, column) => observation.format(column, value));
      const kept = !observation.filter || observation.filter(state);
      options.onCandidate({ loaded, combination, choice, verdict, state, values, satisfies: observation.condition(state), kept });
    }
    if (verdict.allowed) tally.add(state, verdict.flags, verdict.executions);
  };
  const stats = enumerateExecutions(loaded, model, visit, { ...DEFAULT_LIMITS, ...options.limits }, options.prune ?? true);
  const { positive, negative } = tally;
  const quantifier = test.condition.quantifier;
  return {
    name: test.name,
    arch: test.arch,
    model: model.name,
    file: test.file,
    kind: kindOf(quantifier),
    columns: observation.items.map((item) => item.label),
    states: tally.states((value, column) => observation.format(column, value)),
    ok: isOk(quantifier, positive, negative),
    loop: stats.cutOff,
    positive,
    negative,
    quantifier,
    condition: conditionText(test.condition, arch, hexa),
    observation: verdictOf(positive, negative),
    flags: [...tally.flags].sort(),
    stats: { candidates: stats.candidates, combinations: stats.combinations, rounds: stats.rounds, seconds: (performance.now() - started) / 1000 },
    ...withWarnings([...loaded.warnings, ...unchangedWarnings(test, loaded, stats.paths ?? [])]),
  };
}

function withWarnings(warnings: string[]): { warnings?: string[] } {
  return warnings.length > 0 ? { warnings } : {};
}

/** A condition that names what the test never changes (a typo, usually), said once per name. */
function unchangedWarnings(test: LitmusTest, loaded: LoadedTest, paths: Parameters<typeof unchangedObservables>[2]): string[] {
  // The locations the init block declares (an array: each element it kept).
  const initialised = new Set(test.init.flatMap((item) => {
    if (item.kind !== 'mem') return [];
    if (item.array) return loaded.locations.arrayNamed(item.loc.name) ?? [];
    return [loaded.locations.locate(item.loc)].filter((loc) => loc !== undefined);
  }));
  const declared = (item: Observable): boolean =>
    item.kind === 'reg' ? loaded.threads[item.thread]?.initRegisters.has(item.reg) === true : (item.elements ?? [item.loc]).some((loc) => initialised.has(loc));
  return unchangedObservables(test, loaded.observables, paths, (loc) => loaded.memory.unitsOf(loc), declared).map(({ observable, pos }) => {
    const what = observable.kind === 'reg'
      ? `${observable.label}, a register P${observable.thread} never writes and the init block does not set`
      : `${observable.label}, ${observable.elements ? 'an array' : 'a location'} the init block does not declare and no thread reads or writes`;
    return formatDiagnostic({ file: test.file, pos, message: `the condition names ${what}: it keeps its initial value in every execution` });
  });
}

/** The observed registers and locations at the end of a candidate: a location's value is its units' co-last writes'. */
function finalState(loaded: LoadedTest, observation: Observation, combination: Combination, choice: Choice): FinalState {
  const unitValue = (unit: number): bigint => finalValue(combination, choice.co[unit]);
  return observation.items.map((item) =>
    observation.finalValue(
      item,
      (thread, reg) => combination.paths[thread].registers.get(reg) ?? 0n,
      (loc) => locationValue(loaded.memory, loc, unitValue),
    ));
}
