// `litmus fix` (issue 12): the cheapest sets of moves that make a test's bad
// outcome forbidden, each verified by simulating the changed test.
//
// The search is Reiter's hitting-set tree, cheapest first: a set of moves
// that still lets some execution reach the bad state must grow by a move
// that could forbid that execution (fix/witnesses.ts), so each node's
// children add one such move for the remaining execution with the fewest.
// Every set it returns was simulated and found to forbid the bad state; a set
// containing a cheaper repair is never returned, so each is minimal. Costs
// are positive, so the first repairs found are the cheapest.

import { archFor, repairTableFor } from '../registry.js';
import { LimitError } from '../errors.js';
import type { LitmusTest } from '../syntax/ast.js';
import { type AccessCells, conflicting, type Move, strengtheningMoves } from './moves.js';
import { type FixOptions, type FixReport, type Repair, Session } from './session.js';
import { type CellLookup, movesThatMayForbid } from './witnesses.js';

export { DEFAULT_MAX_VARIANTS, type FixOptions, type FixReport, type Repair } from './session.js';
export { findRedundant } from './redundant.js';

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
  const table = repairTableFor(test);
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
