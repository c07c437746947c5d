// The syntax tree of a .cat model, with the position of every node.

import type { SourcePos } from '../errors.js';

/** A position with the file it is in (includes make models span files). */
export interface CatPos extends SourcePos {
  file: string;
}

/** `++` adds its left operand to the set on its right (herd7's set of values: an event to a set, a pair to a relation, a relation to a set of relations). */
export type BinaryOp = '|' | '&' | '\\' | ';' | '*' | '++';
/** Prefix `~`, postfix `+`, `*`, `?`, `^-1`. */
export type UnaryOp = '~' | '+' | '*' | '?' | '^-1';

export type Expr = {
  pos: CatPos;
  /** The expression as written, comments dropped and spaces collapsed: explanations quote it. */
  text: string;
} & (
  | { kind: 'name'; name: string }
  | { kind: 'empty' }
  | { kind: 'binary'; op: BinaryOp; left: Expr; right: Expr }
  | { kind: 'unary'; op: UnaryOp; arg: Expr }
  | { kind: 'bracket'; arg: Expr }
  /** `f(a, b)`, or `f a b` (herd7's application by juxtaposition: `map f S`). */
  | { kind: 'call'; name: string; args: Expr[] }
  /** `{a, b}`: the set of these values (events, pairs, or sets and relations: a set of relations). `{}` is 'empty'. */
  | { kind: 'set'; items: Expr[] }
  /** `let [rec] b and … in body`: the bindings hold in `body` only. */
  | { kind: 'letIn'; recursive: boolean; bindings: Binding[]; body: Expr }
  /** `if "variant" then a else b`: `a` when the run has the variant (herd7's -variant, a configuration's `variant`). */
  | { kind: 'if'; variant: string; then: Expr; else: Expr }
  /** `try body with fallback`: `fallback` when `body` names what is not defined. */
  | { kind: 'try'; body: Expr; fallback: Expr }
);

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
  | { kind: 'include'; file: string; pos: CatPos }
  /** A bell file's `enum Name = 'a || 'b`: annotations events may carry (each names the set of its events). */
  | { kind: 'enum'; name: string; tags: string[]; pos: CatPos }
  /** A bell file's `instructions R[Name]`: which events an enum's annotations go on (herd7 checks tests with it; litmus reads it). */
  | { kind: 'instructions'; event: string; enumName: string; pos: CatPos }
  /**
   * herd7's `with x from S`: the rest of the model is judged once for each
   * value x of the set S, and each value the rest allows is an execution of
   * its own (the kernel's lock.cat chooses the reads of failed trylocks so).
   */
  | { kind: 'with'; name: string; from: Expr; pos: CatPos };

export interface CatModelAst {
  title?: string;
  /** Words after the title: herd7's model options (`withoutco`), and litmus's `locks-as-accesses` (see CompiledModel). */
  options?: string[];
  statements: Statement[];
}
