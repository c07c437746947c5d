// Wraps a parsed x86 operation as the engine's Instruction (shared by X86 and X86_64).

import type { Instruction } from '../../exec/types.js';
import type { InstructionCell } from '../../syntax/ast.js';
import { executeOp, type X86Op } from './ops.js';

/**
 * The engine's Instruction for a parsed x86 operation: its branch target, the
 * locations its operands name, and `executeOp` to run it.
 */
export function instructionOf(cell: InstructionCell, op: X86Op): Instruction {
  return {
    text: cell.text,
    pos: cell.pos,
    branchTargets: op.kind === 'jump' ? [op.label] : [],
    locations: namedLocations(op),
    accessSizes: 'width' in op && Object.values(op).some((o) => typeof o === 'object' && o !== null && o.kind === 'mem') ? [op.width / 8] : [],
    execute: (ctx) => executeOp(ctx, op),
  };
}

/** The locations an operation's memory operands name (`[x]`, `(x)`, `x+EAX`). */
function namedLocations(op: X86Op): string[] {
  const names: string[] = [];
  for (const operand of Object.values(op)) {
    if (typeof operand === 'object' && operand !== null && operand.kind === 'mem' && operand.location !== undefined) {
      names.push(operand.location);
    }
  }
  return names;
}
