// herd7's C primitives, the events a .def file's macros expand to
// (`__load{ONCE}(X)`, `__xchg{MB}(X,V)`, `__fence{rmb}`, `__lock(X)`…), as
// herd7's C semantics gives them and the kernel's linux-kernel.def uses
// them. An annotation is each event's tag; the kernel's access annotations
// are read in any case (older .def files write `{once}`, `{mb}`).

import { derived, type Sym, type ThreadContext } from '../../exec/types.js';
import { type Compiled, lvalue, ONE, operatorArg, type Primitive, type PrimitiveCall, update, ZERO } from './primitive.js';

/** The kernel's access annotations, as the kernel's model names them (upper case, whatever the .def file wrote). */
const KERNEL_ACCESS_TAGS = new Set(['ONCE', 'ACQUIRE', 'RELEASE', 'MB', 'NORETURN']);

/** The tag an annotation puts on events: one of the kernel's access annotations in upper case, any other as written. */
export function annotationTag(annotation: string): string {
  const upper = annotation.toUpperCase();
  return KERNEL_ACCESS_TAGS.has(upper) ? upper : annotation;
}

/** The tags of a call's annotation. */
function tagsOf(call: PrimitiveCall): string[] {
  return [annotationTag(call.annotation)];
}

const load: Primitive = {
  arity: 1,
  annotated: true,
  compile: (call) => {
    const address = lvalue(call, 0, '__load');
    const tags = tagsOf(call);
    return (ctx) => ctx.load(address(ctx), { tags });
  },
};

const store: Primitive = {
  arity: 2,
  annotated: true,
  compile: (call) => {
    const address = lvalue(call, 0, '__store');
    const value = call.compile(call.args[1]!);
    const tags = tagsOf(call);
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
    const tags = tagsOf(call);
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
    const tags = tagsOf(call);
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
    const tags = tagsOf(call);
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
      const tags = tagsOf(call);
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
    const tags = tagsOf(call);
    return (ctx) => {
      const a = address(ctx);
      const add = addend(ctx);
      const u = unless(ctx);
      const old = update(ctx, a, tags, tags, (o) => (o.value === u.value ? null : derived(o.value + add.value, o, add)));
      return derived(old.value === u.value ? 0n : 1n, old, u);
    };
  },
};

/** A primitive of one argument, a lock's address, that does `run` with it. */
function onLock(run: (ctx: ThreadContext, lock: Sym) => Sym): Primitive {
  return {
    arity: 1,
    compile: (call) => {
      const address = call.compile(call.args[0]!);
      return (ctx) => run(ctx, address(ctx));
    },
  };
}

/**
 * Takes the lock at `lock`: a read of it free (0) and a write taking it (1),
 * an rmw pair (herd7's LKR and LKW events). A read that finds it held waits:
 * that path is no execution.
 */
function take(ctx: ThreadContext, lock: Sym): void {
  ctx.atomicUpdate(lock, (old) => (old.value === 0n ? ONE : ctx.discard()), { tags: ['LKR'] }, { tags: ['LKW'] });
}

/** `__lock(X)`: takes the lock. */
const lock = onLock((ctx, a) => {
  take(ctx, a);
  return ZERO;
});

/** `__unlock(X)`: a write freeing the lock (herd7's UL event). */
const unlock = onLock((ctx, a) => {
  ctx.store(a, ZERO, { tags: ['UL'] });
  return ZERO;
});

/** `__trylock(X)`: takes the lock and gives 1, or reads it held (herd7's LF event) and gives 0. */
const trylock = onLock((ctx, a) => {
  if (ctx.choose(2) === 0) {
    take(ctx, a);
    return ONE;
  }
  const seen = ctx.load(a, { tags: ['LF'] });
  return seen.value === 0n ? ctx.discard() : derived(0n, seen);
});

/** `__islocked(X)`: a read of the lock, held (herd7's RL event, 1) or free (RU, 0). */
const islocked = onLock((ctx, a) => {
  const held = ctx.choose(2) === 0;
  const seen = ctx.load(a, { tags: [held ? 'RL' : 'RU'] });
  if ((seen.value !== 0n) !== held) ctx.discard();
  return derived(held ? 1n : 0n, seen);
});

/** `__srcu{sync-srcu}(X)`: an event on the srcu structure X (read as herd7 reads it, with the annotation). */
const srcu: Primitive = {
  arity: 1,
  annotated: true,
  compile: (call) => {
    const address = call.compile(call.args[0]!);
    const tags = tagsOf(call);
    return (ctx) => {
      ctx.load(address(ctx), { tags });
      return ZERO;
    };
  },
};


/** herd7's primitives, by name. */
export const HERD_PRIMITIVES: ReadonlyArray<[string, Primitive]> = [
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
];

/** The tags herd7's lock primitives put on events (LKR, LKW: a lock taken; UL; LF: a failed trylock; RL, RU: spin_is_locked). */
export const LOCK_TAGS = ['LKR', 'LKW', 'UL', 'LF', 'RL', 'RU'] as const;
