// The per-test limits every command that simulates takes (--timeout,
// --max-candidates, --max-memory): their options, their defaults, and the
// engine limits they stand for when one test starts.

import { getHeapStatistics } from 'node:v8';
import { type Command, InvalidArgumentError } from 'commander';
import type { EnumerationLimits } from '../enumerate/enumerate.js';

/** The limit flags as commander gives them (seconds, a count, MiB). */
export interface LimitFlags {
  timeout?: number;
  maxCandidates?: number;
  maxMemory?: number;
}

/**
 * The default memory ceiling, MiB: 2 GiB, or less where Node's own heap
 * limit is smaller (three quarters of it), so that a test is stopped by a
 * LimitError before V8 or the system stops the process.
 */
export const DEFAULT_MAX_MEMORY_MIB = Math.min(2048, Math.floor((getHeapStatistics().heap_size_limit / 2 ** 20) * 0.75));

/** commander's parser for a count (`--jobs`, `--max-candidates`): a whole number above 0, else InvalidArgumentError. */
export function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('expected a positive whole number');
  return n;
}

/** commander's parser for seconds (`--timeout`): a finite number above 0, else InvalidArgumentError. */
export function positiveNumber(value: string): number {
  const n = Number(value);
  if (!(n > 0) || !Number.isFinite(n)) throw new InvalidArgumentError('expected a positive number');
  return n;
}

/** Adds --timeout, --max-candidates and --max-memory to `command`. */
export function withLimitOptions(command: Command): Command {
  return command
    .option('--timeout <seconds>', 'stop a test after this many seconds and report it as an error', positiveNumber)
    .option('--max-candidates <n>', 'stop a test after this many candidate executions, or search steps (default 2,000,000), and report it as an error', positiveInteger)
    .option('--max-memory <MiB>', `stop a test when the program holds more memory (heap and buffers) than this many MiB (default ${DEFAULT_MAX_MEMORY_MIB})`, positiveInteger);
}

/** The engine limits for one test that starts now (the deadline counts from this call). */
export function testLimits(flags: LimitFlags): Partial<EnumerationLimits> {
  return {
    ...(flags.maxCandidates !== undefined && { maxCandidates: flags.maxCandidates }),
    ...(flags.timeout !== undefined && { deadline: Date.now() + flags.timeout * 1000 }),
    maxMemoryBytes: (flags.maxMemory ?? DEFAULT_MAX_MEMORY_MIB) * 2 ** 20,
  };
}
