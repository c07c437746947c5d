// The fuzz property (issue 16) on a fixed seed: mutants of the library's
// tests and the stock models (the same on every machine), run
// through the command line, must end with exit 0 or 2 (1 for check) and
// located messages, never an internal error or a stack trace. Timing and
// memory are held only in the long run (`npm run fuzz`), never here, where
// a busy machine must not fail a spec.

import fc from 'fast-check';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fuzzInput } from '../src/fuzz/arbitrary.js';
import { type FuzzLimits, fuzzProblems, fuzzSeeds, runFuzzCase } from '../src/fuzz/case.js';
import { mutate, mutateAll } from '../src/fuzz/mutate.js';

const root = join(import.meta.dirname, '..');
const LIMITS: FuzzLimits = { timeoutSeconds: 1, maxCandidates: 100_000, maxMemoryMiB: 1024 };

describe('mutations', () => {
  it('do what they say', () => {
    expect(mutate('abcdef', { op: 'delete', at: 1, length: 2 })).toBe('adef');
    expect(mutate('abc', { op: 'duplicate', at: 1, length: 1, times: 3 })).toBe('abbbbc');
    expect(mutate('x=1', { op: 'nest', at: 0, length: 3, depth: 2, style: 0 })).toBe('((x=1))');
    expect(mutate('a\nb', { op: 'repeatLine', line: 1, times: 2 })).toBe('a\nb\nb\nb');
    expect(mutate('t[2]', { op: 'number', which: 0, value: 4 })).toBe('t[2147483647]');
    expect(mutate('', { op: 'chain', at: 0, terms: 3, style: 0 })).toBe('0:X0=0 /\\ 0:X0=0 /\\ 0:X0=0');
    expect(mutateAll('abc', [{ op: 'truncate', at: 2 }, { op: 'swapLines', a: 0, b: 0 }])).toBe('ab');
  });
});

describe('the command line under fuzzing', () => {
  // The library's tests and the stock models only: the same inputs on every machine, with or without ../shared.
  const seeds = fuzzSeeds(root, false);
  const dir = join(tmpdir(), `litmus-fuzz-spec-${process.pid}`);
  const mp = join(root, 'litmus', 'aarch64', 'MP.litmus');

  it('the problems it looks for are seen', () => {
    const base = { status: 0, err: '', seconds: 0, rss: 0 };
    expect(fuzzProblems({ ...base, status: 3, err: 'x.litmus:1:1: internal error: boom (please report this)\n' }, 'run', LIMITS, false)).toEqual(['exit 3', 'an internal error']);
    expect(fuzzProblems({ ...base, err: 'RangeError: oops\n    at f (file.js:1:2)\n' }, 'run', LIMITS, false)).toEqual(['a stack trace', 'an unlocated message: RangeError: oops']);
    expect(fuzzProblems({ ...base, status: 1 }, 'check', LIMITS, false)).toEqual([]);
    expect(fuzzProblems({ ...base, seconds: 9 }, 'run', LIMITS, true)).toEqual(['ran 9.0 s with --timeout 1']);
  });

  it('ends every run with an answer or a located error (1,500 seeded inputs)', async () => {
    expect(seeds.length).toBeGreaterThan(50);
    await fc.assert(
      fc.asyncProperty(fuzzInput(seeds.length), async (input) => {
        const source = seeds[input.seed];
        const outcome = await runFuzzCase(source.kind, mutateAll(source.text, input.mutations), input.command, dir, mp, LIMITS);
        expect(fuzzProblems(outcome, input.command, LIMITS, false), outcome.err.slice(0, 1000)).toEqual([]);
      }),
      { seed: 16, numRuns: 1500 },
    );
  });
});
