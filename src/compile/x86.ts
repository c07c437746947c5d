// x86 code (Intel syntax, herd7's X86 tests) for C operations, read off an
// X86Table (targets.ts). EAX is kept for CMPXCHG, which compares with it.
// herd7's X86 grammar (lib/X86Parser.mly) has MOV, ADD, OR, XOR, CMP, INC,
// DEC, XCHG, CMPXCHG, LOCK, the fences and JE/JNE/JMP: what needs another
// instruction (SUB, AND, XADD, JL…) is a located error, so that every test
// this writes is one herd7 reads too.

import { failAt } from '../errors.js';
import type { Address, Backend, Comparison, GenContext, Value } from './backend.js';
import type { FenceKind, Order, RmwOperator } from './ops.js';
import type { X86Table } from './targets.js';

type Reg = Extract<Value, { kind: 'reg' }>;

const REGISTERS = ['EAX', 'EBX', 'ECX', 'EDX', 'ESI', 'EDI'];
/** The operators herd7's X86 has an instruction for. */
const ALU: Readonly<Record<string, string>> = { '+': 'ADD', '|': 'OR', '^': 'XOR' };
/** The jumps herd7's X86 has: taken when `left cmp right` (after CMP left,right). */
const JUMP: Readonly<Partial<Record<Comparison, string>>> = { '==': 'JE', '!=': 'JNE' };

export class X86Backend implements Backend {
  readonly arch = 'X86';
  readonly addressesInRegisters = false;
  readonly firstRegister = 1;
  readonly registerCount = REGISTERS.length;

  constructor(private readonly table: X86Table, private readonly target: string) {}

  registerName(reg: Reg): string {
    return REGISTERS[reg.n]!;
  }

  stateName(n: number): string {
    return REGISTERS[n]!;
  }

  private missing(ctx: GenContext, what: string): never {
    return failAt(ctx.pos, `${what} has no entry in the ${this.target} table`);
  }

  /** `[x]` or `[EBX]`. */
  private memory(address: Address): string {
    return address.kind === 'loc' ? `[${address.loc}]` : `[${REGISTERS[address.n]}]`;
  }

  /** A source operand: `$imm`, a register, or a location's address (`$x` is no operand herd7 reads: it goes through a register). */
  private source(ctx: GenContext, value: Value): string {
    if (value.kind === 'imm') return `$${value.value}`;
    if (value.kind === 'reg') return this.registerName(value);
    return this.registerName(this.inRegister(ctx, value));
  }

  private inRegister(ctx: GenContext, value: Value): Reg {
    if (value.kind === 'reg') return value;
    const reg = ctx.temp();
    this.move(ctx, reg, value);
    return reg;
  }

  move(ctx: GenContext, dst: Reg, src: Value): void {
    if (src.kind === 'address') return this.missing(ctx, "a location's address as a value");
    if (src.kind === 'reg' && src.n === dst.n) return;
    ctx.emit(`MOV ${this.registerName(dst)},${this.source(ctx, src)}`);
  }

  load(ctx: GenContext, _order: Order, address: Address, dst: Reg): void {
    // x86-TSO: every load is a MOV, whatever its order.
    ctx.emit(`MOV ${this.registerName(dst)},${this.memory(address)}`);
  }

  store(ctx: GenContext, order: Order, address: Address, value: Value): void {
    if (!this.table.exchangeStores.includes(order)) {
      ctx.emit(`MOV ${this.memory(address)},${this.source(ctx, value)}`);
      return;
    }
    const reg = ctx.temp();
    this.move(ctx, reg, value);
    ctx.emit(`XCHG ${this.memory(address)},${this.registerName(reg)}`);
  }

  fence(ctx: GenContext, fence: FenceKind): void {
    const instruction = this.table.fences[fence];
    if (instruction) ctx.emit(instruction);
  }

  rmw(ctx: GenContext, _order: Order, address: Address, operand: Value, operator: RmwOperator, result: 'old' | 'new' | 'none'): Reg | undefined {
    const memory = this.memory(address);
    // Subtracting a constant is adding its negation (herd7's X86 has no SUB).
    if (result === 'none' && operator === '-' && operand.kind === 'imm') return this.rmw(ctx, _order, address, { kind: 'imm', value: -operand.value }, '+', result);
    if (result === 'none' && operator !== null) {
      const op = this.table.lockedOps[operator] ?? this.missing(ctx, `LOCK with the operator ${operator}`);
      ctx.emit(`LOCK ${op} ${memory},${this.source(ctx, operand)}`);
      return undefined;
    }
    if (operator !== null) {
      return this.missing(ctx, `a read-modify-write with ${operator} whose result is used (it needs XADD or a CMPXCHG loop, which herd7's X86 does not have)`);
    }
    const old = ctx.temp();
    this.move(ctx, old, operand);
    ctx.emit(`XCHG ${memory},${this.registerName(old)}`);
    return old;
  }

  cas(ctx: GenContext, _order: Order, address: Address, expected: Value, desired: Value): Reg {
    const eax: Reg = { kind: 'reg', n: 0, wide: false };
    const replacement = this.inRegister(ctx, desired);
    ctx.emit(`MOV EAX,${this.source(ctx, expected)}`);
    ctx.emit(`LOCK CMPXCHG ${this.memory(address)},${this.registerName(replacement)}`);
    const old = ctx.temp();
    this.move(ctx, old, eax);
    return old;
  }

  binary(ctx: GenContext, op: string, dst: Reg, left: Value, right: Value): void {
    // `a - c` with a constant is `a + (-c)`; any other operator herd7's X86 lacks is no entry.
    if (op === '-' && right.kind === 'imm') return this.binary(ctx, '+', dst, left, { kind: 'imm', value: -right.value });
    const mnemonic = ALU[op] ?? this.missing(ctx, `the operator ${op} in a value (herd7's X86 has ADD, OR and XOR; a comparison is taken in an if or while only)`);
    // Two operands: dst = left, then dst op= right. When dst is right's register, the operation is done on a copy.
    if (right.kind === 'reg' && right.n === dst.n && !(left.kind === 'reg' && left.n === dst.n)) {
      const copy = ctx.temp();
      this.binary(ctx, op, copy, left, right);
      this.move(ctx, dst, copy);
      return;
    }
    const r = this.source(ctx, right);
    this.move(ctx, dst, left);
    ctx.emit(`${mnemonic} ${this.registerName(dst)},${r}`);
  }

  branchIf(ctx: GenContext, cmp: Comparison, left: Value, right: Value, label: string): void {
    const jump = JUMP[cmp] ?? this.missing(ctx, `the comparison ${cmp} in a branch (herd7's X86 has JE and JNE only)`);
    const l = this.inRegister(ctx, left);
    ctx.emit(`CMP ${this.registerName(l)},${this.source(ctx, right)}`);
    ctx.emit(`${jump} ${label}`);
  }

  jump(ctx: GenContext, label: string): void {
    ctx.emit(`JMP ${label}`);
  }
}
