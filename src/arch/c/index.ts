// C as an architecture of the engine: the C front end (syntax/c/) has
// already parsed each step of a thread's code into a cell; here each is
// compiled against the primitives and the macros in scope and run on the
// engine's ThreadContext, so C tests share exploration, enumeration and
// models with the assembly ones (see ARCHITECTURE.md, "C tests reuse
// everything below syntax/").

import { failAt, LitmusError, type SourcePos } from '../../errors.js';
import type { Arch, Instruction, MacroTable, TestOptions } from '../../exec/types.js';
import type { InstructionCell, LitmusTest } from '../../syntax/ast.js';
import { cChildren, type CExpr, type CInstruction } from '../../syntax/c/ast.js';
import { type Compiled, compileExpr, locationsIn } from './compile.js';
import { linuxMacros } from './macros.js';
import { C11_TAGS } from './orders.js';
import { C11_NAMES, isPrimitiveCall, PRIMITIVE_TAGS } from './primitives.js';
import { type CompileScope, type Expansion, expandMacro } from './expand.js';

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
  wholeLocations: true,

  parseInstruction(cell: InstructionCell, options?: TestOptions): Instruction {
    const step = cell.c ?? failAt(cell.pos, 'a C test step must come from the C front end');
    const scope: CompileScope = {
      macros: options?.macros ?? linuxMacros(), expanding: [],
      ...(options?.locksAsAccesses && { locksAsAccesses: true }), ...(options?.annotations && { annotations: options.annotations }),
      ...(options?.warn && { warn: options.warn }),
    };
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
      case 'branchUnless':
      case 'branchIf': {
        const cond = compileExpr(step.cond, scope);
        locationsIn(step.cond, locations);
        const label = step.label;
        branchTargets = [label];
        // The engine branches on a non-zero value: branchUnless branches on the condition's negation, with its dependencies.
        const negate = step.kind === 'branchUnless';
        execute = (ctx) => {
          const v = cond(ctx);
          ctx.branch(negate ? { ...v, value: v.value === 0n ? 1n : 0n } : v, label);
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

/**
 * Which primitives a C test's code calls, its macros expanded (the kernel's
 * by default): where it first calls a C11 atomic, and where it first calls
 * one of herd7's primitives (what the kernel's macros are made of). A call
 * no macro names counts as the kernel's (a .def file the test was written for).
 */
export function primitivesUsed(test: LitmusTest, macros: MacroTable = linuxMacros()): { c11?: SourcePos; kernel?: SourcePos } {
  const found: { c11?: SourcePos; kernel?: SourcePos } = {};
  const visit = (e: CExpr, scope: CompileScope): void => {
    for (const child of cChildren(e)) visit(child, scope);
    if (e.kind !== 'call') return;
    const primitive = isPrimitiveCall(e, scope.macros);
    if (primitive && C11_NAMES.has(e.name)) found.c11 ??= e.pos;
    else if (primitive) found.kernel ??= e.pos;
    else if (!scope.macros.has(e.name)) {
      // No macro names it: the kernel's (expanding it would only compute a suggestion for the error nobody reads here).
      found.kernel ??= e.pos;
    } else {
      let expansion: Expansion;
      try {
        expansion = expandMacro(e, scope);
      } catch (error) {
        if (!(error instanceof LitmusError)) throw error;
        found.kernel ??= e.pos;
        return;
      }
      // The expansion's calls are the user's call, for the position.
      const at = (x: CExpr): CExpr => ({ ...x, pos: e.pos });
      if (expansion.kind === 'expr') visit(at(expansion.expr), expansion.scope);
      else for (const step of expansion.steps) visit(at(step), expansion.scope);
    }
  };
  const scope: CompileScope = { macros, expanding: [] };
  for (const thread of test.threads) {
    for (const { c: step } of thread.cells) if (step && step.kind !== 'goto') visit(step.kind === 'eval' ? step.expr : step.cond, scope);
  }
  return found;
}

/**
 * The model a C test is written for: lkmm when it calls the kernel's
 * primitives, rc11 otherwise. A LitmusError at the later call for a test
 * that calls both: neither model gives both a meaning (RC11 ignores the
 * kernel's annotations; the kernel's model takes C11 atomics for plain accesses).
 */
export function cModelFor(test: LitmusTest): 'rc11' | 'lkmm' {
  const { c11, kernel } = primitivesUsed(test);
  if (c11 && kernel) {
    const later = c11.line > kernel.line || (c11.line === kernel.line && c11.column > kernel.column) ? c11 : kernel;
    throw new LitmusError({
      ...(test.file !== undefined ? { file: test.file } : {}),
      pos: later,
      message: `this test calls C11 atomics (line ${c11.line}) and the kernel's primitives (line ${kernel.line}): neither rc11 nor lkmm gives both a meaning`,
    });
  }
  return kernel ? 'lkmm' : 'rc11';
}
