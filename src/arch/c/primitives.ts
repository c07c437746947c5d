// The calls C code may make without a .def file: C11's atomics
// (c11-atomics.ts) and herd7's primitives (herd-primitives.ts), by name.

import { C11_ATOMICS } from './c11-atomics.js';
import { HERD_PRIMITIVES, LOCK_TAGS } from './herd-primitives.js';
import type { MacroTable } from '../../exec/types.js';
import type { CExpr } from '../../syntax/c/ast.js';
import { setKnownCalls } from './expand.js';
import { type Primitive, RMW } from './primitive.js';

export type { Compiled, Primitive, PrimitiveCall } from './primitive.js';

/** Every call C code may make without a .def file, by name. */
export const PRIMITIVES: ReadonlyMap<string, Primitive> = new Map<string, Primitive>([...HERD_PRIMITIVES, ...C11_ATOMICS]);

setKnownCalls([...PRIMITIVES.keys()]);

/** The names of C11's atomics (a test calling one is a C11 test). */
export const C11_NAMES: ReadonlySet<string> = new Set(C11_ATOMICS.map(([name]) => name));

/**
 * Whether a call is a primitive rather than a macro of the .def file. The
 * kernel names some of its atomics as C11 does, with the arguments the other
 * way round (C11's atomic_fetch_add(obj, arg), the kernel's
 * atomic_fetch_add(i, v)): such a call is the kernel's macro when its second
 * argument is a location or an address, C11's otherwise.
 */
export function isPrimitiveCall(e: Extract<CExpr, { kind: 'call' }>, macros: MacroTable): boolean {
  if (!PRIMITIVES.has(e.name)) return false;
  if (!C11_NAMES.has(e.name) || !macros.has(e.name)) return true;
  const second = e.args[1];
  return !(second !== undefined && (second.kind === 'loc' || second.kind === 'addr'));
}

/** Every annotation the C primitives themselves put on events (a .def file's add their own). */
export const PRIMITIVE_TAGS = [RMW, ...LOCK_TAGS] as const;
