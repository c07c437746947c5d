// What a model's axioms guarantee, read off their syntax so the enumerator
// may prune early. Conservative: when unsure, the answer is false.

import type { IrModel, IrNode } from './ir.js';

/** The primitive names among the members of a (possibly nested) union, through let-definitions. */
function unionMembers(model: IrModel, node: IrNode, into: Set<string>): Set<string> {
  // With a stack of its own: a model's union may be thousands of definitions deep (`let r2 = r1 | po` …).
  const stack = [node];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    if (next.op === 'union') stack.push(model.nodes[next.b], model.nodes[next.a]);
    else if (next.op === 'prim') into.add(next.name);
  }
  return into;
}

const covers = (names: Set<string>, whole: string, ...parts: string[][]) =>
  names.has(whole) || parts.some((alternative) => alternative.every((p) => names.has(p)));

/** Some axiom is `acyclic E` with E ⊇ po-loc ∪ rf ∪ co ∪ fr. */
export function requiresCoherence(model: IrModel): boolean {
  return model.checks.some((c) => {
    if (c.flag || c.negated || c.test !== 'acyclic') return false;
    const names = unionMembers(model, model.nodes[c.node], new Set());
    return (
      (names.has('po-loc') || names.has('po')) &&
      covers(names, 'rf', ['rfe', 'rfi']) &&
      covers(names, 'co', ['coe', 'coi']) &&
      covers(names, 'fr', ['fre', 'fri'])
    );
  });
}

/** Some axiom is `empty rmw & (fre ; coe)` (either operand order). */
export function requiresAtomicity(model: IrModel): boolean {
  const isPrim = (id: number, name: string) => {
    const n = model.nodes[id];
    return n.op === 'prim' && n.name === name;
  };
  const isFreCoe = (id: number) => {
    const n = model.nodes[id];
    return n.op === 'seq' && isPrim(n.a, 'fre') && isPrim(n.b, 'coe');
  };
  return model.checks.some((c) => {
    if (c.flag || c.negated || c.test !== 'empty') return false;
    const n = model.nodes[c.node];
    return n.op === 'inter' && ((isPrim(n.a, 'rmw') && isFreCoe(n.b)) || (isPrim(n.b, 'rmw') && isFreCoe(n.a)));
  });
}
