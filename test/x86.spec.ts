// X86 (Intel) and X86_64 (AT&T) instruction parsing and semantics, on a
// recording context (test/support): what each instruction asks of the engine.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { x86 } from '../src/arch/x86/index.js';
import { x86_64 } from '../src/arch/x86_64/index.js';
import { corpusAvailable, SHARED_DIR } from '../src/bench/corpus.js';
import { LitmusError } from '../src/errors.js';
import { type AccessOptions, type Arch, type Instruction, LOCATION_SHIFT, type Sym, sym } from '../src/exec/types.js';
import { RecordingContext } from './support/recording-context.js';

const ZF = 0x40n;
const CF = 0x1n;
const OF = 0x800n;

/** Location addresses as the engine makes them, for a fixed set of names. */
const LOCATIONS = ['x', 'y', 'z'];
const addressOf = (name: string): bigint => BigInt(LOCATIONS.indexOf(name) + 1) << LOCATION_SHIFT;
const nameAt = (address: bigint): string => LOCATIONS[Number(address >> LOCATION_SHIFT) - 1] ?? `?${address}`;

type Call =
  | { op: 'load'; loc: string; value: bigint; options?: AccessOptions; addrDeps: bigint }
  | { op: 'store'; loc: string; value: bigint; deps: bigint; options?: AccessOptions }
  | { op: 'atomic'; loc: string; old: bigint; wrote: bigint | null; read?: AccessOptions; write?: AccessOptions }
  | { op: 'fence'; tags: readonly string[] }
  | { op: 'branch'; condition: bigint; deps: bigint; label: string }
  | { op: 'jump'; label: string }
  | { op: 'exit' };

/** A recording context's calls in the terms these specs compare: locations by name, values and their dependencies. */
class Recorded {
  constructor(private readonly ctx: RecordingContext) {}

  get calls(): Call[] {
    return this.ctx.calls.map((c): Call => {
      switch (c.op) {
        case 'load':
          return { op: 'load', loc: nameAt(c.address.value), value: c.value.value, options: c.options, addrDeps: c.address.deps };
        case 'store':
          return { op: 'store', loc: nameAt(c.address.value), value: c.value.value, deps: c.value.deps, options: c.options };
        case 'atomic':
          return { op: 'atomic', loc: nameAt(c.address.value), old: c.old.value, wrote: c.wrote?.value ?? null, read: c.read, write: c.write };
        case 'branch':
          return { op: 'branch', condition: c.condition.value, deps: c.condition.deps, label: c.label };
        case 'fence':
        case 'jump':
        case 'exit':
          return c;
        case 'jumpTo':
          throw new Error('x86 makes no indirect jumps');
      }
    });
  }

  reg(name: string): Sym {
    return this.ctx.reg(name);
  }
}

const at = { line: 7, column: 3 };

function parse(text: string, arch: Arch = x86): Instruction {
  return arch.parseInstruction({ labels: [], text, pos: at });
}

/** Runs instructions in order (no jumps taken) on a fresh fake context. */
function run(texts: string[], loads: bigint[] = [], registers: Record<string, bigint | Sym> = {}, arch: Arch = x86): Recorded {
  const ctx = new RecordingContext({ loads, registers, addressOf });
  for (const text of texts) parse(text, arch).execute(ctx);
  return new Recorded(ctx);
}

function parseError(text: string, arch: Arch = x86): { column: number; message: string } {
  try {
    parse(text, arch);
  } catch (e) {
    expect(e).toBeInstanceOf(LitmusError);
    const d = (e as LitmusError).diagnostics[0];
    expect(d.pos.line).toBe(7);
    return { column: d.pos.column, message: d.message };
  }
  throw new Error(`'${text}' parsed`);
}

const LOCKED = { size: 4, tags: ['X'] };

describe('X86 registers', () => {
  it('canonicalises the 32-bit general registers and rejects others', () => {
    expect(x86.canonicalRegister('eax')).toBe('EAX');
    expect(x86.canonicalRegister('ESP')).toBe('ESP');
    expect(x86.canonicalRegister('EFLAGS')).toBeNull();
    expect(x86.canonicalRegister('X0')).toBeNull();
    expect(x86.canonicalRegister('x')).toBeNull();
  });
});

describe('X86 MOV and fences', () => {
  it('stores an immediate to a named location', () => {
    expect(run(['MOV [x],$1']).calls).toEqual([{ op: 'store', loc: 'x', value: 1n, deps: 0n, options: { size: 4 } }]);
  });

  it('loads into a register, which then carries the read as a dependency', () => {
    const ctx = run(['MOV EAX,[y]', 'MOV [x],EAX'], [5n]);
    expect(ctx.reg('EAX')).toEqual(sym(5n, 1n));
    expect(ctx.calls[1]).toEqual({ op: 'store', loc: 'x', value: 5n, deps: 1n, options: { size: 4 } });
  });

  it('copies immediates and registers, in any letter case', () => {
    const ctx = run(['mov eax,$-3', 'MOV EBX,EAX', 'MOV ECX,0x10']);
    expect(ctx.reg('EBX').value).toBe(-3n);
    expect(ctx.reg('ECX').value).toBe(16n);
    expect(ctx.calls).toEqual([]);
  });

  it('addresses memory through a register, with an address dependency', () => {
    const pointer = sym(addressOf('y'), 4n);
    const ctx = run(['MOV EBX,[EAX]'], [9n], { EAX: pointer });
    expect(ctx.calls).toEqual([{ op: 'load', loc: 'y', value: 9n, options: { size: 4 }, addrDeps: 4n }]);
  });

  it('emits MFENCE, LFENCE and SFENCE as fences named after themselves', () => {
    expect(run(['MFENCE', 'LFENCE', 'SFENCE']).calls).toEqual([
      { op: 'fence', tags: ['MFENCE'] },
      { op: 'fence', tags: ['LFENCE'] },
      { op: 'fence', tags: ['SFENCE'] },
    ]);
  });
});

describe('X86 locked instructions', () => {
  it('XCHG with memory is one atomic update tagged X, either operand order', () => {
    for (const text of ['XCHG [x],EAX', 'XCHG EAX,[x]']) {
      const ctx = run([text], [3n], { EAX: 7n });
      expect(ctx.calls).toEqual([{ op: 'atomic', loc: 'x', old: 3n, wrote: 7n, read: LOCKED, write: LOCKED }]);
      expect(ctx.reg('EAX').value).toBe(3n);
    }
  });

  it('XCHG of two registers swaps them without touching memory', () => {
    const ctx = run(['XCHG EAX,EBX'], [], { EAX: 1n, EBX: 2n });
    expect([ctx.reg('EAX').value, ctx.reg('EBX').value]).toEqual([2n, 1n]);
    expect(ctx.calls).toEqual([]);
  });

  it('LOCK ADD/OR/AND/XOR/INC/DEC update memory atomically', () => {
    const cases: Array<[string, bigint, bigint]> = [
      ['LOCK ADD [x],$2', 5n, 7n],
      ['LOCK OR [x],$2', 5n, 7n],
      ['LOCK AND [x],$6', 5n, 4n],
      ['LOCK XOR [x],$1', 5n, 4n],
      ['LOCK INC [x]', 5n, 6n],
      ['LOCK DEC [x]', 0n, -1n],
    ];
    for (const [text, old, written] of cases) {
      expect(run([text], [old]).calls, text).toEqual([{ op: 'atomic', loc: 'x', old, wrote: written, read: LOCKED, write: LOCKED }]);
    }
  });

  it('LOCK XADD writes the sum and returns the old value in the source register', () => {
    const ctx = run(['LOCK XADD [x],EBX'], [10n], { EBX: 3n });
    expect(ctx.calls).toEqual([{ op: 'atomic', loc: 'x', old: 10n, wrote: 13n, read: LOCKED, write: LOCKED }]);
    expect(ctx.reg('EBX').value).toBe(10n);
  });

  it('LOCK CMPXCHG writes when memory equals EAX and sets ZF', () => {
    const ctx = run(['LOCK CMPXCHG [x],EBX'], [4n], { EAX: 4n, EBX: 9n });
    expect(ctx.calls).toEqual([{ op: 'atomic', loc: 'x', old: 4n, wrote: 9n, read: LOCKED, write: LOCKED }]);
    expect(ctx.reg('EAX').value).toBe(4n);
    expect(ctx.reg('EFLAGS').value & ZF).toBe(ZF);
  });

  it('LOCK CMPXCHG does not write when they differ, loads the value into EAX and clears ZF', () => {
    const ctx = run(['LOCK CMPXCHG [x],EBX'], [5n], { EAX: 4n, EBX: 9n });
    expect(ctx.calls).toEqual([{ op: 'atomic', loc: 'x', old: 5n, wrote: null, read: LOCKED, write: LOCKED }]);
    expect(ctx.reg('EAX')).toEqual(sym(5n, 1n));
    expect(ctx.reg('EFLAGS').value & ZF).toBe(0n);
  });

  it('without LOCK a memory ADD is a plain load then a plain store', () => {
    expect(run(['ADD [x],$1'], [2n]).calls).toEqual([
      { op: 'load', loc: 'x', value: 2n, options: { size: 4 }, addrDeps: 0n },
      { op: 'store', loc: 'x', value: 3n, deps: 1n, options: { size: 4 } },
    ]);
  });
});

describe('X86 arithmetic and flags', () => {
  it('computes on registers and wraps at 32 bits, as signed values', () => {
    expect(run(['ADD EAX,$1'], [], { EAX: 0x7fffffffn }).reg('EAX').value).toBe(-0x80000000n);
    expect(run(['SUB EAX,EBX'], [], { EAX: 3n, EBX: 5n }).reg('EAX').value).toBe(-2n);
    expect(run(['DEC EAX']).reg('EAX').value).toBe(-1n);
    expect(run(['INC EAX'], [], { EAX: -1n }).reg('EAX').value).toBe(0n);
  });

  it('sets carry and overflow like the hardware', () => {
    // 0x7fffffff + 1 overflows as signed, not as unsigned; 0xffffffff + 1 the reverse.
    expect(run(['ADD EAX,$1'], [], { EAX: 0x7fffffffn }).reg('EFLAGS').value & (CF | OF)).toBe(OF);
    expect(run(['ADD EAX,$1'], [], { EAX: -1n }).reg('EFLAGS').value & (CF | OF | ZF)).toBe(CF | ZF);
    // INC leaves the carry from before.
    expect(run(['CMP EAX,$1', 'INC EBX']).reg('EFLAGS').value & CF).toBe(CF);
  });

  it('keeps pointer arithmetic exact', () => {
    const ctx = run(['ADD EAX,$0'], [], { EAX: addressOf('x') });
    expect(ctx.reg('EAX').value).toBe(addressOf('x'));
  });

  it('CMP then JE branches when equal, depending on the compared read', () => {
    const equal = run(['MOV EAX,[x]', 'CMP EAX,$1', 'JE done'], [1n]);
    expect(equal.calls[1]).toEqual({ op: 'branch', condition: 1n, deps: 1n, label: 'done' });
    const different = run(['MOV EAX,[x]', 'CMP EAX,$1', 'JE done'], [2n]);
    expect(different.calls[1]).toEqual({ op: 'branch', condition: 0n, deps: 1n, label: 'done' });
  });

  it('JNE, JZ, JNZ, JL and JMP test the flags they should', () => {
    const branchOn = (jump: string, a: bigint, b: bigint) => {
      const ctx = run(['CMP EAX,EBX', jump], [], { EAX: a, EBX: b });
      return ctx.calls[0];
    };
    expect(branchOn('JNE L', 1n, 2n)).toMatchObject({ op: 'branch', condition: 1n });
    expect(branchOn('JNE L', 2n, 2n)).toMatchObject({ op: 'branch', condition: 0n });
    expect(branchOn('JZ L', 2n, 2n)).toMatchObject({ op: 'branch', condition: 1n });
    expect(branchOn('JNZ L', 2n, 2n)).toMatchObject({ op: 'branch', condition: 0n });
    expect(branchOn('JL L', -1n, 2n)).toMatchObject({ op: 'branch', condition: 1n });
    expect(branchOn('JL L', 3n, 2n)).toMatchObject({ op: 'branch', condition: 0n });
    expect(branchOn('JMP L', 0n, 0n)).toEqual({ op: 'jump', label: 'L' });
  });

  it('reports jump targets so the engine can check the labels', () => {
    expect(parse('JNE Loop').branchTargets).toEqual(['Loop']);
    expect(parse('MOV [x],$1').branchTargets).toEqual([]);
  });
});

describe('X86 parse errors', () => {
  it('names an unknown instruction at its position', () => {
    expect(parseError('FOO EAX')).toEqual({ column: 3, message: "unknown X86 instruction 'FOO'" });
    expect(parseError('LOCK BAR [x]')).toEqual({ column: 8, message: "unknown X86 instruction 'BAR'" });
  });

  it('points at the faulty operand', () => {
    // 'MOV EAX,' ends at column 3+8: the operand starts at column 11.
    expect(parseError('MOV EAX,#1').column).toBe(11);
    expect(parseError('MOV EAX,#1').message).toMatch(/'#1' is not an X86 operand/);
    expect(parseError('MOV [x],[y]')).toEqual({ column: 11, message: 'MOV can have only one memory operand' });
    expect(parseError('MOV $1,EAX').message).toMatch(/cannot be written/);
    expect(parseError('JNE $1').message).toMatch(/expected a label/);
  });

  it('checks operand counts and LOCK', () => {
    expect(parseError('MOV EAX').message).toBe('MOV takes 2 operands, found 1');
    expect(parseError('MFENCE EAX').message).toBe('MFENCE takes 0 operands, found 1');
    expect(parseError('LOCK MOV [x],$1').message).toBe('MOV cannot take a LOCK prefix');
    expect(parseError('LOCK ADD EAX,$1')).toEqual({ column: 12, message: 'LOCK ADD needs a memory destination' });
    expect(parseError('XADD [x],$1').message).toMatch(/expected a register/);
  });
});

/** The instruction cells of a test: the `|`-separated rows after the thread header row. */
function corpusCells(source: string): string[] {
  const rows = source.split('\n').filter((line) => line.includes('|') || /^\s*P0\s*;/.test(line));
  return rows.slice(1).flatMap((row) => row.replace(/;\s*$/, '').split('|').map((c) => c.trim())).filter((c) => c !== '');
}

describe.skipIf(!corpusAvailable()).each([
  ['x86', x86],
  ['x86_64', x86_64],
])('%s conformance corpus', (folder, arch) => {
  const dir = join(SHARED_DIR, 'conformance', 'herd', folder);
  const files = corpusAvailable() ? readdirSync(dir).filter((f) => f.endsWith('.litmus')) : [];

  it('has tests to check', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it.each(files)('%s: every instruction parses', (file) => {
    const texts = corpusCells(readFileSync(join(dir, file), 'utf8'));
    expect(texts.length).toBeGreaterThan(0);
    for (const text of texts) expect(() => parse(text, arch), text).not.toThrow();
  });
});

describe('X86_64 (AT&T syntax)', () => {
  const run64 = (texts: string[], loads: bigint[] = [], registers: Record<string, bigint | Sym> = {}) =>
    run(texts, loads, registers, x86_64);
  const error64 = (text: string) => parseError(text, x86_64);

  it('names every width of a register by its 64-bit register, in lower case as herd prints it', () => {
    for (const name of ['rax', 'RAX', 'eax', '%eax', 'ax', 'al']) expect(x86_64.canonicalRegister(name), name).toBe('rax');
    expect(x86_64.canonicalRegister('r8d')).toBe('r8');
    expect(x86_64.canonicalRegister('esi')).toBe('rsi');
    expect(x86_64.canonicalRegister('EFLAGS')).toBeNull();
    expect(x86_64.canonicalRegister('x')).toBeNull();
  });

  it('moves source to destination, with the size from the suffix', () => {
    expect(run64(['movl $1,(x)']).calls).toEqual([{ op: 'store', loc: 'x', value: 1n, deps: 0n, options: { size: 4 } }]);
    const ctx = run64(['movl (x),%eax'], [6n]);
    expect(ctx.reg('rax')).toEqual(sym(6n, 1n));
    expect(ctx.calls[0]).toMatchObject({ op: 'load', loc: 'x', options: { size: 4 } });
  });

  it('addresses memory through a register', () => {
    const ctx = run64(['movq (%rbx),%rcx'], [2n], { rbx: addressOf('z') });
    expect(ctx.calls).toEqual([{ op: 'load', loc: 'z', value: 2n, options: { size: 8 }, addrDeps: 0n }]);
    expect(ctx.reg('rcx').value).toBe(2n);
  });

  it('lock-prefixed and exchange instructions are atomic updates tagged X', () => {
    const locked8 = { size: 8, tags: ['X'] };
    const xadd = run64(['lock xaddq %rax,(y)'], [4n], { rax: 3n });
    expect(xadd.calls).toEqual([{ op: 'atomic', loc: 'y', old: 4n, wrote: 7n, read: locked8, write: locked8 }]);
    expect(xadd.reg('rax').value).toBe(4n);
    expect(run64(['xchgl %eax,(x)'], [0n], { rax: 1n }).calls).toEqual([
      { op: 'atomic', loc: 'x', old: 0n, wrote: 1n, read: LOCKED, write: LOCKED },
    ]);
  });

  it('CMPXCHG compares with rax', () => {
    const ctx = run64(['lock cmpxchgl %ebx,(x)'], [2n], { rax: 2n, rbx: 5n });
    expect(ctx.calls[0]).toMatchObject({ op: 'atomic', wrote: 5n });
    expect(ctx.reg('EFLAGS').value & ZF).toBe(ZF);
  });

  it('cmp compares destination with source, as AT&T orders them', () => {
    // cmpl $1,%eax computes eax - 1: with eax = 0 that is negative, so jl jumps.
    expect(run64(['cmpl $1,%eax', 'jl L'], [], { rax: 0n }).calls).toEqual([{ op: 'branch', condition: 1n, deps: 0n, label: 'L' }]);
    expect(run64(['cmpl $1,%eax', 'jne L'], [], { rax: 1n }).calls).toEqual([{ op: 'branch', condition: 0n, deps: 0n, label: 'L' }]);
    expect(run64(['mfence']).calls).toEqual([{ op: 'fence', tags: ['MFENCE'] }]);
  });

  it('reports bad instructions and operands where they are', () => {
    expect(error64('frob %eax')).toEqual({ column: 3, message: "unknown X86_64 instruction 'FROB'" });
    expect(error64('movl %eax,%rbx')).toEqual({ column: 13, message: 'this register is 64-bit but the instruction works on 32 bits' });
    expect(error64('inc (x)').message).toMatch(/operand size of INC is unknown/);
    expect(error64('movl 4(%rax,%rbx,3),%eax').message).toMatch(/'3' is not a scale: expected 1, 2, 4 or 8/);
    expect(error64('movl 4(%rax,x,4),%eax').message).toMatch(/'x' cannot be scaled/);
    expect(error64('movl %foo,%eax')).toEqual({ column: 8, message: "'%foo' is not an X86_64 register" });
  });
});
