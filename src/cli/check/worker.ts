// A worker thread for `litmus check --jobs N`: runs the jobs it is sent.

import { parentPort } from 'node:worker_threads';
import { type CheckJob, type JobLimits, runJob } from './jobs.js';

parentPort?.on('message', ({ job, limits }: { job: CheckJob; limits: JobLimits }) => {
  parentPort?.postMessage({ index: job.index, outcome: runJob(job, limits) });
});
