// X86 instructions through the real engine (path exploration, rmw pairs,
// labels) under the naive SC model of test/support: checks the integration,
// not x86-TSO. Expected outcomes are hand-derived under SC.

import { describe, expect, it } from 'vitest';
import { x86 } from '../src/arch/x86/index.js';
import { DEFAULT_LIMITS, enumerateExecutions } from '../src/enumerate/enumerate.js';
import { loadTest } from '../src/exec/program.js';
import type { LitmusTest } from '../src/syntax/ast.js';
import { naiveSc, testFromCells } from './support/toy.js';

/** Threads as cells; a cell `L: MOV …` carries label L. */
function x86Test(threads: string[][]): LitmusTest {
  return testFromCells('X86', threads, undefined, 'forall');
}

/** The distinct final states of the SC-allowed executions, as "0:EAX=1 x=2" strings; `regs` like '0:EAX'. */
function outcomes(threads: string[][], regs: string[], locs: string[]): string[] {
  const loaded = loadTest(x86Test(threads), x86);
  const states = new Set<string>();
  enumerateExecutions(loaded, naiveSc(), (combination, choice, verdict) => {
    if (!verdict.allowed) return;
    const parts = regs.map((r) => {
      const [thread, name] = r.split(':');
      return `${r}=${combination.paths[Number(thread)].registers.get(name) ?? 0n}`;
    });
    for (const loc of locs) {
      const order = choice.co[loaded.locations.indexOf(loc)!];
      const last = order[order.length - 1];
      let thread = combination.offsets.length - 1;
      while (thread > 0 && combination.offsets[thread] > last) thread--;
      const value = last < loaded.locations.size ? 0n : combination.paths[thread].events[last - combination.offsets[thread]].value;
      parts.push(`${loc}=${value}`);
    }
    states.add(parts.join(' '));
  }, DEFAULT_LIMITS);
  return [...states].sort();
}

describe('X86 on the engine (SC)', () => {
  it('store buffering: SC never gives both loads 0', () => {
    const sb = [['MOV [x],$1', 'MOV EAX,[y]'], ['MOV [y],$1', 'MOV EAX,[x]']];
    expect(outcomes(sb, ['0:EAX', '1:EAX'], [])).toEqual(['0:EAX=0 1:EAX=1', '0:EAX=1 1:EAX=0', '0:EAX=1 1:EAX=1']);
  });

  it('LOCK INC is atomic: two increments always give 2', () => {
    expect(outcomes([['LOCK INC [x]'], ['LOCK INC [x]']], [], ['x'])).toEqual(['x=2']);
  });

  it('a plain INC on memory is not: an update can be lost', () => {
    expect(outcomes([['INC [x]'], ['INC [x]']], [], ['x'])).toEqual(['x=1', 'x=2']);
  });

  it('XCHG as a lock: exactly one thread takes it', () => {
    const take = ['MOV EAX,$1', 'XCHG [x],EAX'];
    expect(outcomes([take, take], ['0:EAX', '1:EAX'], ['x'])).toEqual(['0:EAX=0 1:EAX=1 x=1', '0:EAX=1 1:EAX=0 x=1']);
  });

  it('LOCK CMPXCHG: only one of two competing CAS from 0 succeeds', () => {
    const cas = (value: number) => [`MOV EBX,$${value}`, 'LOCK CMPXCHG [x],EBX'];
    // The winner keeps EAX=0; the loser reads the winner's value into EAX.
    expect(outcomes([cas(1), cas(2)], ['0:EAX', '1:EAX'], ['x'])).toEqual(['0:EAX=0 1:EAX=1 x=1', '0:EAX=2 1:EAX=0 x=2']);
  });

  it('CMP/JE skips code forward to a label-only cell', () => {
    const threads = [['MOV [x],$1'], ['MOV EAX,[x]', 'CMP EAX,$1', 'JE done', 'MOV EBX,$7', 'done:']];
    expect(outcomes(threads, ['1:EAX', '1:EBX'], [])).toEqual(['1:EAX=0 1:EBX=7', '1:EAX=1 1:EBX=0']);
  });
});
