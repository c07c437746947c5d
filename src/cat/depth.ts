// How deep a model's relations nest once the definitions they name are
// inlined. Each `let` is within the parser's limit on its own, but a chain of
// them (`let r2 = r1 | po`, … 12,000 times) makes one relation as deep as the
// chain; evaluating and explaining it descend a level at a time, and past
// some thousands of levels the stack overflows (explaining a chain of `;`
// near 2,000). A model is refused past 1,500 levels, at the axiom that is
// too deep: room for one expression at the parser's limit (MAX_TREE_DEPTH,
// 1,000) and the definitions around it.

import { LitmusError } from '../errors.js';
import { MAX_TREE_DEPTH } from '../syntax/nesting.js';
import { childrenOf, type IrModel } from './ir.js';

/** The levels a check's relation may nest, through the definitions it names. */
export const MAX_MODEL_DEPTH = MAX_TREE_DEPTH + 500;

/**
 * Throws a LitmusError, located at the first check (axiom or flag) whose
 * relation nests more than MAX_MODEL_DEPTH levels through its definitions
 * (a `let rec` body counts from where it is named). Source: litmus's own
 * limit, as the parser's for one expression.
 */
export function checkModelDepth(ir: IrModel): void {
  const depths = nodeDepths(ir);
  for (const check of ir.checks) {
    const depth = depths[check.node];
    if (depth <= MAX_MODEL_DEPTH) continue;
    const message = `${check.name}: its relation nests ${depth} levels deep through the definitions it names, more than ${MAX_MODEL_DEPTH} (the limit)`;
    throw new LitmusError({ file: check.pos.file, pos: { line: check.pos.line, column: check.pos.column }, message });
  }
}

/** Each node's depth: 1 for a leaf, 1 more than its deepest operand (a recursive variable counts its bodies'). */
function nodeDepths(ir: IrModel): Int32Array {
  const depths = new Int32Array(ir.nodes.length);
  const bodiesOf = new Map<number, number[]>();
  for (const group of ir.groups) for (const v of group.vars) bodiesOf.set(v, group.bodies);
  // Depth first with a stack of its own (the graph may be deeper than the call stack); -1 marks a node being visited.
  for (let root = 0; root < ir.nodes.length; root++) {
    if (depths[root] !== 0) continue;
    const stack = [root];
    while (stack.length > 0) {
      const id = stack[stack.length - 1];
      const node = ir.nodes[id];
      const operands = node.op === 'recvar' ? (bodiesOf.get(id) ?? []) : childrenOf(node);
      if (depths[id] === 0) {
        depths[id] = -1;
        for (const operand of operands) if (depths[operand] === 0) stack.push(operand);
        continue;
      }
      stack.pop();
      if (depths[id] !== -1) continue;
      // A recursive variable met again inside its own body adds nothing.
      depths[id] = 1 + operands.reduce((deepest, operand) => Math.max(deepest, depths[operand] === -1 ? 0 : depths[operand]), 0);
    }
  }
  return depths;
}
