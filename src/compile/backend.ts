// What a target's code generator offers the walk over C code (codegen.ts):
// values in registers, and one method per kind of operation, each writing
// the target's instructions through `emit`.

import type { SourcePos } from '../errors.js';
import type { FenceKind, Order, RmwOperator } from './ops.js';

/** A value during code generation: in a register (numbered; `wide` holds a pointer), a constant, or a location's address. */
export type Value =
  | { kind: 'reg'; n: number; wide: boolean }
  | { kind: 'imm'; value: bigint }
  | { kind: 'address'; loc: string };

/** Where a memory access goes: a location, or the address a register holds. */
export type Address = { kind: 'loc'; loc: string } | { kind: 'reg'; n: number };

/** The comparison of a branch, as C writes it. */
export type Comparison = '==' | '!=' | '<' | '<=' | '>' | '>=';

/** What a backend needs from the walk: registers, labels, and where instructions go. */
export interface GenContext {
  /** A fresh register for an intermediate value. */
  temp(wide?: boolean): Extract<Value, { kind: 'reg' }>;
  /** A fresh label of the thread's code. */
  label(kind: string): string;
  /** Appends an instruction; `labels` stand before it. */
  emit(text: string): void;
  /** Puts `label` before the next instruction. */
  place(label: string): void;
  /** A register that must hold 0 at the end of every execution kept (a store-exclusive's status): the test's filter says so. */
  mustBeZero(reg: Extract<Value, { kind: 'reg' }>): void;
  /**
   * The label at the end of the thread: a failed store-exclusive jumps
   * there, so its status stays non-zero and the filter drops the execution
   * (a retry loop's later success must not hide an attempt that failed).
   */
  exitLabel(): string;
  /** The register a location's address is in (AArch64: one the init block sets). */
  addressRegister(loc: string): number;
  /** Where the C statement being compiled is, for located errors. */
  readonly pos: SourcePos;
}

export interface Backend {
  readonly arch: 'AArch64' | 'X86';
  /** A register's name in instructions (`W3`, `X3`, `EBX`). */
  registerName(reg: Extract<Value, { kind: 'reg' }>): string;
  /** Its name in the init block and the condition (`X3`, `EBX`). */
  stateName(n: number): string;
  /** Whether locations' addresses are held in registers the init block sets (AArch64), rather than named in operands (x86). */
  readonly addressesInRegisters: boolean;
  /** The first register numbers the walk may give out (x86 keeps EAX for CMPXCHG). */
  readonly firstRegister: number;
  /** How many registers a thread may use. */
  readonly registerCount: number;
  move(ctx: GenContext, dst: Extract<Value, { kind: 'reg' }>, src: Value): void;
  load(ctx: GenContext, order: Order, address: Address, dst: Extract<Value, { kind: 'reg' }>): void;
  store(ctx: GenContext, order: Order, address: Address, value: Value): void;
  fence(ctx: GenContext, fence: FenceKind): void;
  /** A read-modify-write (`wide`: of a location holding an address); gives the register holding `result`'s value (undefined for 'none'). */
  rmw(
    ctx: GenContext, order: Order, address: Address, operand: Value, operator: RmwOperator, result: 'old' | 'new' | 'none', wide: boolean,
  ): Extract<Value, { kind: 'reg' }> | undefined;
  /** The kernel's cmpxchg (`wide`: of a location holding an address): gives the register holding the old value. */
  cas(ctx: GenContext, order: Order, address: Address, expected: Value, desired: Value, wide: boolean): Extract<Value, { kind: 'reg' }>;
  /** dst = left op right, for C's arithmetic and bitwise operators and comparisons (1 or 0). */
  binary(ctx: GenContext, op: string, dst: Extract<Value, { kind: 'reg' }>, left: Value, right: Value): void;
  /** Jump to `label` when `left cmp right` holds. */
  branchIf(ctx: GenContext, cmp: Comparison, left: Value, right: Value, label: string): void;
  jump(ctx: GenContext, label: string): void;
}
