// The walk over a C thread's flat steps (syntax/c/lower.ts) that writes a
// target's instructions: locals get registers, each C statement's
// instructions carry its text as a comment, macros are expanded, and every
// call is an operation (ops.ts) the target's table maps.

import { failAt, type SourcePos } from '../errors.js';
import type { ThreadCode } from '../syntax/ast.js';
import { cChildren, type CExpr } from '../syntax/c/ast.js';
import { type CompileScope, expandMacro, inExpansion } from '../arch/c/expand.js';
import { locationsIn } from '../arch/c/compile.js';
import { isPrimitiveCall } from '../arch/c/primitives.js';
import type { Address, Backend, Comparison, GenContext, Value } from './backend.js';
import { primitiveOp } from './ops.js';

type Reg = Extract<Value, { kind: 'reg' }>;

/** The locals an expression names, left to right. */
function localsIn(e: CExpr, out: string[] = []): string[] {
  if (e.kind === 'reg' && !out.includes(e.name)) out.push(e.name);
  for (const child of cChildren(e)) localsIn(child, out);
  return out;
}

/** One row of a thread's column: an instruction (or '' for labels alone), the labels before it, the C statement it starts. */
export interface Row {
  labels: string[];
  text: string;
  comment?: string;
}

/** A thread compiled: its rows, what its init block sets, the C locals' registers and the registers that must end 0. */
export interface CompiledThread {
  rows: Row[];
  /** Location → the register holding its address (AArch64). */
  addressRegisters: Map<string, number>;
  /** C local → register number. */
  locals: Map<string, number>;
  mustBeZero: number[];
}

const COMPARISONS = new Set(['==', '!=', '<', '<=', '>', '>=']);
const NEGATED: Readonly<Record<Comparison, Comparison>> = { '==': '!=', '!=': '==', '<': '>=', '<=': '>', '>': '<=', '>=': '<' };

/**
 * Compiles one C thread for `backend`. `pointerLocations` hold addresses
 * (their loads are 8 bytes wide). Throws LitmusError at the C statement for
 * what the target's table does not map, or when registers run out.
 */
export function compileThread(code: ThreadCode, backend: Backend, scope: CompileScope, pointerLocations: ReadonlySet<string>): CompiledThread {
  return new ThreadCompiler(code, backend, scope, pointerLocations).run();
}

class ThreadCompiler implements GenContext {
  private readonly rows: Row[] = [];
  private pendingLabels: string[] = [];
  private pendingComment: string | undefined;
  private readonly locals = new Map<string, number>();
  private readonly addressRegisters = new Map<string, number>();
  private readonly zero: number[] = [];
  private nextRegister: number;
  private labels = 0;
  /** Registers below this one live across statements (locals, addresses, store-exclusive statuses); temporaries start here again at each statement. */
  private persistentTop: number;
  /** The label at the end of the thread, once a failed store-exclusive jumps there. */
  private exit: string | undefined;
  pos: SourcePos;

  constructor(
    private readonly code: ThreadCode,
    private readonly backend: Backend,
    private scope: CompileScope,
    private readonly pointerLocations: ReadonlySet<string>,
  ) {
    this.nextRegister = backend.firstRegister;
    this.persistentTop = backend.firstRegister;
    this.pos = code.pos;
  }

  run(): CompiledThread {
    // The C locals first, in the order the code names them: r0 in the lowest registers, temporaries after.
    const steps = this.code.cells.flatMap((cell) => (cell.c && cell.c.kind !== 'goto' ? [cell.c.kind === 'eval' ? cell.c.expr : cell.c.cond] : []));
    for (const expr of steps) for (const name of localsIn(expr)) this.local(name);
    // Address registers hold their location from the thread's start (the init block sets them): no statement's temporary may be one.
    if (this.backend.addressesInRegisters) for (const expr of steps) for (const loc of locationsIn(expr)) this.addressRegister(loc);
    for (const cell of this.code.cells) {
      this.pendingLabels.push(...cell.labels.map((l) => this.asmLabel(l)));
      const step = cell.c;
      if (!step) continue;
      this.pos = cell.pos;
      // A statement's temporaries are dead after it: the next one reuses their registers.
      this.nextRegister = this.persistentTop;
      // herd7's comments nest: `(*x` inside one would open another.
      this.pendingComment = cell.text.replace(/\*\)/g, '* )').replace(/\(\*/g, '( *');
      const before = this.rows.length;
      switch (step.kind) {
        case 'eval':
          this.effect(step.expr);
          // A statement that is no instruction here (smp_rmb() on x86, barrier()) says so, rather than vanish.
          if (this.rows.length === before) this.rows.push({ labels: [], text: '', comment: `${this.pendingComment ?? cell.text} (no instruction on ${this.backend.arch})` });
          this.pendingComment = undefined;
          break;
        case 'branchUnless': this.branch(step.cond, this.asmLabel(step.label), false); break;
        case 'branchIf': this.branch(step.cond, this.asmLabel(step.label), true); break;
        case 'goto': this.backend.jump(this, this.asmLabel(step.label)); break;
      }
    }
    if (this.exit !== undefined) this.pendingLabels.push(this.exit);
    if (this.pendingLabels.length > 0) this.rows.push({ labels: this.pendingLabels, text: '' });
    return { rows: this.rows, addressRegisters: this.addressRegisters, locals: this.locals, mustBeZero: this.zero };
  }

  /** A label of the C front end (`else#0`) as an assembly label. */
  private asmLabel(label: string): string {
    return `L${label.replace('#', '')}`;
  }

  // ---- GenContext -----------------------------------------------------------

  temp(wide = false): Reg {
    if (this.nextRegister >= this.backend.registerCount) failAt(this.pos, `P${this.code.id} needs more than ${this.backend.registerCount - this.backend.firstRegister} registers on ${this.backend.arch}`);
    return { kind: 'reg', n: this.nextRegister++, wide };
  }

  label(kind: string): string {
    return `L${kind}${this.labels++}`;
  }

  emit(text: string): void {
    this.rows.push({ labels: this.pendingLabels, text, ...(this.pendingComment !== undefined ? { comment: this.pendingComment } : {}) });
    this.pendingLabels = [];
    this.pendingComment = undefined;
  }

  place(label: string): void {
    this.pendingLabels.push(label);
  }

  mustBeZero(reg: Reg): void {
    this.zero.push(reg.n);
    this.persist(reg.n);
  }

  exitLabel(): string {
    this.exit ??= 'Lexit';
    return this.exit;
  }

  addressRegister(loc: string): number {
    let n = this.addressRegisters.get(loc);
    if (n === undefined) {
      n = this.temp(true).n;
      this.addressRegisters.set(loc, n);
      this.persist(n);
    }
    return n;
  }

  /** Keeps register `n` (and those below it) out of later statements' temporaries. */
  private persist(n: number): void {
    this.persistentTop = Math.max(this.persistentTop, n + 1);
  }

  // ---- the walk --------------------------------------------------------------

  /** A local's register, given on first use; a pointer-typed local's is wide. */
  private local(name: string): Reg {
    const wide = (this.code.cTypes?.[name] ?? '').includes('*');
    let n = this.locals.get(name);
    if (n === undefined) {
      n = this.temp(wide).n;
      this.locals.set(name, n);
      this.persist(n);
    }
    return { kind: 'reg', n, wide };
  }

  /** Where `e` points: a location (a parameter), or the address a register holds. */
  private address(e: CExpr): Address {
    if (e.kind === 'loc') return { kind: 'loc', loc: e.name };
    const v = this.value(e);
    if (v.kind === 'address') return { kind: 'loc', loc: v.loc };
    if (v.kind === 'reg') return { kind: 'reg', n: v.n };
    return failAt(e.pos, 'a constant is no address here');
  }

  /** Whether a load through `e` reads a pointer (8 bytes): from a location that holds one. */
  private loadsPointer(e: CExpr): boolean {
    return e.kind === 'loc' && this.pointerLocations.has(e.name);
  }

  /** Compiles `e` for its effect; its value, if any, is dropped. */
  private effect(e: CExpr): void {
    if (e.kind === 'assign') {
      this.assign(e.target, e.value);
      return;
    }
    this.value(e, true);
  }

  private assign(target: CExpr, value: CExpr): void {
    if (target.kind === 'reg') {
      const dst = this.local(target.name);
      const v = this.value(value, false, dst);
      this.backend.move(this, dst, v.kind === 'reg' ? { ...v, wide: dst.wide } : v);
      return;
    }
    if (target.kind === 'deref') {
      const address = this.address(target.arg);
      this.backend.store(this, 'plain', address, this.value(value));
      return;
    }
    failAt(target.pos, 'the left of = must be a local or a location written *p');
  }

  /**
   * Compiles `e`, giving where its value is; `dropped`: a call's value is
   * not needed; `into`: the register it is wanted in (a load goes straight there).
   */
  private value(e: CExpr, dropped = false, into?: Reg): Value {
    const result = (wide: boolean): Reg => (into && into.wide === wide ? into : this.temp(wide));
    switch (e.kind) {
      case 'int': return { kind: 'imm', value: e.value };
      case 'reg': return this.local(e.name);
      case 'loc': return { kind: 'address', loc: e.name };
      case 'deref': {
        const dst = result(this.loadsPointer(e.arg));
        this.backend.load(this, 'plain', this.address(e.arg), dst);
        return dst;
      }
      case 'addr':
        if (e.arg.kind === 'deref') return this.value(e.arg.arg);
        return failAt(e.pos, "'&' takes the address of a location written '*p'");
      case 'unary': {
        const dst = this.temp();
        if (e.op === '-') this.backend.binary(this, '-', dst, { kind: 'imm', value: 0n }, this.value(e.arg));
        else if (e.op === '!') this.backend.binary(this, '==', dst, this.value(e.arg), { kind: 'imm', value: 0n });
        else this.backend.binary(this, '^', dst, this.value(e.arg), { kind: 'imm', value: -1n });
        return dst;
      }
      case 'binary': {
        if (e.op === '&&' || e.op === '||') return failAt(e.pos, `'${e.op}' is compiled only as an if's or while's condition`);
        const left = this.value(e.left);
        const right = this.value(e.right);
        const dst = result(false);
        this.backend.binary(this, e.op, dst, left, right);
        return dst;
      }
      case 'assign':
        this.assign(e.target, e.value);
        return this.value(e.target.kind === 'reg' ? e.target : { kind: 'int', value: 0n, pos: e.pos });
      case 'call':
        return this.call(e, dropped, into);
      default:
        return failAt(e.pos, 'this expression cannot be compiled here');
    }
  }

  private call(e: Extract<CExpr, { kind: 'call' }>, dropped: boolean, into?: Reg): Value {
    const op = isPrimitiveCall(e, this.scope.macros) ? primitiveOp(e) : undefined;
    const none: Value = { kind: 'imm', value: 0n };
    if (op === undefined) {
      const expansion = expandMacro(e, this.scope);
      // A problem inside the expansion names the call the user wrote, not only the primitive it became.
      const within = <T>(body: () => T): T => inExpansion(` (in ${e.name})`, () => this.withScope(expansion.scope, body));
      if (expansion.kind === 'expr') return within(() => this.value(expansion.expr, dropped, into));
      within(() => { for (const step of expansion.steps) this.effect(step); });
      return none;
    }
    switch (op.kind) {
      case 'load': {
        const wide = this.loadsPointer(op.address);
        const dst = into && into.wide === wide ? into : this.temp(wide);
        this.backend.load(this, op.order, this.address(op.address), dst);
        return dst;
      }
      case 'store':
        this.backend.store(this, op.order, this.address(op.address), this.value(op.value));
        return none;
      case 'fence':
        this.backend.fence(this, op.fence);
        return none;
      case 'rmw': {
        const address = this.address(op.address);
        const operand = this.value(op.operand);
        const result = dropped && op.result !== 'none' ? (op.operator === null ? 'old' : 'none') : op.result;
        return this.backend.rmw(this, op.order, address, operand, op.operator, result, this.loadsPointer(op.address)) ?? none;
      }
      case 'cas': {
        const address = this.address(op.address);
        return this.backend.cas(this, op.order, address, this.value(op.expected), this.value(op.desired), this.loadsPointer(op.address));
      }
    }
  }

  /** Branches to `label` when `cond` is false (`when` false) or true (`when` true). */
  private branch(cond: CExpr, label: string, when: boolean): void {
    if (cond.kind === 'unary' && cond.op === '!') {
      this.branch(cond.arg, label, !when);
      return;
    }
    if (cond.kind === 'binary' && (cond.op === '&&' || cond.op === '||')) {
      // Short-circuit, as C evaluates it. `a && b` is false when a is (jump), else when b is; `a || b` is true when a is.
      const decides = cond.op === '&&' ? false : true;
      if (when === decides) {
        this.branch(cond.left, label, when);
        this.branch(cond.right, label, when);
      } else {
        const skip = this.label('sc');
        this.branch(cond.left, skip, decides);
        this.branch(cond.right, label, when);
        this.place(skip);
      }
      return;
    }
    if (cond.kind === 'binary' && COMPARISONS.has(cond.op)) {
      const cmp = cond.op as Comparison;
      const left = this.value(cond.left);
      const right = this.value(cond.right);
      this.backend.branchIf(this, when ? cmp : NEGATED[cmp], left, right, label);
      return;
    }
    this.backend.branchIf(this, when ? '!=' : '==', this.value(cond), { kind: 'imm', value: 0n }, label);
  }

  /** Runs `body` in a macro's expansion scope (so a macro that expands into itself is caught). */
  private withScope<T>(scope: CompileScope, body: () => T): T {
    const saved = this.scope;
    this.scope = scope;
    try {
      return body();
    } finally {
      this.scope = saved;
    }
  }
}
