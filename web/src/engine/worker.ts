// The engine's Web Worker: one analysis (or one `fix` search) per message. A long enumeration
// cannot be interrupted from inside, so the page cancels by terminating us.

import { LimitError, LitmusError } from '../../../src/browser.js';
import { analyse, ModelSourceError } from './analyse.js';
import { fixTest } from './fix.js';
import { candidatesOf } from './candidates.js';
import type { EngineRequest, WorkerReply } from './protocol.js';

/**
 * How often the page hears how far the search is. The enumeration is
 * synchronous (no timer can fire in it), so the clock is read at every
 * candidate: slow searches report as often as fast ones.
 */
const PROGRESS_INTERVAL_MS = 250;

const reply = (message: WorkerReply) => self.postMessage(message);

self.onmessage = (event: MessageEvent<EngineRequest>) => {
  const { id } = event.data;
  const request = event.data;
  // The panels' requests: one answer each, or the error.
  if (request.kind !== 'analyse') {
    try {
      reply(request.kind === 'fix' ? { type: 'fixed', id, fix: fixTest(request) } : { type: 'candidates', id, answer: candidatesOf(request) });
    } catch (e) {
      reply(errorReply(id, e));
    }
    return;
  }
  let lastProgress = performance.now();
  let lastModel = '';
  try {
    const analysis = analyse(request, (model, candidates, phase) => {
      const now = performance.now();
      // A model's start is always told (the page names the model); then at most every interval.
      if (model === lastModel && now - lastProgress < PROGRESS_INTERVAL_MS) return;
      lastModel = model;
      lastProgress = now;
      reply({ type: 'progress', id, model, candidates, ...(phase && { phase }) });
    });
    reply({ type: 'done', id, analysis });
  } catch (e) {
    reply(errorReply(id, e));
  }
};

function errorReply(id: number, e: unknown): WorkerReply {
  if (e instanceof ModelSourceError) return { type: 'error', id, message: e.message, diagnostics: e.error.diagnostics, source: 'model' };
  if (e instanceof LitmusError) return { type: 'error', id, message: e.message, diagnostics: e.diagnostics, source: 'test' };
  if (e instanceof LimitError) return { type: 'error', id, message: e.message, diagnostics: [], source: 'limit' };
  return { type: 'error', id, message: e instanceof Error ? e.message : String(e), diagnostics: [], source: 'internal' };
}
