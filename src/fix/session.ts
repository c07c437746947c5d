// What the searches of `litmus fix` share (issue 12): their options and
// results, and a session that makes a test's variants (moves applied to its
// text), simulates them against the budget, and says why a repaired variant
// forbids the bad outcome.

import type { MacroTable } from '../exec/types.js';
import { archFor, repairTableFor } from '../registry.js';
import { explainTest, type Rejection } from '../analysis/explain.js';
import type { CompiledModel } from '../cat/api.js';
import type { EnumerationLimits } from '../enumerate/enumerate.js';
import { LimitError, LitmusError, UsageError } from '../errors.js';
import { decidesCondition, type TestResult } from '../outcome/result.js';
import { type JudgedCandidate, simulate } from '../simulate.js';
import type { LitmusTest } from '../syntax/ast.js';
import { parseLitmus } from '../syntax/parse.js';
import { applyEdits, EditError } from './edit.js';
import type { Move } from './moves.js';
import type { Costs } from './table.js';
import { executionSignature } from './witnesses.js';
import { UNDEFINED_FLAG } from '../cat/api.js';

/** Variants of a test `fix` simulates at most, by default (`--max-variants`). */
export const DEFAULT_MAX_VARIANTS = 2000;

export interface FixOptions {
  model: CompiledModel;
  /** Cost-table entries over the architecture's defaults (`--costs`). */
  costs?: Readonly<Record<string, number>>;
  /** Repairs to return at most (`--max`, default 3). */
  max?: number;
  /** Variants to simulate at most (default DEFAULT_MAX_VARIANTS). */
  maxVariants?: number;
  /** Also offer artificial address dependencies (the table's `addr` entry), which change the code's shape. */
  dependencies?: boolean;
  /** Also list repairs that only put costlier forms where a listed one changes (LDAR where LDAPR does): every minimal repair. */
  allForms?: boolean;
  /** Limits of each simulation; a deadline is the whole search's. */
  limits?: Partial<EnumerationLimits>;
  mixed?: boolean;
  /** Values in hexadecimal in the reasons (herd7's -hexa). */
  hexa?: boolean;
  /** For C tests: the macros of a .def file (--macros, a configuration's macros). */
  macros?: MacroTable;
}

/** A set of moves and the test it makes. */
export interface Repair {
  moves: Move[];
  /** The sum of the moves' costs (for `--redundant`, of their savings). */
  cost: number;
  /** The changed test's text. */
  source: string;
  /** Why the changed test forbids the bad state: the model's first failing axiom, with the cycle it now finds. */
  why?: Rejection;
}

export interface FixReport {
  test: LitmusTest;
  /** The test's text as given. */
  source: string;
  /** The test as it is, under the model. */
  result: TestResult;
  /**
   * 'allowed': the bad outcome is allowed and `repairs` (possibly none) make
   * it forbidden; 'forbidden': it is forbidden already (for `--redundant`,
   * `repairs` are the weakenings that keep it so).
   */
  status: 'allowed' | 'forbidden';
  repairs: Repair[];
  /** For `--redundant`: every weakening in `repairs` at once, verified (absent when fewer than two go together). */
  combined?: Repair;
  /** Variants of the test simulated. */
  variants: number;
  /** Moves the test offers (0: nothing the architecture's table can change). */
  moves: number;
  /** When the search stopped before it was complete: why (a limit). */
  stopped?: string;
  /** Whether the search ran out of sets to try: then `repairs` are every minimal repair the moves allow (fewer than asked), but for costlier forms at the same places. */
  exhausted: boolean;
  /** The costs in force. */
  costs: Costs;
}

/** What simulating the test or a variant found: its result, and the allowed executions that reach the bad state (with their signatures). */
export interface Simulated {
  result: TestResult;
  bad: JudgedCandidate[];
  signatures: string[];
  /** Whether some candidate execution (allowed or not) reaches the bad state. */
  reachable: boolean;
}

/**
 * One `fix` search's test, costs and budget: it makes a test's variants
 * (moves applied to the text) and simulates them, counting against
 * `maxVariants` and the deadline.
 */
export class Session {
  readonly test: LitmusTest;
  readonly costs: Costs;
  variants = 0;
  private readonly deadline?: number;
  private readonly maxVariants: number;

  constructor(readonly source: string, readonly file: string | undefined, readonly options: FixOptions) {
    this.test = parseLitmus(source, file);
    const table = repairTableFor(this.test);
    this.costs = { ...table.costs, ...options.costs };
    for (const [key, cost] of Object.entries(this.costs)) {
      if (!(cost > 0) || !Number.isFinite(cost)) throw new UsageError(`--costs: '${key}' should cost a finite number above 0, not ${String(cost)}`);
    }
    for (const [weaker, stronger] of table.order) {
      if (!(this.costs[stronger] > this.costs[weaker])) {
        throw new UsageError(`--costs: ${stronger} (${this.costs[stronger]}) must cost more than ${weaker} (${this.costs[weaker]}), which orders less`);
      }
    }
    this.deadline = options.limits?.deadline;
    this.maxVariants = options.maxVariants ?? DEFAULT_MAX_VARIANTS;
  }

  /** The text with `moves` made; null when they do not fit the text. */
  textWith(moves: readonly Move[]): string | null {
    try {
      return applyEdits(this.source, this.test, moves.flatMap((m) => m.edits));
    } catch (e) {
      if (e instanceof EditError) return null;
      throw e;
    }
  }

  /** Simulates the test as given: its errors are the user's, thrown as they are. `onCandidate` sees every candidate. */
  simulateGiven(onCandidate?: (c: JudgedCandidate) => void): Simulated {
    this.variants++;
    return this.run(this.source, onCandidate);
  }

  /**
   * Simulates a variant of the test: null when the changed text is no valid
   * test or one the architecture refuses at run time. Throws LimitError past
   * maxVariants or the deadline.
   */
  simulateVariant(text: string): Simulated | null {
    if (this.variants >= this.maxVariants) throw new LimitError(`stopped after simulating ${this.maxVariants} variants (--max-variants)`);
    if (this.deadline !== undefined && Date.now() > this.deadline) throw new LimitError('stopped at the time limit (--timeout)');
    this.variants++;
    try {
      const simulated = this.run(text);
      // Ordering changes keep every candidate execution (they only add edges): a variant that no candidate takes to the
      // bad state computes something else (a register a rewrite borrowed was in use after all) and is no repair.
      // Nor is one with undefined behaviour (a C data race, herd7's Undef): its outcomes promise nothing.
      return simulated.reachable && !simulated.result.flags.includes(UNDEFINED_FLAG) ? simulated : null;
    } catch (e) {
      if (e instanceof LitmusError) return null;
      throw e;
    }
  }

  private run(text: string, onCandidate?: (c: JudgedCandidate) => void): Simulated {
    const test = parseLitmus(text, this.file);
    const quantifier = test.condition.quantifier;
    const bad: JudgedCandidate[] = [];
    const signatures = new Set<string>();
    let reachable = false;
    const result = simulate(test, this.options.model, {
      limits: this.options.limits,
      mixed: this.options.mixed,
      hexa: this.options.hexa,
      ...(this.options.macros && { macros: this.options.macros }),
      onCandidate: (candidate) => {
        onCandidate?.(candidate);
        if (!candidate.kept || !decidesCondition(quantifier, candidate.satisfies)) return;
        reachable = true;
        if (!candidate.verdict.allowed) return;
        const signature = executionSignature(candidate);
        if (signatures.has(signature)) return;
        signatures.add(signature);
        // The enumerator reuses its buffers: keep a copy.
        bad.push({ ...candidate, choice: { rf: candidate.choice.rf.slice(), co: candidate.choice.co.map((o) => [...o]) } });
      },
    });
    return { result, bad, signatures: [...signatures], reachable };
  }

  /** Why the variant `text` forbids the bad state: the first failing axiom and its cycle. */
  why(text: string): Rejection | undefined {
    try {
      const explanation = explainTest(parseLitmus(text, this.file), this.options.model, {
        limits: this.options.limits, mixed: this.options.mixed, hexa: this.options.hexa, ...(this.options.macros && { macros: this.options.macros }),
      });
      return explanation.states.find((state) => state.rejections.length > 0)?.rejections[0];
    } catch (e) {
      // The repair is verified already: at a limit it is kept without its reason.
      if (e instanceof LimitError) return undefined;
      throw e;
    }
  }

  repair(moves: Move[], text: string): Repair {
    moves = [...moves].sort((a, b) => a.thread - b.thread || a.cell - b.cell || a.id - b.id);
    return { moves, cost: moves.reduce((sum, m) => sum + m.cost, 0), source: text, why: this.why(text) };
  }
}
