// Branches, NOP and barriers.

import { failAt } from '../../errors.js';
import { derived, type Sym, type ThreadContext } from '../../exec/types.js';
import type { Builder } from './builder.js';
import { type Condition, evaluateCondition, parseConditionName } from './flags.js';
import { expectCount, expectLabel, expectRegister, parseImmediate } from './operands.js';
import { readRegister, type Register, writeRegister } from './registers.js';

export const nop: Builder = (ops, m) => {
  expectCount(ops, 0, m, 'no operands');
  return { execute() {} };
};

/** B label. */
export const branch: Builder = (ops, m) => {
  expectCount(ops, 1, m, 'a label, e.g. B L0');
  const label = expectLabel(ops[0]);
  return { branchTargets: [label], execute: (ctx) => ctx.jump(label) };
};

const LINK_REGISTER: Register = { name: 'X30', width: 64, zero: false };

/**
 * RET [Xn]: jump to the address in Xn (X30 when omitted), as BL and BLR
 * leave it. Under herd7's Variant=telechat (tests compiled from C, each
 * thread a function) RET ends the thread instead.
 */
export const ret: Builder = (ops, m, options) => {
  if (ops.length > 1) expectCount(ops, 1, m, 'at most a register, e.g. RET or RET X1');
  const target = ops.length === 1 ? expectRegister(ops[0]) : LINK_REGISTER;
  if (options.variants.has('telechat')) return { execute: (ctx) => ctx.exit() };
  return { execute: (ctx) => ctx.jumpTo(readRegister(ctx, target)) };
};

/** BL label: X30 receives the address of the next instruction; jump to the label. */
export const branchWithLink: Builder = (ops, m) => {
  expectCount(ops, 1, m, 'a label, e.g. BL L0');
  const label = expectLabel(ops[0]);
  return {
    branchTargets: [label],
    execute(ctx) {
      writeRegister(ctx, LINK_REGISTER, ctx.nextAddress());
      ctx.jump(label);
    },
  };
};

/** BR Xn, and BLR Xn (which first puts the return address in X30): jump to the address in Xn. */
export function branchToRegister(link: boolean): Builder {
  return (ops, m) => {
    expectCount(ops, 1, m, `a register, e.g. ${m.text} X1`);
    const target = expectRegister(ops[0]);
    return {
      execute(ctx) {
        const address = readRegister(ctx, target);
        if (link) writeRegister(ctx, LINK_REGISTER, ctx.nextAddress());
        ctx.jumpTo(address);
      },
    };
  };
}

/** ADR Xd, label: Xd receives the label's code address. */
export const addressOfLabel: Builder = (ops, m) => {
  expectCount(ops, 2, m, 'a register and a label, e.g. ADR X1,L0');
  const rd = expectRegister(ops[0]);
  const label = expectLabel(ops[1]);
  return { branchTargets: [label], execute: (ctx) => writeRegister(ctx, rd, ctx.labelAddress(label)) };
};

/** B.cond label (also written Bcond, e.g. BEQ). */
export function conditionalBranch(cond: Condition): Builder {
  return (ops, m) => {
    expectCount(ops, 1, m, `a label, e.g. B.${cond} L0`);
    const label = expectLabel(ops[0]);
    return { branchTargets: [label], execute: (ctx) => ctx.branch(evaluateCondition(ctx, cond), label) };
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
    const rt = expectRegister(ops[0]);
    const label = expectLabel(ops[1]);
    return {
      branchTargets: [label],
      execute(ctx) {
        const v = readRegister(ctx, rt);
        ctx.branch(derived((v.value === 0n) === jumpWhenZero ? 1n : 0n, v), label);
      },
    };
  };
}

/** TBZ/TBNZ Rt, #bit, label. */
export function testBitAndBranch(jumpWhenZero: boolean): Builder {
  return (ops, m) => {
    expectCount(ops, 3, m, `a register, a bit number and a label, e.g. ${m.text} W0,#3,L0`);
    const rt = expectRegister(ops[0]);
    const bit = parseImmediate(ops[1]);
    if (bit < 0n || bit >= BigInt(rt.width)) failAt(ops[1].pos, `bit number must be between 0 and ${rt.width - 1}`);
    const label = expectLabel(ops[2]);
    return {
      branchTargets: [label],
      execute(ctx) {
        const v = readRegister(ctx, rt);
        const isZero = ((v.value >> bit) & 1n) === 0n;
        ctx.branch(derived(isZero === jumpWhenZero ? 1n : 0n, v), label);
      },
    };
  };
}

const BARRIER_OPTIONS = ['SY', 'ST', 'LD', 'ISH', 'ISHST', 'ISHLD', 'OSH', 'OSHST', 'OSHLD', 'NSH', 'NSHST', 'NSHLD'];

/** The fence annotations DMB, DSB and ISB produce. */
export const BARRIER_TAGS = [...['DMB', 'DSB'].flatMap((kind) => BARRIER_OPTIONS.map((o) => `${kind}.${o}`)), 'ISB'];

/** DMB/DSB option: the fence event is tagged e.g. 'DMB.ISH'. */
export function barrier(kind: 'DMB' | 'DSB'): Builder {
  return (ops, m) => {
    expectCount(ops, 1, m, `a domain, e.g. ${kind} ISH (one of ${BARRIER_OPTIONS.join(', ')})`);
    const option = ops[0].text.toUpperCase();
    if (!BARRIER_OPTIONS.includes(option)) {
      failAt(ops[0].pos, `unknown ${kind} option '${ops[0].text}' (expected one of ${BARRIER_OPTIONS.join(', ')})`);
    }
    const tags = [`${kind}.${option}`];
    return { execute: (ctx) => ctx.fence(tags) };
  };
}

export const isb: Builder = (ops, m) => {
  if (ops.length === 1 && ops[0].text.toUpperCase() === 'SY') return { execute: (ctx) => ctx.fence(['ISB']) };
  expectCount(ops, 0, m, 'no operands');
  return { execute: (ctx) => ctx.fence(['ISB']) };
};
