// fast-check's description of a fuzz input: which seed, which command,
// which mutations (src/fuzz/mutate.ts). fast-check generates them from a
// seed, so a run is repeatable, and shrinks a failing one to a small case.

import fc from 'fast-check';
import type { Mutation } from './mutate.js';
import { FUZZ_COMMANDS, type FuzzCommand } from './case.js';

const place = fc.nat({ max: 1 << 20 });
// Mostly small amounts; sometimes the thousands that broke limits before.
const amount = fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 1, max: 20 }) }, { weight: 1, arbitrary: fc.integer({ min: 50, max: 5000 }) });

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), at: place, length: fc.integer({ min: 1, max: 200 }) }),
  fc.record({ op: fc.constant('duplicate' as const), at: place, length: fc.integer({ min: 1, max: 120 }), times: amount }),
  fc.record({ op: fc.constant('insert' as const), at: place, piece: fc.nat() }),
  fc.record({ op: fc.constant('nest' as const), at: place, length: fc.integer({ min: 1, max: 40 }), depth: amount, style: fc.nat() }),
  fc.record({ op: fc.constant('number' as const), which: fc.nat(), value: fc.nat() }),
  fc.record({ op: fc.constant('repeatLine' as const), line: fc.nat(), times: amount }),
  fc.record({ op: fc.constant('truncate' as const), at: place }),
  fc.record({ op: fc.constant('swapLines' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ op: fc.constant('chain' as const), at: place, terms: amount, style: fc.nat() }),
);

export interface FuzzInput {
  seed: number;
  command: FuzzCommand;
  mutations: Mutation[];
}

/** Inputs over `seedCount` seeds: `run` most often, then explain, compare and check. */
export function fuzzInput(seedCount: number): fc.Arbitrary<FuzzInput> {
  const command = fc.oneof(
    { weight: 6, arbitrary: fc.constant<FuzzCommand>('run') },
    ...FUZZ_COMMANDS.filter((c) => c !== 'run').map((c) => ({ weight: 1, arbitrary: fc.constant<FuzzCommand>(c) })),
  );
  return fc.record({ seed: fc.nat({ max: seedCount - 1 }), command, mutations: fc.array(mutation, { minLength: 1, maxLength: 4 }) });
}
