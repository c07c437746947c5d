// Runs check jobs on this thread and, when the work is long enough to pay
// for them, on worker threads beside it. A worker costs a few tenths of a
// second to start (it loads the program and warms up), more than a hundred
// small tests take: so this thread starts on the queue, and workers join only
// once the work left, estimated from the jobs done so far, outweighs that
// (issue 11). A job that overruns its timeout on a worker is stopped by
// terminating the worker; on this thread the engine's own deadline stops it.
// A worker that runs out of memory is reported the same way.

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { type CheckJob, type JobLimits, type JobOutcome, runJob } from './jobs.js';

/** Grace beyond --timeout before a worker is forcibly stopped (the engine stops itself first; a test ends within --timeout + 1 s). */
const KILL_GRACE_MS = 900;
/** Heap per worker thread, in MiB, so a runaway test fails alone. */
const WORKER_HEAP_MB = 4096;
/** Workers join when the work left is estimated at more than this many CPU seconds per worker. */
const WORK_PER_WORKER_S = 1;
/** The estimate is made once this thread has worked this long, in CPU seconds (the first jobs also warm the program up). */
const ESTIMATE_AFTER_S = 0.25;

export type DoneCallback = (job: CheckJob, outcome: JobOutcome) => void;

/**
 * Runs `jobs` on up to `threads` threads (this one, and workers when the work
 * is long enough: see above), calling `done` for each as it finishes, in
 * whatever order they finish.
 */
export async function runJobs(jobs: CheckJob[], limits: JobLimits, threads: number, done: DoneCallback): Promise<void> {
  const workerFile = fileURLToPath(new URL('./worker.js', import.meta.url));
  const canSpread = threads > 1 && existsSync(workerFile);
  const queue = [...jobs];
  const lanes: Promise<void>[] = [];
  // The work is measured in CPU time, not wall time: on a busy machine the wall clock
  // stretches, and a run too short for a worker would start one (a newcomer saw it).
  // The whole process's, V8's collector and compiler threads with this one's (Node 20
  // measures no single thread), before any worker exists.
  const started = process.cpuUsage();
  // LITMUS_EAGER_WORKERS=1 starts them at once (the specs use it to exercise workers on a small run).
  const eager = process.env.LITMUS_EAGER_WORKERS === '1';
  let finished = 0;
  let decided = false;
  while (queue.length > 0) {
    const used = process.cpuUsage(started);
    const elapsed = (used.user + used.system) / 1e6;
    if (canSpread && !decided && (eager || (finished > 0 && elapsed >= ESTIMATE_AFTER_S))) {
      decided = true;
      const workers = eager ? Math.min(threads - 1, queue.length - 1) : workersWorthStarting(elapsed, finished, queue.length, threads);
      for (let i = 0; i < workers; i++) lanes.push(drain(queue, workerFile, limits, done));
    }
    const job = queue.shift()!;
    done(job, runJob(job, limits));
    finished++;
    await new Promise((resolve) => setImmediate(resolve)); // let the progress bar draw and the workers report
  }
  await Promise.all(lanes);
}

/**
 * How many workers to start beside this thread, which has done `finished`
 * jobs in `elapsed` seconds of CPU with `left` to go: one per WORK_PER_WORKER_S of
 * estimated work left, at most `threads` - 1, never more than jobs left to share.
 */
export function workersWorthStarting(elapsed: number, finished: number, left: number, threads: number): number {
  const secondsLeft = (elapsed / finished) * left;
  return Math.max(0, Math.min(threads - 1, Math.floor(secondsLeft / WORK_PER_WORKER_S), left - 1));
}

/** One lane: a worker that takes jobs from the shared queue until it is empty. */
async function drain(queue: CheckJob[], workerFile: string, limits: JobLimits, done: DoneCallback): Promise<void> {
  let worker: Worker | undefined;
  try {
    for (let job = queue.shift(); job; job = queue.shift()) {
      // node:worker_threads is loaded when the first worker starts, not at every start-up (issue 11).
      worker ??= new (await import('node:worker_threads')).Worker(workerFile, { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
      const outcome = await runOnWorker(worker, job, limits);
      if ('stopped' in outcome) {
        await worker.terminate();
        worker = undefined;
      }
      done(job, outcome);
    }
  } finally {
    await worker?.terminate();
  }
}

function runOnWorker(worker: Worker, job: CheckJob, limits: JobLimits): Promise<JobOutcome & { stopped?: true }> {
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  return new Promise((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    const finish = (outcome: JobOutcome & { stopped?: true }) => {
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      resolve(outcome);
    };
    const onMessage = (message: { index: number; outcome: JobOutcome }) => finish(message.outcome);
    const onError = (error: Error) =>
      finish({ error: `${job.file}:1:1: the simulation failed: ${error.message}`, seconds: seconds(), stopped: true });
    worker.on('message', onMessage);
    worker.on('error', onError);
    if (limits.timeout !== undefined) {
      timer = setTimeout(
        () => finish({ error: `${job.file}:1:1: stopped after ${limits.timeout} s (--timeout)`, seconds: seconds(), stopped: true }),
        limits.timeout * 1000 + KILL_GRACE_MS,
      );
    }
    worker.postMessage({ job, limits });
  });
}
