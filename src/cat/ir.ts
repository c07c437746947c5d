// The compiled form of a model: a graph of operations over sets and
// relations, shared between the definitions that use them. Let-names and
// function calls are gone (inlined); recursive definitions are variables of
// a fixpoint group.

import type { CatPos, CheckKind } from './ast.js';

/**
 * A node's type: a set of events, a relation, either (not known yet: 0, a
 * recursive variable), one event or one pair (a function's parameter under
 * `map`; held as a set or relation of one), or a set of values of one type
 * (`family:rel`, a set of relations; `family:family:rel`).
 */
export type ValueType = 'set' | 'rel' | 'any' | 'event' | 'pair' | `family:${string}`;

/** Whether values of `t` are sets of values (families), not sets of events or relations. */
export function isFamily(t: ValueType): t is `family:${string}` {
  return t.startsWith('family:');
}

/** The type of a family's members ('rel' for 'family:rel'). */
export function memberType(t: `family:${string}`): ValueType {
  return t.slice('family:'.length) as ValueType;
}

/** What an event or a pair is held as (a set or relation of one); other types are themselves. */
export function asCollection(t: ValueType): ValueType {
  return t === 'event' ? 'set' : t === 'pair' ? 'rel' : t;
}

export type NodeOp =
  | { op: 'prim'; name: string }
  | { op: 'empty' }
  | { op: 'union' | 'inter' | 'diff' | 'seq' | 'product'; a: number; b: number }
  | { op: 'complement' | 'inverse' | 'plus' | 'star' | 'opt' | 'bracket' | 'domain' | 'range' | 'differentValues'; a: number }
  | { op: 'recvar'; group: number }
  /** A parameter of a function `map` applies: each member of the mapped value in turn. */
  | { op: 'param' }
  /** herd7's `map f S`: the set of `body`'s values, `param` being each member of `over` (an event of a set, a pair of a relation, a member of a family). */
  | { op: 'map'; over: number; param: number; body: number }
  /** `{a, b, …}` of sets or relations: the family of these values. */
  | { op: 'family'; items: number[] }
  /** `x ++ F`: the family F with x added. */
  | { op: 'familyAdd'; a: number; b: number }
  /** herd7's `cross(S)`, S a family of families: the union of each choice of one member per family. */
  | { op: 'cross'; a: number }
  /** The variable of a `with x from S`: set to each member of S in turn, when the model is judged. */
  | { op: 'choice'; index: number };

export type IrNode = NodeOp & {
  id: number;
  type: ValueType;
  /** Depends, transitively, on rf or co: recomputed for every candidate. */
  dynamic: boolean;
  /** Depends on a recursive variable: recomputed on every fixpoint iteration. */
  loopy: boolean;
  /** Depends on a `map` parameter outside it: recomputed for every member mapped, never once for all. */
  bound?: boolean;
  /** The model text this node was compiled from (absent for parts of builtins): explanations quote it. */
  text?: string;
  /** The let-name this node is the definition of (for a `let rec` variable: its name). */
  letName?: string;
};

export interface RecGroup {
  vars: number[];
  bodies: number[];
  /** Where the `let rec` is, for a definition that never settles. */
  pos?: CatPos;
}

export interface IrCheck {
  test: CheckKind;
  negated: boolean;
  flag: boolean;
  node: number;
  /** The name after `as`, or a description of the check. */
  name: string;
  pos: CatPos;
}

/** A `with x from S`: where the model branches. */
export interface IrChoice {
  /** The 'choice' node x. */
  node: number;
  /** The family S. */
  from: number;
  /** The checks from this index on are judged once per member of S. */
  firstCheck: number;
  name: string;
  pos: CatPos;
}

export interface IrModel {
  nodes: IrNode[];
  groups: RecGroup[];
  checks: IrCheck[];
  /** The model's `with … from`, in order (absent when it has none). */
  choices?: IrChoice[];
  /** The options after the title of the model (and of its bell), not of the files it includes (herd7's `withoutco`; litmus's `locks-as-accesses`). */
  options?: string[];
  /** A bell's `instructions K[E]`: the annotations an instruction of kind K (R, W, RMW, F, SRCU…) may carry, E's. */
  annotations?: Record<string, string[]>;
}

/** The operand nodes of an IR node. */
export function childrenOf(node: IrNode): number[] {
  switch (node.op) {
    case 'prim':
    case 'empty':
    case 'recvar':
    case 'param':
    case 'choice':
      return [];
    case 'map':
      return [node.over, node.body];
    case 'family':
      return node.items;
    case 'familyAdd':
    case 'union':
    case 'inter':
    case 'diff':
    case 'seq':
    case 'product':
      return [node.a, node.b];
    default:
      return [node.a];
  }
}

/**
 * Fills in `dynamic`, `loopy` and `bound` once the whole graph is built
 * (recursion makes a single pass insufficient). A `with` variable is
 * dynamic: it changes between judgements of one candidate.
 */
export function markDependencies(model: IrModel, isDynamicPrimitive: (name: string) => boolean): void {
  for (const n of model.nodes) {
    n.dynamic = (n.op === 'prim' && isDynamicPrimitive(n.name)) || n.op === 'choice';
    n.loopy = n.op === 'recvar';
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (const n of model.nodes) {
      let dynamic = n.dynamic, loopy = n.loopy;
      if (n.op === 'recvar') {
        for (const b of model.groups[n.group].bodies) dynamic ||= model.nodes[b].dynamic;
      } else {
        for (const c of childrenOf(n)) {
          dynamic ||= model.nodes[c].dynamic;
          loopy ||= model.nodes[c].loopy;
        }
      }
      if (dynamic !== n.dynamic || loopy !== n.loopy) {
        n.dynamic = dynamic;
        n.loopy = loopy;
        changed = true;
      }
    }
  }
  markBound(model);
}

/** `bound`: the node depends on a map parameter other than that of a map it is the body of. */
function markBound(model: IrModel): void {
  if (!model.nodes.some((n) => n.op === 'param')) return;
  // The parameters each node depends on, as small sets (maps nest a level or two).
  const params: Array<Set<number>> = model.nodes.map((n) => new Set(n.op === 'param' ? [n.id] : []));
  for (let changed = true; changed; ) {
    changed = false;
    for (const n of model.nodes) {
      const mine = params[n.id];
      const before = mine.size;
      const from = n.op === 'recvar' ? model.groups[n.group].bodies : childrenOf(n);
      for (const c of from) for (const p of params[c]) if (!(n.op === 'map' && c === n.body && p === n.param)) mine.add(p);
      if (mine.size !== before) changed = true;
    }
  }
  for (const n of model.nodes) n.bound = params[n.id].size > 0;
}