// From syntax tree to the operation graph: resolves names (definitions,
// primitives, builtins, herd7's standard library), inlines functions, scopes
// `let … in`, chooses the branch of `if "variant"` the run's variants name,
// falls back in `try … with`, checks set/relation types and builds fixpoint
// groups for `let rec`.

import { LitmusError } from '../errors.js';
import type { Binding, CatModelAst, CatPos, Expr, Statement } from './ast.js';
import { tagSetName } from '../exec/types.js';
import { closest } from '../spelling.js';
import { knownEventTags } from '../registry.js';
import { BUILTINS, type Builder } from './builtins.js';
import { asCollection, isFamily, type IrModel, type IrNode, markDependencies, memberType, type NodeOp, type ValueType } from './ir.js';
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

/** herd7's built-in functions litmus does not compute, and what each is. */
const HERD_ONLY_FUNCTIONS: Readonly<Record<string, string>> = {
  linearisations: "herd7's linearisations (orders a model builds itself, as cross.cat does)",
  partition: "herd7's partition (sets a model builds itself, as cross.cat does)",
};

/** The variants the `if "…"` expressions inside `e` test. */
function variantsIn(e: Expr): string[] {
  switch (e.kind) {
    case 'if':
      return [e.variant, ...variantsIn(e.then), ...variantsIn(e.else)];
    case 'binary':
      return [...variantsIn(e.left), ...variantsIn(e.right)];
    case 'unary':
    case 'bracket':
      return variantsIn(e.arg);
    case 'call':
      return e.args.flatMap(variantsIn);
    case 'set':
      return e.items.flatMap(variantsIn);
    case 'letIn':
      return [...e.bindings.flatMap((b) => variantsIn(b.body)), ...variantsIn(e.body)];
    case 'try':
      return [...variantsIn(e.body), ...variantsIn(e.fallback)];
    default:
      return [];
  }
}

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
  /** The variants `if "…"` expressions test, whichever branch was taken. */
  readonly variantsTested = new Set<string>();
  /** How many `try` bodies are being compiled: in one, an unknown annotation is undefined, not an empty set. */
  private tryDepth = 0;
  /** The enums declared so far, with their annotations (`instructions` names one). */
  private readonly enums = new Map<string, string[]>();
  /** Sets of annotations a bell file declares (`enum`): named on purpose, so no typo warning for them. */
  private readonly declaredTags = new Set<string>();

  /**
   * `loadInclude` reads an included file; `variants` are the run's variants
   * (herd7's -variant, a configuration's `variant` key), which `if "…"` tests.
   */
  constructor(
    private readonly loadInclude: IncludeLoader,
    private readonly variants: ReadonlySet<string> = new Set(),
  ) {}

  compileModel(ast: CatModelAst, includeStack: string[] = []): void {
    // The options of the file compiled (and of its bell), not of the files it includes: a user's model that
    // includes "sc.cat" is not litmus's sc, whose title says locks-as-accesses.
    if (includeStack.length <= 1) for (const option of ast.options ?? []) if (!(this.model.options ??= []).includes(option)) this.model.options.push(option);
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
        this.env = this.bind(s.bindings, s.recursive, this.env);
        return;
      case 'enum':
        for (const tag of s.tags) this.declaredTags.add(tagSetName(tag));
        this.enums.set(s.name, s.tags);
        return;
      case 'instructions': {
        // Which annotations an instruction of a kind may carry: herd7 refuses a test whose annotation is not one (the C front end checks).
        const tags = this.enums.get(s.enumName);
        if (tags) {
          const annotations = (this.model.annotations ??= {});
          annotations[s.event] = [...new Set([...(annotations[s.event] ?? []), ...tags])];
          return;
        }
        const near = closest(s.enumName, [...this.enums.keys()]);
        return failAt(s.pos, `unknown enum '${s.enumName}'${near ? ` (did you mean '${near}'?)` : ''}: an enum declaration names it first`);
      }
      case 'with': {
        let from = this.expr(s.from, this.env);
        // `with x from {}`: no value, so no execution.
        if (this.typeOf(from) === 'any' && this.model.nodes[from].op === 'empty') from = this.add({ op: 'family', items: [] }, 'family:rel');
        const type = this.typeOf(from);
        if (!isFamily(type)) failAt(s.from.pos, `'with ${s.name} from …' needs a set of values (such as cross(…) or map gives), but this is ${withArticle(describe(type))}`);
        const choices = (this.model.choices ??= []);
        const node = this.add({ op: 'choice', index: choices.length }, memberType(type));
        this.model.nodes[node].letName = s.name;
        choices.push({ node, from, firstCheck: this.model.checks.length, name: s.name, pos: s.pos });
        this.env = this.env.with(s.name, { kind: 'value', node });
        return;
      }
      case 'check': {
        const node = this.expr(s.expr, this.env);
        const type = this.model.nodes[node].type;
        if (isFamily(type)) failAt(s.expr.pos, `'${s.test}' tests a set or a relation, but this expression is ${withArticle(describe(type))}`);
        if (s.test !== 'empty' && asCollection(type) === 'set')
          failAt(s.expr.pos, `'${s.test}' needs a relation, but this expression is a set`);
        const description = `${s.negated ? '~' : ''}${s.test} at line ${s.pos.line}`;
        this.model.checks.push({ test: s.test, negated: s.negated, flag: s.flag, node, name: s.name ?? description, pos: s.pos });
        return;
      }
    }
  }

  /** The scope `env` with `bindings` added (one after the other, or together as a fixpoint when `recursive`). */
  private bind(bindings: Binding[], recursive: boolean, env: Env): Env {
    if (recursive) return this.recursiveLet(bindings, env);
    let scope = env;
    for (const b of bindings) {
      // A function's variants count even if it is never called (--variant checks against them).
      if (b.params) for (const v of variantsIn(b.body)) this.variantsTested.add(v);
      const entry: EnvEntry = b.params
        ? { kind: 'function', params: b.params, body: b.body, env: scope }
        : { kind: 'value', node: this.definition(b.name, b.body, scope) };
      scope = scope.with(b.name, entry);
    }
    return scope;
  }

  private recursiveLet(bindings: Binding[], outer: Env): Env {
    const group = this.model.groups.length;
    this.model.groups.push({ vars: [], bodies: [], ...(bindings[0] ? { pos: bindings[0].pos } : {}) });
    let env = outer;
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
        failAt(b.pos, `'${b.name}' is used as ${withArticle(describe(varType))} but defined as ${withArticle(describe(bodyType))}`);
      if (isFamily(bodyType)) failAt(b.pos, `'${b.name}': a recursive definition of ${withArticle(describe(bodyType))} is not supported (only of sets and relations)`);
      if (bodyType !== 'any') this.model.nodes[v].type = asCollection(bodyType);
      this.model.groups[group].bodies.push(body);
    });
    return env;
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
    if (n.type !== type) failAt(pos, `${what} needs ${withArticle(describe(type))}, but got ${withArticle(describe(n.type))}${hint(type, n.type)}`);
  }

  /** Union, intersection, difference: both sides of one type. */
  sameTypeBinary(op: 'union' | 'inter' | 'diff', a: number, b: number, pos: CatPos, symbol: string): number {
    const ta = this.typeOf(a), tb = this.typeOf(b);
    const odd = [ta, tb].find((t) => isFamily(t) || t === 'event' || t === 'pair');
    if (odd) failAt(pos, `'${symbol}' combines sets of events or relations, but got ${withArticle(describe(odd))}${hint(odd === 'pair' ? 'rel' : 'set', odd)}`);
    if (ta !== 'any' && tb !== 'any' && ta !== tb)
      failAt(pos, `'${symbol}' combines ${withArticle(describe(ta))} with ${withArticle(describe(tb))}; both sides must be sets or both relations`);
    return this.add({ op, a, b }, ta !== 'any' ? ta : tb);
  }

  /** A non-recursive `let name = body`: the node gets the name unless it is another definition's (an alias) or a primitive. */
  private definition(name: string, body: Expr, env: Env): number {
    const before = this.model.nodes.length;
    const node = this.expr(body, env);
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
      case 'set':
        return this.setLiteral(e, env);
      case 'letIn':
        return this.expr(e.body, this.bind(e.bindings, e.recursive, env));
      case 'if':
        this.variantsTested.add(e.variant);
        return this.expr(this.variants.has(e.variant) ? e.then : e.else, env);
      case 'try': {
        // herd7 takes the fallback when the body cannot be evaluated: here, when it names what is not defined
        // (in a try body, an upper-case name no enum declares and no architecture's events carry is undefined).
        const nodes = this.model.nodes.length, groups = this.model.groups.length, tagUses = this.tagUses.length;
        let body: number | undefined;
        this.tryDepth++;
        try {
          body = this.expr(e.body, env);
        } catch (error) {
          if (!(error instanceof LitmusError)) throw error;
          // What the body built before it failed goes: nothing refers to it.
          this.model.nodes.length = nodes;
          this.model.groups.length = groups;
          this.tagUses.length = tagUses;
          for (const [name, id] of this.primitiveNodes) if (id >= nodes) this.primitiveNodes.delete(name);
        } finally {
          this.tryDepth--;
        }
        return body ?? this.expr(e.fallback, env);
      }
      case 'bracket': {
        const a = this.expr(e.arg, env);
        this.expect(a, 'set', e.arg.pos, '[…]');
        return this.add({ op: 'bracket', a }, 'rel');
      }
      case 'unary': {
        const a = this.expr(e.arg, env);
        if (e.op === '~') {
          const t = this.typeOf(a);
          if (isFamily(t) || t === 'event' || t === 'pair') failAt(e.arg.pos, `'~' complements a set of events or a relation, but got ${withArticle(describe(t))}${hint(t === 'pair' ? 'rel' : 'set', t)}`);
          return this.add({ op: 'complement', a }, asCollection(this.typeOf(a)) === 'set' ? 'set' : 'rel');
        }
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
          case '++':
            return this.setAdd(a, b, e.pos);
        }
      }
    }
  }

  /** `{a, b, …}`: events make a set, pairs a relation, sets or relations a family. */
  private setLiteral(e: Extract<Expr, { kind: 'set' }>, env: Env): number {
    const items = e.items.map((item) => this.expr(item, env));
    const types = items.map((item) => this.typeOf(item));
    const first = types[0];
    const i = types.findIndex((t) => t !== first);
    if (i >= 0) failAt(e.items[i].pos, `the values of {…} are of one type: this is ${withArticle(describe(types[i]))}, the first ${withArticle(describe(first))}`);
    if (first === 'event' || first === 'pair') {
      // An event is held as a set of one, a pair as a relation of one: their union is the set.
      return items.reduce((acc, item) => this.add({ op: 'union', a: acc, b: item }, asCollection(first)), items[0]);
    }
    // {0}: the set holding the empty relation.
    return this.add({ op: 'family', items }, `family:${first === 'any' ? 'rel' : first}`);
  }

  /** `x ++ S`: an event added to a set, a pair to a relation, or a value to a family. */
  private setAdd(a: number, b: number, pos: CatPos): number {
    const ta = this.typeOf(a), tb = this.typeOf(b);
    if ((ta === 'event' || ta === 'pair') && (tb === 'any' || tb === asCollection(ta))) return this.add({ op: 'union', a, b }, asCollection(ta));
    if (!isFamily(ta) && ta !== 'event' && ta !== 'pair' && ta !== 'any' && (tb === 'any' || (isFamily(tb) && memberType(tb) === ta))) {
      return this.add({ op: 'familyAdd', a, b }, `family:${ta}`);
    }
    return failAt(pos, `'++' adds an event to a set, a pair to a relation or a value to a set of values; here ${withArticle(describe(ta))} to ${withArticle(describe(tb))}`);
  }

  /** herd7's `map f S`: f (a function of one parameter) applied to each member of S; a family. */
  private map(e: Extract<Expr, { kind: 'call' }>, env: Env): number {
    if (e.args.length !== 2) failAt(e.pos, `'map' takes a function and a set (map f S), but is given ${e.args.length} argument(s)`);
    const [fn, overExpr] = e.args as [Expr, Expr];
    const entry = fn.kind === 'name' ? env.lookup(fn.name) : undefined;
    if (fn.kind !== 'name' || entry?.kind !== 'function') failAt(fn.pos, "'map' applies a function defined with let (let f x = …) to each member of a set");
    if (entry.params.length !== 1) failAt(fn.pos, `'map' applies a function of one parameter, but '${fn.name}' takes ${entry.params.length}`);
    const over = this.expr(overExpr, env);
    const overType = this.typeOf(over);
    const paramType: ValueType = overType === 'set' ? 'event' : overType === 'rel' || overType === 'any' ? 'pair' : isFamily(overType) ? memberType(overType) : failAt(overExpr.pos, `'map' goes over a set, a relation or a set of values, but got ${withArticle(describe(overType))}`);
    const param = this.add({ op: 'param' }, paramType);
    this.model.nodes[param].letName = entry.params[0];
    if (++this.inlineDepth > MAX_INLINE_DEPTH) failAt(e.pos, `calls nest too deeply in '${fn.name}'`);
    let body: number;
    try {
      body = this.expr(entry.body, entry.env.with(entry.params[0], { kind: 'value', node: param }));
    } finally {
      this.inlineDepth--;
    }
    const bodyType = asCollection(this.typeOf(body));
    return this.add({ op: 'map', over, param, body }, `family:${bodyType === 'any' ? 'rel' : bodyType}`);
  }

  /** herd7's `cross(S)`, S a set of sets of values: every union of one member of each. */
  private cross(e: Extract<Expr, { kind: 'call' }>, env: Env): number {
    if (e.args.length !== 1) failAt(e.pos, `'cross' takes a set of sets of relations, but is given ${e.args.length} argument(s)`);
    const a = this.expr(e.args[0]!, env);
    const t = this.typeOf(a);
    const inner = isFamily(t) ? memberType(t) : undefined;
    if (!inner || !isFamily(inner) || isFamily(memberType(inner))) failAt(e.args[0]!.pos, `'cross' takes a set of sets of relations (or of sets), but got ${withArticle(describe(t))}`);
    return this.add({ op: 'cross', a }, inner);
  }

  private name(name: string, pos: CatPos, env: Env): number {
    const entry = env.lookup(name);
    if (entry?.kind === 'value') return entry.node;
    if (entry?.kind === 'function') failAt(pos, `'${name}' is a function: call it with arguments, ${name}(…)`);
    if (BUILTINS.has(name)) failAt(pos, `'${name}' is a function: call it with arguments, ${name}(…)`);
    // herd7's standard library's names (stdlib.cat), as our own definitions.
    if (name === 'emptyset') return this.add({ op: 'empty' }, 'set');
    if (name === 'co0') return this.initialCoherence();
    if (isEventTag(name) && !this.declaredTags.has(name)) {
      if (this.tryDepth > 0 && !knownEventTags().has(name)) failAt(pos, `unknown name '${name}'`);
      this.tagUses.push({ name, pos });
    }
    if (primitiveType(name)) return this.primitive(name);
    failAt(pos, `unknown name '${name}'`);
  }

  /** herd7's co0 = loc & ((IW * (W \\ IW)) | ((W \\ FW) * FW)): the co edges every coherence order has. */
  private initialCoherence(): number {
    const w = this.primitive('W'), iw = this.primitive('IW'), fw = this.primitive('FW');
    const fromInit = this.add({ op: 'product', a: iw, b: this.add({ op: 'diff', a: w, b: iw }, 'set') }, 'rel');
    const toFinal = this.add({ op: 'product', a: this.add({ op: 'diff', a: w, b: fw }, 'set'), b: fw }, 'rel');
    return this.add({ op: 'inter', a: this.primitive('loc'), b: this.add({ op: 'union', a: fromInit, b: toFinal }, 'rel') }, 'rel');
  }

  private call(e: Extract<Expr, { kind: 'call' }>, env: Env): number {
    const entry = env.lookup(e.name);
    if (!entry && e.name === 'map') return this.map(e, env);
    if (!entry && e.name === 'cross') return this.cross(e, env);
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
    if (entry?.kind === 'value') failAt(e.pos, `'${e.name}' is not a function: between two operands write an operator (';', '|', '&', '\\', '*')`);
    const builtin = BUILTINS.get(e.name);
    if (!builtin && HERD_ONLY_FUNCTIONS[e.name]) failAt(e.pos, `${HERD_ONLY_FUNCTIONS[e.name]}: litmus's cat reader does not take it yet`);
    if (!builtin && (primitiveType(e.name) || e.name === 'emptyset' || e.name === 'co0')) {
      failAt(e.pos, `'${e.name}' is not a function: between two operands write an operator (';', '|', '&', '\\', '*')`);
    }
    if (!builtin) failAt(e.pos, `unknown function '${e.name}'`);
    if (builtin.arity !== args.length)
      failAt(e.pos, `'${e.name}' takes ${builtin.arity} argument(s), but is given ${args.length}`);
    return builtin.build(this, args, e.args.map((a) => a.pos), e.pos);
  }
}

/** What to write instead, when a `got` is given where a `wanted` is needed. */
function hint(wanted: ValueType, got: ValueType): string {
  if (wanted === 'rel' && got === 'set') return ' (write [S] for the identity on a set S)';
  if (got === 'event' || got === 'pair') return ` (write {x} for the ${got === 'event' ? 'set' : 'relation'} holding it)`;
  return '';
}

/** `word` after 'a' or 'an' ('a set', 'an event'). */
function withArticle(word: string): string {
  return `${/^[aeiou]/.test(word) ? 'an' : 'a'} ${word}`;
}

function describe(t: ValueType): string {
  if (isFamily(t)) return `set of ${describe(memberType(t)).replace(/^set\b/, 'sets').replace(/^relation\b/, 'relations').replace(/^event\b/, 'events').replace(/^pair\b/, 'pairs')}`;
  return t === 'set' ? 'set' : t === 'rel' ? 'relation' : t === 'event' ? 'event' : t === 'pair' ? 'pair of events' : 'set or relation';
}

