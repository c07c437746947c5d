// The page's side of the engine: one worker, one analysis at a time. Starting
// a new analysis or cancelling terminates a busy worker and starts a fresh
// one, so the page never waits for an enumeration it no longer wants.

import type { Analysis, CandidatesAnswer, EngineRequest, FixAnswer, ModelRequest, WorkerReply } from './protocol.js';

export interface Progress {
  model: string;
  candidates: number;
  phase?: string;
}

export type RunOutcome =
  | { status: 'done'; analysis: Analysis }
  | { status: 'fixed'; fix: FixAnswer }
  | { status: 'candidates'; answer: CandidatesAnswer }
  | { status: 'error'; reply: Extract<WorkerReply, { type: 'error' }> }
  | { status: 'cancelled' };

export class EngineRunner {
  private worker = EngineRunner.startWorker();
  private nextId = 1;
  private pending?: { id: number; settle: (outcome: RunOutcome) => void; onProgress: (p: Progress) => void };

  constructor() {
    this.listen();
  }

  run(text: string, models: ModelRequest[], onProgress: (p: Progress) => void): Promise<RunOutcome> {
    return this.send({ kind: 'analyse', id: this.nextId++, text, models }, onProgress);
  }

  /** The cheapest repairs of the test's bad outcome under `model` (`litmus fix`); cancels a run under way. */
  fix(text: string, model: ModelRequest): Promise<RunOutcome> {
    return this.send({ kind: 'fix', id: this.nextId++, text, model }, () => {});
  }

  /** Every candidate execution of the test under `model`, none pruned; cancels a run under way. */
  candidates(text: string, model: ModelRequest): Promise<RunOutcome> {
    return this.send({ kind: 'candidates', id: this.nextId++, text, model }, () => {});
  }

  private send(request: EngineRequest, onProgress: (p: Progress) => void): Promise<RunOutcome> {
    if (this.pending) this.cancel();
    return new Promise((settle) => {
      this.pending = { id: request.id, settle, onProgress };
      this.worker.postMessage(request);
    });
  }

  cancel(): void {
    if (!this.pending) return;
    this.worker.terminate();
    this.worker = EngineRunner.startWorker();
    this.listen();
    const { settle } = this.pending;
    this.pending = undefined;
    settle({ status: 'cancelled' });
  }

  private listen(): void {
    this.worker.onmessage = (event: MessageEvent<WorkerReply>) => {
      const reply = event.data;
      const pending = this.pending;
      if (!pending || reply.id !== pending.id) return;
      if (reply.type === 'progress') {
        pending.onProgress({ model: reply.model, candidates: reply.candidates, ...(reply.phase && { phase: reply.phase }) });
        return;
      }
      this.pending = undefined;
      if (reply.type === 'done') pending.settle({ status: 'done', analysis: reply.analysis });
      else if (reply.type === 'fixed') pending.settle({ status: 'fixed', fix: reply.fix });
      else if (reply.type === 'candidates') pending.settle({ status: 'candidates', answer: reply.answer });
      else pending.settle({ status: 'error', reply });
    };
    // A crash outside the engine's own error handling (out of memory, a failed load).
    this.worker.onerror = (event: ErrorEvent) => {
      const pending = this.pending;
      if (!pending) return;
      this.pending = undefined;
      const message = event.message || 'the engine stopped unexpectedly';
      pending.settle({ status: 'error', reply: { type: 'error', id: pending.id, message, diagnostics: [], source: 'internal' } });
    };
  }

  private static startWorker(): Worker {
    return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'litmus-engine' });
  }
}
