// Functions every model may call without defining them: domain, range,
// fencerel and herd's access-type filters (WW(r) = r & (W * W), …).

import type { CatPos } from './ast.js';
import type { NodeOp, ValueType } from './ir.js';

/** What a builtin needs from the compiler to build nodes. */
export interface Builder {
  add(op: NodeOp, type: ValueType): number;
  typeOf(node: number): ValueType;
  primitive(name: string): number;
  expect(node: number, type: 'set' | 'rel', pos: CatPos, what: string): void;
  sameTypeBinary(op: 'union' | 'inter' | 'diff', a: number, b: number, pos: CatPos, symbol: string): number;
}

export interface Builtin {
  arity: number;
  build(b: Builder, args: number[], argPos: CatPos[], pos: CatPos): number;
}

/** A builtin of one argument of type `argument` that is one operation of the graph, giving a `result`. */
function oneOperation(name: string, argument: 'set' | 'rel', op: 'bracket' | 'domain' | 'range' | 'differentValues', result: 'set' | 'rel'): Builtin {
  return {
    arity: 1,
    build: (b, [x], [p]) => {
      b.expect(x, argument, p, `${name}(…)`);
      return b.add({ op, a: x }, result);
    },
  };
}

/** herd7's different-values(r): the pairs of r whose events' values differ (the kernel's bell checks SRCU lock/unlock indices with it). */
const differentValues = oneOperation('different-values', 'rel', 'differentValues', 'rel');

/** fencerel(S) = (po ; [S]) ; po: pairs with an S event between them. */
const fencerel: Builtin = {
  arity: 1,
  build: (b, [s], [p]) => {
    b.expect(s, 'set', p, 'fencerel(…)');
    const po = b.primitive('po');
    const toFence = b.add({ op: 'seq', a: po, b: b.add({ op: 'bracket', a: s }, 'rel') }, 'rel');
    return b.add({ op: 'seq', a: toFence, b: po }, 'rel');
  },
};

/** herd's "atomic" accesses for the filters: locked/exclusive (X) or tagged A. */
function atomicSet(b: Builder): number {
  return b.add({ op: 'union', a: b.primitive('X'), b: b.primitive('A') }, 'set');
}

function plainSet(b: Builder): number {
  return b.add({ op: 'diff', a: b.primitive('M'), b: atomicSet(b) }, 'set');
}

const SETS: Record<string, (b: Builder) => number> = {
  W: (b) => b.primitive('W'),
  R: (b) => b.primitive('R'),
  M: (b) => b.primitive('M'),
  A: atomicSet,
  P: plainSet,
};

/** XY(r) = r & (X * Y) for X, Y among W, R, M, A (atomic), P (plain). */
function filter(from: string, to: string): Builtin {
  return {
    arity: 1,
    build: (b, [r], [p], pos) => {
      b.expect(r, 'rel', p, `${from}${to}(…)`);
      const product = b.add({ op: 'product', a: SETS[from](b), b: SETS[to](b) }, 'rel');
      return b.sameTypeBinary('inter', r, product, pos, '&');
    },
  };
}

// herd7's standard library (stdlib.cat, read before every model): its functions, as definitions of our own.

/** toid(S) = [S]. */
const toid = oneOperation('toid', 'set', 'bracket', 'rel');

/** ctrlcfence(C) = (ctrl & (_ * C)) ; po: a control dependency to a C fence, then on. */
const ctrlcfence: Builtin = {
  arity: 1,
  build: (b, [c], [p]) => {
    b.expect(c, 'set', p, 'ctrlcfence(…)');
    const toFence = b.add({ op: 'inter', a: b.primitive('ctrl'), b: b.add({ op: 'product', a: b.primitive('_'), b: c }, 'rel') }, 'rel');
    return b.add({ op: 'seq', a: toFence, b: b.primitive('po') }, 'rel');
  },
};

/** imply(A, B) = ~A | B. */
const imply: Builtin = {
  arity: 2,
  build: (b, [x, y], _, pos) => b.sameTypeBinary('union', b.add({ op: 'complement', a: x }, b.typeOf(x) === 'set' ? 'set' : 'rel'), y, pos, '|'),
};

/** nodetour(R1, R2, R3) = R1 \ (R2 ; R3): R1 without the pairs R2 then R3 also relate. */
function detourFree(b: Builder, [r1, r2, r3]: number[], argPos: CatPos[], pos: CatPos, what: string): number {
  [r1, r2, r3].forEach((r, i) => b.expect(r, 'rel', argPos[i] ?? pos, what));
  return b.add({ op: 'diff', a: r1, b: b.add({ op: 'seq', a: r2, b: r3 }, 'rel') }, 'rel');
}

const nodetour: Builtin = { arity: 3, build: (b, args, argPos, pos) => detourFree(b, args, argPos, pos, 'nodetour(…)') };

/** singlestep(R) = nodetour(R, R, R): the steps of R with no R step between them. */
const singlestep: Builtin = { arity: 1, build: (b, [r], argPos, pos) => detourFree(b, [r, r, r], [argPos[0], argPos[0], argPos[0]], pos, 'singlestep(…)') };

export const BUILTINS = new Map<string, Builtin>([
  ['domain', oneOperation('domain', 'rel', 'domain', 'set')],
  ['toid', toid],
  ['ctrlcfence', ctrlcfence],
  ['imply', imply],
  ['nodetour', nodetour],
  ['singlestep', singlestep],
  ['different-values', differentValues],
  ['range', oneOperation('range', 'rel', 'range', 'set')],
  ['fencerel', fencerel],
  ...['WW', 'WR', 'RW', 'RR', 'RM', 'MR', 'WM', 'MW', 'MM', 'AA', 'AP', 'PA', 'PP', 'AM', 'MA'].map(
    (f) => [f, filter(f[0], f[1])] as [string, Builtin],
  ),
]);
