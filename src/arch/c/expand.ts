// Expanding a call of a .def file's macro: its parameters replaced by the
// call's arguments (herd7's macros are substituted, not called). Shared by
// running C code (compile.ts) and compiling it to assembly (src/compile/).

import { failAt, LitmusError, type SourcePos } from '../../errors.js';
import type { MacroTable } from '../../exec/types.js';
import type { CExpr } from '../../syntax/c/ast.js';
import { closest } from '../../spelling.js';

/**
 * The macros in scope, those being expanded (a macro that expands to itself
 * is an error), and the expansions one statement has left (shared by all
 * the expansions of one statement; MAX_MACRO_EXPANSIONS when absent).
 */
export interface CompileScope {
  macros: MacroTable;
  expanding: readonly string[];
  budget?: { left: number };
  /** Lock events as reads and writes the enumerator ties (TestOptions.locksAsAccesses), not herd7's. */
  locksAsAccesses?: boolean;
  /** The annotations each instruction kind may carry (TestOptions.annotations); absent, any. */
  annotations?: Readonly<Record<string, readonly string[]>>;
  /** Takes a warning about the test (TestOptions.warn). */
  warn?: (message: string) => void;
}

/** The names of the calls that are not macros (C11's atomics, herd7's primitives), for suggestions; set by primitives.ts. */
let knownCalls: readonly string[] = [];

/** Tells expandMacro the names of the primitives, to suggest one for a misspelt call. */
export function setKnownCalls(names: readonly string[]): void {
  knownCalls = names;
}

/** Macro expansions one call may nest (a .def file whose macros call each other in a ring ends here). */
export const MAX_MACRO_DEPTH = 32;

/**
 * Macro calls one C statement may expand into, all told: macros that each
 * call the next twice double at every level (2^30 calls from 30 lines).
 */
export const MAX_MACRO_EXPANSIONS = 10_000;

/** A macro call expanded: an expression (its value), or the steps of a block (no value), with the scope to read them in. */
export type Expansion =
  | { kind: 'expr'; expr: CExpr; scope: CompileScope }
  | { kind: 'block'; steps: CExpr[]; scope: CompileScope };

/**
 * Runs `body`, which reads a macro's expansion; a LitmusError from it gets
 * `suffix` (which says what the user wrote: ` (in spin_lock)`). Only the
 * innermost macro says so: a message that already says ` (in ` is left as is.
 */
export function inExpansion<T>(suffix: string, body: () => T): T {
  try {
    return body();
  } catch (error) {
    if (!(error instanceof LitmusError) || error.message.includes(' (in ')) throw error;
    throw new LitmusError(error.diagnostics.map((d) => ({ ...d, message: `${d.message}${suffix}` })));
  }
}

/**
 * Expands the call `e` of a macro in `scope`. Throws LitmusError at the call
 * for an unknown function, a wrong number of arguments or a macro that
 * expands into itself, and at the macro's statement for one a block cannot hold.
 */
export function expandMacro(e: Extract<CExpr, { kind: 'call' }>, scope: CompileScope): Expansion {
  const macro = scope.macros.get(e.name);
  if (!macro) {
    const near = closest(e.name, [...scope.macros.keys(), ...knownCalls]);
    return failAt(e.pos, `unknown function '${e.name}'${near ? ` (did you mean ${near}?)` : ''}: neither a C11 atomic, one of herd7's primitives nor a macro (the kernel's primitives, or those of --macros)`);
  }
  if (macro.params.length !== e.args.length) {
    failAt(e.pos, `${e.name} takes ${macro.params.length} argument${macro.params.length === 1 ? '' : 's'}, not ${e.args.length}`);
  }
  if (scope.expanding.length >= MAX_MACRO_DEPTH || scope.expanding.includes(e.name)) {
    failAt(e.pos, `the macro ${e.name} expands into itself (${[...scope.expanding, e.name].join(' → ')})`);
  }
  const budget = scope.budget ?? { left: MAX_MACRO_EXPANSIONS };
  if (--budget.left < 0) failAt(e.pos, `this statement expands into more than ${MAX_MACRO_EXPANSIONS} macro calls (the limit)`);
  const inner: CompileScope = { ...scope, expanding: [...scope.expanding, e.name], budget };
  const bindings = new Map(macro.params.map((p, i) => [p, e.args[i]!]));
  // A macro's body is read at the call: its parameters replaced by the call's arguments.
  const substituted = (x: CExpr): CExpr => substitute(x, bindings, e.pos);
  if (macro.body.kind === 'expr') return { kind: 'expr', expr: substituted(macro.body.expr), scope: inner };
  const steps = macro.body.body.map((stmt) => {
    if (stmt.kind !== 'expr') return failAt(stmt.pos, `a macro's block holds calls and assignments only (in ${macro.name})`);
    return substituted(stmt.expr);
  });
  return { kind: 'block', steps, scope: inner };
}

/** `e` with each parameter name replaced by its argument (positions of the call, for messages). */
function substitute(e: CExpr, bindings: ReadonlyMap<string, CExpr>, at: SourcePos): CExpr {
  const pos = at;
  switch (e.kind) {
    case 'name':
      return bindings.get(e.name) ?? { ...e, pos };
    case 'deref': case 'addr': case 'unary':
      return { ...e, arg: substitute(e.arg, bindings, at), pos };
    case 'binary':
      return { ...e, left: substitute(e.left, bindings, at), right: substitute(e.right, bindings, at), pos };
    case 'assign':
      return { ...e, target: substitute(e.target, bindings, at), value: substitute(e.value, bindings, at), pos };
    case 'call':
      return { ...e, args: e.args.map((a) => substitute(a, bindings, at)), pos };
    default:
      return { ...e, pos };
  }
}
