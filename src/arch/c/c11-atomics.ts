// C11's atomics (ISO C11 7.17), read as RC11 does (Lahav et al., PLDI
// 2017): each event tagged with its memory order's mode (orders.ts).

import { derived } from '../../exec/types.js';
import { binaryOperation } from './operators.js';
import { type MemoryOrder, memoryOrderOf, orderTag } from './orders.js';
import { type Compiled, ONE, type Primitive, type PrimitiveCall, RMW, update, ZERO } from './primitive.js';

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

/** C11's atomics, by name. */
export const C11_ATOMICS: ReadonlyArray<[string, Primitive]> = [
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
];
