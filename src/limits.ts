// The two limits every long phase of a run watches: the clock (--timeout)
// and memory (--max-memory, what the program holds: heap and buffers). One check for both, called every few hundred
// steps by the path explorer, the search and the candidate loop, so that a
// test stops with a LimitError wherever its time or memory goes (issue 16).

import { LimitError } from './errors.js';

/** A run's time and memory limits. */
export interface Budget {
  /** Stop when Date.now() (milliseconds) passes this. */
  deadline?: number;
  /**
   * Stop when the memory the program holds (JavaScript heap in use, and
   * buffers outside it) passes this many bytes; measured where the host can
   * tell (Node), at most every MEMORY_SAMPLE_MS.
   */
  maxMemoryBytes?: number;
  /**
   * Told at every check (before each phase's first step and every few
   * hundred steps), with the phase under way ("exploring thread paths"):
   * progress for a caller that shows it (the page's status line, while no
   * candidate has been judged yet). Must be cheap.
   */
  onCheck?: (during: string) => void;
}

// Node's process.memoryUsage, absent in a browser (the playground's worker).
const memoryUsage = (globalThis as { process?: { memoryUsage?: () => { heapUsed: number; external: number } } }).process?.memoryUsage;

/**
 * A memory reading costs tens of µs (Node reads the process's size from the
 * system too): taken at most this often (ms) in the whole process, every
 * budget comparing the latest one with its limit, so that frequent checks,
 * and many short tests each with a budget of its own, stay cheap.
 */
const MEMORY_SAMPLE_MS = 20;
/** The latest reading: when (Date.now()) and how many bytes. */
let lastSample: { at: number; bytes: number | undefined } | undefined;

/** Bytes the program holds now: heap in use and external buffers (typed arrays), which fall again after a collection. */
function heldBytes(): number | undefined {
  if (!memoryUsage) return undefined;
  const usage = memoryUsage();
  return usage.heapUsed + usage.external;
}

/**
 * Throws LimitError when `budget`'s deadline has passed or the process holds
 * more memory than it allows; `during` names the phase in the message
 * ("exploring thread paths"). Costs a clock read, and every 20 ms (in the
 * whole process) a memory reading: call it every few hundred steps, and
 * once before a phase's first step.
 */
export function checkBudget(budget: Budget, during: string): void {
  budget.onCheck?.(during);
  if (budget.deadline !== undefined && Date.now() > budget.deadline) {
    throw new LimitError(`stopped at the time limit (--timeout) while ${during}`);
  }
  if (budget.maxMemoryBytes !== undefined) {
    const now = Date.now();
    if (!lastSample || now - lastSample.at >= MEMORY_SAMPLE_MS) lastSample = { at: now, bytes: heldBytes() };
    // Over the limit by an older reading (another test's, whose memory may be gone since): only a fresh one stops this one.
    if (lastSample.bytes !== undefined && lastSample.bytes > budget.maxMemoryBytes && lastSample.at !== now) lastSample = { at: now, bytes: heldBytes() };
    const used = lastSample.bytes;
    if (used !== undefined && used > budget.maxMemoryBytes) {
      lastSample = undefined;
      throw new LimitError(
        `stopped at the memory limit (--max-memory ${Math.round(budget.maxMemoryBytes / 2 ** 20)} MiB; ${Math.round(used / 2 ** 20)} MiB in use) while ${during}`,
      );
    }
  }
}
