// C as an architecture of the engine: the C front end (syntax/c/) has
// already parsed each step of a thread's code into a cell; here each is
// compiled against the primitives and the macros in scope and run on the
// engine's ThreadContext, so C tests share exploration, enumeration and
// models with the assembly ones (see ARCHITECTURE.md, "C tests reuse
// everything below syntax/").

import { failAt } from '../../errors.js';
import type { Arch, Instruction, TestOptions } from '../../exec/types.js';
import type { InstructionCell, LitmusTest } from '../../syntax/ast.js';
import type { CExpr, CInstruction } from '../../syntax/c/ast.js';
import { type Compiled, compileExpr, locationsIn } from './compile.js';
import { linuxMacros } from './macros.js';
import { C11_TAGS } from './orders.js';
import { PRIMITIVE_TAGS, PRIMITIVES } from './primitives.js';

/** The annotations the kernel's macros put on events (those of litmus's own table, linux-macros.ts). */
const KERNEL_TAGS = [
  'ONCE', 'ACQUIRE', 'RELEASE', 'MB', 'NORETURN', 'rmb', 'wmb', 'barrier', 'before-atomic', 'after-atomic', 'after-spinlock',
  'after-unlock-lock', 'after-srcu-read-unlock', 'rcu-lock', 'rcu-unlock', 'sync-rcu', 'srcu-lock', 'srcu-unlock', 'sync-srcu',
];

const NAME = /^[A-Za-z_]\w*$/;

export const c: Arch = {
  names: ['C'],
  tags: [...C11_TAGS, ...PRIMITIVE_TAGS, ...KERNEL_TAGS],
  rejectsMixedSizes: false,

  parseInstruction(cell: InstructionCell, options?: TestOptions): Instruction {
    const step = cell.c ?? failAt(cell.pos, 'a C test step must come from the C front end');
    const scope = { macros: options?.macros ?? linuxMacros(), expanding: [] };
    const locations = new Set<string>();
    let execute: Instruction['execute'];
    let branchTargets: string[] = [];
    switch (step.kind) {
      case 'eval': {
        const run: Compiled = compileExpr(step.expr, scope);
        locationsIn(step.expr, locations);
        execute = (ctx) => void run(ctx);
        break;
      }
      case 'branchUnless': {
        const cond = compileExpr(step.cond, scope);
        locationsIn(step.cond, locations);
        const label = step.label;
        branchTargets = [label];
        // The engine branches on a non-zero value: branch on the condition's negation, with its dependencies.
        execute = (ctx) => {
          const v = cond(ctx);
          ctx.branch({ ...v, value: v.value === 0n ? 1n : 0n }, label);
        };
        break;
      }
      case 'goto': {
        const label = step.label;
        branchTargets = [label];
        execute = (ctx) => ctx.jump(label);
        break;
      }
    }
    return { text: cell.text, pos: cell.pos, branchTargets, locations: [...locations], execute };
  },

  canonicalRegister(name: string): string | null {
    return NAME.test(name) ? name : null;
  },
};

export type { CInstruction };

/** Whether a C test calls anything beside C11's atomics and herd7's primitives: the kernel's (a .def file's) macros. */
export function usesKernelPrimitives(test: LitmusTest): boolean {
  const calls = (e: CExpr): boolean =>
    (e.kind === 'call' && !PRIMITIVES.has(e.name)) || ('arg' in e && calls(e.arg))
    || (e.kind === 'binary' && (calls(e.left) || calls(e.right)))
    || (e.kind === 'assign' && (calls(e.target) || calls(e.value)))
    || (e.kind === 'call' && e.args.some(calls));
  return test.threads.some((t) => t.cells.some(({ c: step }) => step !== undefined && step.kind !== 'goto' && calls(step.kind === 'eval' ? step.expr : step.cond)));
}
