// A C test's verdicts at every level: under its C model (RC11, or the
// kernel's model for the kernel's primitives), then compiled for each target
// (litmus compile) under that target's model. A state a target allows but
// the C model forbids is a compilation bug (the mapping is unsound for this
// test); one the C model allows but a target forbids is hidden by that
// target (the code is wrong, and happens to work there).

import { LimitError, LitmusError } from '../errors.js';
import type { CompiledModel } from '../cat/api.js';
import { UNDEFINED_FLAG } from '../cat/api.js';
import { compileTest, TARGET_NAMES } from '../compile/index.js';
import type { MacroTable } from '../exec/types.js';
import type { EnumerationLimits } from '../enumerate/enumerate.js';
import type { TestResult } from '../outcome/result.js';
import { simulate } from '../simulate.js';
import { type LitmusTest, locationText, type Prop } from '../syntax/ast.js';
import { parseLitmus } from '../syntax/parse.js';

/** One level: the C model, or a target under its model. */
export interface Level {
  /** The C model's name (rc11, lkmm) or the target's (aarch64, x86…). */
  name: string;
  kind: 'c' | 'target';
  /** The model it ran under. */
  model: string;
  /** For a target: the compiled test's text. */
  compiled?: string;
  /** Why it has no answer: a construct its table does not map, a limit. */
  error?: string;
  /** The level has no answer because it reached a limit (not because its table lacks a construct). */
  stoppedAtLimit?: true;
  /** For the C level: the axioms that forbid each state it forbids and some target allows (by the state's values, joined by ';'). */
  forbiddenBy?: Record<string, string[]>;
  /** Some allowed execution has undefined behaviour (a C data race): every state is then possible. */
  undefined?: boolean;
}

/** A final state (in the C test's columns) and where it is allowed. */
export interface LevelRow {
  values: string[];
  /** Does the test's condition hold in it? */
  satisfies: boolean;
  /** Per level (in `levels` order): allowed, forbidden, or undefined when that level has no answer. */
  allowed: Array<boolean | undefined>;
  /** Targets that allow it though the C model forbids it: compilation bugs. */
  unsound: string[];
  /** Targets that forbid it though the C model allows it: the C code's flaw they hide. */
  hiddenBy: string[];
}

export interface LevelsComparison {
  test: string;
  file?: string;
  condition: string;
  columns: string[];
  levels: Level[];
  rows: LevelRow[];
}

export interface LevelsOptions {
  /** Targets to compile for (default: every target). */
  targets?: readonly string[];
  macros?: MacroTable;
  limits?: Partial<EnumerationLimits>;
}

/**
 * Runs `test` (a C test) under `cModel`, and compiled for each target under
 * `targetModel(target)`. A target whose table lacks a construct, or whose
 * run stops at a limit, gets an `error` and no verdicts. Throws LitmusError
 * for a test that is not C, a LimitError when the C level itself stops.
 */
export function compareLevels(
  test: LitmusTest, cModel: CompiledModel, cModelName: string, targetModel: (model: string) => CompiledModel, options: LevelsOptions = {},
): LevelsComparison {
  const source = simulate(test, cModel, { macros: options.macros, limits: options.limits });
  const levels: Level[] = [{ name: cModelName, kind: 'c', model: cModelName, ...(isUndefined(source) ? { undefined: true } : {}) }];
  const answers: Array<Map<string, { values: string[]; satisfies: boolean }> | undefined> = [stateMap(source, source.columns)];
  for (const targetName of options.targets ?? TARGET_NAMES) {
    try {
      const compiled = compileTest(test, targetName, { macros: options.macros });
      const result = simulate(parseLitmus(compiled.text, compiled.name), targetModel(compiled.target.model), { limits: options.limits });
      // The target's columns, named back to the C test's: `0:X3` is the register holding r0.
      const hardwareColumns = source.columns.map((column) => {
        const reg = /^(\d+):(.+)$/.exec(column);
        return reg ? `${reg[1]}:${compiled.registers[Number(reg[1])]?.get(reg[2]!) ?? reg[2]}` : column;
      });
      levels.push({ name: targetName, kind: 'target', model: compiled.target.model, compiled: compiled.text });
      answers.push(stateMap(result, hardwareColumns));
    } catch (e) {
      if (!(e instanceof LitmusError) && !(e instanceof LimitError)) throw e;
      levels.push({ name: targetName, kind: 'target', model: '', error: e.message, ...(e instanceof LimitError ? { stoppedAtLimit: true as const } : {}) });
      answers.push(undefined);
    }
  }
  const rows = new Map<string, LevelRow>();
  answers.forEach((states) => {
    for (const [key, state] of states ?? []) {
      if (!rows.has(key)) rows.set(key, { values: state.values, satisfies: state.satisfies, allowed: [], unsound: [], hiddenBy: [] });
    }
  });
  for (const [key, row] of rows) {
    row.allowed = answers.map((states) => (states === undefined ? undefined : states.has(key)));
    const inC = row.allowed[0] === true;
    levels.forEach((level, i) => {
      if (level.kind !== 'target' || row.allowed[i] === undefined) return;
      // Undefined behaviour at the C level allows every outcome: nothing a target does is unsound, or hides anything, then.
      if (levels[0]!.undefined) return;
      if (row.allowed[i] && !inC) row.unsound.push(level.name);
      if (!row.allowed[i] && inC) row.hiddenBy.push(level.name);
    });
  }
  // The condition's own state, when no level allows it: the row the question is about (the fix forbids it everywhere).
  const asked = conditionState(test, source.columns);
  if (asked && !rows.has(asked.join(';'))) {
    rows.set(asked.join(';'), { values: asked, satisfies: true, allowed: answers.map((states) => (states === undefined ? undefined : false)), unsound: [], hiddenBy: [] });
  }
  // Why the C model forbids what a target allows: the axioms its candidates for those states fail.
  const bugs = new Set([...rows].filter(([, row]) => row.unsound.length > 0).map(([key]) => key));
  if (bugs.size > 0) {
    const forbiddenBy: Record<string, Set<string>> = {};
    simulate(test, cModel, {
      macros: options.macros, limits: options.limits,
      onCandidate: (candidate) => {
        const key = candidate.values.join(';');
        if (candidate.verdict.allowed || !bugs.has(key)) return;
        (forbiddenBy[key] ??= new Set()).add(candidate.verdict.failedAxiom ?? 'the model');
      },
    });
    levels[0]!.forbiddenBy = Object.fromEntries(Object.entries(forbiddenBy).map(([key, axioms]) => [key, [...axioms].sort()]));
  }
  const sorted = [...rows.values()].sort((a, b) => a.values.join(';').localeCompare(b.values.join(';'), 'en', { numeric: true }));
  return { test: test.name, ...(test.file !== undefined ? { file: test.file } : {}), condition: source.condition, columns: source.columns, levels, rows: sorted };
}

/**
 * The one state a condition asks about, when it names one: a conjunction of
 * `=` atoms with a constant for each of `columns` (as herd7 prints them:
 * decimal, or a location's name). Undefined otherwise.
 */
function conditionState(test: LitmusTest, columns: readonly string[]): string[] | undefined {
  const conjuncts = (p: Prop): Prop[] => (p.kind === 'and' ? [...conjuncts(p.left), ...conjuncts(p.right)] : [p]);
  const atoms = conjuncts(test.condition.prop);
  const values = new Map<string, string>();
  for (const atom of atoms) {
    if (atom.kind !== 'atom' || atom.op !== '=' || atom.value.kind === 'array') return undefined;
    const label = atom.ref.kind === 'reg' ? `${atom.ref.thread}:${atom.ref.reg}` : `[${locationText(atom.ref.loc)}]`;
    values.set(label, atom.value.kind === 'int' ? String(atom.value.value) : atom.value.name);
  }
  const state = columns.map((c) => values.get(c));
  return state.every((v) => v !== undefined) && values.size === columns.length ? (state as string[]) : undefined;
}

function isUndefined(result: TestResult): boolean {
  return result.flags.includes(UNDEFINED_FLAG);
}

/** A result's allowed states, projected onto `columns` (the C test's, as the result names them), by their values. */
function stateMap(result: TestResult, columns: readonly string[]): Map<string, { values: string[]; satisfies: boolean }> {
  const index = columns.map((c) => result.columns.indexOf(c));
  const states = new Map<string, { values: string[]; satisfies: boolean }>();
  for (const row of result.states) {
    const values = index.map((i) => (i < 0 ? '?' : row.values[i]!));
    const key = values.join(';');
    const seen = states.get(key);
    states.set(key, { values, satisfies: (seen?.satisfies ?? false) || row.satisfies });
  }
  return states;
}
