// The calls C code may make without a .def file: C11's atomics
// (c11-atomics.ts) and herd7's primitives (herd-primitives.ts), by name.

import { C11_ATOMICS } from './c11-atomics.js';
import { HERD_PRIMITIVES, LOCK_TAGS } from './herd-primitives.js';
import { type Primitive, RMW } from './primitive.js';

export type { Compiled, Primitive, PrimitiveCall } from './primitive.js';

/** Every call C code may make without a .def file, by name. */
export const PRIMITIVES: ReadonlyMap<string, Primitive> = new Map<string, Primitive>([...HERD_PRIMITIVES, ...C11_ATOMICS]);

/** The names of C11's atomics (a test calling one is a C11 test). */
export const C11_NAMES: ReadonlySet<string> = new Set(C11_ATOMICS.map(([name]) => name));

/** Every annotation the C primitives themselves put on events (a .def file's add their own). */
export const PRIMITIVE_TAGS = [RMW, ...LOCK_TAGS] as const;
