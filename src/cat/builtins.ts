// Functions every model may call without defining them: domain, range,
// fencerel and herd's access-type filters (WW(r) = r & (W * W), …).

import type { CatPos } from './ast.js';
import type { NodeOp, ValueType } from './ir.js';

/** What a builtin needs from the compiler to build nodes. */
export interface Builder {
  add(op: NodeOp, type: ValueType): number;
  primitive(name: string): number;
  expect(node: number, type: 'set' | 'rel', pos: CatPos, what: string): void;
  sameTypeBinary(op: 'union' | 'inter' | 'diff', a: number, b: number, pos: CatPos, symbol: string): number;
}

export interface Builtin {
  arity: number;
  build(b: Builder, args: number[], argPos: CatPos[], pos: CatPos): number;
}

const domainOrRange = (op: 'domain' | 'range'): Builtin => ({
  arity: 1,
  build: (b, [r], [p]) => {
    b.expect(r, 'rel', p, `${op}(…)`);
    return b.add({ op, a: r }, 'set');
  },
});

/** herd7's different-values(r): the pairs of r whose events' values differ (the kernel's bell checks SRCU lock/unlock indices with it). */
const differentValues: Builtin = {
  arity: 1,
  build: (b, [r], [p]) => {
    b.expect(r, 'rel', p, 'different-values(…)');
    return b.add({ op: 'differentValues', a: r }, 'rel');
  },
};

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

export const BUILTINS = new Map<string, Builtin>([
  ['domain', domainOrRange('domain')],
  ['different-values', differentValues],
  ['range', domainOrRange('range')],
  ['fencerel', fencerel],
  ...['WW', 'WR', 'RW', 'RR', 'RM', 'MR', 'WM', 'MW', 'MM', 'AA', 'AP', 'PA', 'PP', 'AM', 'MA'].map(
    (f) => [f, filter(f[0], f[1])] as [string, Builtin],
  ),
]);
