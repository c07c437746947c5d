// C's repair moves for `litmus fix`: two tables, for the two ways C tests
// order memory. A test of the kernel's primitives (run under lkmm) gets the
// kernel's: smp_mb(), smp_rmb(), smp_wmb() between statements, READ_ONCE made
// smp_load_acquire and WRITE_ONCE smp_store_release (tools/memory-model's
// explanation.txt: a full fence orders everything, rmb loads, wmb stores;
// acquire orders one load before what follows, release what precedes before
// one store). A test of C11 atomics (run under rc11) gets C11's: a fence
// atomic_thread_fence(memory_order_X) between statements, and an atomic's
// memory order made stronger (relaxed < acquire, release < acq_rel < seq_cst,
// as C11 7.17.3 ranks them), a compare-exchange's success order (both its
// orders weakened, the failure's never release nor stronger than the
// success's). A move is text: the search simulates every
// variant, so a statement the table misreads is at worst a repair not found.

import type { Rewrite, RepairTable } from '../../fix/table.js';

// ---- the kernel's primitives ----------------------------------------------

const KERNEL_COSTS: Record<string, number> = {
  smp_rmb: 2,
  smp_wmb: 2,
  smp_mb__before_atomic: 3,
  smp_mb__after_atomic: 3,
  smp_mb__after_spinlock: 3,
  smp_mb__after_unlock_lock: 3,
  smp_mb: 4,
  smp_load_acquire: 2,
  smp_store_release: 2,
};

const KERNEL_NOTES: Record<string, string> = {
  smp_rmb: 'kernel barrier: loads before it, before loads after it',
  smp_wmb: 'kernel barrier: stores before it, before stores after it',
  smp_mb: 'kernel full barrier: every access before it, before every access after it',
  smp_mb__before_atomic: 'kernel barrier smp_mb__before_atomic(): a full barrier with the atomic after it (only weakened or made smp_mb(), never inserted)',
  smp_mb__after_atomic: 'kernel barrier smp_mb__after_atomic(): a full barrier with the atomic before it (only weakened or made smp_mb(), never inserted)',
  smp_mb__after_spinlock: 'kernel barrier smp_mb__after_spinlock() (only weakened or made smp_mb(), never inserted)',
  smp_mb__after_unlock_lock: 'kernel barrier smp_mb__after_unlock_lock() (only weakened or made smp_mb(), never inserted)',
  smp_load_acquire: 'kernel acquire load: r = READ_ONCE(*x) → r = smp_load_acquire(x)',
  smp_store_release: 'kernel release store: WRITE_ONCE(*x, v) → smp_store_release(x, v)',
};

/** A kernel barrier statement, and which. */
const KERNEL_BARRIER = /^\s*(smp_mb|smp_rmb|smp_wmb|smp_mb__before_atomic|smp_mb__after_atomic|smp_mb__after_spinlock|smp_mb__after_unlock_lock)\s*\(\s*\)\s*;\s*$/;
/** READ_ONCE(*x) of a shared location named by a parameter; its acquire form. */
const READ_ONCE = /\bREAD_ONCE\s*\(\s*\*\s*([A-Za-z_]\w*)\s*\)/;
const LOAD_ACQUIRE = /\bsmp_load_acquire\s*\(\s*([A-Za-z_]\w*)\s*\)/;
/** WRITE_ONCE(*x, v); its release form. */
const WRITE_ONCE = /\bWRITE_ONCE\s*\(\s*\*\s*([A-Za-z_]\w*)\s*,/;
const STORE_RELEASE = /\bsmp_store_release\s*\(\s*([A-Za-z_]\w*)\s*,/;

export const linuxRepairs: RepairTable = {
  costs: KERNEL_COSTS,
  order: [['smp_rmb', 'smp_mb'], ['smp_wmb', 'smp_mb'], ['smp_mb__before_atomic', 'smp_mb'], ['smp_mb__after_atomic', 'smp_mb'], ['smp_mb__after_spinlock', 'smp_mb'], ['smp_mb__after_unlock_lock', 'smp_mb']],
  costNotes: KERNEL_NOTES,
  barriers: [
    { text: 'smp_rmb();', key: 'smp_rmb' },
    { text: 'smp_wmb();', key: 'smp_wmb' },
    { text: 'smp_mb();', key: 'smp_mb' },
  ],
  scratchRegisters: [],
  isBarrier: (text) => KERNEL_BARRIER.test(text),
  strength(text) {
    const barrier = KERNEL_BARRIER.exec(text);
    if (barrier) return barrier[1];
    if (LOAD_ACQUIRE.test(text)) return 'smp_load_acquire';
    if (STORE_RELEASE.test(text)) return 'smp_store_release';
    return '';
  },
  stronger(text) {
    const barrier = KERNEL_BARRIER.exec(text);
    if (barrier) return barrier[1] === 'smp_mb' ? [] : [{ text: 'smp_mb();', key: 'smp_mb' }];
    const forms: Rewrite[] = [];
    if (READ_ONCE.test(text)) forms.push({ text: text.replace(READ_ONCE, 'smp_load_acquire($1)'), key: 'smp_load_acquire' });
    if (WRITE_ONCE.test(text)) forms.push({ text: text.replace(WRITE_ONCE, 'smp_store_release($1,'), key: 'smp_store_release' });
    return forms;
  },
  weaker(text) {
    const barrier = KERNEL_BARRIER.exec(text);
    // smp_mb() to a one-way barrier or nothing; any other barrier to nothing (the __atomic ones order only around an atomic).
    if (barrier) return barrier[1] === 'smp_mb' ? [{ text: 'smp_rmb();', key: 'smp_rmb' }, { text: 'smp_wmb();', key: 'smp_wmb' }, { text: '', key: '' }] : [{ text: '', key: '' }];
    if (LOAD_ACQUIRE.test(text)) return [{ text: text.replace(LOAD_ACQUIRE, 'READ_ONCE(*$1)'), key: '' }];
    if (STORE_RELEASE.test(text)) return [{ text: text.replace(STORE_RELEASE, 'WRITE_ONCE(*$1,'), key: '' }];
    return [];
  },
  opensSequence: () => false,
  closesSequence: () => false,
};

// ---- C11 atomics ------------------------------------------------------------

type Order = 'relaxed' | 'consume' | 'acquire' | 'release' | 'acq_rel' | 'seq_cst';

const C11_COSTS: Record<string, number> = {
  'fence acquire': 2,
  'fence release': 2,
  'fence acq_rel': 3,
  'fence seq_cst': 4,
  acquire: 1,
  release: 1,
  acq_rel: 2,
  seq_cst: 3,
};

const C11_NOTES: Record<string, string> = {
  'fence acquire': 'C11 fence: atomic_thread_fence(memory_order_acquire), reads before it before what follows',
  'fence release': 'C11 fence: atomic_thread_fence(memory_order_release), what precedes before writes after it',
  'fence acq_rel': 'C11 fence: atomic_thread_fence(memory_order_acq_rel), both',
  'fence seq_cst': 'C11 fence: atomic_thread_fence(memory_order_seq_cst), also in the single total order of seq_cst',
  acquire: 'a C11 atomic load or read-modify-write made memory_order_acquire',
  release: 'a C11 atomic store or read-modify-write made memory_order_release',
  acq_rel: 'a C11 read-modify-write made memory_order_acq_rel',
  seq_cst: 'a C11 atomic made memory_order_seq_cst',
};

/** The C11 fence statement, and its order. */
const C11_FENCE = /^\s*atomic_thread_fence\s*\(\s*memory_order_(\w+)\s*\)\s*;\s*$/;
/** An explicit atomic whose only memory order is its last argument. */
const EXPLICIT = /\batomic_(load|store|exchange|fetch_add|fetch_sub|fetch_or|fetch_and|fetch_xor)_explicit\s*\(([^()]*)\bmemory_order_(\w+)\s*\)/;
/** An explicit compare-exchange, with its two orders: success's, then failure's (its arguments may hold parentheses one deep: `(2)`, `&(s->x)`). */
const COMPARE_EXCHANGE = /\batomic_compare_exchange_(?:strong|weak)_explicit\s*\((?:[^()]|\([^()]*\))*?\bmemory_order_(\w+)(\s*,\s*)memory_order_(\w+)(\s*\))/;

/** The orders an access of `kind` may take, weakest first (C11 7.17.7: a load takes no release, a store no acquire). */
function ordersFor(kind: string): Order[] {
  if (kind === 'load') return ['relaxed', 'acquire', 'seq_cst'];
  if (kind === 'store') return ['relaxed', 'release', 'seq_cst'];
  return ['relaxed', 'acquire', 'release', 'acq_rel', 'seq_cst'];
}

/** Ranks for comparing orders: acquire and release are incomparable, both below acq_rel. */
const RANK: Record<string, number> = { relaxed: 0, consume: 1, acquire: 1, release: 1, acq_rel: 2, seq_cst: 3 };

const FENCE_ORDERS: Order[] = ['acquire', 'release', 'acq_rel', 'seq_cst'];

/** `text` with the atomic's order `from` changed to `to`. */
function withOrder(text: string, match: RegExpExecArray, to: string): string {
  const start = match.index + match[0].lastIndexOf(`memory_order_${match[3]}`);
  return `${text.slice(0, start)}memory_order_${to}${text.slice(start + `memory_order_${match[3]}`.length)}`;
}

/**
 * The orders a compare-exchange may take: success any order; failure no
 * release (it writes nothing) and no stronger than success (C11 7.17.7.4p2),
 * read as LLVM does, so acquire only beside a success that acquires (GCC
 * also takes release with acquire).
 */
function compareExchangeOrders(): Array<[success: Order, failure: Order]> {
  const pairs: Array<[Order, Order]> = [];
  for (const success of ordersFor('rmw')) {
    pairs.push([success, 'relaxed']);
    if (success === 'acquire' || success === 'acq_rel' || success === 'seq_cst') pairs.push([success, 'acquire']);
    if (success === 'seq_cst') pairs.push([success, 'seq_cst']);
  }
  return pairs;
}

/**
 * A compare-exchange's cost-table entry: its success order's entry, and its
 * failure order's after a `+` when that orders too (`acq_rel+acquire`), so
 * that it costs both (costOf adds them).
 */
function compareExchangeKey(success: string, failure: string): string {
  return [success, failure].filter((o) => o !== 'relaxed' && o !== 'consume').join('+');
}

/**
 * The other forms of a compare-exchange (`match` in `text`): with
 * `direction` 1, its success order stronger and its failure order kept (the
 * failure order's forms would multiply the variants a search simulates: a
 * test of two exchanges no longer found its repair within --max-variants,
 * for a branch few tests take; a fetch-add has one order too); with -1, each
 * order at most as strong as now. Acquire and release are incomparable.
 */
function compareExchangeForms(text: string, match: RegExpExecArray, direction: 1 | -1): Rewrite[] {
  const [, success, comma, failure, close] = match;
  const rank = (o: string) => RANK[o] ?? 3;
  const stronger = (o: string, now: string) => rank(o) > rank(now) || (now === 'consume' && o === 'acquire');
  const wanted = ([s, f]: [string, string]) =>
    direction > 0 ? stronger(s, success) && f === failure : (s === success || rank(s) < rank(success)) && (f === failure || rank(f) < rank(failure)) && (s !== success || f !== failure);
  // The match ends with the two orders as written.
  const end = match.index + match[0].length;
  const at = end - `memory_order_${success}${comma}memory_order_${failure}${close}`.length;
  return compareExchangeOrders()
    .filter(wanted)
    .map(([s, f]) => ({ text: `${text.slice(0, at)}memory_order_${s}${comma}memory_order_${f}${close}${text.slice(end)}`, key: compareExchangeKey(s, f) }));
}

export const c11Repairs: RepairTable = {
  costs: C11_COSTS,
  order: [
    ['fence acquire', 'fence acq_rel'], ['fence release', 'fence acq_rel'], ['fence acq_rel', 'fence seq_cst'],
    ['acquire', 'acq_rel'], ['release', 'acq_rel'], ['acq_rel', 'seq_cst'],
  ],
  costNotes: C11_NOTES,
  barriers: FENCE_ORDERS.map((order) => ({ text: `atomic_thread_fence(memory_order_${order});`, key: `fence ${order}` })),
  scratchRegisters: [],
  isBarrier: (text) => C11_FENCE.test(text),
  strength(text) {
    const fence = C11_FENCE.exec(text);
    if (fence) return `fence ${fence[1]}`;
    const exchange = COMPARE_EXCHANGE.exec(text);
    if (exchange) return compareExchangeKey(exchange[1], exchange[3]);
    const access = EXPLICIT.exec(text);
    return access && access[3] !== 'relaxed' && access[3] !== 'consume' ? access[3] : '';
  },
  stronger(text) {
    const fence = C11_FENCE.exec(text);
    if (fence) return FENCE_ORDERS.filter((o) => RANK[o] > (RANK[fence[1]] ?? 3)).map((o) => ({ text: `atomic_thread_fence(memory_order_${o});`, key: `fence ${o}` }));
    const exchange = COMPARE_EXCHANGE.exec(text);
    if (exchange) return compareExchangeForms(text, exchange, 1);
    const access = EXPLICIT.exec(text);
    if (!access) return [];
    const current = access[3];
    return ordersFor(access[1])
      .filter((o) => RANK[o] > (RANK[current] ?? 3) || (current === 'consume' && o === 'acquire'))
      .map((o) => ({ text: withOrder(text, access, o), key: o }));
  },
  weaker(text) {
    const fence = C11_FENCE.exec(text);
    if (fence) return [...FENCE_ORDERS.filter((o) => RANK[o] < (RANK[fence[1]] ?? 0)).map((o) => ({ text: `atomic_thread_fence(memory_order_${o});`, key: `fence ${o}` })), { text: '', key: '' }];
    const exchange = COMPARE_EXCHANGE.exec(text);
    if (exchange) return compareExchangeForms(text, exchange, -1);
    const access = EXPLICIT.exec(text);
    if (!access) return [];
    const current = access[3];
    return ordersFor(access[1])
      .filter((o) => RANK[o] < (RANK[current] ?? 0))
      .map((o) => ({ text: withOrder(text, access, o), key: o === 'relaxed' ? '' : o }));
  },
  opensSequence: () => false,
  closesSequence: () => false,
};
