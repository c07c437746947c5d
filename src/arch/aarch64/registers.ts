// General-purpose registers: W<n> is the low half of X<n>; both are stored
// under the canonical name X<n>. Reading a W register sees the low 32 bits,
// writing one zero-extends. XZR/WZR read as zero and ignore writes.

import { derived, sym, type Sym, type ThreadContext, withValue } from '../../exec/types.js';
import { truncate } from './bits.js';

export interface Register {
  /** Canonical name: 'X0'…'X30', 'XZR', 'SP', or a symbolic register '%name'. */
  readonly name: string;
  readonly width: 32 | 64;
  /** XZR/WZR. */
  readonly zero: boolean;
}

/**
 * Parse 'W3', 'x3', 'XZR', 'wzr', 'SP', 'WSP', and herd7's symbolic registers
 * ('%r0' or 'X%r0' as 64 bits, 'W%r0' as 32: a register the test names
 * instead of numbering it); null when it is not a register.
 */
export function parseRegister(text: string): Register | null {
  const symbolic = /^([WX]?)(%[A-Za-z_][\w]*)$/i.exec(text);
  if (symbolic) return { name: symbolic[2], width: symbolic[1].toUpperCase() === 'W' ? 32 : 64, zero: false };
  const t = text.toUpperCase();
  const numbered = /^([WX])(\d{1,2})$/.exec(t);
  if (numbered) {
    const n = Number(numbered[2]);
    if (n > 30) return null;
    return { name: `X${n}`, width: numbered[1] === 'W' ? 32 : 64, zero: false };
  }
  if (t === 'XZR' || t === 'WZR') return { name: 'XZR', width: t === 'WZR' ? 32 : 64, zero: true };
  if (t === 'SP' || t === 'WSP') return { name: 'SP', width: t === 'WSP' ? 32 : 64, zero: false };
  return null;
}

/** The canonical name of a register as written (`W3` → `X3`), or null. */
export function canonicalRegister(name: string): string | null {
  return parseRegister(name)?.name ?? null;
}

/** The same register viewed at another width (W3 ↔ X3). */
export function resized(r: Register, width: 32 | 64): Register {
  return { ...r, width };
}

/**
 * A register's value at its width (a W register: the low 32 bits), with its
 * dependencies; XZR/WZR read as 0.
 */
export function readRegister(ctx: ThreadContext, r: Register): Sym {
  if (r.zero) return sym(0n);
  const full = ctx.reg(r.name);
  return r.width === 64 ? full : derived(truncate(full.value, 32), full);
}

/**
 * Writes a register: truncated to its width (a W write zero-extends); writes to
 * XZR/WZR are dropped.
 */
export function writeRegister(ctx: ThreadContext, r: Register, value: Sym): void {
  if (r.zero) return;
  ctx.setReg(r.name, withValue(value, truncate(value.value, r.width)));
}
