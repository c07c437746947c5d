// `litmus fix` (issue 12): the cheapest sets of moves that make a test's bad
// outcome forbidden, each verified by simulating the changed test, and, for
// a test already forbidden, the barriers and annotations it does not need.
//
// The search is Reiter's hitting-set tree, cheapest first: a set of moves
// that still lets some execution reach the bad state must grow by a move
// that could forbid that execution (fix/witnesses.ts), so each node's
// children add one such move for the remaining execution with the fewest.
// Every set it returns was simulated and found to forbid the bad state; a set
// containing a cheaper repair is never returned, so each is minimal. Costs
// are positive, so the first repairs found are the cheapest.

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
import { type AccessCells, conflicting, type Move, strengtheningMoves, weakeningMoves } from './moves.js';
import type { Costs } from './table.js';
import { type CellLookup, executionSignature, movesThatMayForbid } from './witnesses.js';

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
interface Simulated {
  result: TestResult;
  bad: JudgedCandidate[];
  signatures: string[];
  /** Whether some candidate execution (allowed or not) reaches the bad state. */
  reachable: boolean;
}

class Session {
  readonly test: LitmusTest;
  readonly costs: Costs;
  variants = 0;
  private readonly deadline?: number;
  private readonly maxVariants: number;

  constructor(readonly source: string, readonly file: string | undefined, readonly options: FixOptions) {
    this.test = parseLitmus(source, file);
    const table = repairTableFor(archFor(this.test));
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
      return simulated.reachable ? simulated : null;
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
      const explanation = explainTest(parseLitmus(text, this.file), this.options.model, { limits: this.options.limits, mixed: this.options.mixed, hexa: this.options.hexa });
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

/** Finds each instruction's cell by its position. */
function cellLookup(test: LitmusTest): CellLookup {
  const cells = new Map<string, { thread: number; cell: number }>();
  test.threads.forEach((thread, t) => thread.cells.forEach((cell, c) => cells.set(`${cell.pos.line}:${cell.pos.column}`, { thread: t, cell: c })));
  return (line, column) => cells.get(`${line}:${column}`);
}

/**
 * The cheapest repairs of the test `source` (read from `file`): sets of
 * moves (fix/moves.ts) after which no execution the model allows reaches the
 * state the condition calls bad (for `exists` and `~exists`, where the
 * proposition holds; for `forall`, where it does not). Each is verified by
 * simulation and minimal; at most `options.max` (default 3), cheapest first,
 * ties in the moves' order. A repair that only puts costlier forms at the
 * places a cheaper one already changes is left out of the list, unless
 * `options.allForms`. Throws a LitmusError for a bad test, a
 * LimitError when the test itself cannot be simulated within the limits; a
 * limit reached during the search ends it with `stopped` set.
 */
export function findRepairs(source: string, file: string | undefined, options: FixOptions): FixReport {
  const session = new Session(source, file, options);
  const { test } = session;
  const cellOf = cellLookup(test);
  const accesses: Set<number>[] = test.threads.map(() => new Set());
  const seen = new WeakSet<object>();
  const root = session.simulateGiven((candidate) => {
    // The cells that access memory, from every candidate's paths (each path once).
    for (const path of candidate.combination.paths) {
      if (seen.has(path)) continue;
      seen.add(path);
      for (const e of path.events) {
        if (e.kind === 'F') continue;
        const instruction = candidate.loaded.threads[e.code].instructions[e.instruction];
        const cell = cellOf(instruction.pos.line, instruction.pos.column);
        if (cell) accesses[cell.thread].add(cell.cell);
      }
    }
  });
  const base = { test, source, result: root.result, variants: session.variants, costs: session.costs };
  if (root.bad.length === 0) return { ...base, status: 'forbidden', repairs: [], exhausted: false, moves: 0 };

  const arch = archFor(test);
  const table = repairTableFor(arch);
  // Moves whose edit does not fit the text (an instruction split by a comment) are not offered; ids are indices again after.
  const moves = strengtheningMoves(test, arch, table, session.costs, accesses as AccessCells, options.dependencies)
    .filter((m) => session.textWith([m]) !== null)
    .map((m, id) => ({ ...m, id }));
  const mayForbid = new Map<string, Set<number>>();
  root.bad.forEach((candidate, i) => mayForbid.set(root.signatures[i], movesThatMayForbid(candidate, moves, cellOf)));
  const everyMove = new Set(moves.map((m) => m.id));

  const repairs: Repair[] = [];
  // Every repair found, shown or not: a set containing one is never minimal.
  const found: Move[][] = [];
  const queue = new CostQueue();
  queue.push([], 0);
  const visited = new Set<string>();
  let stopped: string | undefined;
  const max = options.max ?? 3;
  try {
    for (let node = queue.pop(); node && repairs.length < max; node = queue.pop()) {
      const set = node.ids.map((id) => moves[id]);
      if (found.some((r) => r.every((m) => node.ids.includes(m.id)))) continue; // contains a cheaper repair
      const text = node.ids.length === 0 ? source : session.textWith(set);
      if (text === null) continue;
      const verdict = node.ids.length === 0 ? root : session.simulateVariant(text);
      if (!verdict) continue;
      if (verdict.signatures.length === 0) {
        found.push(set);
        // A costlier form at the very places a shown repair changes is not worth a line of its own (DMB ISH where DMB ISHST did).
        if (options.allForms || !repairs.some((r) => samePlaces(r.moves, set))) repairs.push(session.repair(set, text));
        continue;
      }
      // Branch on the execution that the fewest moves could forbid.
      let branches: number[] | undefined;
      for (const signature of verdict.signatures) {
        const candidates = [...(mayForbid.get(signature) ?? everyMove)].filter((id) => !node.ids.includes(id) && !set.some((m) => conflicting(m, moves[id])));
        if (!branches || candidates.length < branches.length) branches = candidates;
      }
      for (const id of branches ?? []) {
        const ids = [...node.ids, id].sort((a, b) => a - b);
        const key = ids.join(',');
        if (visited.has(key)) continue;
        visited.add(key);
        queue.push(ids, ids.reduce((sum, i) => sum + moves[i].cost, 0));
      }
    }
  } catch (e) {
    if (!(e instanceof LimitError)) throw e;
    stopped = e.message;
  }
  const exhausted = !stopped && repairs.length < max;
  return { ...base, status: 'allowed', repairs, variants: session.variants, exhausted, moves: moves.length, ...(stopped && { stopped }) };
}

/**
 * For a test whose bad outcome is forbidden: each barrier or annotation
 * that can be removed or weakened with the outcome still forbidden (per
 * instruction, the change that saves most), each verified by simulation,
 * and all of them at once when they go together (else as many as do, taken
 * in the test's order), verified too. A test whose bad outcome is allowed
 * gets status 'allowed' and nothing else. Throws as findRepairs does.
 */
export function findRedundant(source: string, file: string | undefined, options: FixOptions): FixReport {
  const session = new Session(source, file, options);
  const { test } = session;
  const root = session.simulateGiven();
  const base = { test, source, result: root.result, costs: session.costs };
  if (root.bad.length > 0) return { ...base, status: 'allowed', repairs: [], variants: session.variants, exhausted: false, moves: 0 };
  const table = repairTableFor(archFor(test));
  const moves = weakeningMoves(test, table, session.costs).filter((m) => session.textWith([m]) !== null).map((m, id) => ({ ...m, id }));
  const repairs: Repair[] = [];
  let combined: Repair | undefined;
  let stopped: string | undefined;
  try {
    const byCell = new Map<string, Move[]>();
    for (const move of moves) byCell.set(`${move.thread}:${move.cell}`, [...(byCell.get(`${move.thread}:${move.cell}`) ?? []), move]);
    for (const options of byCell.values()) {
      // The biggest saving first; equal savings in the table's order.
      for (const move of [...options].sort((a, b) => b.cost - a.cost || a.id - b.id)) {
        const text = session.textWith([move]);
        const verdict = text === null ? null : session.simulateVariant(text);
        if (text !== null && verdict && verdict.signatures.length === 0) {
          repairs.push(session.repair([move], text));
          break;
        }
      }
    }
    if (repairs.length > 1) {
      let together: Move[] = [];
      let text = source;
      for (const repair of repairs) {
        const trial = session.textWith([...together, ...repair.moves]);
        const verdict = trial === null ? null : session.simulateVariant(trial);
        if (trial !== null && verdict && verdict.signatures.length === 0) {
          together = [...together, ...repair.moves];
          text = trial;
        }
      }
      if (together.length > 1) combined = session.repair(together, text);
    }
  } catch (e) {
    if (!(e instanceof LimitError)) throw e;
    stopped = e.message;
  }
  return { ...base, status: 'forbidden', repairs, ...(combined && { combined }), variants: session.variants, exhausted: !stopped, moves: moves.length, ...(stopped && { stopped }) };
}

/** Whether two sets of moves change the same places in the same way (a barrier before the same instruction, the same instruction's form). */
function samePlaces(a: readonly Move[], b: readonly Move[]): boolean {
  const places = (moves: readonly Move[]) => moves.map((m) => `${m.thread}:${m.cell}:${m.kind === 'barrier'}`).sort().join(' ');
  return places(a) === places(b);
}

/** Sets of move ids, cheapest first; equal costs in the order of their sorted ids. */
class CostQueue {
  private readonly items: Array<{ ids: number[]; cost: number }> = [];

  push(ids: number[], cost: number): void {
    let low = 0;
    let high = this.items.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (before(this.items[mid], { ids, cost })) low = mid + 1;
      else high = mid;
    }
    this.items.splice(low, 0, { ids, cost });
  }

  pop(): { ids: number[]; cost: number } | undefined {
    return this.items.shift();
  }
}

function before(a: { ids: number[]; cost: number }, b: { ids: number[]; cost: number }): boolean {
  if (a.cost !== b.cost) return a.cost < b.cost;
  for (let i = 0; i < Math.min(a.ids.length, b.ids.length); i++) if (a.ids[i] !== b.ids[i]) return a.ids[i] < b.ids[i];
  return a.ids.length < b.ids.length;
}
