// The AArch64 interpreter: runs one instruction's value (ops.ts) on a thread,
// handing each family to the file that defines its semantics.

import type { ThreadContext } from '../../exec/types.js';
import { executeAtomic } from './atomics.js';
import { executeControl } from './control.js';
import { executeDataProcessing } from './data-processing.js';
import { executeMemory } from './memory.js';
import type { AArch64Op } from './ops.js';

/** Runs `op` on the thread `ctx` (reads and writes registers and memory, branches). */
export function executeOp(ctx: ThreadContext, op: AArch64Op): void {
  switch (op.kind) {
    case 'mov':
    case 'move-wide':
    case 'arithmetic':
    case 'shift':
    case 'multiply':
    case 'multiply-long':
    case 'divide':
    case 'select':
    case 'bitfield':
    case 'unary':
      return executeDataProcessing(ctx, op);
    case 'load':
    case 'store':
    case 'load-exclusive':
    case 'store-exclusive':
    case 'pair':
      return executeMemory(ctx, op);
    case 'atomic':
    case 'cas':
      return executeAtomic(ctx, op);
    case 'nop':
    case 'barrier':
    case 'branch':
    case 'branch-cond':
    case 'compare-branch':
    case 'branch-link':
    case 'branch-register':
    case 'ret':
    case 'adr':
      return executeControl(ctx, op);
  }
}
