// What a C call does to memory, independent of any target: a load, a
// store, a read-modify-write, a compare-and-swap or a fence, with its
// ordering. C11's atomics carry a memory order; herd7's primitives (what the
// kernel's macros expand to) carry the kernel's annotation, read here as
// the kernel's documentation defines them (Documentation/atomic_t.txt,
// memory-barriers.txt): ONCE relaxed, ACQUIRE, RELEASE, MB fully ordered.

import { failAt } from '../errors.js';
import { memoryOrderOf, type MemoryOrder } from '../arch/c/orders.js';
import type { CExpr } from '../syntax/c/ast.js';

/** C11's orders, and the kernel's fully ordered (MB) and plain (a C access that is no atomic). */
export type Order = MemoryOrder | 'full' | 'plain';

/** A fence: C11's by order, or one of the kernel's. */
export type FenceKind = MemoryOrder | 'full' | 'read' | 'write' | 'before-atomic' | 'after-atomic' | 'after-spinlock' | 'compiler';

/** The operator of a read-modify-write: C's, or null for an exchange. */
export type RmwOperator = '+' | '-' | '|' | '&' | '^' | '&~' | null;

export type Op =
  | { kind: 'load'; order: Order; address: CExpr }
  | { kind: 'store'; order: Order; address: CExpr; value: CExpr }
  /** An atomic update; `result` says which value the call gives: the old, the new, or none (the kernel's NORETURN atomics). */
  | { kind: 'rmw'; order: Order; address: CExpr; operand: CExpr; operator: RmwOperator; result: 'old' | 'new' | 'none' }
  /** The kernel's cmpxchg: writes `desired` when the value is `expected`; gives the old value. */
  | { kind: 'cas'; order: Order; address: CExpr; expected: CExpr; desired: CExpr }
  | { kind: 'fence'; fence: FenceKind };

/** The kernel's annotations of herd7's primitives, read as orders. */
const KERNEL_ORDERS: Readonly<Record<string, Order>> = { ONCE: 'relaxed', ACQUIRE: 'acquire', RELEASE: 'release', MB: 'full', mb: 'full', NORETURN: 'relaxed' };

/** The kernel's fences (herd7's `__fence{…}`), and those that compile to no instruction (rcu_read_lock under a non-preemptible kernel). */
const KERNEL_FENCES: Readonly<Record<string, FenceKind>> = {
  MB: 'full', rmb: 'read', wmb: 'write', barrier: 'compiler', 'before-atomic': 'before-atomic', 'after-atomic': 'after-atomic',
  'after-spinlock': 'after-spinlock', 'rcu-lock': 'compiler', 'rcu-unlock': 'compiler',
};

const FETCH_OPS: Readonly<Record<string, RmwOperator>> = { add: '+', sub: '-', or: '|', and: '&', xor: '^' };

/** The address an lvalue argument `*p` names (herd7's __load/__store take one). */
function lvalueAddress(arg: CExpr, what: string): CExpr {
  if (arg.kind !== 'deref') failAt(arg.pos, `${what} takes a location written *p`);
  return arg.arg;
}

function kernelOrder(call: Extract<CExpr, { kind: 'call' }>): Order {
  const order = KERNEL_ORDERS[call.annotation ?? ''];
  if (order === undefined) failAt(call.pos, `${call.name}{${call.annotation ?? ''}} has no entry in the compile tables (ONCE, ACQUIRE, RELEASE, MB, NORETURN)`);
  return order;
}

function rmwOperator(arg: CExpr): RmwOperator {
  if (arg.kind !== 'operator' || !['+', '-', '|', '&', '^', '&~'].includes(arg.op)) failAt(arg.pos, 'expected an operator (+, -, &, |, ^ or &~)');
  return arg.op as RmwOperator;
}

/**
 * The operation a call of a C11 atomic or a herd7 primitive performs, or
 * undefined when `call` names neither (a macro, to expand first). Throws
 * LitmusError at the call for one the compile tables have no entry for
 * (locks, SRCU, grace periods, C11 compare-exchange).
 */
export function primitiveOp(call: Extract<CExpr, { kind: 'call' }>): Op | undefined {
  const a = call.args;
  const explicit = call.name.endsWith('_explicit');
  const c11Order = (index: number): MemoryOrder => (explicit ? memoryOrderOf(a[index], call.pos) : 'seq_cst');
  const fetch = /^atomic_fetch_(add|sub|or|and|xor)(_explicit)?$/.exec(call.name);
  if (fetch) return { kind: 'rmw', order: c11Order(2), address: a[0]!, operand: a[1]!, operator: FETCH_OPS[fetch[1]!]!, result: 'old' };
  switch (call.name) {
    case 'atomic_load': case 'atomic_load_explicit': return { kind: 'load', order: c11Order(1), address: a[0]! };
    case 'atomic_store': case 'atomic_store_explicit': return { kind: 'store', order: c11Order(2), address: a[0]!, value: a[1]! };
    case 'atomic_exchange': case 'atomic_exchange_explicit':
      return { kind: 'rmw', order: c11Order(2), address: a[0]!, operand: a[1]!, operator: null, result: 'old' };
    case 'atomic_thread_fence': return { kind: 'fence', fence: memoryOrderOf(a[0], call.pos) };
    case '__load': return { kind: 'load', order: kernelOrder(call), address: lvalueAddress(a[0]!, '__load') };
    case '__store': return { kind: 'store', order: kernelOrder(call), address: lvalueAddress(a[0]!, '__store'), value: a[1]! };
    case '__xchg': return { kind: 'rmw', order: kernelOrder(call), address: a[0]!, operand: a[1]!, operator: null, result: 'old' };
    case '__cmpxchg': return { kind: 'cas', order: kernelOrder(call), address: a[0]!, expected: a[1]!, desired: a[2]! };
    case '__atomic_op': return { kind: 'rmw', order: kernelOrder(call), address: a[0]!, operand: a[2]!, operator: rmwOperator(a[1]!), result: 'none' };
    case '__atomic_op_return': return { kind: 'rmw', order: kernelOrder(call), address: a[0]!, operand: a[2]!, operator: rmwOperator(a[1]!), result: 'new' };
    case '__atomic_fetch_op': return { kind: 'rmw', order: kernelOrder(call), address: a[0]!, operand: a[2]!, operator: rmwOperator(a[1]!), result: 'old' };
    case '__fence': {
      const fence = KERNEL_FENCES[call.annotation ?? ''];
      if (fence === undefined) failAt(call.pos, `__fence{${call.annotation ?? ''}} has no entry in the compile tables (it is no instruction sequence: a grace period, an SRCU barrier)`);
      return { kind: 'fence', fence };
    }
    case '__lock': case '__unlock': case '__trylock': case '__islocked':
      return failAt(call.pos, `${call.name} (a spinlock) has no entry in the compile tables: the kernel's locks are whole algorithms (qspinlock), not one sequence`);
    case '__srcu': case '__atomic_add_unless':
    case 'atomic_compare_exchange_strong': case 'atomic_compare_exchange_strong_explicit':
    case 'atomic_compare_exchange_weak': case 'atomic_compare_exchange_weak_explicit':
      return failAt(call.pos, `${call.name} has no entry in the compile tables yet`);
    default:
      return undefined;
  }
}
