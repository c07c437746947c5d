// The two limits every long phase of a run watches: the clock (--timeout)
// and memory (--max-memory). One check for both, called every few hundred
// steps by the path explorer, the search and the candidate loop, so that a
// test stops with a LimitError wherever its time or memory goes (issue 16).

import { LimitError } from './errors.js';

/** A run's time and memory limits. */
export interface Budget {
  /** Stop when Date.now() (milliseconds) passes this. */
  deadline?: number;
  /** Stop when the process's resident memory passes this many bytes (measured where the host can tell: Node). */
  maxMemoryBytes?: number;
}

// Node's process.memoryUsage.rss, absent in a browser (the playground's worker).
const rss = (globalThis as { process?: { memoryUsage?: { rss?: () => number } } }).process?.memoryUsage?.rss;

/**
 * Throws LimitError when `budget`'s deadline has passed or the process holds
 * more memory than it allows; `during` names the phase in the message
 * ("exploring thread paths"). Costs a clock read and, with a memory limit, a
 * memory reading (microseconds): call it every few hundred steps, and once
 * before a phase's first step.
 */
export function checkBudget(budget: Budget, during: string): void {
  if (budget.deadline !== undefined && Date.now() > budget.deadline) {
    throw new LimitError(`stopped at the time limit (--timeout) while ${during}`);
  }
  if (budget.maxMemoryBytes !== undefined && rss !== undefined) {
    const used = rss();
    if (used > budget.maxMemoryBytes) {
      throw new LimitError(
        `stopped at the memory limit (--max-memory ${Math.round(budget.maxMemoryBytes / 2 ** 20)} MiB; ${Math.round(used / 2 ** 20)} MiB in use) while ${during}`,
      );
    }
  }
}
