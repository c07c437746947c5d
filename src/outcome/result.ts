// The answer for one test under one model, as plain data (JSON-serialisable:
// values are strings), and the tally that builds it from allowed executions.

import { UNDEFINED_FLAG } from '../cat/api.js';
import type { Quantifier } from '../syntax/ast.js';
import type { FinalState, Observation } from './observe.js';

export type Kind = 'Allowed' | 'Forbidden' | 'Required';
export type Verdict = 'Always' | 'Sometimes' | 'Never';

export interface StateRow {
  /** One printed value per column (a number, or a location name for a pointer). */
  values: string[];
  /** Does the condition's proposition hold in this state? */
  satisfies: boolean;
  /** How many allowed executions end in this state. */
  executions: number;
}

export interface TestResult {
  name: string;
  arch: string;
  model: string;
  file?: string;
  kind: Kind;
  /** The observed registers and locations, as herd7 labels them (`1:X0`, `[x]`). */
  columns: string[];
  states: StateRow[];
  /** herd7's Ok / No. */
  ok: boolean;
  /**
   * Some consistent execution went over the loop unrolling bound and was left
   * out, as herd7 does when it prints `Loop Ok` / `Loop No`: the states and
   * counts may be missing outcomes of longer runs.
   */
  loop: boolean;
  /** Allowed executions where the proposition holds / does not. */
  positive: number;
  negative: number;
  quantifier: Quantifier;
  /** The condition as herd7 prints it, e.g. `exists (1:X0=1 /\ 1:X2=0)`. */
  condition: string;
  observation: Verdict;
  /** Names of model flags raised by some allowed execution. */
  flags: string[];
  /** What the user should know about how the test was run (a test switched to mixed-size memory); absent when nothing. */
  warnings?: string[];
  stats: { candidates: number; combinations: number; rounds: number; seconds: number };
}

/**
 * herd7's kind for a quantifier: exists → Allowed, ~exists → Forbidden,
 * forall → Required.
 */
export function kindOf(quantifier: Quantifier): Kind {
  return quantifier === 'exists' ? 'Allowed' : quantifier === '~exists' ? 'Forbidden' : 'Required';
}

/** Counts allowed executions into distinct final states. */
export class Tally {
  positive = 0;
  negative = 0;
  readonly flags = new Set<string>();
  private readonly rows = new Map<string, { state: FinalState; satisfies: boolean; executions: number }>();

  constructor(private readonly observation: Observation) {}

  /** Adds an allowed candidate, `executions` executions of the model's (herd7 counts each value a `with` chooses); returns false when the filter drops it. */
  add(state: FinalState, flags: readonly string[], executions = 1): boolean {
    if (this.observation.filter && !this.observation.filter(state)) return false;
    const satisfies = this.observation.condition(state);
    if (satisfies) this.positive += executions;
    else this.negative += executions;
    for (const flag of flags) this.flags.add(flag);
    const key = state.join(',');
    const row = this.rows.get(key);
    if (row) row.executions += executions;
    else this.rows.set(key, { state: [...state], satisfies, executions });
    return true;
  }

  /** The distinct states in herd7's order (by values, column by column). */
  states(format: (value: bigint, column: number) => string): StateRow[] {
    const rows = [...this.rows.values()].map((r) => ({
      values: r.state.map(format),
      satisfies: r.satisfies,
      executions: r.executions,
    }));
    return rows.sort((a, b) => compareStateValues(a.values, b.values));
  }
}

/** herd7's order of state lines: column by column, numbers numerically. */
export function compareStateValues(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue;
    // Numbers in numeric order (exactly: values may exceed 2^53), names by text.
    const numeric = /^-?\d+$/;
    if (numeric.test(a[i]) && numeric.test(b[i])) return BigInt(a[i]) < BigInt(b[i]) ? -1 : 1;
    return a[i] < b[i] ? -1 : 1;
  }
  return 0;
}

/**
 * Whether a state whose proposition is `satisfies` decides the condition:
 * for exists and ~exists the states where the proposition holds (one is
 * enough to answer), for forall those where it fails (one breaks it).
 */
export function decidesCondition(quantifier: Quantifier, satisfies: boolean): boolean {
  return quantifier === 'forall' ? !satisfies : satisfies;
}

/** herd7's observation: Never (no positive), Always (no negative), else Sometimes. */
export function verdictOf(positive: number, negative: number): Verdict {
  if (positive === 0) return 'Never';
  return negative === 0 ? 'Always' : 'Sometimes';
}

/** herd7's Ok: exists → some execution satisfies; ~exists → none does; forall → all do. */
export function isOk(quantifier: Quantifier, positive: number, negative: number): boolean {
  switch (quantifier) {
    case 'exists':
      return positive > 0;
    case '~exists':
      return positive === 0;
    case 'forall':
      return negative === 0;
  }
}

/**
 * The word herd7 answers with: `Undef` when some allowed execution has
 * undefined behaviour (it failed the model's undefined_unless check: a C
 * data race), else `Ok` or `No`.
 */
export function verdictWord(result: Pick<TestResult, 'ok' | 'flags'>): 'Ok' | 'No' | 'Undef' {
  return result.flags.includes(UNDEFINED_FLAG) ? 'Undef' : result.ok ? 'Ok' : 'No';
}

/** The line that says what Undef means, for a person. */
export const UNDEFINED_NOTE = "undefined behaviour: an allowed execution fails the model's undefined_unless check (in C, a data race: a plain access that happens-before does not order with a conflicting one)";
