// AArch64 instruction parsing and semantics, run against a fake thread
// context that records every call, returns scripted load values and follows
// code straight-line (branches are recorded, never taken).

import { describe, expect, it } from 'vitest';
import { aarch64 } from '../src/arch/aarch64/index.js';
import { parseOp } from '../src/arch/aarch64/instructions.js';
import { LitmusError } from '../src/errors.js';
import { RecordingContext } from './support/recording-context.js';

/** A recording context whose loads return 0 past the scripted values. */
function context(registers: Record<string, bigint> = {}): RecordingContext {
  return new RecordingContext({ registers, zeroWhenUnscripted: true });
}

const at = { line: 4, column: 7 };

function parse(text: string, pos = at) {
  return aarch64.parseInstruction({ labels: [], text, pos });
}

function run(ctx: RecordingContext, ...lines: string[]): RecordingContext {
  for (const line of lines) parse(line).execute(ctx);
  return ctx;
}

function errorOf(text: string): { message: string; line: number; column: number } {
  try {
    parse(text);
  } catch (e) {
    if (!(e instanceof LitmusError)) throw e;
    const d = e.diagnostics[0];
    return { message: d.message, line: d.pos.line, column: d.pos.column };
  }
  throw new Error(`'${text}' parsed`);
}

const X = 0x1000n;
const Y = 0x2000n;
const M32 = 0xffffffffn;
const M64 = 0xffffffffffffffffn;

describe('parsing', () => {
  it('names an unknown mnemonic at its position', () => {
    expect(errorOf('FOO W0,W1')).toEqual({ message: "unknown AArch64 instruction 'FOO'", line: 4, column: 7 });
  });

  it('points at the bad operand', () => {
    // 'ADD W0,W1,Q9': Q9 starts 10 characters after the mnemonic's column.
    expect(errorOf('ADD W0,W1,Q9')).toMatchObject({ column: 7 + 10 });
    expect(errorOf('LDR W0,[X1,W3]').message).toMatch(/needs an extension/);
    expect(errorOf('DMB FOO')).toMatchObject({ column: 7 + 4, message: expect.stringMatching(/unknown DMB option 'FOO'/) });
    expect(errorOf('LDR W0,[W1]')).toMatchObject({ column: 7 + 8 });
  });

  it('rejects wrong operand counts', () => {
    expect(errorOf('MOV W0').message).toMatch(/MOV takes/);
    expect(errorOf('CAS W0,W1').message).toMatch(/CAS takes/);
    expect(errorOf('NOP W1')).toMatchObject({ column: 7 + 4 });
  });

  it('checks register pairs: CASP takes consecutive registers from an even one, pairs take one width', () => {
    expect(errorOf('CASP W1,W2,W4,W5,[X6]')).toMatchObject({ column: 7 + 5, message: expect.stringMatching(/consecutive registers, the first even/) });
    expect(errorOf('CASP W0,W1,W4,X5,[X6]').message).toMatch(/four registers of one width/);
    expect(errorOf('LDXP X0,W1,[X2]').message).toMatch(/two registers of the same width/);
    expect(errorOf('STXP W9,X0,[X2]').message).toMatch(/STXP takes/);
  });

  it('is case-insensitive and accepts optional spaces', () => {
    const ctx = run(context({ X1: X, X3: 4n }), 'ldr w0, [x1, w3, sxtw]', 'Ldr W2,[X1,#0x10]', 'LDR W4,[X1,X3,LSL#2]');
    expect(ctx.accesses().map((a) => a.address.value)).toEqual([X + 4n, X + 16n, X + 16n]);
  });

  it('lists branch targets', () => {
    expect(parse('B.EQ Out').branchTargets).toEqual(['Out']);
    expect(parse('CBNZ W3,LC00').branchTargets).toEqual(['LC00']);
    expect(parse('B L1').branchTargets).toEqual(['L1']);
    expect(parse('MOV W0,#1').branchTargets).toEqual([]);
  });

  it('canonicalises register names', () => {
    for (const n of ['W3', 'X3', 'w3', 'x3']) expect(aarch64.canonicalRegister(n)).toBe('X3');
    expect(aarch64.canonicalRegister('WZR')).toBe('XZR');
    expect(aarch64.canonicalRegister('X31')).toBeNull();
    expect(aarch64.canonicalRegister('eax')).toBeNull();
  });
});

describe('instruction values', () => {
  const op = (text: string, variants: string[] = []) => parseOp({ labels: [], text, pos: { line: 1, column: 1 } }, { variants: new Set(variants) });
  const W0 = { name: 'X0', width: 32, zero: false };
  const WZR = { name: 'XZR', width: 32, zero: true };

  it('reduce aliases to their base form: CMP is SUBS into WZR, CSET is CSINC of WZR on the inverted condition', () => {
    expect(op('CMP W0,#1')).toEqual({ kind: 'arithmetic', op: 'SUBS', rd: WZR, rn: W0, operand2: { kind: 'imm', value: 1n } });
    expect(op('CSET W0,EQ')).toEqual({ kind: 'select', op: 'CSINC', rd: W0, rn: WZR, rm: WZR, cond: 'NE' });
  });

  it('keep what a memory access needs: shape, annotations, register and address', () => {
    expect(op('LDAR W0,[X1]')).toEqual({
      kind: 'load', shape: {}, tags: ['A'], rt: W0,
      mem: { base: { name: 'X1', width: 64, zero: false }, offset: { kind: 'none' }, writeback: 'none', postIncrement: 0n },
    });
    expect(op('STADDL W0,[X1]')).toMatchObject({ kind: 'atomic', op: 'ADD', form: { ordering: 'L' }, rt: WZR });
  });

  it('say what RET does under the test\'s options', () => {
    expect(op('RET')).toMatchObject({ kind: 'ret', rn: { name: 'X30' }, exit: false });
    expect(op('RET', ['telechat'])).toMatchObject({ kind: 'ret', exit: true });
  });
});

describe('values', () => {
  it('wraps W arithmetic at 32 bits and X arithmetic at 64', () => {
    const ctx = run(context({ X1: M32, X2: M64 }), 'ADD W0,W1,#1', 'ADD X3,X1,#1', 'ADD X4,X2,#2', 'SUB W5,WZR,#1');
    expect(ctx.value('X0')).toBe(0n);
    expect(ctx.value('X3')).toBe(0x100000000n);
    expect(ctx.value('X4')).toBe(1n);
    expect(ctx.value('X5')).toBe(M32);
  });

  it('zero-extends W writes into the X register', () => {
    const ctx = run(context({ X0: M64, X1: M64 }), 'MOV W0,#5', 'MOV W1,#-1', 'MOV X2,#-2', 'MOV W3,W1');
    expect(ctx.value('X0')).toBe(5n);
    expect(ctx.value('X1')).toBe(M32);
    expect(ctx.value('X2')).toBe(M64 - 1n);
    expect(ctx.value('X3')).toBe(M32);
  });

  it('reads XZR as zero and discards writes to it', () => {
    const ctx = run(context({ X1: X }), 'ADD X0,XZR,#3', 'MOV XZR,#5', 'STR WZR,[X1]');
    expect(ctx.value('X0')).toBe(3n);
    expect(ctx.registers.has('XZR')).toBe(false);
    expect(ctx.accesses()[0].value.value).toBe(0n);
  });

  it('extends index registers: SXTW, UXTW and LSL', () => {
    const ctx = run(context({ X1: X, X3: 0xfffffffcn, X2: 3n }),
      'LDR W0,[X1,W3,SXTW]', 'LDR W0,[X1,W3,UXTW]', 'LDR X0,[X1,X2,LSL #3]', 'STR W0,[X1,#-8]');
    expect(ctx.accesses().map((a) => a.address.value)).toEqual([X - 4n, X + 0xfffffffcn, X + 24n, X - 8n]);
  });

  it('post- and pre-indexing update the base after the access', () => {
    const ctx = run(context({ X3: X, X4: Y }), 'STR W2,[X3],#4', 'LDR W0,[X4,#-4]!');
    expect(ctx.accesses().map((a) => a.address.value)).toEqual([X, Y - 4n]);
    expect(ctx.value('X3')).toBe(X + 4n);
    expect(ctx.value('X4')).toBe(Y - 4n);
  });

  it('narrows and sign-extends sub-word loads', () => {
    const ctx = context({ X1: X });
    ctx.loadValues = [0x1ffn, 0x80n, 0xfffffffen];
    run(ctx, 'LDRB W0,[X1]', 'LDRSB X2,[X1]', 'LDRSW X3,[X1]');
    expect(ctx.value('X0')).toBe(0xffn);
    expect(ctx.value('X2')).toBe(M64 - 0x7fn);
    expect(ctx.value('X3')).toBe(M64 - 1n);
    expect(ctx.accesses().map((a) => a.size)).toEqual([1, 1, 4]);
  });

  it('evaluates conditions on CMP flags (signed and unsigned)', () => {
    const csets = ['EQ', 'NE', 'LT', 'GE', 'GT', 'LE', 'HI', 'LS', 'HS', 'LO', 'MI', 'PL'];
    const flagsOf = (a: bigint, b: bigint) => {
      const ctx = run(context({ X0: a, X1: b }), 'CMP W0,W1', ...csets.map((c, i) => `CSET W${i + 2},${c}`));
      return Object.fromEntries(csets.map((c, i) => [c, ctx.value(`X${i + 2}`)]));
    };
    // -1 vs 1: signed less, unsigned higher.
    expect(flagsOf(M32, 1n)).toEqual({ EQ: 0n, NE: 1n, LT: 1n, GE: 0n, GT: 0n, LE: 1n, HI: 1n, LS: 0n, HS: 1n, LO: 0n, MI: 1n, PL: 0n });
    expect(flagsOf(7n, 7n)).toEqual({ EQ: 1n, NE: 0n, LT: 0n, GE: 1n, GT: 0n, LE: 1n, HI: 0n, LS: 1n, HS: 1n, LO: 0n, MI: 0n, PL: 1n });
    expect(flagsOf(2n, 5n)).toMatchObject({ LT: 1n, LO: 1n, GT: 0n });
  });

  it('CSEL picks by condition', () => {
    const pick = (w0: bigint) => run(context({ X0: w0, X4: 40n, X5: 50n }), 'CMP W0,#1', 'CSEL W3,W4,W5,EQ').value('X3');
    expect(pick(1n)).toBe(40n);
    expect(pick(2n)).toBe(50n);
    const inc = run(context({ X0: 2n, X5: 50n }), 'CMP W0,#1', 'CSINC W3,W4,W5,EQ', 'CSNEG X6,X4,X5,EQ');
    expect(inc.value('X3')).toBe(51n);
    expect(inc.value('X6')).toBe(M64 - 49n);
  });

  it('CAS writes Rt only when the old value equals Rs; Rs receives the old value', () => {
    const ok = context({ X0: 1n, X1: 9n, X2: X });
    ok.loadValues = [1n];
    run(ok, 'CAS W0,W1,[X2]');
    expect(ok.accesses().map((a) => [a.kind, a.value.value])).toEqual([['R', 1n], ['W', 9n]]);
    expect(ok.value('X0')).toBe(1n);

    const fail = context({ X0: 1n, X1: 9n, X2: X });
    fail.loadValues = [3n];
    run(fail, 'CAS W0,W1,[X2]');
    expect(fail.accesses().map((a) => a.kind)).toEqual(['R']);
    expect(fail.value('X0')).toBe(3n);
  });

  it('LDADD writes the sum and returns the old value; STADD returns nothing', () => {
    const ctx = context({ X0: 3n, X2: X, X9: 77n });
    ctx.loadValues = [5n, 10n];
    run(ctx, 'LDADD W0,W1,[X2]', 'STADD W0,[X2]');
    expect(ctx.accesses().map((a) => [a.kind, a.value.value])).toEqual([['R', 5n], ['W', 8n], ['R', 10n], ['W', 13n]]);
    expect(ctx.value('X1')).toBe(5n);
  });

  it('the other atomic operations', () => {
    const ctx = context({ X0: 0b0110n, X2: X, X4: M32 });
    ctx.loadValues = [0b1100n, 0b1100n, 0b1100n, 0b1100n, 1n, 1n];
    run(ctx, 'SWP W0,W1,[X2]', 'LDSET W0,W1,[X2]', 'LDCLR W0,W1,[X2]', 'LDEOR W0,W1,[X2]', 'LDSMAX W4,W1,[X2]', 'LDUMAX W4,W1,[X2]');
    expect(ctx.accesses().filter((a) => a.kind === 'W').map((a) => a.value.value)).toEqual([0b0110n, 0b1110n, 0b1000n, 0b1010n, 1n, M32]);
  });

  it('STXR writes the status register', () => {
    const ctx = context({ X1: X, X4: 5n });
    run(ctx, 'LDXR W0,[X1]', 'STXR W2,W4,[X1]');
    expect(ctx.value('X2')).toBe(0n);
    ctx.storeExclusiveSucceeds = false;
    run(ctx, 'STXR W3,W4,[X1]');
    expect(ctx.value('X3')).toBe(1n);
  });

  it('bitfield, shift and multiply helpers', () => {
    const ctx = run(context({ X1: 0xf0n, X2: 3n, X3: M32 }),
      'UBFM X0,X1,#4,#7', 'LSL X4,X1,#4', 'ASR W5,W3,#4', 'MADD X6,X1,X2,X2', 'MOVK X7,#1,LSL #16', 'SXTW X8,W3', 'ADD X9,X1,X2,LSL #2');
    expect([ctx.value('X0'), ctx.value('X4'), ctx.value('X5'), ctx.value('X6'), ctx.value('X7'), ctx.value('X8'), ctx.value('X9')])
      .toEqual([0xfn, 0xf00n, M32, 0xf0n * 3n + 3n, 0x10000n, M64, 0xf0n + 12n]);
  });
});

describe('annotations', () => {
  const tagsOf = (line: string, loads: bigint[] = []) => {
    const ctx = context({ X1: X, X0: 0n });
    ctx.loadValues = loads;
    return run(ctx, line).events().map((e) => [e.kind, ...e.tags]);
  };

  it('acquire, acquire-PC, release and exclusives', () => {
    expect(tagsOf('LDAR W0,[X1]')).toEqual([['R', 'A']]);
    expect(tagsOf('LDAPR W0,[X1]')).toEqual([['R', 'Q']]);
    expect(tagsOf('STLR W0,[X1]')).toEqual([['W', 'L']]);
    expect(tagsOf('LDXR W0,[X1]')).toEqual([['R', 'X']]);
    expect(tagsOf('LDAXR W0,[X1]')).toEqual([['R', 'A', 'X']]);
    expect(tagsOf('STLXR W2,W0,[X1]')).toEqual([['W', 'L', 'X']]);
  });

  it('atomics: both events exclusive, A on the read, L on the write, NoRet without result', () => {
    expect(tagsOf('SWPAL W0,W2,[X1]')).toEqual([['R', 'A', 'X'], ['W', 'L', 'X']]);
    expect(tagsOf('LDADDL W0,W2,[X1]')).toEqual([['R', 'X'], ['W', 'L', 'X']]);
    expect(tagsOf('STADDL W0,[X1]')).toEqual([['R', 'X', 'NoRet'], ['W', 'L', 'X']]);
    expect(tagsOf('SWPA W0,WZR,[X1]')).toEqual([['R', 'X', 'NoRet'], ['W', 'X']]);
    expect(tagsOf('CASA WZR,W2,[X1]')).toEqual([['R', 'X', 'NoRet'], ['W', 'X']]);
  });

  it('fences', () => {
    expect(tagsOf('DMB ISH')).toEqual([['F', 'DMB.ISH']]);
    expect(tagsOf('dmb ishld')).toEqual([['F', 'DMB.ISHLD']]);
    expect(tagsOf('DMB SY')).toEqual([['F', 'DMB.SY']]);
    expect(tagsOf('DSB ST')).toEqual([['F', 'DSB.ST']]);
    expect(tagsOf('ISB')).toEqual([['F', 'ISB']]);
  });
});

describe('dependencies', () => {
  const R0 = 1n; // the first read's bit
  const R1 = 2n;

  it('address dependency survives EOR cancelling', () => {
    const ctx = run(context({ X1: X, X4: Y }), 'LDR W0,[X1]', 'EOR W2,W0,W0', 'LDR W3,[X4,W2,SXTW]');
    const second = ctx.accesses()[1];
    expect(second.address).toMatchObject({ value: Y, deps: R0 });
    expect(ctx.reg('X2').value).toBe(0n);
  });

  it('data dependency through MOV and ADD', () => {
    const ctx = run(context({ X1: X, X4: Y }), 'LDR W0,[X1]', 'MOV W5,W0', 'ADD W6,W5,#1', 'STR W6,[X4]');
    expect(ctx.accesses()[1].value.deps).toBe(R0);
    expect(ctx.accesses()[1].address.deps).toBe(0n);
  });

  it('CSEL: ordinary dependency on the chosen input, pick dependency on the flags', () => {
    const chose = (cmpWith: number) => {
      const ctx = context({ X1: X, X6: Y, X7: 7n });
      ctx.loadValues = [1n, 5n];
      return run(ctx, 'LDR W0,[X1]', 'LDR W5,[X6]', `CMP W0,#${cmpWith}`, 'CSEL W2,W5,W7,EQ', 'STR W2,[X1]').accesses()[2].value;
    };
    expect(chose(1)).toEqual({ value: 5n, deps: R1, pick: R0 | R1 });
    expect(chose(0)).toEqual({ value: 7n, deps: 0n, pick: R0 });
  });

  it('flags carry the compared reads to a conditional branch; CBNZ depends on its register', () => {
    const ctx = run(context({ X1: X }), 'LDR W0,[X1]', 'CMP W0,#0', 'B.NE Out', 'LDR W3,[X1]', 'CBNZ W3,Out');
    const branches = ctx.calls.filter((c) => c.op === 'branch');
    expect(branches.map((b) => [b.label, b.condition.value, b.condition.deps])).toEqual([['Out', 0n, R0], ['Out', 0n, R1]]);
  });

  it('STXR status and LDXR value flow on', () => {
    const ctx = run(context({ X1: X }), 'LDXR W0,[X1]', 'ADD W2,W0,#1', 'STXR W3,W2,[X1]');
    expect(ctx.accesses()[1].value.deps).toBe(R0);
  });

  describe('CAS', () => {
    // Rs comes from one read (bit 0), Rt from another (bit 1); the CAS read is bit 2.
    const R2 = 4n;
    const cas = (casValue: bigint, alternative = 0) => {
      const ctx = context({ X1: X, X2: Y });
      ctx.loadValues = [1n, 9n, casValue];
      ctx.alternative = alternative;
      return run(ctx, 'LDR W3,[X1]', 'LDR W4,[X1]', 'CAS W3,W4,[X2]', 'STR W5,[X1]');
    };

    it('the write carries data from Rt and a pick dependency on Rs', () => {
      const write = cas(1n).accesses()[3];
      expect(write).toMatchObject({ kind: 'W', value: { value: 9n, deps: R1 } });
      expect(write.value.pick & R0).toBe(R0);
    });

    it('the comparison is no branch: later events are not control-dependent on it', () => {
      // herd7 allows CAS+data1's outcome, which a branch on the read would forbid.
      expect(cas(1n).calls.find((c) => c.op === 'branch')).toBeUndefined();
    });

    it('a failed CAS returns the read value with its dependency', () => {
      expect(cas(2n).reg('X3')).toEqual({ value: 2n, deps: R2, pick: R2 });
    });

    it('a successful CAS returns the value from the read, or (alternative) from Rs with a pick on the read', () => {
      expect(cas(1n).reg('X3')).toEqual({ value: 1n, deps: R2, pick: R2 });
      expect(cas(1n, 0).reg('X3')).toEqual({ value: 1n, deps: R2, pick: R2 });
      expect(cas(1n, 1).reg('X3')).toEqual({ value: 1n, deps: R0, pick: R0 | R2 });
    });
  });

  it('LDADD and SWP: data from Rs into the write; the result depends on the read', () => {
    // herd7 7.58+1 (rev 5feffe4) answers Never for LB+dmb.sy+data-amo.swp: a data edge into SWP's write.
    const ctx = context({ X1: X, X2: Y });
    run(ctx, 'LDR W0,[X1]', 'SWP W0,W5,[X2]', 'LDADD W0,W6,[X2]');
    const [, swpRead, swpWrite, , addWrite] = ctx.accesses();
    expect(swpWrite.value.deps).toBe(R0);
    expect(addWrite.value.deps & R0).toBe(R0);
    expect(ctx.reg('X5').deps).toBe(swpRead.value.deps);
  });
});
