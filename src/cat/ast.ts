// The syntax tree of a .cat model, with the position of every node.

import type { SourcePos } from '../errors.js';

/** A position with the file it is in (includes make models span files). */
export interface CatPos extends SourcePos {
  file: string;
}

export type BinaryOp = '|' | '&' | '\\' | ';' | '*';
/** Prefix `~`, postfix `+`, `*`, `?`, `^-1`. */
export type UnaryOp = '~' | '+' | '*' | '?' | '^-1';

export type Expr =
  | { kind: 'name'; name: string; pos: CatPos }
  | { kind: 'empty'; pos: CatPos }
  | { kind: 'binary'; op: BinaryOp; left: Expr; right: Expr; pos: CatPos }
  | { kind: 'unary'; op: UnaryOp; arg: Expr; pos: CatPos }
  | { kind: 'bracket'; arg: Expr; pos: CatPos }
  | { kind: 'call'; name: string; args: Expr[]; pos: CatPos };

export interface Binding {
  name: string;
  /** Present for a function definition `let f(a, b) = …`. */
  params?: string[];
  body: Expr;
  pos: CatPos;
}

export type CheckKind = 'acyclic' | 'irreflexive' | 'empty';

export type Statement =
  | { kind: 'let'; recursive: boolean; bindings: Binding[]; pos: CatPos }
  | { kind: 'check'; test: CheckKind; negated: boolean; flag: boolean; expr: Expr; name?: string; pos: CatPos }
  | { kind: 'include'; file: string; pos: CatPos };

export interface CatModelAst {
  title?: string;
  statements: Statement[];
}
