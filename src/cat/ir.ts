// The compiled form of a model: a graph of operations over sets and
// relations, shared between the definitions that use them. Let-names and
// function calls are gone (inlined); recursive definitions are variables of
// a fixpoint group.

import type { CatPos, CheckKind } from './ast.js';

export type ValueType = 'set' | 'rel' | 'any';

export type NodeOp =
  | { op: 'prim'; name: string }
  | { op: 'empty' }
  | { op: 'union' | 'inter' | 'diff' | 'seq' | 'product'; a: number; b: number }
  | { op: 'complement' | 'inverse' | 'plus' | 'star' | 'opt' | 'bracket' | 'domain' | 'range' | 'differentValues'; a: number }
  | { op: 'recvar'; group: number };

export type IrNode = NodeOp & {
  id: number;
  type: ValueType;
  /** Depends, transitively, on rf or co: recomputed for every candidate. */
  dynamic: boolean;
  /** Depends on a recursive variable: recomputed on every fixpoint iteration. */
  loopy: boolean;
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

export interface IrModel {
  nodes: IrNode[];
  groups: RecGroup[];
  checks: IrCheck[];
}

/** The operand nodes of an IR node. */
export function childrenOf(node: IrNode): number[] {
  switch (node.op) {
    case 'prim':
    case 'empty':
    case 'recvar':
      return [];
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

/** Fills in `dynamic` and `loopy` once the whole graph is built (recursion makes a single pass insufficient). */
export function markDependencies(model: IrModel, isDynamicPrimitive: (name: string) => boolean): void {
  for (const n of model.nodes) {
    n.dynamic = n.op === 'prim' && isDynamicPrimitive(n.name);
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
}
