// Mixed-size accesses (herd7's -variant mixed) under Arm's model. Each
// expectation is derived by hand in the comment above it, from the rules
// herd7 applies: a symbol is cut into pieces of the test's granule (its
// smallest access size), an access moves its pieces little-endian, rf and
// co are per piece, a read takes its pieces from the writes overlapping it
// smallest first, each write it uses giving all the pieces it covers, and
// Arm's model relates the pieces of one access (sca-class) in ob.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { aarch64 } from '../src/arch/aarch64/index.js';
import { granuleOf } from '../src/exec/memory.js';
import { loadTest } from '../src/exec/program.js';
import { loadModel } from '../src/node/models.js';
import { stateLine } from '../src/report/herd.js';
import { simulate } from '../src/simulate.js';
import { parseLitmus } from '../src/syntax/parse.js';
import { cli } from './support/cli.js';

function run(source: string, options: { mixed?: boolean; hexa?: boolean } = { hexa: true }) {
  const result = simulate(parseLitmus(source), loadModel('aarch64'), options);
  return {
    states: result.states.map((row) => `${stateLine(result.columns, row.values)} ×${row.executions}`),
    observation: result.observation,
    warnings: result.warnings,
  };
}

describe('the granule (herd7: the smallest size used; one size only, the next size down)', () => {
  it('takes the smallest of several sizes, and halves a single one', () => {
    expect(granuleOf([4, 1, 8])).toBe(1);
    expect(granuleOf([8, 8])).toBe(4);
    expect(granuleOf([2])).toBe(1);
    expect(granuleOf([1])).toBe(1);
  });

  it('names each piece of a symbol by its bytes', () => {
    const { memory } = loadTest(parseLitmus(`AArch64 T
Variant=mixed
{ uint64_t x; 0:X1=x; }
 P0 ;
 LDR W0,[X1] ;
 LDRB W2,[X1,#2] ;
exists (0:X0=0)`), aarch64);
    // Sizes 8 (the declaration), 4 and 1: pieces of 1 byte.
    expect(memory.units.map((u) => u.name)).toEqual(['x+0', 'x+1', 'x+2', 'x+3', 'x+4', 'x+5', 'x+6', 'x+7']);
    const words = loadTest(parseLitmus(`AArch64 T
Variant=mixed
{ uint64_t x; 0:X1=x; }
 P0 ;
 LDR W0,[X1] ;
exists (0:X0=0)`), aarch64).memory;
    // Sizes 8 and 4: pieces of 4 bytes.
    expect(words.units.map((u) => u.name)).toEqual(['x+0..3', 'x+4..7']);
  });
});

describe('mixed-size accesses under aarch64', () => {
  // P0 writes the word 0x11111111, P1 the byte 0x22 at x+1, P2 reads the
  // word. Granule 1; byte 1 has writes init, STR, STRB (two co orders); the
  // other bytes init and STR. P2's sources, smallest write first: STRB gives
  // byte 1 or is skipped; then STR (or init: both 4 bytes) gives every byte
  // left, so P2 reads 0, 0x2200, 0x11111111 or 0x11112211 — never a mix of
  // STR's and init's bytes. Final x: 0x11112211 (STRB co-last on byte 1) or
  // 0x11111111. Of the 4 × 2 candidates Arm's model forbids two, because an
  // access is observed whole (obs; sca-class): reading 0x11112211 with STRB
  // co-before STR (R -fre-> STR's byte 1, STR's byte 0 -rfe-> R), and 0x2200
  // with STRB co-after STR (R's byte 0 -fre-> STR -coe-> STRB -rfe-> R).
  it('a byte store inside a word another thread writes: both orders of the bytes, never half a word', () => {
    const r = run(`AArch64 byte-in-word
Variant=mixed
{ uint32_t x; 0:X1=x; 1:X1=x; 2:X1=x; }
 P0 | P1 | P2 ;
 MOVZ W0,#0x1111 | MOV W0,#0x22 | LDR W0,[X1] ;
 MOVK W0,#0x1111,LSL #16 | STRB W0,[X1,#1] | ;
 STR W0,[X1] | | ;
exists (2:X0=0x11112211 /\\ x=0x11111111)`);
    // herd7's order: state lines compared as text.
    expect(r.states).toEqual([
      '2:X0=0x0; [x]=0x11111111; ×1',
      '2:X0=0x0; [x]=0x11112211; ×1',
      '2:X0=0x11111111; [x]=0x11111111; ×1',
      '2:X0=0x11111111; [x]=0x11112211; ×1',
      '2:X0=0x11112211; [x]=0x11112211; ×1',
      '2:X0=0x2200; [x]=0x11111111; ×1',
    ]);
    expect(r.observation).toBe('Never');
  });

  // STR X writes 0x0000000200000001 to x. Sizes 8 and 4: pieces of 4 bytes.
  // LDP W0,W1 is two 4-byte reads, each of one piece, each from init or the
  // STR: all four pairs, the torn (1,0) and (0,2) included. LDR X is one
  // access of both pieces: STR and init both cover both, so it reads 0 or
  // the whole doubleword (single-copy atomic, Arm ARM B2.2.1). The readers
  // are on two threads: nothing relates them, 4 × 2 states, once each.
  it('LDP of two words against STR of a doubleword: the pair may tear, a doubleword load may not', () => {
    const r = run(`AArch64 ldp-vs-str
Variant=mixed
{ uint64_t x; uint64_t 0:X0 = 0x200000001; 0:X1=x; 1:X2=x; 2:X1=x; uint64_t 2:X0; }
 P0 | P1 | P2 ;
 STR X0,[X1] | LDP W0,W1,[X2] | LDR X0,[X1] ;
locations [2:X0;]
exists (1:X0=1 /\\ 1:X1=0)`);
    expect(r.states).toEqual([
      '1:X0=0x0; 1:X1=0x0; 2:X0=0x0; ×1',
      '1:X0=0x0; 1:X1=0x0; 2:X0=0x200000001; ×1',
      '1:X0=0x0; 1:X1=0x2; 2:X0=0x0; ×1',
      '1:X0=0x0; 1:X1=0x2; 2:X0=0x200000001; ×1',
      '1:X0=0x1; 1:X1=0x0; 2:X0=0x0; ×1',
      '1:X0=0x1; 1:X1=0x0; 2:X0=0x200000001; ×1',
      '1:X0=0x1; 1:X1=0x2; 2:X0=0x0; ×1',
      '1:X0=0x1; 1:X1=0x2; 2:X0=0x200000001; ×1',
    ]);
  });

  // P0 increments the low halfword of x with LDXRH/STXRH; P1 writes 7 to
  // it with STRH. Success (status 0): reading 0 and writing 1 with P1's 7
  // after (final 7), or reading 7 and writing 8; reading 0 with the 7 in
  // between breaks atomicity. Failure (status 1): it read 0 or 7, final 7.
  // The high halfword is only ever init's 0.
  it('a halfword exclusive pair is atomic on its halfword', () => {
    const r = run(`AArch64 ldxrh-stxrh
Variant=mixed
{ uint32_t x; 0:X1=x; 1:X1=x; }
 P0 | P1 ;
 LDXRH W0,[X1] | MOV W0,#7 ;
 ADD W0,W0,#1 | STRH W0,[X1] ;
 STXRH W2,W0,[X1] | ;
locations [0:X0;]
exists (0:X2=0 /\\ x=1)`);
    expect(r.states).toEqual([
      '0:X0=0x1; 0:X2=0x0; [x]=0x7; ×1',
      '0:X0=0x1; 0:X2=0x1; [x]=0x7; ×1',
      '0:X0=0x8; 0:X2=0x0; [x]=0x8; ×1',
      '0:X0=0x8; 0:X2=0x1; [x]=0x7; ×1',
    ]);
    expect(r.observation).toBe('Never');
  });

  // herd7's M007 rule: a store-exclusive of another size than its load-exclusive always fails.
  it('an exclusive pair of two sizes always fails', () => {
    const r = run(`AArch64 ldxrh-stxr
Variant=mixed
{ uint32_t x; 0:X1=x; }
 P0 ;
 MOV W3,#1 ;
 LDXRH W0,[X1] ;
 STXR W4,W3,[X1] ;
exists (0:X4=0 /\\ x=1)`);
    expect(r.states).toEqual(['0:X4=0x1; [x]=0x0; ×1']);
  });

  // SWPB swaps byte 0 of x (init 0x11223344) with 0xff while P1 writes the
  // word 0xaabbccdd. Byte 0: SWPB reads init (0x44) and P1's write comes
  // after its own (final 0xaabbccdd), or reads P1's 0xdd and writes 0xff
  // (final 0xaabbccff). Reading init with P1's write between breaks
  // atomicity; reading P1's with it after SWPB's own write breaks coherence.
  it('a byte SWP is atomic on its byte and leaves the others alone', () => {
    const r = run(`AArch64 swpb
Variant=mixed
{ uint32_t x = 0x11223344; 0:X2=x; 1:X2=x; }
 P0 | P1 ;
 MOV W1,#0xff | MOVZ W0,#0xccdd ;
 SWPB W1,W0,[X2] | MOVK W0,#0xaabb,LSL #16 ;
  | STR W0,[X2] ;
exists (0:X0=0x44 /\\ x=0xaabbccff)`);
    expect(r.states).toEqual(['0:X0=0x44; [x]=0xaabbccdd; ×1', '0:X0=0xdd; [x]=0xaabbccff; ×1']);
    expect(r.observation).toBe('Never');
  });

  // The queued spinlock's unlock: a release of the locked byte (STLRB),
  // a waiter's acquire of the whole word. Seeing the byte clear (0x100) with
  // the old data is a cycle: data write -bob-> STLRB -rfe-> piece 0 of the
  // LDAR -(sca-class, bob)-> data read -fre-> data write. Forbidden.
  it('a release of one byte orders the writes before it for a reader of the word', () => {
    const r = run(`AArch64 unlock-byte
Variant=mixed
{ uint32_t lock = 0x101; 0:X1=data; 0:X3=lock; 1:X1=data; 1:X3=lock; }
 P0 | P1 ;
 MOV W0,#1 | LDAR W0,[X3] ;
 STR W0,[X1] | LDR W2,[X1] ;
 STLRB WZR,[X3] | ;
exists (1:X0=0x100 /\\ 1:X2=0)`);
    expect(r.states).toEqual(['1:X0=0x100; 1:X2=0x1; ×1', '1:X0=0x101; 1:X2=0x0; ×1', '1:X0=0x101; 1:X2=0x1; ×1']);
  });
});

describe('a test whose accesses differ in size, without Variant=mixed', () => {
  const source = `AArch64 sizes-differ
{ 0:X1=x; 1:X1=x; }
 P0 | P1 ;
 MOV W0,#0x101 | LDRB W0,[X1,#1] ;
 STRH W0,[X1] | ;
exists (1:X0=1)`;

  // herd7 stops ("Illegal mixed-size test"); we run it mixed-size (x gets 4
  // bytes, herd7's default) and say so, naming the location and the sizes.
  it('is simulated mixed-size, with a warning naming the location and the sizes', () => {
    const r = run(source, {});
    expect(r.states).toEqual(['1:X0=0; ×1', '1:X0=1; ×1']);
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings![0]).toContain('mixed-size accesses (x: 2 bytes at x+0, 1 byte at x+1)');
  });

  it('names the sizes of accesses to one location', () => {
    const r = run(source.replace('LDRB W0,[X1,#1]', 'LDR W0,[X1]'), {});
    expect(r.warnings![0]).toContain('(x: 2 bytes at x+0, 4 bytes at x+0)');
    expect(r.states).toEqual(['1:X0=0; ×1', '1:X0=257; ×1']);
  });

  it('is run as before when its accesses agree in size', () => {
    const r = run(source.replace('LDRB W0,[X1,#1]', 'LDRH W0,[X1]'), {});
    expect(r.warnings).toBeUndefined();
  });

  // herd's Variant=DontCheckMixed: no check, whole locations (herd's A178, A179).
  it('is run on whole locations under Variant=DontCheckMixed', () => {
    const r = run(source.replace('LDRB W0,[X1,#1]', 'LDR W0,[X1]').replace('{', 'Variant=DontCheckMixed\n{'), {});
    expect(r.warnings).toBeUndefined();
    // x is one location: the read sees init's 0 or the STRH's 0x101.
    expect(r.states).toEqual(['1:X0=0; ×1', '1:X0=257; ×1']);
  });

  // A typed symbol keeps its type's size: an 8-byte store into a uint32_t is out of bounds, as under --variant mixed.
  it('keeps a typed location at its size, and says where an access leaves it', () => {
    const test = parseLitmus(`AArch64 typed
{ uint32_t x; 0:X1=x; 1:X1=x; }
 P0 | P1 ;
 STR X0,[X1] | LDR W0,[X1] ;
exists (1:X0=0)`);
    expect(() => simulate(test, loadModel('aarch64'))).toThrow(/8 bytes at x\+0, past the 4 bytes of x/);
  });

  // herd7's X86_64 runs accesses of several sizes on whole locations (it
  // rejects none but those inside a location). x is one location: P0 writes
  // 1, P1 writes 0x200, each then reads x. Each read sees its own write or
  // the other's later one; both seeing the other's would need each write
  // co-before the other: (1,0x200) twice (either co order), (1,1) and
  // (0x200,0x200) once each.
  it('on X86_64, runs on whole locations without a warning', () => {
    const test = parseLitmus(`X86_64 sizes
{ 0:rax=x; 1:rax=x; }
 P0                | P1                    ;
 movb $1,(%rax)    | movl $0x200,(%rax)    ;
 movl (%rax),%ebx  | movl (%rax),%ebx      ;
exists (0:rbx=1 /\\ 1:rbx=0x200)`);
    const result = simulate(test, loadModel('x86tso'));
    expect(result.warnings).toBeUndefined();
    expect(result.states.map((row) => `${row.values.join(' ')} ×${row.executions}`)).toEqual(['1 1 ×1', '1 512 ×2', '512 512 ×1']);
  });
});

describe('wider than declared', () => {
  // A doubleword store over a byte array, without Variant=mixed: it spans all
  // eight elements, so the test is simulated mixed-size (with a warning) and
  // the byte load of t[7] sees the store's byte 7, 0xff.
  it('a doubleword over a byte array switches to mixed sizes', () => {
    const r = run(`AArch64 span
{ uint8_t t[8]; 0:X1=t; }
 P0 ;
 MOV X2,#-1 ;
 STR X2,[X1] ;
 LDRB W0,[X1,#7] ;
exists (0:X0=0xff)`);
    expect(r.warnings![0]).toContain('(t: 8 bytes at t+0, 1 byte at t+7)');
    expect(r.states).toEqual(['0:X0=0xff; ×1']);
  });
});

describe('exclusives that must fail', () => {
  // herd7: a store-exclusive with no load-exclusive before it fails without
  // touching memory, so an address register never set is no fault.
  it('a store-exclusive with no load-exclusive fails without looking at its address', () => {
    const r = run(`AArch64 stxr-alone
{ }
 P0 ;
 MOV W0,#1 ;
 STXR W2,W0,[X3] ;
exists (0:X2=0)`, {});
    expect(r.states).toEqual(['0:X2=1; ×1']);
  });
});

describe('limits', () => {
  // A read of 8 pieces over three identical doubleword stores: every piece
  // has four value-equal sources. The steps of building candidates count
  // against --max-candidates, rejected ones included.
  it('counts the steps of building candidates against the candidate limit', () => {
    const test = parseLitmus(`AArch64 identical
Variant=mixed
{ uint64_t x; uint64_t 0:X0=0x0101010101010101; 0:X1=x; 1:X1=x; uint64_t 1:X0; }
 P0 | P1 ;
 STR X0,[X1] | LDR X0,[X1] ;
 STR X0,[X1] | ;
 STR X0,[X1] | ;
 MOV W2,#2 | ;
 STRB W2,[X1,#7] | ;
exists (1:X0=0)`);
    expect(() => simulate(test, loadModel('aarch64'), { limits: { maxCandidates: 20 } })).toThrow(/steps building candidates|search steps/);
  });
});

describe('mixed sizes on X86_64', () => {
  // Each thread writes its own byte of x (movb), then reads the word (movl).
  // x-TSO lets each read miss the other's byte (store buffering): all four
  // states. SC forbids seeing neither: whichever write is first in the total
  // order is seen by the other thread's later read.
  const source = `X86_64 SB+bytes
Variant=mixed
{ uint32_t x; 0:rax=x; 1:rax=x; }
 P0                | P1                 ;
 movb $1,(%rax)    | movb $2,1(%rax)    ;
 movl (%rax),%ebx  | movl (%rax),%ebx   ;
exists (0:rbx=1 /\\ 1:rbx=0x200)`;
  it('store buffering inside one word: allowed by x86-TSO, forbidden by SC', () => {
    const tso = simulate(parseLitmus(source), loadModel('x86tso'));
    expect(tso.states.map((row) => row.values.join(' '))).toEqual(['1 512', '1 513', '513 512', '513 513']);
    expect(tso.observation).toBe('Sometimes');
    const sc = simulate(parseLitmus(source), loadModel('sc'));
    expect(sc.states.map((row) => row.values.join(' '))).toEqual(['1 513', '513 512', '513 513']);
  });
});

describe('the command line', () => {
  const file = join(import.meta.dirname, '..', 'litmus', 'aarch64-mixed', 'qspinlock-unlock-byte+plain.litmus');

  it('--hexa prints values and the condition in hexadecimal', async () => {
    const { status, out } = await cli('run', '--format', 'herd', '--hexa', file);
    expect(status).toBe(0);
    expect(out).toContain('1:X0=0x100; 1:X2=0x0;');
    expect(out).toContain('Condition exists (1:X0=0x100 /\\ 1:X2=0x0)');
  });

  it('--variant mixed runs a test mixed-size without its Variant line, and warns of none', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'litmus-mixed-'));
    const plain = join(dir, 'T.litmus');
    writeFileSync(plain, readFileSync(file, 'utf8').replace('Variant=mixed\n', ''));
    const switched = await cli('run', '--format', 'herd', plain);
    expect(switched.err).toMatch(/^warning: .*T\.litmus: mixed-size accesses \(lock: 1 byte at lock\+0, 4 bytes at lock\+0\): .*herd7 rejects the test without that option/);
    const asked = await cli('run', '--format', 'herd', '--variant', 'mixed', plain);
    expect(asked.err).toBe('');
    expect(asked.out).toBe(switched.out);
    // As kinds.txt says: the waiter may see the byte clear and the old data.
    expect(asked.out).toMatch(/Observation qspinlock-unlock-byte\+plain Sometimes/);
  });

  it('rejects a variant it does not know', async () => {
    const { status, err } = await cli('run', '--variant', 'morello', file);
    expect(status).toBe(2);
    expect(err).toContain("--variant: unknown variant 'morello': litmus takes 'mixed' (with if \"…\")");
  });
});
