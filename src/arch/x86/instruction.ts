// Wraps a parsed x86 operation as the engine's Instruction (shared by X86 and X86_64).

import type { Instruction } from '../../exec/types.js';
import type { InstructionCell } from '../../syntax/ast.js';
import { executeOp, type X86Op } from './ops.js';

export function instructionOf(cell: InstructionCell, op: X86Op): Instruction {
  return {
    text: cell.text,
    pos: cell.pos,
    branchTargets: op.kind === 'jump' ? [op.label] : [],
    execute: (ctx) => executeOp(ctx, op),
  };
}
