// From syntax tree to the operation graph: resolves names (definitions,
// primitives, builtins), inlines functions, checks set/relation types and
// builds fixpoint groups for `let rec`.

import { LitmusError } from '../errors.js';
import type { CatModelAst, CatPos, Expr, Statement } from './ast.js';
import { BUILTINS, type Builder } from './builtins.js';
import { type IrModel, type IrNode, markDependencies, type NodeOp, type ValueType } from './ir.js';
import { isDynamicPrimitive, isEventTag, primitiveType } from './primitives.js';

type EnvEntry =
  | { kind: 'value'; node: number }
  | { kind: 'function'; params: string[]; body: Expr; env: Env };

/** Scopes are immutable: a definition makes a new scope, so functions close over the definitions before them. */
class Env {
  constructor(
    private readonly name?: string,
    private readonly entry?: EnvEntry,
    private readonly parent?: Env,
  ) {}

  with(name: string, entry: EnvEntry): Env {
    return new Env(name, entry, this);
  }

  lookup(name: string): EnvEntry | undefined {
    for (let env: Env | undefined = this; env; env = env.parent) if (env.name === name) return env.entry;
    return undefined;
  }
}

export type IncludeLoader = (name: string, pos: CatPos) => { ast: CatModelAst; file: string };

const MAX_INLINE_DEPTH = 200;

function failAt(pos: CatPos, message: string): never {
  throw new LitmusError({ file: pos.file, pos: { line: pos.line, column: pos.column }, message });
}

/**
 * Compiles a parsed .cat model into the operation graph (ir.ts): resolves
 * names, inlines functions, checks types. Errors are LitmusErrors at the node.
 */
export class Compiler implements Builder {
  readonly model: IrModel = { nodes: [], groups: [], checks: [] };
  private env = new Env();
  private readonly primitiveNodes = new Map<string, number>();
  /** Where the model names event annotations (undefined upper-case names), for spotting typos. */
  readonly tagUses: Array<{ name: string; pos: CatPos }> = [];
  private inlineDepth = 0;

  constructor(private readonly loadInclude: IncludeLoader) {}

  compileModel(ast: CatModelAst, includeStack: string[] = []): void {
    for (const statement of ast.statements) this.statement(statement, includeStack);
  }

  finish(): IrModel {
    markDependencies(this.model, isDynamicPrimitive);
    return this.model;
  }

  private statement(s: Statement, includeStack: string[]): void {
    switch (s.kind) {
      case 'include': {
        if (includeStack.includes(s.file)) failAt(s.pos, `'${s.file}' includes itself`);
        const { ast } = this.loadInclude(s.file, s.pos);
        this.compileModel(ast, [...includeStack, s.file]);
        return;
      }
      case 'let':
        if (s.recursive) this.recursiveLet(s.bindings);
        else
          for (const b of s.bindings) {
            const entry: EnvEntry = b.params
              ? { kind: 'function', params: b.params, body: b.body, env: this.env }
              : { kind: 'value', node: this.definition(b.name, b.body) };
            this.env = this.env.with(b.name, entry);
          }
        return;
      case 'check': {
        const node = this.expr(s.expr, this.env);
        const type = this.model.nodes[node].type;
        if (s.test !== 'empty' && type === 'set')
          failAt(s.expr.pos, `'${s.test}' needs a relation, but this expression is a set`);
        const description = `${s.negated ? '~' : ''}${s.test} at line ${s.pos.line}`;
        this.model.checks.push({ test: s.test, negated: s.negated, flag: s.flag, node, name: s.name ?? description, pos: s.pos });
        return;
      }
    }
  }

  private recursiveLet(bindings: { name: string; params?: string[]; body: Expr; pos: CatPos }[]): void {
    const group = this.model.groups.length;
    this.model.groups.push({ vars: [], bodies: [], ...(bindings[0] ? { pos: bindings[0].pos } : {}) });
    let env = this.env;
    for (const b of bindings) {
      if (b.params) failAt(b.pos, `recursive functions are not supported ('${b.name}')`);
      const v = this.add({ op: 'recvar', group }, 'any');
      this.model.nodes[v].letName = b.name;
      this.model.groups[group].vars.push(v);
      env = env.with(b.name, { kind: 'value', node: v });
    }
    bindings.forEach((b, i) => {
      const body = this.expr(b.body, env);
      const v = this.model.groups[group].vars[i];
      const varType = this.model.nodes[v].type, bodyType = this.model.nodes[body].type;
      if (varType !== 'any' && bodyType !== 'any' && varType !== bodyType)
        failAt(b.pos, `'${b.name}' is used as a ${describe(varType)} but defined as a ${describe(bodyType)}`);
      if (bodyType !== 'any') this.model.nodes[v].type = bodyType;
      this.model.groups[group].bodies.push(body);
    });
    this.env = env;
  }

  // ---- Builder: node construction with type checks ----

  add(op: NodeOp, type: ValueType): number {
    const id = this.model.nodes.length;
    this.model.nodes.push({ ...op, id, type, dynamic: false, loopy: false } as IrNode);
    return id;
  }

  typeOf(node: number): ValueType {
    return this.model.nodes[node].type;
  }

  primitive(name: string): number {
    let id = this.primitiveNodes.get(name);
    if (id === undefined) {
      id = this.add({ op: 'prim', name }, primitiveType(name) ?? 'rel');
      this.primitiveNodes.set(name, id);
    }
    return id;
  }

  /** Requires `node` to be of `type` (an 'any' node is fixed to it). */
  expect(node: number, type: 'set' | 'rel', pos: CatPos, what: string): void {
    const n = this.model.nodes[node];
    if (n.type === 'any') {
      if (n.op === 'recvar' || n.op === 'empty') n.type = n.op === 'empty' ? n.type : type;
      return;
    }
    if (n.type !== type) failAt(pos, `${what} needs a ${describe(type)}, but got a ${describe(n.type)}${type === 'rel' ? ' (write [S] for the identity on a set S)' : ''}`);
  }

  /** Union, intersection, difference: both sides of one type. */
  sameTypeBinary(op: 'union' | 'inter' | 'diff', a: number, b: number, pos: CatPos, symbol: string): number {
    const ta = this.typeOf(a), tb = this.typeOf(b);
    if (ta !== 'any' && tb !== 'any' && ta !== tb)
      failAt(pos, `'${symbol}' combines a ${describe(ta)} with a ${describe(tb)}; both sides must be sets or both relations`);
    return this.add({ op, a, b }, ta !== 'any' ? ta : tb);
  }

  /** A non-recursive `let name = body`: the node gets the name unless it is another definition's (an alias) or a primitive. */
  private definition(name: string, body: Expr): number {
    const before = this.model.nodes.length;
    const node = this.expr(body, this.env);
    if (node >= before && this.model.nodes[node].op !== 'prim') this.model.nodes[node].letName ??= name;
    return node;
  }

  // ---- expressions ----

  /** Compiles `e`; a node made for it (not one it merely names) remembers its text. */
  private expr(e: Expr, env: Env): number {
    const before = this.model.nodes.length;
    const node = this.exprNode(e, env);
    if (node >= before) this.model.nodes[node].text ??= e.text;
    return node;
  }

  private exprNode(e: Expr, env: Env): number {
    switch (e.kind) {
      case 'empty':
        return this.add({ op: 'empty' }, 'any');
      case 'name':
        return this.name(e.name, e.pos, env);
      case 'call':
        return this.call(e, env);
      case 'bracket': {
        const a = this.expr(e.arg, env);
        this.expect(a, 'set', e.arg.pos, '[…]');
        return this.add({ op: 'bracket', a }, 'rel');
      }
      case 'unary': {
        const a = this.expr(e.arg, env);
        if (e.op === '~') return this.add({ op: 'complement', a }, this.typeOf(a) === 'set' ? 'set' : 'rel');
        const op = e.op === '+' ? 'plus' : e.op === '*' ? 'star' : e.op === '?' ? 'opt' : 'inverse';
        this.expect(a, 'rel', e.arg.pos, `'${e.op}'`);
        return this.add({ op, a }, 'rel');
      }
      case 'binary': {
        const a = this.expr(e.left, env), b = this.expr(e.right, env);
        switch (e.op) {
          case '|':
            return this.sameTypeBinary('union', a, b, e.pos, '|');
          case '&':
            return this.sameTypeBinary('inter', a, b, e.pos, '&');
          case '\\':
            return this.sameTypeBinary('diff', a, b, e.pos, '\\');
          case ';':
            this.expect(a, 'rel', e.left.pos, "';'");
            this.expect(b, 'rel', e.right.pos, "';'");
            return this.add({ op: 'seq', a, b }, 'rel');
          case '*':
            this.expect(a, 'set', e.left.pos, "the product '*'");
            this.expect(b, 'set', e.right.pos, "the product '*'");
            return this.add({ op: 'product', a, b }, 'rel');
        }
      }
    }
  }

  private name(name: string, pos: CatPos, env: Env): number {
    const entry = env.lookup(name);
    if (entry?.kind === 'value') return entry.node;
    if (entry?.kind === 'function') failAt(pos, `'${name}' is a function: call it with arguments, ${name}(…)`);
    if (BUILTINS.has(name)) failAt(pos, `'${name}' is a function: call it with arguments, ${name}(…)`);
    if (isEventTag(name)) this.tagUses.push({ name, pos });
    if (primitiveType(name)) return this.primitive(name);
    failAt(pos, `unknown name '${name}'`);
  }

  private call(e: Extract<Expr, { kind: 'call' }>, env: Env): number {
    const entry = env.lookup(e.name);
    const args = e.args.map((a) => this.expr(a, env));
    if (entry?.kind === 'function') {
      if (entry.params.length !== args.length)
        failAt(e.pos, `'${e.name}' takes ${entry.params.length} argument(s), but is given ${args.length}`);
      if (++this.inlineDepth > MAX_INLINE_DEPTH) failAt(e.pos, `calls nest too deeply in '${e.name}'`);
      let scope = entry.env;
      entry.params.forEach((p, i) => {
        scope = scope.with(p, { kind: 'value', node: args[i] });
      });
      try {
        return this.expr(entry.body, scope);
      } finally {
        this.inlineDepth--;
      }
    }
    if (entry?.kind === 'value') failAt(e.pos, `'${e.name}' is not a function`);
    const builtin = BUILTINS.get(e.name);
    if (!builtin) failAt(e.pos, `unknown function '${e.name}'`);
    if (builtin.arity !== args.length)
      failAt(e.pos, `'${e.name}' takes ${builtin.arity} argument(s), but is given ${args.length}`);
    return builtin.build(this, args, e.args.map((a) => a.pos), e.pos);
  }
}

function describe(t: ValueType): string {
  return t === 'set' ? 'set' : t === 'rel' ? 'relation' : 'set or relation';
}

