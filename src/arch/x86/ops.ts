// The x86 operations, whichever syntax wrote them, and what each does to a
// running thread. Locked instructions (XCHG with memory, LOCK-prefixed
// read-modify-writes) are one atomic update whose two events carry tag 'X'.

import { derived, picked, type Sym, type ThreadContext } from '../../exec/types.js';
import { type BinaryOp, binaryAlu, type UnaryOp, unaryAlu } from './alu.js';
import { CONDITION_TESTS, FLAGS_REGISTER } from './flags.js';
import {
  accessOptions,
  effectiveAddress,
  type MemoryOperand,
  readOperand,
  type RegisterOperand,
  type TargetOperand,
  type ValueOperand,
  type Width,
  writeOperand,
} from './operands.js';

/** The tag on both events of a locked instruction: x86-TSO's cat file sees them as the set X. */
export const LOCKED_TAG = 'X';

/** Every annotation x86 events carry: locked accesses and the three fences. */
export const X86_TAGS = [LOCKED_TAG, 'MFENCE', 'LFENCE', 'SFENCE'];

export type FenceName = 'MFENCE' | 'LFENCE' | 'SFENCE';

export type X86Op =
  | { kind: 'mov'; dst: TargetOperand; src: ValueOperand; width: Width }
  | { kind: 'binary'; op: BinaryOp; dst: TargetOperand; src: ValueOperand; width: Width; locked: boolean }
  | { kind: 'unary'; op: UnaryOp; dst: TargetOperand; width: Width; locked: boolean }
  /** CMP (SUB) and TEST (AND): flags only. */
  | { kind: 'compare'; op: 'SUB' | 'AND'; left: ValueOperand; right: ValueOperand; width: Width }
  /** XCHG with memory: implicitly locked. */
  | { kind: 'xchg'; memory: MemoryOperand; register: RegisterOperand; width: Width }
  /** XCHG of two registers. */
  | { kind: 'swap'; first: RegisterOperand; second: RegisterOperand }
  | { kind: 'xadd'; dst: TargetOperand; src: RegisterOperand; width: Width; locked: boolean }
  | { kind: 'cmpxchg'; dst: TargetOperand; src: RegisterOperand; accumulator: RegisterOperand; width: Width; locked: boolean }
  | { kind: 'fence'; name: FenceName }
  /** condition null: JMP; otherwise the condition code, e.g. 'NE'. */
  | { kind: 'jump'; condition: string | null; label: string }
  /** RET under Variant=telechat: the thread ends. */
  | { kind: 'ret' };

/** What a read-modify-write does with the value it read. */
interface Step {
  write: Sym | null;
  flags: Sym | null;
}

/**
 * Reads `target`, lets `step` decide what to write, writes it. A locked memory
 * target is one atomic update; an unlocked one is a plain load then a plain store.
 */
function modify(
  ctx: ThreadContext,
  target: TargetOperand,
  width: Width,
  locked: boolean,
  step: (old: Sym) => Step,
): { old: Sym; step: Step } {
  if (target.kind === 'reg') {
    const old = ctx.reg(target.reg);
    const result = step(old);
    if (result.write) ctx.setReg(target.reg, result.write);
    return { old, step: result };
  }
  const address = effectiveAddress(ctx, target);
  if (locked) {
    const options = accessOptions(width, [LOCKED_TAG]);
    let result: Step = { write: null, flags: null };
    const old = ctx.atomicUpdate(address, (value) => (result = step(value)).write, options, options);
    return { old, step: result };
  }
  const old = ctx.load(address, accessOptions(width));
  const result = step(old);
  if (result.write) ctx.store(address, result.write, accessOptions(width));
  return { old, step: result };
}

function setFlags(ctx: ThreadContext, flags: Sym | null): void {
  if (flags) ctx.setReg(FLAGS_REGISTER, flags);
}

/**
 * Runs an x86 operation on the thread (x86-TSO's events: locked instructions
 * are one rmw pair tagged X).
 */
export function executeOp(ctx: ThreadContext, op: X86Op): void {
  switch (op.kind) {
    case 'mov':
      writeOperand(ctx, op.dst, readOperand(ctx, op.src, op.width), op.width);
      return;
    case 'binary': {
      const src = readOperand(ctx, op.src, op.width);
      const { step } = modify(ctx, op.dst, op.width, op.locked, (old) => {
        const r = binaryAlu(op.op, old, src, op.width);
        return { write: r.value, flags: r.flags };
      });
      setFlags(ctx, step.flags);
      return;
    }
    case 'unary': {
      const oldFlags = ctx.reg(FLAGS_REGISTER);
      const { step } = modify(ctx, op.dst, op.width, op.locked, (old) => {
        const r = unaryAlu(op.op, old, op.width, oldFlags);
        return { write: r.value, flags: r.flags };
      });
      setFlags(ctx, step.flags);
      return;
    }
    case 'compare': {
      const left = readOperand(ctx, op.left, op.width);
      const right = readOperand(ctx, op.right, op.width);
      setFlags(ctx, binaryAlu(op.op, left, right, op.width).flags);
      return;
    }
    case 'xchg': {
      const incoming = ctx.reg(op.register.reg);
      const { old } = modify(ctx, op.memory, op.width, true, () => ({ write: incoming, flags: null }));
      ctx.setReg(op.register.reg, old);
      return;
    }
    case 'swap': {
      const first = ctx.reg(op.first.reg);
      ctx.setReg(op.first.reg, ctx.reg(op.second.reg));
      ctx.setReg(op.second.reg, first);
      return;
    }
    case 'xadd': {
      const src = ctx.reg(op.src.reg);
      const { old, step } = modify(ctx, op.dst, op.width, op.locked, (value) => {
        const r = binaryAlu('ADD', value, src, op.width);
        return { write: r.value, flags: r.flags };
      });
      ctx.setReg(op.src.reg, old);
      setFlags(ctx, step.flags);
      return;
    }
    case 'cmpxchg': {
      const expected = ctx.reg(op.accumulator.reg);
      const replacement = ctx.reg(op.src.reg);
      const { old, step } = modify(ctx, op.dst, op.width, op.locked, (value) => {
        const flags = binaryAlu('SUB', expected, value, op.width).flags;
        // The value written was selected by the comparison: a pick dependency.
        const write = expected.value === value.value ? picked(replacement, flags) : null;
        return { write, flags };
      });
      // On success the accumulator already holds the value read and is left alone.
      if (expected.value !== old.value) ctx.setReg(op.accumulator.reg, old);
      setFlags(ctx, step.flags);
      return;
    }
    case 'fence':
      ctx.fence([op.name]);
      return;
    case 'ret':
      ctx.exit();
      return;
    case 'jump': {
      if (op.condition === null) {
        ctx.jump(op.label);
        return;
      }
      const flags = ctx.reg(FLAGS_REGISTER);
      const holds = CONDITION_TESTS.get(op.condition)?.(flags.value) ?? false;
      ctx.branch(derived(holds ? 1n : 0n, flags), op.label);
      return;
    }
  }
}
