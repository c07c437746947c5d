// C expressions compiled, once per test, into functions that run them on a
// thread (ThreadContext): every name, call and memory order is checked here,
// so a mistake is a located error when the test loads, never mid-run.

import { failAt, type SourcePos } from '../../errors.js';
import { derived, sym } from '../../exec/types.js';
import { cChildren, type CExpr } from '../../syntax/c/ast.js';
import { type CompileScope, expandMacro, inExpansion } from './expand.js';
import { binaryOperation } from './operators.js';
import { type Compiled, isPrimitiveCall, PRIMITIVES } from './primitives.js';

export type { Compiled, CompileScope };

const ZERO = sym(0n);

/** Compiles `e`. Throws LitmusError at the place of the first problem. */
export function compileExpr(e: CExpr, scope: CompileScope): Compiled {
  switch (e.kind) {
    case 'int': {
      const value = sym(e.value);
      return () => value;
    }
    case 'reg':
      return (ctx) => ctx.reg(e.name);
    case 'loc':
      return (ctx) => ctx.address(e.name);
    case 'name':
      return failAt(e.pos, `'${e.name}' has no value here`);
    case 'operator':
      return failAt(e.pos, `an operator ('${e.op}') is an argument of herd7's atomic primitives only`);
    case 'deref': {
      const address = compileExpr(e.arg, scope);
      return (ctx) => ctx.load(address(ctx), { tags: ['NA'] });
    }
    case 'addr':
      if (e.arg.kind === 'deref') return compileExpr(e.arg.arg, scope);
      return failAt(e.pos, "'&' takes the address of a location written '*p' (a parameter is already its location's address)");
    case 'unary': {
      const arg = compileExpr(e.arg, scope);
      const op = e.op;
      return (ctx) => {
        const v = arg(ctx);
        return derived(op === '-' ? -v.value : op === '~' ? ~v.value : v.value === 0n ? 1n : 0n, v);
      };
    }
    case 'binary':
      return compileBinary(e, scope);
    case 'assign':
      return compileAssign(e.target, compileExpr(e.value, scope), e.pos, scope);
    case 'call':
      return compileCall(e, scope);
  }
}

function compileBinary(e: Extract<CExpr, { kind: 'binary' }>, scope: CompileScope): Compiled {
  const left = compileExpr(e.left, scope);
  const right = compileExpr(e.right, scope);
  if (e.op === '&&' || e.op === '||') {
    // Short-circuit: the right side runs (and reads) only when the left leaves the answer open.
    const decidedBy = e.op === '&&' ? 0n : 1n;
    return (ctx) => {
      const l = left(ctx);
      if ((l.value !== 0n ? 1n : 0n) === decidedBy) return derived(decidedBy, l);
      const r = right(ctx);
      return derived(r.value !== 0n ? 1n : 0n, l, r);
    };
  }
  const apply = binaryOperation(e.op, e.pos);
  return (ctx) => {
    const l = left(ctx);
    const r = right(ctx);
    return derived(apply(l.value, r.value), l, r);
  };
}

function compileAssign(target: CExpr, value: Compiled, pos: SourcePos, scope: CompileScope): Compiled {
  if (target.kind === 'reg') {
    const name = target.name;
    return (ctx) => {
      const v = value(ctx);
      ctx.setReg(name, v);
      return v;
    };
  }
  if (target.kind === 'deref') {
    const address = compileExpr(target.arg, scope);
    return (ctx) => {
      const a = address(ctx);
      const v = value(ctx);
      ctx.store(a, v, { tags: ['NA'] });
      return v;
    };
  }
  return failAt(pos, 'the left of = must be a local or a location written *p');
}

function compileCall(e: Extract<CExpr, { kind: 'call' }>, scope: CompileScope): Compiled {
  const primitive = isPrimitiveCall(e, scope.macros) ? PRIMITIVES.get(e.name) : undefined;
  if (primitive) {
    if (primitive.arity !== e.args.length) {
      failAt(e.pos, `${e.name} takes ${primitive.arity} argument${primitive.arity === 1 ? '' : 's'}, not ${e.args.length}`);
    }
    if (primitive.annotated && e.annotation === undefined) failAt(e.pos, `${e.name} needs its annotation, e.g. ${e.name}{ONCE}(…)`);
    return primitive.compile({
      args: e.args, annotation: e.annotation ?? '', pos: e.pos, locksAsAccesses: scope.locksAsAccesses === true,
      declaredAnnotations: scope.annotations && Object.values(scope.annotations).flat(), compile: (arg) => compileExpr(arg, scope),
      warn: (message) => scope.warn?.(`${e.pos.line}:${e.pos.column}: ${message}${scope.expanding.length > 0 ? ` (in the macro ${scope.expanding[scope.expanding.length - 1]})` : ''}`),
    });
  }
  const expansion = expandMacro(e, scope);
  const macro = scope.macros.get(e.name)!;
  // A problem inside the expansion is at the call; say which macro, and where it is defined.
  const within = <T>(body: () => T): T =>
    macro.file === undefined ? body() : inExpansion(` (in the macro ${macro.name}, ${macro.file}:${macro.pos.line})`, body);
  if (expansion.kind === 'expr') return within(() => compileExpr(expansion.expr, expansion.scope));
  const steps = within(() => expansion.steps.map((step) => compileExpr(step, expansion.scope)));
  return (ctx) => {
    for (const step of steps) step(ctx);
    return ZERO;
  };
}

/** The shared locations an expression names (they need an address before anything runs). */
export function locationsIn(e: CExpr, out: Set<string> = new Set()): Set<string> {
  if (e.kind === 'loc') out.add(e.name);
  for (const child of cChildren(e)) locationsIn(child, out);
  return out;
}
