// The targets `litmus compile` writes for, each a table from C operations to
// instructions. Sources, entry by entry:
//
// - C11 → Armv8 and x86: "C/C++11 mappings to processors", Sewell et al.
//   (www.cl.cam.ac.uk/~pes20/cpp/cpp0xmappings.html), as GCC and LLVM emit
//   them: on Armv8.0 a read-modify-write is an LDXR/STXR loop with the
//   order's acquire and release forms (seq_cst: LDAXR/STLXR, no barrier
//   after it); with Armv8.1's LSE atomics one LDADD/LDSET/SWP/CAS with
//   A/L/AL; with RCpc (Armv8.3) an acquire load is LDAPR; on x86 a seq_cst
//   store is XCHG, a fetch-and-add LOCK XADD, a fetch-and-op whose result is
//   unused LOCK op, a seq_cst fence MFENCE, every load and other store MOV.
// - The kernel → arm64: arch/arm64/include/asm/barrier.h (smp_mb DMB ISH,
//   smp_rmb DMB ISHLD, smp_wmb DMB ISHST, smp_load_acquire LDAR,
//   smp_store_release STLR, smp_mb__{before,after}_atomic smp_mb),
//   atomic_ll_sc.h and cmpxchg.h (a fully ordered RMW: LDXR, op, STLXR, then
//   DMB ISH; a relaxed one LDXR/STXR; a failed cmpxchg skips the barrier),
//   atomic_lse.h (LDADDAL, SWPAL, CASAL; ST<op> for those without result).
// - The kernel → x86: arch/x86/include/asm/barrier.h (smp_mb a full barrier:
//   MFENCE here, the kernel's `lock; addl` being equivalent; smp_rmb,
//   smp_wmb, acquire and release compiler barriers only), atomic.h and
//   cmpxchg.h (LOCK-prefixed, every one a full barrier).
//
// QEMU's 2020 atomic_* wrappers were __atomic builtins: the C11 rows.

import type { FenceKind, Order, RmwOperator } from './ops.js';

/** An Armv8 table: mnemonics by order; a missing entry is an operation the target does not map (a located error). */
export interface Aarch64Table {
  load: Partial<Record<Order, string>>;
  store: Partial<Record<Order, string>>;
  fence: Partial<Record<FenceKind, readonly string[]>>;
  /** Read-modify-writes: an LL/SC loop (load-exclusive, store-exclusive, barrier after or none), or LSE atomics. */
  rmw:
    | { kind: 'llsc'; forms: Partial<Record<Order, { load: string; store: string; after?: string }>> }
    | { kind: 'lse'; suffix: Partial<Record<Order, string>> };
}

/** An x86 table: what a store, a fence and a read-modify-write become by order and operator. */
export interface X86Table {
  /** Stores whose order needs more than MOV: XCHG. */
  exchangeStores: readonly Order[];
  /** Fences that are an instruction (the others order nothing x86-TSO does not already). */
  fences: Partial<Record<FenceKind, string>>;
  /** LOCK-prefixed operations by C operator, for a result that is unused. */
  lockedOps: Partial<Record<Exclude<RmwOperator, null>, string>>;
}

export interface Target {
  /** Its name on the command line: aarch64, aarch64-lse, aarch64-rcpc, x86. */
  name: string;
  /** What it stands for, for --help and the README. */
  description: string;
  /** The assembly test's architecture, and the model its tests run under. */
  arch: 'AArch64' | 'X86';
  model: string;
  table: Aarch64Table | X86Table;
}

const ARMV8_LOADS: Aarch64Table['load'] = { plain: 'LDR', relaxed: 'LDR', consume: 'LDAR', acquire: 'LDAR', seq_cst: 'LDAR' };
const ARMV8_STORES: Aarch64Table['store'] = { plain: 'STR', relaxed: 'STR', release: 'STLR', seq_cst: 'STLR' };
const ARMV8_FENCES: Aarch64Table['fence'] = {
  relaxed: [], consume: ['DMB ISHLD'], acquire: ['DMB ISHLD'], release: ['DMB ISH'], acq_rel: ['DMB ISH'], seq_cst: ['DMB ISH'],
  full: ['DMB ISH'], read: ['DMB ISHLD'], write: ['DMB ISHST'], 'before-atomic': ['DMB ISH'], 'after-atomic': ['DMB ISH'],
  'after-spinlock': ['DMB ISH'], compiler: [],
};
const LLSC: Aarch64Table['rmw'] = {
  kind: 'llsc',
  forms: {
    relaxed: { load: 'LDXR', store: 'STXR' },
    consume: { load: 'LDAXR', store: 'STXR' },
    acquire: { load: 'LDAXR', store: 'STXR' },
    release: { load: 'LDXR', store: 'STLXR' },
    acq_rel: { load: 'LDAXR', store: 'STLXR' },
    seq_cst: { load: 'LDAXR', store: 'STLXR' },
    full: { load: 'LDXR', store: 'STLXR', after: 'DMB ISH' },
  },
};

export const TARGETS: readonly Target[] = [
  {
    name: 'aarch64',
    description: 'Armv8.0: read-modify-writes as LDXR/STXR loops',
    arch: 'AArch64',
    model: 'aarch64',
    table: { load: ARMV8_LOADS, store: ARMV8_STORES, fence: ARMV8_FENCES, rmw: LLSC },
  },
  {
    name: 'aarch64-lse',
    description: "Armv8.1 with LSE atomics: LDADD, LDSET, LDCLR, LDEOR, SWP, CAS with A/L/AL (ST<op> for a kernel atomic without result)",
    arch: 'AArch64',
    model: 'aarch64',
    table: {
      load: ARMV8_LOADS, store: ARMV8_STORES, fence: ARMV8_FENCES,
      rmw: { kind: 'lse', suffix: { relaxed: '', consume: 'A', acquire: 'A', release: 'L', acq_rel: 'AL', seq_cst: 'AL', full: 'AL' } },
    },
  },
  {
    name: 'aarch64-rcpc',
    // The kernel keeps LDAR for smp_load_acquire (arch/arm64 barrier.h); this table maps every acquire load, the kernel's too, to LDAPR.
    description: "Armv8.3 with RCpc: acquire loads as LDAPR, the kernel's smp_load_acquire too (seq_cst loads stay LDAR); read-modify-writes as LDXR/STXR loops",
    arch: 'AArch64',
    model: 'aarch64',
    table: { load: { ...ARMV8_LOADS, consume: 'LDAPR', acquire: 'LDAPR' }, store: ARMV8_STORES, fence: ARMV8_FENCES, rmw: LLSC },
  },
  {
    name: 'x86',
    description: "x86 as herd7's X86 tests write it: MOV, XCHG for seq_cst stores and exchanges, LOCK ADD/OR/XOR, MFENCE for full fences",
    arch: 'X86',
    model: 'x86tso',
    table: {
      exchangeStores: ['seq_cst', 'full'],
      fences: { seq_cst: 'MFENCE', full: 'MFENCE' },
      // herd7's X86 has LOCK ADD, OR, XOR (not SUB, AND): the others are no entry.
      lockedOps: { '+': 'ADD', '|': 'OR', '^': 'XOR' },
    },
  },
];

export const TARGET_NAMES: readonly string[] = TARGETS.map((t) => t.name);

/** The target named `name`, or undefined. */
export function targetNamed(name: string): Target | undefined {
  return TARGETS.find((t) => t.name === name);
}
