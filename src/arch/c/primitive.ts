// What every call C code may make without a .def file shares: how a call
// is compiled (Primitive), and the helpers herd7's primitives and C11's
// atomics both use.

import { failAt, type SourcePos } from '../../errors.js';
import { sym, type Sym, type ThreadContext } from '../../exec/types.js';
import type { CExpr } from '../../syntax/c/ast.js';
import { binaryOperation } from './operators.js';

/** An expression ready to run: its value, with the reads it depends on. */
export type Compiled = (ctx: ThreadContext) => Sym;

/** A call being compiled: its arguments as written, its `{annotation}` ('' if none), and a compiler for its arguments. */
export interface PrimitiveCall {
  args: readonly CExpr[];
  annotation: string;
  pos: SourcePos;
  /** Lock events as reads and writes the enumerator ties (CompileScope.locksAsAccesses), not herd7's. */
  locksAsAccesses: boolean;
  /** The annotations the model's bell declares for its instructions (any kind), or undefined when it declares none (CompileScope.annotations). */
  declaredAnnotations: readonly string[] | undefined;
  /** Takes a warning at the call (its message, without the position). */
  warn(message: string): void;
  compile(arg: CExpr): Compiled;
}

/**
 * A call C code may make: how many arguments it takes, and `compile`, which
 * checks them (LitmusError at the call) and gives the function that runs it.
 */
export interface Primitive {
  arity: number;
  /** herd7's primitives take their events' annotation in braces: `__load{ONCE}`. */
  annotated?: boolean;
  compile(call: PrimitiveCall): Compiled;
}

export const ZERO = sym(0n);
export const ONE = sym(1n);
/** Events of a read-modify-write carry RMW beside their order (the kernel's model names them so). */
export const RMW = 'RMW';

/** The address of an lvalue argument `*p` (herd7's __load and __store take one). */
export function lvalue(call: PrimitiveCall, index: number, what: string): Compiled {
  const arg = call.args[index]!;
  if (arg.kind !== 'deref') failAt(arg.pos, `${what} takes a location written *p`);
  return call.compile(arg.arg);
}

/** An operator argument of herd7's atomic primitives (`+`, `&~`). */
export function operatorArg(call: PrimitiveCall, index: number): (a: bigint, b: bigint) => bigint {
  const arg = call.args[index]!;
  if (arg.kind !== 'operator') failAt(arg.pos, 'expected an operator (+, -, &, |, ^ or &~)');
  return binaryOperation(arg.op, arg.pos);
}

/** An atomic update of `*address`: `next(old)` the value to write, or null for none; both events carry RMW beside their tags. */
export function update(
  ctx: ThreadContext, address: Sym, readTags: readonly string[], writeTags: readonly string[], next: (old: Sym) => Sym | null,
): Sym {
  return ctx.atomicUpdate(address, next, { tags: [...readTags, RMW] }, { tags: [...writeTags, RMW] });
}
