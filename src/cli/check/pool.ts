// Runs check jobs on N worker threads (or in this thread when N is 1 or the
// built worker is unavailable, as under the test runner). A job that overruns
// its timeout is stopped by terminating its worker, so no test can hang a run;
// a worker that runs out of memory is reported the same way.

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { type CheckJob, type JobLimits, type JobOutcome, runJob } from './jobs.js';

/** Grace beyond --timeout before a worker is forcibly stopped (the engine usually stops itself first). */
const KILL_GRACE_MS = 2000;
/** Heap per worker thread, in MiB, so a runaway test fails alone. */
const WORKER_HEAP_MB = 4096;

export type DoneCallback = (job: CheckJob, outcome: JobOutcome) => void;

/**
 * Runs `jobs` on `threads` worker threads (this thread when 1), calling `done`
 * for each as it finishes.
 */
export async function runJobs(jobs: CheckJob[], limits: JobLimits, threads: number, done: DoneCallback): Promise<void> {
  const workerFile = fileURLToPath(new URL('./worker.js', import.meta.url));
  if (threads <= 1 || jobs.length <= 1 || !existsSync(workerFile)) {
    for (const job of jobs) {
      done(job, runJob(job, limits));
      await new Promise((resolve) => setImmediate(resolve)); // let the progress bar draw
    }
    return;
  }
  const queue = [...jobs];
  await Promise.all(Array.from({ length: Math.min(threads, jobs.length) }, () => drain(queue, workerFile, limits, done)));
}

/** One lane: a worker that takes jobs from the shared queue until it is empty. */
async function drain(queue: CheckJob[], workerFile: string, limits: JobLimits, done: DoneCallback): Promise<void> {
  let worker: Worker | undefined;
  try {
    for (let job = queue.shift(); job; job = queue.shift()) {
      worker ??= new Worker(workerFile, { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
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
