// Armv8 code for C operations, read off an Aarch64Table (targets.ts): the
// table names the instructions; this file writes their operands.

import { failAt } from '../errors.js';
import type { Address, Backend, Comparison, GenContext, Value } from './backend.js';
import type { FenceKind, Order, RmwOperator } from './ops.js';
import type { Aarch64Table } from './targets.js';

type Reg = Extract<Value, { kind: 'reg' }>;

/** The data-processing instruction of each C operator (`&~` is BIC). */
const ALU: Readonly<Record<string, string>> = { '+': 'ADD', '-': 'SUB', '|': 'ORR', '&': 'AND', '^': 'EOR', '&~': 'BIC', '*': 'MUL', '<<': 'LSL', '>>': 'ASR', '/': 'SDIV' };
/** The condition of B.cond that holds when `left cmp right` (after CMP left,right). */
const CONDITION: Readonly<Record<Comparison, string>> = { '==': 'EQ', '!=': 'NE', '<': 'LT', '<=': 'LE', '>': 'GT', '>=': 'GE' };
/** LSE's instruction for each operator, applied to the operand as given or after NEG/MVN. */
const LSE_OPS: Readonly<Record<string, { op: string; prepare?: 'NEG' | 'MVN' }>> = {
  '+': { op: 'ADD' }, '-': { op: 'ADD', prepare: 'NEG' }, '|': { op: 'SET' }, '^': { op: 'EOR' }, '&~': { op: 'CLR' }, '&': { op: 'CLR', prepare: 'MVN' },
};

export class Aarch64Backend implements Backend {
  readonly arch = 'AArch64';
  readonly addressesInRegisters = true;
  readonly firstRegister = 0;
  readonly registerCount = 29;

  constructor(private readonly table: Aarch64Table, private readonly target: string) {}

  registerName(reg: Reg): string {
    return `${reg.wide ? 'X' : 'W'}${reg.n}`;
  }

  stateName(n: number): string {
    return `X${n}`;
  }

  /** The register a value is in, moving a constant or an address into a fresh one. */
  private inRegister(ctx: GenContext, value: Value, wide = false): Reg {
    if (value.kind === 'reg') return value;
    const reg = ctx.temp(wide || value.kind === 'address');
    this.move(ctx, reg, value);
    return reg;
  }

  /** `[Xn]` for an address. */
  private memory(ctx: GenContext, address: Address): string {
    return `[X${address.kind === 'loc' ? ctx.addressRegister(address.loc) : address.n}]`;
  }

  private missing(ctx: GenContext, what: string): never {
    return failAt(ctx.pos, `${what} has no entry in the ${this.target} table`);
  }

  move(ctx: GenContext, dst: Reg, src: Value): void {
    if (src.kind === 'imm') ctx.emit(`MOV ${this.registerName(dst)},#${src.value}`);
    else if (src.kind === 'address') ctx.emit(`MOV X${dst.n},X${ctx.addressRegister(src.loc)}`);
    else if (src.n !== dst.n) ctx.emit(`MOV ${this.registerName(dst)},${this.registerName({ ...src, wide: dst.wide })}`);
  }

  load(ctx: GenContext, order: Order, address: Address, dst: Reg): void {
    const mnemonic = this.table.load[order] ?? this.missing(ctx, `a ${order} load`);
    ctx.emit(`${mnemonic} ${this.registerName(dst)},${this.memory(ctx, address)}`);
  }

  store(ctx: GenContext, order: Order, address: Address, value: Value): void {
    const mnemonic = this.table.store[order] ?? this.missing(ctx, `a ${order} store`);
    const reg = this.inRegister(ctx, value);
    ctx.emit(`${mnemonic} ${this.registerName(reg)},${this.memory(ctx, address)}`);
  }

  fence(ctx: GenContext, fence: FenceKind): void {
    const instructions = this.table.fence[fence] ?? this.missing(ctx, `a ${fence} fence`);
    for (const instruction of instructions) ctx.emit(instruction);
  }

  rmw(ctx: GenContext, order: Order, address: Address, operand: Value, operator: RmwOperator, result: 'old' | 'new' | 'none', wide: boolean): Reg | undefined {
    // Every register of the access has the location's width (X for one holding an address).
    const value: Reg = { ...this.inRegister(ctx, operand, wide), wide };
    const memory = this.memory(ctx, address);
    const old = ctx.temp(wide);
    if (this.table.rmw.kind === 'llsc') {
      const form = this.table.rmw.forms[order] ?? this.missing(ctx, `a ${order} read-modify-write`);
      const status = ctx.temp();
      ctx.emit(`${form.load} ${this.registerName(old)},${memory}`);
      let written = value;
      if (operator !== null) {
        written = ctx.temp(wide);
        ctx.emit(`${ALU[operator]} ${this.registerName(written)},${this.registerName(old)},${this.registerName(value)}`);
      }
      // The loop's retry is left out: an execution whose store-exclusive fails leaves the thread (its status stays
      // non-zero), and the filter drops it: it is no execution of the C code.
      ctx.emit(`${form.store} ${this.registerName(status)},${this.registerName(written)},${memory}`);
      ctx.emit(`CBNZ ${this.registerName(status)},${ctx.exitLabel()}`);
      ctx.mustBeZero(status);
      if (form.after) ctx.emit(form.after);
      return result === 'old' ? old : result === 'new' ? written : undefined;
    }
    const suffix = this.table.rmw.suffix[order] ?? this.missing(ctx, `a ${order} read-modify-write`);
    if (operator === null) {
      ctx.emit(`SWP${suffix} ${this.registerName(value)},${this.registerName(old)},${memory}`);
      return result === 'none' ? undefined : old;
    }
    const lse = LSE_OPS[operator] ?? this.missing(ctx, `the operator ${operator}`);
    let source = value;
    if (lse.prepare) {
      source = ctx.temp(wide);
      ctx.emit(`${lse.prepare} ${this.registerName(source)},${this.registerName(value)}`);
    }
    if (result === 'none' && (suffix === '' || suffix === 'L')) {
      // No result and no acquire: the store form (the kernel's atomic_inc on LSE is STADD).
      ctx.emit(`ST${lse.op}${suffix} ${this.registerName(source)},${memory}`);
      return undefined;
    }
    ctx.emit(`LD${lse.op}${suffix} ${this.registerName(source)},${this.registerName(old)},${memory}`);
    if (result !== 'new') return result === 'old' ? old : undefined;
    const updated = ctx.temp(wide);
    ctx.emit(`${ALU[operator]} ${this.registerName(updated)},${this.registerName(old)},${this.registerName(value)}`);
    return updated;
  }

  cas(ctx: GenContext, order: Order, address: Address, expected: Value, desired: Value, wide: boolean): Reg {
    const memory = this.memory(ctx, address);
    const wanted: Reg = { ...this.inRegister(ctx, expected, wide), wide };
    const replacement: Reg = { ...this.inRegister(ctx, desired, wide), wide };
    const old = ctx.temp(wide);
    if (this.table.rmw.kind === 'lse') {
      const suffix = this.table.rmw.suffix[order] ?? this.missing(ctx, `a ${order} compare-and-swap`);
      this.move(ctx, old, wanted);
      ctx.emit(`CAS${suffix} ${this.registerName(old)},${this.registerName(replacement)},${memory}`);
      return old;
    }
    const form = this.table.rmw.forms[order] ?? this.missing(ctx, `a ${order} compare-and-swap`);
    const status = ctx.temp();
    const fail = ctx.label('casfail');
    ctx.emit(`${form.load} ${this.registerName(old)},${memory}`);
    ctx.emit(`CMP ${this.registerName(old)},${this.registerName(wanted)}`);
    ctx.emit(`B.NE ${fail}`);
    ctx.emit(`${form.store} ${this.registerName(status)},${this.registerName(replacement)},${memory}`);
    ctx.emit(`CBNZ ${this.registerName(status)},${ctx.exitLabel()}`);
    ctx.mustBeZero(status);
    // A failed cmpxchg skips the barrier (arm64's cmpxchg.h): it orders nothing.
    if (form.after) ctx.emit(form.after);
    ctx.place(fail);
    return old;
  }

  binary(ctx: GenContext, op: string, dst: Reg, left: Value, right: Value): void {
    const l = this.inRegister(ctx, left);
    const comparison = CONDITION[op as Comparison];
    if (comparison !== undefined) {
      ctx.emit(`CMP ${this.registerName(l)},${this.operand(ctx, right)}`);
      ctx.emit(`CSET ${this.registerName(dst)},${comparison}`);
      return;
    }
    const mnemonic = ALU[op] ?? this.missing(ctx, `the operator ${op}`);
    // ADD and SUB take a small immediate; the logical ones only bit patterns, so their constants go in a register.
    const r = (op === '+' || op === '-') ? this.operand(ctx, right) : this.registerName(this.inRegister(ctx, right));
    ctx.emit(`${mnemonic} ${this.registerName(dst)},${this.registerName(l)},${r}`);
  }

  /** A second operand: `#imm` when CMP/ADD/SUB can take it (0 to 4095), else a register. */
  private operand(ctx: GenContext, value: Value): string {
    if (value.kind === 'imm' && value.value >= 0n && value.value <= 4095n) return `#${value.value}`;
    return this.registerName(this.inRegister(ctx, value));
  }

  branchIf(ctx: GenContext, cmp: Comparison, left: Value, right: Value, label: string): void {
    const l = this.inRegister(ctx, left);
    if (right.kind === 'imm' && right.value === 0n && (cmp === '==' || cmp === '!=')) {
      ctx.emit(`${cmp === '==' ? 'CBZ' : 'CBNZ'} ${this.registerName(l)},${label}`);
      return;
    }
    ctx.emit(`CMP ${this.registerName(l)},${this.operand(ctx, right)}`);
    ctx.emit(`B.${CONDITION[cmp]} ${label}`);
  }

  jump(ctx: GenContext, label: string): void {
    ctx.emit(`B ${label}`);
  }
}
