// `litmus fix --redundant` (issue 12): for a test that forbids its bad
// outcome, the barriers and acquire/release forms it does not need, each
// weakening verified by simulation, and all of them together.

import { archFor, repairTableFor } from '../registry.js';
import { LimitError } from '../errors.js';
import { type Move, weakeningMoves } from './moves.js';
import { type FixOptions, type FixReport, type Repair, Session } from './session.js';

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
  const table = repairTableFor(test);
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
