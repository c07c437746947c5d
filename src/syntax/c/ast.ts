// The syntax tree of C code in a litmus test: thread functions' statements
// and expressions as written, and the flat form the engine runs (lower.ts).

import type { SourcePos } from '../../errors.js';

export type CBinaryOp =
  | '||' | '&&' | '|' | '^' | '&' | '==' | '!=' | '<' | '<=' | '>' | '>=' | '<<' | '>>' | '+' | '-' | '*' | '/' | '%';
export type CUnaryOp = '-' | '!' | '~';

/** An expression. Names are resolved by lowering: a thread's parameter is a location, a local is a register. */
export type CExpr = { pos: SourcePos } & (
  | { kind: 'int'; value: bigint }
  | { kind: 'name'; name: string }
  /** A local variable (a register of the thread), once resolved. */
  | { kind: 'reg'; name: string }
  /** A shared location's address (a parameter `int *x` names location x), once resolved. */
  | { kind: 'loc'; name: string }
  | { kind: 'deref'; arg: CExpr }
  | { kind: 'addr'; arg: CExpr }
  | { kind: 'unary'; op: CUnaryOp; arg: CExpr }
  | { kind: 'binary'; op: CBinaryOp; left: CExpr; right: CExpr }
  | { kind: 'assign'; target: CExpr; value: CExpr }
  /** A call: a C11 atomic, a primitive (`__load{ONCE}`) or a macro of a .def file; `annotation` is the `{…}` word. */
  | { kind: 'call'; name: string; annotation?: string; args: CExpr[] }
  /** An operator passed as an argument, as herd7's primitives take them: `__atomic_op(X,+,V)`. */
  | { kind: 'operator'; op: string }
);

/** The expressions directly inside `e`, left to right (one walker for every pass over expressions). */
export function cChildren(e: CExpr): CExpr[] {
  switch (e.kind) {
    case 'deref': case 'addr': case 'unary': return [e.arg];
    case 'binary': return [e.left, e.right];
    case 'assign': return [e.target, e.value];
    case 'call': return e.args;
    default: return [];
  }
}

/** A declaration's type as written, e.g. `int`, `atomic_int`, `int*`. */
export type CType = string;

export type CStmt = { pos: SourcePos; text: string } & (
  | { kind: 'expr'; expr: CExpr }
  | { kind: 'decl'; type: CType; name: string; init?: CExpr }
  | { kind: 'if'; cond: CExpr; then: CStmt[]; else?: CStmt[] }
  | { kind: 'while'; cond: CExpr; body: CStmt[] }
  | { kind: 'block'; body: CStmt[] }
);

/** A thread function: `P0(int *x, atomic_int *y) { … }`. */
export interface CThread {
  id: number;
  name: string;
  pos: SourcePos;
  /** Its parameters: the shared locations it names, with their types as written. */
  params: Array<{ name: string; type: CType; pos: SourcePos }>;
  body: CStmt[];
}

/**
 * One step of the flat code the engine runs, the C counterpart of an
 * assembly instruction: an expression evaluated for its effects (an
 * assignment, a call), a branch taken when the condition is zero or when it
 * is not, or a jump.
 */
export type CInstruction =
  | { kind: 'eval'; expr: CExpr }
  | { kind: 'branchUnless'; cond: CExpr; label: string }
  | { kind: 'branchIf'; cond: CExpr; label: string }
  | { kind: 'goto'; label: string };

/** A macro of a .def file: `NAME(PARAMS) BODY`, the body an expression or a block of statements. */
export interface CMacro {
  name: string;
  params: string[];
  body: { kind: 'expr'; expr: CExpr } | { kind: 'block'; body: CStmt[] };
  pos: SourcePos;
  file?: string;
}
