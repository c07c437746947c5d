// `--shard K/N`: the K-th of N deterministic slices of a suite, so a large
// suite spreads over a CI matrix; together the N shards cover every item once.

import { InvalidArgumentError } from 'commander';

export interface Shard {
  index: number; // 1-based
  count: number;
}

/** `K/N` for --shard. Throws InvalidArgumentError for anything else. */
export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) {
    throw new InvalidArgumentError('expected K/N with 1 <= K <= N, e.g. 2/4');
  }
  return { index, count };
}

/** Round-robin over the items in their given (sorted) order. */
export function selectShard<T>(items: readonly T[], shard: Shard | undefined): T[] {
  if (!shard) return [...items];
  return items.filter((_, i) => i % shard.count === shard.index - 1);
}
