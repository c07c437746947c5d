// The moves `litmus fix` may make on one test: each barrier its
// architecture offers, before each access that follows another in its
// thread, and each stronger (for --redundant, weaker) form of each
// instruction, priced from the cost table. Moves are data: edits of the
// test's text (fix/edit.ts) with a cost and a description.

import type { Arch } from '../exec/types.js';
import { type InstructionCell, type LitmusTest, propAtoms, type StateRef } from '../syntax/ast.js';
import type { Edit } from './edit.js';
import type { Costs, RepairTable, Rewrite, RewriteContext } from './table.js';

/** One change to a test, as `fix` proposes it. */
export interface Move {
  /** Its index in the list of the test's moves (their stable order: by thread, then cell, then kind). */
  id: number;
  thread: number;
  /** The cell it is made at (a barrier goes just before it). */
  cell: number;
  kind: 'barrier' | 'stronger' | 'weaker' | 'dependency';
  /** For a dependency: the cell of the load it starts from. */
  source?: number;
  /** It orders the accesses before its cell with those after (a barrier inserted, or an existing barrier made stronger). */
  around: boolean;
  /** The cost-table entry of what it makes ('' for a plain form or a removal). */
  key: string;
  /** Added cost (barrier, stronger) or saving (weaker), in the cost table's units. */
  cost: number;
  edits: Edit[];
  /** In words: `P0 line 9: LDR W3,[X4] → LDAR W3,[X4]` or `P1 line 7: DMB ISH before LDR W2,[X3]`. */
  text: string;
  /** The instruction text it is at, and what it writes there (a barrier: the barrier). */
  from: string;
  to: string;
}

/** The cells of each thread that make memory accesses (found by simulating the test), by thread. */
export type AccessCells = ReadonlyArray<ReadonlySet<number>>;

/**
 * The cost of `key` in `costs` ('' costs nothing); a key of entries joined by
 * `+` (a C11 compare-exchange's two orders, `acq_rel+acquire`) costs their sum.
 */
export function costOf(costs: Costs, key: string): number {
  return key === '' ? 0 : key.split('+').reduce((sum, entry) => sum + (costs[entry] ?? 0), 0);
}

/**
 * The strengthening moves of `test`: barriers before each access cell that
 * has another access before it in its thread (never inside a sequence the
 * table says no barrier may split, a load-exclusive to its store-exclusive),
 * and each stronger form of each access cell; with `dependencies`, an
 * artificial address dependency from each earlier load to each access the
 * table can give one. Moves that cost nothing are left out. Cost: the entry of what is made, minus that of what was there.
 */
export function strengtheningMoves(test: LitmusTest, arch: Arch, table: RepairTable, costs: Costs, accesses: AccessCells, dependencies = false): Move[] {
  // Barriers first, then other forms: among repairs of equal cost, those that only add barriers come first.
  const moves: Omit<Move, 'id'>[] = [];
  const rewrites: Omit<Move, 'id'>[] = [];
  test.threads.forEach((thread, t) => {
    const cells = thread.cells;
    const context = rewriteContext(test, arch, table, t);
    let seenAccess = false;
    let inSequence = false;
    const placed = new Set<number>();
    cells.forEach((cell, c) => {
      if (cell.text === '') return;
      const access = accesses[t]?.has(c) ?? false;
      const at = barrierPlace(cells, c);
      const previous = at === undefined ? undefined : cells.slice(0, at).reverse().find((p) => p.text !== '');
      // Just after a barrier, making it stronger costs less than adding another. One place takes each barrier once.
      if (access && seenAccess && !inSequence && at !== undefined && !placed.has(at) && !(previous && table.isBarrier(previous.text))) {
        placed.add(at);
        const place = cells[at];
        for (const barrier of table.barriers) {
          moves.push({
            thread: t, cell: at, kind: 'barrier', around: true, key: barrier.key, cost: costOf(costs, barrier.key),
            edits: [{ kind: 'insert', thread: t, cell: at, text: barrier.text }],
            text: `${thread.name} line ${place.pos.line}: ${barrier.text} before ${place.text}`, from: place.text, to: barrier.text,
          });
        }
      }
      if (table.opensSequence(cell.text)) inSequence = true;
      if (table.closesSequence(cell.text)) inSequence = false;
      seenAccess ||= access;
      // One statement may stand for two cells (a C loop's entry and its test): its forms are offered once.
      if (sameStatementBefore(cells, c)) return;
      // Stronger forms: of an access, and of an instruction that accesses nothing (a barrier), which orders what is around it.
      const current = costOf(costs, table.strength(cell.text));
      for (const rewrite of table.stronger(cell.text, context)) {
        const cost = costOf(costs, rewrite.key) - current;
        if (cost > 0) rewrites.push({ ...rewriteMove(thread.name, t, c, cell, rewrite, 'stronger', cost), around: !access });
      }
      if (!access) return;
      if (dependencies && table.addressDependency) {
        // From each earlier load of the thread to this access.
        for (let a = 0; a < c; a++) {
          if (!accesses[t]?.has(a)) continue;
          const scratch = context.freeRegister();
          const made = scratch ? table.addressDependency(cells[a].text, cell.text, scratch) : undefined;
          if (!made) continue;
          rewrites.push({
            thread: t, cell: c, source: a, kind: 'dependency', around: false, key: 'addr', cost: costOf(costs, 'addr'),
            edits: [{ kind: 'insert', thread: t, cell: c, text: made.before }, { kind: 'replace', thread: t, cell: c, text: made.text }],
            text: `${thread.name} line ${cell.pos.line}: address dependency on ${cells[a].text}: ${made.before} ; ${made.text}`,
            from: cell.text, to: `${made.before} ; ${made.text}`,
          });
        }
      }
    });
  });
  return [...moves, ...rewrites].map((move, id) => ({ ...move, id }));
}

/**
 * The weakening moves of `test` (`fix --redundant`): each weaker form of
 * each instruction the table knows a weaker form of, a barrier's removal
 * among them; `cost` is the saving.
 */
export function weakeningMoves(test: LitmusTest, table: RepairTable, costs: Costs): Move[] {
  const moves: Omit<Move, 'id'>[] = [];
  test.threads.forEach((thread, t) => {
    thread.cells.forEach((cell, c) => {
      if (cell.text === '' || sameStatementBefore(thread.cells, c)) return;
      const current = costOf(costs, table.strength(cell.text));
      for (const rewrite of table.weaker(cell.text)) {
        const saving = current - costOf(costs, rewrite.key);
        if (saving > 0) moves.push(rewriteMove(thread.name, t, c, cell, rewrite, 'weaker', saving));
      }
    });
  });
  return moves.map((move, id) => ({ ...move, id }));
}

function rewriteMove(name: string, t: number, c: number, cell: InstructionCell, rewrite: Rewrite, kind: 'stronger' | 'weaker', cost: number): Omit<Move, 'id'> {
  const edits: Edit[] = [{ kind: 'replace', thread: t, cell: c, text: rewrite.text }];
  if (rewrite.before) edits.unshift({ kind: 'insert', thread: t, cell: c, text: rewrite.before });
  const to = rewrite.text === '' ? '(removed)' : rewrite.before ? `${rewrite.before} ; ${rewrite.text}` : rewrite.text;
  return { thread: t, cell: c, kind, around: false, key: rewrite.key, cost, edits, text: `${name} line ${cell.pos.line}: ${cell.text} → ${to}`, from: cell.text, to };
}

/**
 * Where a barrier before the access at cell `c` goes: the cell itself, or,
 * when it is the one statement of a C body written without braces (`alone`:
 * nothing may go just before it), the statement that holds it (`if (r0)`,
 * `while (…)`), looked for outward. None after an `else` (a barrier before
 * the whole if would not be before this branch alone).
 */
function barrierPlace(cells: readonly InstructionCell[], c: number): number | undefined {
  let at = c;
  while (cells[at]?.alone) {
    at--;
    if (at < 0 || cells[at].text === 'else') return undefined;
  }
  return at;
}

/** Whether an earlier cell is the same statement as cell `c` (the same text at the same place). */
function sameStatementBefore(cells: readonly InstructionCell[], c: number): boolean {
  const { text, pos } = cells[c];
  return cells.slice(0, c).some((p) => p.text === text && p.pos.line === pos.line && p.pos.column === pos.column);
}

/** Whether two moves cannot both be made: two forms of one instruction, or two barriers at one place. */
export function conflicting(a: Move, b: Move): boolean {
  return a.thread === b.thread && a.cell === b.cell && (a.kind === 'barrier') === (b.kind === 'barrier');
}

/** Registers of thread `t` that nothing in the test names (for a rewrite that needs one). */
function rewriteContext(test: LitmusTest, arch: Arch, table: RepairTable, t: number): RewriteContext {
  const canonical = (name: string) => arch.canonicalRegister(name) ?? name.toUpperCase();
  const named = new Set<string>();
  for (const cell of test.threads[t].cells) for (const word of cell.text.match(/[A-Za-z_%][\w%]*/g) ?? []) named.add(canonical(word));
  for (const item of test.init) if (item.kind === 'reg' && (item.thread === t || item.thread === null)) named.add(canonical(item.reg));
  const atoms = [...propAtoms(test.condition.prop), ...(test.filter ? propAtoms(test.filter) : [])];
  const refs: StateRef[] = [...test.locations, ...atoms.map((a) => a.ref)];
  for (const ref of refs) if (ref.kind === 'reg' && ref.thread === t) named.add(canonical(ref.reg));
  let taken = 0;
  return {
    freeRegister: () => {
      const free = table.scratchRegisters.filter((r) => !named.has(canonical(r)));
      return free[taken++ % Math.max(free.length, 1)];
    },
  };
}
