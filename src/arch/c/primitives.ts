// The calls C code may make without a .def file: C11's atomics (ISO C11
// 7.17, read as RC11 does) and herd7's primitives, the events a .def file's
// macros expand to (`__load{ONCE}(X)`, `__xchg{MB}(X,V)`, `__fence{rmb}`,
// `__lock(X)`…; herd7's C semantics, as the kernel's linux-kernel.def uses
// them). Each entry says how many arguments it takes and how it runs.

import { failAt, type SourcePos } from '../../errors.js';
import { derived, sym, type Sym, type ThreadContext } from '../../exec/types.js';
import type { CExpr } from '../../syntax/c/ast.js';
import { binaryOperation } from './operators.js';
import { type MemoryOrder, memoryOrderOf, orderTag } from './orders.js';

/** An expression ready to run: its value, with the reads it depends on. */
export type Compiled = (ctx: ThreadContext) => Sym;

/** A call being compiled: its arguments as written, its `{annotation}` ('' if none), and a compiler for its arguments. */
export interface PrimitiveCall {
  args: readonly CExpr[];
  annotation: string;
  pos: SourcePos;
  compile(arg: CExpr): Compiled;
}

export interface Primitive {
  arity: number;
  /** herd7's primitives take their events' annotation in braces: `__load{ONCE}`. */
  annotated?: boolean;
  compile(call: PrimitiveCall): Compiled;
}

const ZERO = sym(0n);
const ONE = sym(1n);
/** Events of a read-modify-write carry RMW beside their order (the kernel's model names them so). */
const RMW = 'RMW';

/** The address of an lvalue argument `*p` (herd7's __load and __store take one). */
function lvalue(call: PrimitiveCall, index: number, what: string): Compiled {
  const arg = call.args[index]!;
  if (arg.kind !== 'deref') failAt(arg.pos, `${what} takes a location written *p`);
  return call.compile(arg.arg);
}

/** An operator argument of herd7's atomic primitives (`+`, `&~`). */
function operatorArg(call: PrimitiveCall, index: number): (a: bigint, b: bigint) => bigint {
  const arg = call.args[index]!;
  if (arg.kind !== 'operator') failAt(arg.pos, 'expected an operator (+, -, &, |, ^ or &~)');
  return binaryOperation(arg.op, arg.pos);
}

/** An atomic update of `*address`: `next(old)` the value to write, or null for none. Arguments run first, as C evaluates them. */
function update(
  ctx: ThreadContext, address: Sym, readTags: readonly string[], writeTags: readonly string[], next: (old: Sym) => Sym | null,
): Sym {
  return ctx.atomicUpdate(address, next, { tags: [...readTags, RMW] }, { tags: [...writeTags, RMW] });
}

// ---- herd7's primitives ----------------------------------------------------

const load: Primitive = {
  arity: 1,
  annotated: true,
  compile: (call) => {
    const address = lvalue(call, 0, '__load');
    const tags = [call.annotation];
    return (ctx) => ctx.load(address(ctx), { tags });
  },
};

const store: Primitive = {
  arity: 2,
  annotated: true,
  compile: (call) => {
    const address = lvalue(call, 0, '__store');
    const value = call.compile(call.args[1]!);
    const tags = [call.annotation];
    return (ctx) => {
      const a = address(ctx);
      ctx.store(a, value(ctx), { tags });
      return ZERO;
    };
  },
};

const fence: Primitive = {
  arity: 0,
  annotated: true,
  compile: (call) => {
    const tags = [call.annotation];
    return (ctx) => {
      ctx.fence(tags);
      return ZERO;
    };
  },
};

const xchg: Primitive = {
  arity: 2,
  annotated: true,
  compile: (call) => {
    const [address, value] = [call.compile(call.args[0]!), call.compile(call.args[1]!)];
    const tags = [call.annotation];
    return (ctx) => {
      const a = address(ctx);
      const v = value(ctx);
      return update(ctx, a, tags, tags, () => v);
    };
  },
};

const cmpxchg: Primitive = {
  arity: 3,
  annotated: true,
  compile: (call) => {
    const [address, expected, desired] = call.args.map((a) => call.compile(a)) as [Compiled, Compiled, Compiled];
    const tags = [call.annotation];
    return (ctx) => {
      const a = address(ctx);
      const e = expected(ctx);
      const d = desired(ctx);
      // A failed cmpxchg is a read alone (herd7), and the kernel's model knows it so.
      return update(ctx, a, tags, tags, (old) => (old.value === e.value ? d : null));
    };
  },
};

/** `__atomic_op` (no result), `__atomic_op_return` (the new value), `__atomic_fetch_op` (the old one). */
function atomicOp(result: 'none' | 'new' | 'old'): Primitive {
  return {
    arity: 3,
    annotated: true,
    compile: (call) => {
      const address = call.compile(call.args[0]!);
      const op = operatorArg(call, 1);
      const operand = call.compile(call.args[2]!);
      const tags = [call.annotation];
      return (ctx) => {
        const a = address(ctx);
        const v = operand(ctx);
        let written: Sym = ZERO;
        const old = update(ctx, a, tags, tags, (o) => (written = derived(op(o.value, v.value), o, v)));
        return result === 'none' ? ZERO : result === 'new' ? written : old;
      };
    },
  };
}

/** `__atomic_add_unless(X, A, U)`: adds A unless the value is U; 1 when it added. */
const addUnless: Primitive = {
  arity: 3,
  annotated: true,
  compile: (call) => {
    const [address, addend, unless] = call.args.map((a) => call.compile(a)) as [Compiled, Compiled, Compiled];
    const tags = [call.annotation];
    return (ctx) => {
      const a = address(ctx);
      const add = addend(ctx);
      const u = unless(ctx);
      const old = update(ctx, a, tags, tags, (o) => (o.value === u.value ? null : derived(o.value + add.value, o, add)));
      return derived(old.value === u.value ? 0n : 1n, old, u);
    };
  },
};

/**
 * `__lock(X)`: a read of the lock free (0) and a write taking it (1), an
 * rmw pair (herd7's LKR and LKW events). A read that finds it held waits:
 * that path is no execution.
 */
const lock: Primitive = {
  arity: 1,
  compile: (call) => {
    const address = call.compile(call.args[0]!);
    return (ctx) => {
      ctx.atomicUpdate(address(ctx), (old) => (old.value === 0n ? ONE : ctx.discard()), { tags: ['LKR'] }, { tags: ['LKW'] });
      return ZERO;
    };
  },
};

/** `__unlock(X)`: a write freeing the lock (herd7's UL event). */
const unlock: Primitive = {
  arity: 1,
  compile: (call) => {
    const address = call.compile(call.args[0]!);
    return (ctx) => {
      ctx.store(address(ctx), ZERO, { tags: ['UL'] });
      return ZERO;
    };
  },
};

/** `__trylock(X)`: takes the lock (as __lock) and gives 1, or reads it held (herd7's LF event) and gives 0. */
const trylock: Primitive = {
  arity: 1,
  compile: (call) => {
    const address = call.compile(call.args[0]!);
    return (ctx) => {
      const a = address(ctx);
      if (ctx.choose(2) === 0) {
        ctx.atomicUpdate(a, (old) => (old.value === 0n ? ONE : ctx.discard()), { tags: ['LKR'] }, { tags: ['LKW'] });
        return ONE;
      }
      const seen = ctx.load(a, { tags: ['LF'] });
      return seen.value === 0n ? ctx.discard() : derived(0n, seen);
    };
  },
};

/** `__islocked(X)`: a read of the lock, held (herd7's RL event, 1) or free (RU, 0). */
const islocked: Primitive = {
  arity: 1,
  compile: (call) => {
    const address = call.compile(call.args[0]!);
    return (ctx) => {
      const a = address(ctx);
      const held = ctx.choose(2) === 0;
      const seen = ctx.load(a, { tags: [held ? 'RL' : 'RU'] });
      if ((seen.value !== 0n) !== held) ctx.discard();
      return derived(held ? 1n : 0n, seen);
    };
  },
};

/** `__srcu{sync-srcu}(X)`: an event on the srcu structure X (read as herd7 reads it, with the annotation). */
const srcu: Primitive = {
  arity: 1,
  annotated: true,
  compile: (call) => {
    const address = call.compile(call.args[0]!);
    const tags = [call.annotation];
    return (ctx) => {
      ctx.load(address(ctx), { tags });
      return ZERO;
    };
  },
};

// ---- C11 atomics -------------------------------------------------------------

/** The memory order argument at `index`, or seq_cst for the forms without `_explicit`. */
function orderArg(call: PrimitiveCall, index: number | undefined): MemoryOrder {
  return index === undefined ? 'seq_cst' : memoryOrderOf(call.args[index], call.pos);
}

function c11Load(order?: number): Primitive {
  return {
    arity: order === undefined ? 1 : 2,
    compile: (call) => {
      const address = call.compile(call.args[0]!);
      const tags = [orderTag(orderArg(call, order), 'load', call.pos)];
      return (ctx) => ctx.load(address(ctx), { tags });
    },
  };
}

function c11Store(order?: number): Primitive {
  return {
    arity: order === undefined ? 2 : 3,
    compile: (call) => {
      const address = call.compile(call.args[0]!);
      const value = call.compile(call.args[1]!);
      const tags = [orderTag(orderArg(call, order), 'store', call.pos)];
      return (ctx) => {
        const a = address(ctx);
        ctx.store(a, value(ctx), { tags });
        return ZERO;
      };
    },
  };
}

/** atomic_exchange and atomic_fetch_OP: the old value; `op` null for an exchange. */
function c11Rmw(op: string | null, order?: number): Primitive {
  return {
    arity: order === undefined ? 2 : 3,
    compile: (call) => {
      const address = call.compile(call.args[0]!);
      const operand = call.compile(call.args[1]!);
      const mo = orderArg(call, order);
      const readTags = [orderTag(mo, 'rmw-read', call.pos)];
      const writeTags = [orderTag(mo, 'rmw-write', call.pos)];
      const apply = op === null ? null : binaryOperation(op, call.pos);
      return (ctx) => {
        const a = address(ctx);
        const v = operand(ctx);
        return update(ctx, a, readTags, writeTags, (old) => (apply ? derived(apply(old.value, v.value), old, v) : v));
      };
    },
  };
}

/**
 * atomic_compare_exchange_{strong,weak}[_explicit](obj, expected, desired[, success, failure]):
 * compares *obj with *expected; equal, writes desired (an rmw, success
 * order); else reads only (failure order) and stores what it read into
 * *expected, a plain write. A weak one may also fail when equal (C11
 * 7.17.7.4). Gives 1 on success.
 */
function c11CompareExchange(weak: boolean, explicit: boolean): Primitive {
  return {
    arity: explicit ? 5 : 3,
    compile: (call) => {
      const [address, expected, desired] = call.args.slice(0, 3).map((a) => call.compile(a)) as [Compiled, Compiled, Compiled];
      const success = orderArg(call, explicit ? 3 : undefined);
      const failure = orderArg(call, explicit ? 4 : undefined);
      const successTags = [[orderTag(success, 'rmw-read', call.pos)], [orderTag(success, 'rmw-write', call.pos)]] as const;
      const failureTags = [orderTag(failure, 'load', call.pos)];
      return (ctx) => {
        const a = address(ctx);
        const e = expected(ctx);
        const want = ctx.load(e, { tags: ['NA'] });
        const d = desired(ctx);
        // Which way it goes is chosen first: the two ways' reads carry different orders.
        if (ctx.choose(2) === 0) {
          update(ctx, a, successTags[0], successTags[1], (old) => (old.value === want.value ? d : ctx.discard()));
          return ONE;
        }
        const old = ctx.load(a, { tags: [...failureTags, RMW] });
        if (old.value === want.value && !weak) ctx.discard();
        ctx.store(e, old, { tags: ['NA'] });
        return derived(0n, old, want);
      };
    },
  };
}

const c11Fence: Primitive = {
  arity: 1,
  compile: (call) => {
    const tags = [orderTag(memoryOrderOf(call.args[0], call.pos), 'fence', call.pos)];
    return (ctx) => {
      ctx.fence(tags);
      return ZERO;
    };
  },
};

const FETCH_OPS: Record<string, string> = { add: '+', sub: '-', or: '|', and: '&', xor: '^' };

/** Every call C code may make without a .def file, by name. */
export const PRIMITIVES: ReadonlyMap<string, Primitive> = new Map<string, Primitive>([
  ['__load', load],
  ['__store', store],
  ['__fence', fence],
  ['__xchg', xchg],
  ['__cmpxchg', cmpxchg],
  ['__atomic_op', atomicOp('none')],
  ['__atomic_op_return', atomicOp('new')],
  ['__atomic_fetch_op', atomicOp('old')],
  ['__atomic_add_unless', addUnless],
  ['__lock', lock],
  ['__unlock', unlock],
  ['__trylock', trylock],
  ['__islocked', islocked],
  ['__srcu', srcu],
  ['atomic_load', c11Load()],
  ['atomic_load_explicit', c11Load(1)],
  ['atomic_store', c11Store()],
  ['atomic_store_explicit', c11Store(2)],
  ['atomic_exchange', c11Rmw(null)],
  ['atomic_exchange_explicit', c11Rmw(null, 2)],
  ...Object.entries(FETCH_OPS).flatMap(([name, op]): Array<[string, Primitive]> => [
    [`atomic_fetch_${name}`, c11Rmw(op)],
    [`atomic_fetch_${name}_explicit`, c11Rmw(op, 2)],
  ]),
  ['atomic_compare_exchange_strong', c11CompareExchange(false, false)],
  ['atomic_compare_exchange_strong_explicit', c11CompareExchange(false, true)],
  ['atomic_compare_exchange_weak', c11CompareExchange(true, false)],
  ['atomic_compare_exchange_weak_explicit', c11CompareExchange(true, true)],
  ['atomic_thread_fence', c11Fence],
]);

/** Every annotation the C primitives themselves put on events (a .def file's add their own). */
export const PRIMITIVE_TAGS = [RMW, 'LKR', 'LKW', 'UL', 'LF', 'RL', 'RU'] as const;
