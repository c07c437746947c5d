// Operands of the x86 family, independent of how they are written: Intel
// (`[x]`, `EAX`, `$1`) and AT&T (`(x)`, `%eax`, `$1`) parse to the same shapes,
// and one set of semantics reads and writes them through the ThreadContext.

import type { SourcePos } from '../../errors.js';
import { type AccessOptions, derived, type Sym, sym, type ThreadContext } from '../../exec/types.js';

/** Operand size in bits. */
export type Width = 8 | 16 | 32 | 64;

export interface RegisterOperand {
  kind: 'reg';
  /** Canonical register name, as ctx.reg expects it. */
  reg: string;
  width: Width;
}

export interface ImmediateOperand {
  kind: 'imm';
  value: bigint;
}

/** A register that takes part in an address, multiplied by its scale (1, 2, 4 or 8). */
export interface AddressRegister {
  /** Canonical register name. */
  reg: string;
  scale: bigint;
}

/** A memory operand: the sum of an optional location's address, scaled registers and a constant. */
export interface MemoryOperand {
  kind: 'mem';
  location?: string;
  registers: AddressRegister[];
  offset: bigint;
  /** Access size when the syntax fixes it (an AT&T suffix); otherwise taken from the other operand. */
  width?: Width;
}

/** A bare name: a branch target. */
export interface LabelOperand {
  kind: 'label';
  name: string;
}

export type Operand = RegisterOperand | ImmediateOperand | MemoryOperand | LabelOperand;

/** An operand with where it was written, for error messages. */
export interface Located<T> {
  operand: T;
  pos: SourcePos;
}

/** The operands an instruction can read a value from. */
export type ValueOperand = RegisterOperand | ImmediateOperand | MemoryOperand;
/** The operands an instruction can write to. */
export type TargetOperand = RegisterOperand | MemoryOperand;

/**
 * A memory operand's address: location + registers × scale + displacement,
 * depending on the registers read.
 */
export function effectiveAddress(ctx: ThreadContext, mem: MemoryOperand): Sym {
  const parts: Sym[] = mem.registers.map((r) => ctx.reg(r.reg));
  let sum = mem.registers.reduce((total, r, i) => total + parts[i].value * r.scale, mem.offset);
  if (mem.location !== undefined) {
    const base = ctx.address(mem.location);
    parts.push(base);
    sum += base.value;
  }
  return derived(sum, ...parts);
}

/** The options of an access of `width` bits with these annotations. */
export function accessOptions(width: Width, tags: readonly string[] = []): AccessOptions {
  return tags.length > 0 ? { size: width / 8, tags } : { size: width / 8 };
}

/** Reads a value operand; `width` is the instruction's operand size (for the access size of a load). */
export function readOperand(ctx: ThreadContext, operand: ValueOperand, width: Width): Sym {
  switch (operand.kind) {
    case 'imm':
      return sym(operand.value);
    case 'reg':
      return ctx.reg(operand.reg);
    case 'mem':
      return ctx.load(effectiveAddress(ctx, operand), accessOptions(width));
  }
}

/** Writes `value` to a register or (a store of `width` bits) to memory. */
export function writeOperand(ctx: ThreadContext, operand: TargetOperand, value: Sym, width: Width): void {
  if (operand.kind === 'reg') ctx.setReg(operand.reg, value);
  else ctx.store(effectiveAddress(ctx, operand), value, accessOptions(width));
}
