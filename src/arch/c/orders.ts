// C11's memory orders and the annotation each puts on an event, as RC11
// reads them (Lahav et al., PLDI 2017, section 3): a read-modify-write's
// read takes the order's acquire part and its write the release part; a
// consume is its own mode, CON, as herd7 tags it: its rc11.cat (and ours)
// gives it no synchronisation, while compilers emit an acquire for it
// (litmus compile follows them).

import { failAt, type SourcePos } from '../../errors.js';
import type { CExpr } from '../../syntax/c/ast.js';

export type MemoryOrder = 'relaxed' | 'consume' | 'acquire' | 'release' | 'acq_rel' | 'seq_cst';

/** The annotations C events carry, as a model's sets: RC11's modes, CON for consume (herd7's), and NA for a plain (non-atomic) access. */
export const C11_TAGS = ['NA', 'RLX', 'CON', 'ACQ', 'REL', 'ACQ_REL', 'SC'] as const;

/** The kind of event an order annotates. */
export type OrderedEvent = 'load' | 'store' | 'rmw-read' | 'rmw-write' | 'fence';

const TAGS: Record<OrderedEvent, Partial<Record<MemoryOrder, string>>> = {
  load: { relaxed: 'RLX', consume: 'CON', acquire: 'ACQ', seq_cst: 'SC' },
  store: { relaxed: 'RLX', release: 'REL', seq_cst: 'SC' },
  'rmw-read': { relaxed: 'RLX', consume: 'CON', acquire: 'ACQ', release: 'RLX', acq_rel: 'ACQ', seq_cst: 'SC' },
  'rmw-write': { relaxed: 'RLX', consume: 'RLX', acquire: 'RLX', release: 'REL', acq_rel: 'REL', seq_cst: 'SC' },
  fence: { relaxed: 'RLX', consume: 'CON', acquire: 'ACQ', release: 'REL', acq_rel: 'ACQ_REL', seq_cst: 'SC' },
};

/** The order an argument names (`memory_order_acquire`); a located error for anything else. */
export function memoryOrderOf(arg: CExpr | undefined, pos: SourcePos): MemoryOrder {
  const match = arg?.kind === 'name' ? /^memory_order_(relaxed|consume|acquire|release|acq_rel|seq_cst)$/.exec(arg.name) : null;
  if (!match) failAt(arg?.pos ?? pos, 'expected a memory order (memory_order_relaxed, _consume, _acquire, _release, _acq_rel or _seq_cst)');
  return match[1] as MemoryOrder;
}

/** The annotation `order` puts on an event of `kind`; a located error where C11 gives the order no meaning (a release load). */
export function orderTag(order: MemoryOrder, kind: OrderedEvent, pos: SourcePos): string {
  const tag = TAGS[kind][order];
  if (tag === undefined) failAt(pos, `memory_order_${order} is no order for a ${kind === 'load' ? 'load' : 'store'} (C11 leaves it undefined)`);
  return tag;
}
