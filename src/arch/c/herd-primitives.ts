// herd7's C primitives, the events a .def file's macros expand to
// (`__load{ONCE}(X)`, `__xchg{MB}(X,V)`, `__fence{rmb}`, `__lock(X)`…), as
// herd7's C semantics gives them and the kernel's linux-kernel.def uses
// them. An annotation is each event's tag; the kernel's access annotations
// are read in any case (older .def files write `{once}`, `{mb}`).

import { type AccessOptions, derived, type Sym, type ThreadContext } from '../../exec/types.js';
import { closest } from '../../spelling.js';
import { type Compiled, lvalue, ONE, operatorArg, type Primitive, type PrimitiveCall, update, ZERO } from './primitive.js';

/** The kernel's access annotations, as the kernel's model names them (upper case, whatever the .def file wrote). */
const KERNEL_ACCESS_TAGS = new Set(['ONCE', 'ACQUIRE', 'RELEASE', 'MB', 'NORETURN']);

/** The tag an annotation puts on events: one of the kernel's access annotations in upper case, any other as written. */
export function annotationTag(annotation: string): string {
  const upper = annotation.toUpperCase();
  return KERNEL_ACCESS_TAGS.has(upper) ? upper : annotation;
}

/**
 * The tags of a call's annotation. Under a model whose bell declares its
 * instructions' annotations (`instructions F[Barriers]`), an annotation no
 * declared enum holds gets a warning at the call: a typo in a .def file
 * (`__fence{mbx}`) would otherwise order nothing without a word. herd7 does
 * not check C tests against the bell, so the test still runs.
 */
function tagsOf(call: PrimitiveCall): string[] {
  const tag = annotationTag(call.annotation);
  const declared = call.declaredAnnotations ?? [];
  // Exact, as the model names its sets (Wmb is not wmb); the kernel's access annotations are upper-cased by annotationTag.
  if (declared.length > 0 && !declared.includes(tag)) {
    // Nearest case aside ('mbx' is nearer 'MB' than 'wmb'; 'WMB' is 'wmb').
    const lower = declared.map((d) => d.toLowerCase());
    const found = lower.includes(tag.toLowerCase()) ? tag.toLowerCase() : closest(tag.toLowerCase(), lower);
    const near = found === undefined ? undefined : declared[lower.indexOf(found)];
    call.warn(`the annotation '${call.annotation}' is none the model's bell declares (its instructions' enums: ${[...new Set(declared)].join(', ')})${near ? `; did you mean '${near}'?` : ''}: events carrying it are in no set the model names`);
  }
  return [tag];
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
function onLock(run: (ctx: ThreadContext, lock: Sym, herdLocks: boolean) => Sym): Primitive {
  return {
    arity: 1,
    compile: (call) => {
      const address = call.compile(call.args[0]!);
      const herdLocks = !call.locksAsAccesses;
      return (ctx) => run(ctx, address(ctx), herdLocks);
    },
  };
}

/*
 * Two ways to give a model lock events (CompiledModel.locksAsAccesses).
 * herd7's (`herdLocks`), for any model but litmus's own lkmm: the events are
 * in neither R nor W, and the reads of a failed trylock and of
 * spin_is_locked have no rf: the kernel's lock.cat chooses their sources
 * itself (`with … from`), each choice an execution. Litmus's lkmm's: every
 * lock event is a read or a write, each read with its rf, and a read that
 * would find the lock the other way waits (that path is no execution).
 */

/** Access options of a lock event: its tag, and herd7's way of keeping it out of R and W. */
function lockAccess(tag: string, herdLocks: boolean): AccessOptions {
  return herdLocks ? { tags: [tag], outsideRW: true } : { tags: [tag] };
}

/**
 * Takes the lock at `lock`: a read of it free (0) and a write taking it (1),
 * an rmw pair (herd7's LKR and LKW events). herd7's way, the read has no rf
 * (lock.cat derives it: the write just before the LKW in co) and the LKW is
 * in co; litmus's lkmm's, a read that finds the lock held waits: that path
 * is no execution.
 */
function take(ctx: ThreadContext, lock: Sym, herdLocks: boolean): void {
  const read: AccessOptions = herdLocks ? { ...lockAccess('LKR', true), noSource: 0n } : lockAccess('LKR', false);
  ctx.atomicUpdate(lock, (old) => (old.value === 0n ? ONE : ctx.discard()), read, lockAccess('LKW', herdLocks));
}

/** `__lock(X)`: takes the lock. */
const lock = onLock((ctx, a, herdLocks) => {
  take(ctx, a, herdLocks);
  return ZERO;
});

/** `__unlock(X)`: a write freeing the lock (herd7's UL event; herd7's way, lock.cat places it in co, after its LKW). */
const unlock = onLock((ctx, a, herdLocks) => {
  ctx.store(a, ZERO, herdLocks ? { ...lockAccess('UL', true), noCo: true } : lockAccess('UL', false));
  return ZERO;
});

/** `__trylock(X)`: takes the lock and gives 1, or reads it held (herd7's LF event) and gives 0. */
const trylock = onLock((ctx, a, herdLocks) => {
  if (ctx.choose(2) === 0) {
    take(ctx, a, herdLocks);
    return ONE;
  }
  if (herdLocks) return derived(0n, ctx.load(a, { ...lockAccess('LF', true), noSource: 1n }));
  const seen = ctx.load(a, { tags: ['LF'] });
  return seen.value === 0n ? ctx.discard() : derived(0n, seen);
});

/** `__islocked(X)`: a read of the lock, held (herd7's RL event, 1) or free (RU, 0). */
const islocked = onLock((ctx, a, herdLocks) => {
  const held = ctx.choose(2) === 0;
  const tag = held ? 'RL' : 'RU';
  if (herdLocks) return derived(held ? 1n : 0n, ctx.load(a, { ...lockAccess(tag, true), noSource: held ? 1n : 0n }));
  const seen = ctx.load(a, { tags: [tag] });
  if ((seen.value !== 0n) !== held) ctx.discard();
  return derived(held ? 1n : 0n, seen);
});

/**
 * `__srcu{sync-srcu}(X)`: an event on the srcu structure X. herd7 makes it
 * an event that is no memory access: it reads from nothing (no rf, so it is
 * counted once, as herd7 counts it), and herd7's way it is in neither R nor
 * W; litmus's lkmm has it as a read with the annotation.
 */
const srcu: Primitive = {
  arity: 1,
  annotated: true,
  compile: (call) => {
    const address = call.compile(call.args[0]!);
    const tags = tagsOf(call);
    const herdLocks = !call.locksAsAccesses;
    return (ctx) => {
      ctx.load(address(ctx), herdLocks ? { tags, outsideRW: true, noSource: 0n } : { tags, noSource: 0n });
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
