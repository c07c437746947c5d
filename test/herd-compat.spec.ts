// What herd7 accepts and prints, point by point: older syntaxes, herd7's
// precedence of condition operators, its Condition line and its `Loop`
// verdicts. Each expected value is herd7's: from its recorded answers (the
// shared corpus) where one exists, otherwise derived by hand from herd7's
// rules (cited next to each case), never from our own output.

import { describe, expect, it } from 'vitest';
import { archFor, defaultModelFor } from '../src/registry.js';
import { loadModel } from '../src/node/models.js';
import { herdText } from '../src/report/herd.js';
import { simulate } from '../src/simulate.js';
import { parseLitmus } from '../src/syntax/parse.js';

/** herd7's block for a test given as text, under the architecture's default model. */
function herd(text: string): string {
  const test = parseLitmus(text, 'test.litmus');
  return herdText(simulate(test, loadModel(defaultModelFor(test))));
}

/** The lines of herd7's block that carry its answer (no state lines). */
function summary(text: string): string[] {
  return herd(text).split('\n').filter((line) => /^(Test|States|Loop|Ok|No|Positive|Condition|Observation|Flag)\b/.test(line));
}

describe('older X86 tests, as herd7 reads them', () => {
  // The example: an alias after the name, `P0:EAX` registers, spaces
  // around '=', a ';' after the init block, and a trailing `<< … >>` block.
  // herd7 answers Sometimes 1 3 (store buffering is allowed by x86-TSO).
  const SBX = [
    'X86 SBx (sbAlias) "store buffering, written the old way"',
    '{a = 0; b = 0};',
    '',
    '      P0      |      P1       ;',
    ' mov [a], 1   | mov [b], 1    ;',
    ' mov EAX, [b] | mov EBX, [a]  ;',
    '',
    'exists (P0:EAX = 0 /\\ P1:EBX = 0);',
    '',
    '<<',
    'show 0',
    '>>',
    '',
  ].join('\n');

  it('answers the old-style store-buffering test as herd7 does', () => {
    expect(summary(SBX)).toEqual([
      'Test SBx Allowed',
      'States 4',
      'Ok',
      'Positive: 1 Negative: 3',
      'Condition exists (0:EAX=0 /\\ 1:EBX=0)',
      'Observation SBx Sometimes 1 3',
    ]);
  });

  it('reads `P0:EAX` as thread 0\'s EAX in the init block and the condition', () => {
    const test = parseLitmus('X86 T\n{ P1:EAX = 5; x = 0 }\n P0 | P1 ;\n MOV [x],$1 | MOV EBX,EAX ;\nexists (P1:EBX = 5)\n');
    expect(test.init[0]).toMatchObject({ kind: 'reg', thread: 1, reg: 'EAX' });
    expect(test.condition.prop).toMatchObject({ kind: 'atom', ref: { kind: 'reg', thread: 1, reg: 'EBX' } });
  });

  it('takes thread header rows written with tabs', () => {
    const test = parseLitmus('X86 T\n{ x=0; }\n\tP0\t\t|\tP1\t;\n\tMOV [x],$1\t|\tMOV EAX,[x]\t;\nexists (1:EAX=1)\n');
    expect(test.threads.map((t) => t.name)).toEqual(['P0', 'P1']);
    expect(test.threads[1].cells[0].text).toBe('MOV EAX,[x]');
  });

  it('keeps the alias out of the name and ignores everything from `<<` on', () => {
    const test = parseLitmus(SBX);
    expect(test.name).toBe('SBx');
    expect(test.doc).toBe('store buffering, written the old way');
    // herd7 reads on whatever the alias holds (its splitter skips to the init block).
    expect(parseLitmus(SBX.replace('(sbAlias)', '(sb+mfences)')).name).toBe('SBx');
  });

  it('reads `LOCK; ADD …` as one locked instruction: two such increments never both read 0', () => {
    // Hand derivation: each LOCK ADD is an atomic rmw on x (initially 0), so
    // one thread reads 0 and the other 1; the MOVs after then read 1 or 2.
    // States with EAX values {1,2}, {2,1}, {2,2}; never both 1.
    const text = [
      'X86 LOCKsemi',
      '{ x=0; }',
      ' P0               | P1                ;',
      ' LOCK; ADD [x],$1 | LOCK ; ADD [x],$1 ;',
      ' MOV EAX,[x]      | MOV EAX,[x]       ;',
      'exists (0:EAX=1 /\\ 1:EAX=1)',
    ].join('\n');
    const block = herd(text);
    expect(block).toContain('States 3\n0:EAX=1; 1:EAX=2;\n0:EAX=2; 1:EAX=1;\n0:EAX=2; 1:EAX=2;\nNo\n');
    expect(block).toContain('Observation LOCKsemi Never 0 4');
  });
});

describe('X86_64 tests', () => {
  it('address with a scaled index: disp(base,index,scale) is base + index×scale + disp', () => {
    // P0 stores 1 at t + 2×8 = t[2]; P1 stores 2 at t + 8 + 1×8 = t[2] and
    // reads t + (-8) + 1×8 = t[0], never written: 0. P0 reads t[2] back:
    // its own 1, or P1's 2 when P1's store is coherence-after it. x86-TSO.
    const text = [
      'X86_64 scaled',
      '{ uint64_t t[3]; 0:rax=t; 0:rbx=2; 1:rax=t; 1:rbx=1; }',
      ' P0                     | P1                        ;',
      ' movq $1,0(%rax,%rbx,8) | movq $2,8(%rax,%rbx,8)    ;',
      ' movq 16(%rax),%rcx     | movq -8(%rax,%rbx,8),%rdx ;',
      'exists (0:rcx=2 /\\ 1:rdx=0 /\\ t[2]=2)',
    ].join('\n');
    expect(herd(text)).toContain(
      'States 3\n0:rcx=1; 1:rdx=0; t[2]=1;\n0:rcx=1; 1:rdx=0; t[2]=2;\n0:rcx=2; 1:rdx=0; t[2]=2;\nOk\n',
    );
  });

  it('ret ends the thread under Variant=telechat, and is refused without it', () => {
    // herd7's telechat variant: tests compiled from C end each thread with ret.
    const text = (variant: string) => [
      'X86_64 telechat',
      variant,
      '{ x=0; }',
      ' P0          ;',
      ' movl $1,(x) ;',
      ' ret         ;',
      ' movl $2,(x) ;',
      'exists (x=1)',
    ].join('\n');
    expect(summary(text('Variant=telechat'))).toContain('Observation telechat Always 1 0');
    expect(() => herd(text(''))).toThrow(/6:2: ret returns from a call/);
  });
});

describe('herd7\'s condition operators', () => {
  // herd7's lib/stateParser.mly: %left \/, %left /\, %right =>, %nonassoc ~.
  // MP without barriers: all four outcomes of (1:X0, 1:X2) are allowed, x=1 always.
  const mp = (condition: string) => [
    'AArch64 MPimp',
    '{ 0:X1=x; 0:X3=y; 1:X1=x; 1:X3=y; }',
    ' P0          | P1          ;',
    ' MOV W0,#1   | LDR W0,[X3] ;',
    ' STR W0,[X1] | LDR W2,[X1] ;',
    ' MOV W2,#1   |             ;',
    ' STR W2,[X3] |             ;',
    condition,
  ].join('\n');

  it('binds => tighter than /\\: a => b /\\ c is (a => b) /\\ c', () => {
    // ((1:X0=1 => 1:X2=1) /\ x=2): x is 1 in every execution, so Never.
    // Read the other way, (1:X0=1 => (1:X2=1 /\ x=2)) holds whenever 1:X0=0.
    expect(summary(mp('exists (1:X0=1 => 1:X2=1 /\\ x=2)'))).toContain('Observation MPimp Never 0 4');
  });

  it('makes => right-associative: a => b => c is a => (b => c)', () => {
    // 1:X0=0 => (1:X2=0 => x=2): false only when 1:X0=0, 1:X2=0 (x=2 never holds): 3 of 4.
    // ((1:X0=0 => 1:X2=0) => x=2) would hold in 1 of 4 (1:X0=0, 1:X2=1).
    expect(summary(mp('exists (1:X0=0 => 1:X2=0 => x=2)'))).toContain('Observation MPimp Sometimes 3 1');
  });

  it('binds /\\ tighter than \\/', () => {
    // 1:X0=1 \/ (1:X2=1 /\ x=2): only 1:X0=1 can hold: 2 of 4.
    expect(summary(mp('exists (1:X0=1 \\/ 1:X2=1 /\\ x=2)'))).toContain('Observation MPimp Sometimes 2 2');
  });

  it('binds ~ tighter than =>', () => {
    // (~1:X0=1) => 1:X2=1 fails only for 1:X0=0, 1:X2=0: 3 of 4.
    expect(summary(mp('exists (~1:X0=1 => 1:X2=1)'))).toContain('Observation MPimp Sometimes 3 1');
  });
});

describe('herd7\'s Condition line', () => {
  const line = (condition: string) => summary(
    `AArch64 C\n{ 0:X1=x; }\n P0 ;\n LDR W0,[X1] ;\n LDR W2,[X1] ;\n${condition}\n`,
  ).find((l) => l.startsWith('Condition'));

  // Recorded by herd7 in the shared corpus (instructions-aarch64 A44, L049, L032, L031; instructions-c C13).
  it('writes negation as `not (…)`, and != as a negated atom', () => {
    expect(line('forall not ((x=3 /\\ 0:X0=1) \\/ (x=6 /\\ 0:X0=1))')).toBe('Condition forall (not ([x]=3 /\\ 0:X0=1 \\/ [x]=6 /\\ 0:X0=1))');
    expect(line('exists 0:X0 != 0')).toBe('Condition exists (not (0:X0=0))');
    expect(line('exists (0:X2=0 /\\ ~(0:X0=1 /\\ 0:X2=2))')).toBe('Condition exists (0:X2=0 /\\ not (0:X0=1 /\\ 0:X2=2))');
  });

  it('keeps only the parentheses herd7 prints', () => {
    expect(line('exists (0:X0=1 /\\ 0:X2=1 \\/ x=0)')).toBe("Condition exists (0:X0=1 /\\ 0:X2=1 \\/ [x]=0)");
    expect(line('exists (0:X0=1 /\\ (0:X2=1 \\/ x=0))')).toBe("Condition exists (0:X0=1 /\\ (0:X2=1 \\/ [x]=0))");
    expect(line('forall (0:X0=0 /\\ 0:X2=0) => (x=1 \\/ x=2)')).toBe("Condition forall ((0:X0=0 /\\ 0:X2=0) => ([x]=1 \\/ [x]=2))");
    expect(line('exists (0:X0=1 => 0:X2=1 => x=1)')).toBe("Condition exists (0:X0=1 => 0:X2=1 => [x]=1)");
  });

  it('shows constants as signed 64-bit numbers (recorded: A229 writes 0xffffffffffffffff as -1)', () => {
    expect(line('exists (0:X0=0xffffffffffffffff /\\ 0:X2=0xffffffff)')).toBe('Condition exists (0:X0=-1 /\\ 0:X2=4294967295)');
  });
});

describe('loops: herd7\'s unrolling and its `Loop` verdict', () => {
  // herd7 (herd/mem.ml) counts a jump back to a label only when it is
  // unconditional or its condition depends on the execution (a read, a
  // store-exclusive's status); the third such jump to one label cuts the
  // path. Cut executions are not counted; if one is consistent, herd7
  // prefixes Ok/No with `Loop`. Recorded answers: L028, L029, A184.
  it('unrolls a loop on constants fully (L028: CBNZ on a counter, ten rounds)', () => {
    const text = 'AArch64 L028\n{ }\n P0 ;\n MOV W0,#10 ;\n MOV W1,#0 ;\nL0: ;\n ADD W1,W1,#1 ;\n SUB W0,W0,#1 ;\n CBNZ W0,L0 ;\nforall 0:X1=10\n';
    expect(summary(text)).toEqual(['Test L028 Required', 'States 1', 'Ok', 'Positive: 1 Negative: 0', 'Condition forall (0:X1=10)', 'Observation L028 Always 1 0']);
  });

  it('counts an unconditional jump back (L029: States 0, Loop Ok)', () => {
    const text = 'AArch64 L029\n{ }\n P0 ;\n MOV W0,#10 ;\n MOV W1,#0 ;\nL1: ;\n ADD W1,W1,#1 ;\n SUB W0,W0,#1 ;\n CBZ W0,L0 ;\n B L1 ;\nL0: ;\nforall 0:X1=10\n';
    expect(summary(text)).toEqual(['Test L029 Required', 'States 0', 'Loop Ok', 'Positive: 0 Negative: 0', 'Condition forall (0:X1=10)', 'Observation L029 Never 0 0']);
  });

  it('counts a loop on a store-exclusive\'s status (A184: three successes counted, the cut one not)', () => {
    const text = 'AArch64 A184\n{ int x=1; 0:X0=x; }\n P0 ;\nL0: ;\n LDXR W1,[X0] ;\n MOV W3,#2 ;\n STXR W4,W3,[X0] ;\n CBNZ W4,L0 ;\nforall (x=2)\n';
    expect(summary(text)).toEqual(['Test A184 Required', 'States 1', 'Loop Ok', 'Positive: 3 Negative: 0', 'Condition forall ([x]=2)', 'Observation A184 Always 3 0']);
  });

  it('says Loop No when a spin loop on a read is cut and the condition fails', () => {
    // P1 spins until it reads 1 from x. Hand derivation: the paths that read 1
    // on the 1st, 2nd or 3rd try are counted (1:X0=1); reading 0 three times
    // jumps back a third time and is cut (consistent: P1 may run before P0).
    // ~exists (1:X0=1) fails: 'Loop No'.
    const text = [
      'AArch64 spin',
      '{ 0:X1=x; 1:X1=x; }',
      ' P0          | P1            ;',
      ' MOV W0,#1   |L0:            ;',
      ' STR W0,[X1] | LDR W0,[X1]   ;',
      '             | CBZ W0,L0     ;',
      '~exists (1:X0=1)',
    ].join('\n');
    expect(summary(text)).toEqual(['Test spin Forbidden', 'States 1', 'Loop No', 'Positive: 0 Negative: 3', 'Condition ~exists (1:X0=1)', 'Observation spin Always 3 0']);
  });
});

describe('AArch64 forms herd7 reads', () => {
  it('symbolic registers: `%name` set in the init block for every thread, used as X%name or %name', () => {
    // herd's A127/A253: the register holds the location's address; the store goes to x.
    const text = [
      'AArch64 sym',
      '{ uint64_t %px=x; int x=0; }',
      ' P0            | P1           ;',
      ' MOV W1,#1     | LDR W0,[%px] ;',
      ' STR W1,[X%px] |              ;',
      'forall (x=1)',
    ].join('\n');
    expect(summary(text)).toContain('Observation sym Always 2 0');
  });

  it('branches relative to themselves: `.+8` skips one instruction, `.-8` goes two back', () => {
    // herd's L046 and L047: each instruction is 4 bytes.
    const skip = 'AArch64 L046\n{ }\n P0 ;\n B .+8 ;\n MOV W0,#1 ;\n ADD W0,W0,#1 ;\nforall 0:X0=1\n';
    expect(summary(skip)).toContain('Observation L046 Always 1 0');
    const back = 'AArch64 L047\n{ 0:X0=2; }\n P0 ;\n ADD W1,W1,#2 ;\n SUBS W0,W0,#1 ;\n CBNZ W0,.-8 ;\nforall (0:X1=4)\n';
    expect(summary(back)).toContain('Observation L047 Always 1 0');
    expect(() => herd('AArch64 far\n{ }\n P0 ;\n B .+12 ;\nforall (true)\n')).toThrow(/4:2: branch to \.\+12 leaves P0's code/);
  });

  it('an address that is no location is an error only on a path some consistent execution takes', () => {
    // herd's A261 and A263: P1 loads from address 16 only when it reads x=1 then x=0
    // (impossible by coherence: no error) or, reversed, in every other case (error).
    const text = (branch: string) => [
      'AArch64 A26x',
      '{ int x=0; 0:X1=x; 1:X1=x; 1:X3=16; }',
      ' P0          | P1           ;',
      ' MOV W0,#1   | LDR W0,[X1]  ;',
      ' STR W0,[X1] | LDR W2,[X1]  ;',
      '             | EOR W4,W0,#1 ;',
      '             | ORR W4,W4,W2 ;',
      `             | ${branch} W4,L1 ;`,
      '             | LDR W6,[X3]  ;',
      '             |L1:           ;',
      'forall 1:X4=1',
    ].join('\n');
    expect(summary(text('CBNZ'))).toContain('Observation A26x Always 3 0');
    expect(() => herd(text('CBZ'))).toThrow(/9:16: P1 accesses address 16, which is not a location/);
  });

  it('RET ends the thread under Variant=telechat; otherwise it returns to X30', () => {
    const text = 'AArch64 tc\nVariant=telechat\n{ 0:X1=x; }\n P0 ;\n MOV W0,#1 ;\n STR W0,[X1] ;\n RET ;\n MOV W0,#2 ;\n STR W0,[X1] ;\nforall (x=1)\n';
    expect(summary(text)).toContain('Observation tc Always 1 0');
    // Without the variant, X30 was never set: 0 is no instruction's address.
    expect(() => herd(text.replace('Variant=telechat\n', ''))).toThrow(/6:2: P0 jumps to 0, which is no instruction's address/);
  });
});

describe('calls and code addresses (herd7 recorded: L022, L023, AK001, A257, A258)', () => {
  it('BL saves the return address in X30 and RET goes back: two calls add 2', () => {
    const text = [
      'AArch64 L022',
      '{ }',
      '  P0          ;',
      ' MOV W0,#4    ;',
      ' BL Linc      ;',
      ' BL Linc      ;',
      ' B Lzero      ;',
      'Linc:         ;',
      ' ADD W0,W0,#1 ;',
      ' RET          ;',
      'Lzero:        ;',
      'forall 0:X0=6',
    ].join('\n');
    expect(summary(text)).toContain('Observation L022 Always 1 0');
  });

  it('BLR into another thread\'s code runs it on the caller\'s registers', () => {
    const text = [
      'AArch64 L023',
      '{ 0:X8=P1:Ldec; 1:X1=P0:Linc; }',
      '  P0          | P1           ;',
      ' MOV W9,#4    | MOV W9,#4    ;',
      ' BLR X8       | BLR X1       ;',
      ' BLR X8       | BLR X1       ;',
      ' MOV W0,W9    | MOV W0,W9    ;',
      ' B Lzero      | B Lone       ;',
      'Linc:         |Ldec:         ;',
      ' ADD W9,W9,#1 | SUB W9,W9,#1 ;',
      ' RET          | RET          ;',
      'Lzero:        |Lone:         ;',
      'forall 0:X0=2 /\\ 1:X0=6',
    ].join('\n');
    expect(summary(text)).toContain('Observation L023 Always 1 0');
  });

  it('a code address shows as label:"P0:L0" (ADR, and BL\'s return address)', () => {
    expect(herd('AArch64 A258\n{ }\n P0 ;\nL0: ;\n ADR X0,L0 ;\nforall(0:X0=label:"0:L0")\n'))
      .toContain('States 1\n0:X0=label:"P0:L0";\nOk\n');
    expect(herd('AArch64 A257\n{ }\n P0 ;\n BL L0 ;\nL0: ;\nlocations [0:X30;]\n')).toContain('0:X30=label:"P0:L0";');
  });

  it('BR to an address read from memory orders what follows like a branch on it (LB+rel+br-ctrl: Never)', () => {
    const text = [
      'AArch64 AK001',
      '{ ins_t *y; 0:X2=x; 0:X4=y; 0:X3=P1:L0; 1:X2=x; 1:X4=y; }',
      'P0           |P1           ;',
      'LDR W1,[X2]  | ADR X5,L1   ;',
      'STLR X3,[X4] | STR X5,[X4] ;',
      '             | LDR X3,[X4] ;',
      '             | BR X3       ;',
      '             |L0:          ;',
      '             | MOV W0,#1   ;',
      '             | STR W0,[X2] ;',
      '             |L1:          ;',
      'exists (0:X1=1 /\\ 1:X0=1)',
    ].join('\n');
    expect(summary(text)).toEqual([
      'Test AK001 Allowed', 'States 2', 'No', 'Positive: 0 Negative: 3', 'Condition exists (0:X1=1 /\\ 1:X0=1)', 'Observation AK001 Never 0 3',
    ]);
  });

  it('a value naming a label a thread lacks, or a thread the test lacks, is a located error (init block and condition)', () => {
    expect(() => herd('AArch64 bad\n{ 0:X1=P0:Nowhere; }\n P0 ;\n BR X1 ;\nforall (true)\n')).toThrow(/2:3: P0 has no label Nowhere/);
    expect(() => herd('AArch64 bad\n{ 0:X1=P5:L0; }\n P0 ;\n BR X1 ;\nforall (true)\n')).toThrow(/2:3: there is no thread P5 in this test/);
    const adr = (condition: string) => `AArch64 lv\n{ }\n P0 ;\nL0: ;\n ADR X2,L0 ;\n${condition}\n`;
    expect(() => herd(adr('exists (0:X2=P0:L9)'))).toThrow(/6:9: P0 has no label L9/);
    expect(() => herd(adr('exists (0:X2=P3:L0)'))).toThrow(/6:9: there is no thread P3 in this test/);
  });

  it('bounds a loop that goes through another thread\'s code and back (cut: Loop)', () => {
    // P0 jumps to P1's code, whose RET returns to L0 (in X30): every return
    // to L0, a place already run, counts; the third cuts. P1 itself skips F.
    const text = [
      'AArch64 cross',
      '{ 0:X2=P1:F; }',
      ' P0          | P1      ;',
      'L0:          | B End   ;',
      ' ADR X30,L0  |F:       ;',
      ' BR X2       | RET     ;',
      '             |End:     ;',
      'exists (0:X0=1)',
    ].join('\n');
    expect(summary(text)).toEqual(['Test cross Allowed', 'States 0', 'Loop No', 'Positive: 0 Negative: 0', 'Condition exists (0:X0=1)', 'Observation cross Never 0 0']);
  });
});
