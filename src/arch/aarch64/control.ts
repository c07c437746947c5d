// Branches (direct, conditional, compare-and-branch, to a register, with
// link), RET, ADR, NOP and barriers. The parsers give each instruction's
// value (ops.ts); executeControl runs one.

import { failAt } from '../../errors.js';
import { derived, type ThreadContext } from '../../exec/types.js';
import type { Builder } from './builder.js';
import { type Condition, evaluateCondition, parseConditionName } from './flags.js';
import type { AArch64Op } from './ops.js';
import { expectCount, expectLabel, expectRegister, parseImmediate } from './operands.js';
import { readRegister, type Register, writeRegister } from './registers.js';

/** NOP: no operands, no effect. */
export const nop: Builder = (ops, m) => {
  expectCount(ops, 0, m, 'no operands');
  return { kind: 'nop' };
};

/** B label. */
export const branch: Builder = (ops, m) => {
  expectCount(ops, 1, m, 'a label, e.g. B L0');
  return { kind: 'branch', label: expectLabel(ops[0]) };
};

const LINK_REGISTER: Register = { name: 'X30', width: 64, zero: false };

/**
 * RET [Xn]: jump to the address in Xn (X30 when omitted), as BL and BLR
 * leave it. Under herd7's Variant=telechat (tests compiled from C, each
 * thread a function) RET ends the thread instead.
 */
export const ret: Builder = (ops, m, options) => {
  if (ops.length > 1) expectCount(ops, 1, m, 'at most a register, e.g. RET or RET X1');
  const rn = ops.length === 1 ? expectRegister(ops[0]) : LINK_REGISTER;
  return { kind: 'ret', rn, exit: options.variants.has('telechat') };
};

/** BL label: X30 receives the address of the next instruction; jump to the label. */
export const branchWithLink: Builder = (ops, m) => {
  expectCount(ops, 1, m, 'a label, e.g. BL L0');
  return { kind: 'branch-link', label: expectLabel(ops[0]) };
};

/** BR Xn, and BLR Xn (which first puts the return address in X30): jump to the address in Xn. */
export function branchToRegister(link: boolean): Builder {
  return (ops, m) => {
    expectCount(ops, 1, m, `a register, e.g. ${m.text} X1`);
    return { kind: 'branch-register', link, rn: expectRegister(ops[0]) };
  };
}

/** ADR Xd, label: Xd receives the label's code address. */
export const addressOfLabel: Builder = (ops, m) => {
  expectCount(ops, 2, m, 'a register and a label, e.g. ADR X1,L0');
  return { kind: 'adr', rd: expectRegister(ops[0]), label: expectLabel(ops[1]) };
};

/** B.cond label (also written Bcond, e.g. BEQ). */
export function conditionalBranch(cond: Condition): Builder {
  return (ops, m) => {
    expectCount(ops, 1, m, `a label, e.g. B.${cond} L0`);
    return { kind: 'branch-cond', cond, label: expectLabel(ops[0]) };
  };
}

/** Recognise `B.EQ`, `B.eq`, `BEQ`…; undefined for other mnemonics. */
export function conditionOfBranch(mnemonic: string): Condition | undefined {
  const m = /^B\.?([A-Z]{2})$/.exec(mnemonic);
  return m ? parseConditionName(m[1]) : undefined;
}

/** CBZ/CBNZ Rt, label. */
export function compareAndBranch(jumpWhenZero: boolean): Builder {
  return (ops, m) => {
    expectCount(ops, 2, m, `a register and a label, e.g. ${m.text} W0,L0`);
    return { kind: 'compare-branch', jumpWhenZero, rt: expectRegister(ops[0]), label: expectLabel(ops[1]) };
  };
}

/** TBZ/TBNZ Rt, #bit, label. */
export function testBitAndBranch(jumpWhenZero: boolean): Builder {
  return (ops, m) => {
    expectCount(ops, 3, m, `a register, a bit number and a label, e.g. ${m.text} W0,#3,L0`);
    const rt = expectRegister(ops[0]);
    const bit = parseImmediate(ops[1]);
    if (bit < 0n || bit >= BigInt(rt.width)) failAt(ops[1].pos, `bit number must be between 0 and ${rt.width - 1}`);
    return { kind: 'compare-branch', jumpWhenZero, rt, bit: Number(bit), label: expectLabel(ops[2]) };
  };
}

const BARRIER_OPTIONS = ['SY', 'ST', 'LD', 'ISH', 'ISHST', 'ISHLD', 'OSH', 'OSHST', 'OSHLD', 'NSH', 'NSHST', 'NSHLD'];

/** The fence annotations DMB, DSB and ISB produce: the names the models use for barriers. */
export const BARRIER_TAGS = [...['DMB', 'DSB'].flatMap((kind) => BARRIER_OPTIONS.map((o) => `${kind}.${o}`)), 'ISB'];

/** DMB/DSB option: the fence event is tagged e.g. 'DMB.ISH'. */
export function barrier(kind: 'DMB' | 'DSB'): Builder {
  return (ops, m) => {
    expectCount(ops, 1, m, `a domain, e.g. ${kind} ISH (one of ${BARRIER_OPTIONS.join(', ')})`);
    const option = ops[0].text.toUpperCase();
    if (!BARRIER_OPTIONS.includes(option)) {
      failAt(ops[0].pos, `unknown ${kind} option '${ops[0].text}' (expected one of ${BARRIER_OPTIONS.join(', ')})`);
    }
    return { kind: 'barrier', tags: [`${kind}.${option}`] };
  };
}

/** ISB (also `ISB SY`): a fence event tagged 'ISB'. */
export const isb: Builder = (ops, m) => {
  if (!(ops.length === 1 && ops[0].text.toUpperCase() === 'SY')) expectCount(ops, 0, m, 'no operands');
  return { kind: 'barrier', tags: ['ISB'] };
};

type ControlOp = Extract<AArch64Op, {
  kind: 'nop' | 'barrier' | 'branch' | 'branch-cond' | 'compare-branch' | 'branch-link' | 'branch-register' | 'ret' | 'adr';
}>;

/** Runs a branch, barrier or other control instruction on the thread. */
export function executeControl(ctx: ThreadContext, op: ControlOp): void {
  switch (op.kind) {
    case 'nop':
      return;
    case 'barrier':
      return ctx.fence(op.tags);
    case 'branch':
      return ctx.jump(op.label);
    case 'branch-cond':
      return ctx.branch(evaluateCondition(ctx, op.cond), op.label);
    case 'compare-branch': {
      const v = readRegister(ctx, op.rt);
      const isZero = op.bit === undefined ? v.value === 0n : ((v.value >> BigInt(op.bit)) & 1n) === 0n;
      return ctx.branch(derived(isZero === op.jumpWhenZero ? 1n : 0n, v), op.label);
    }
    case 'branch-link':
      writeRegister(ctx, LINK_REGISTER, ctx.nextAddress());
      return ctx.jump(op.label);
    case 'branch-register': {
      const address = readRegister(ctx, op.rn);
      if (op.link) writeRegister(ctx, LINK_REGISTER, ctx.nextAddress());
      return ctx.jumpTo(address);
    }
    case 'ret':
      return op.exit ? ctx.exit() : ctx.jumpTo(readRegister(ctx, op.rn));
    case 'adr':
      return writeRegister(ctx, op.rd, ctx.labelAddress(op.label));
  }
}
