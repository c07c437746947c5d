// Every candidate execution of the test under one model (listCandidates:
// none pruned, each with every axiom's outcome), for the stepping view.
// Pure; the worker runs it.

import { listCandidates, parseLitmus } from '../../../src/browser.js';
import { compiled } from './analyse.js';
import type { CandidatesAnswer, CandidatesRequest } from './protocol.js';

/** Every candidate of the request's test under its model, of every state (the page filters by state). Throws as listCandidates does. */
export function candidatesOf(request: CandidatesRequest): CandidatesAnswer {
  const list = listCandidates(parseLitmus(request.text), compiled(request.model), { states: 'all' });
  return { model: request.model.key, columns: list.result.columns, candidates: list.candidates, unlisted: list.unlisted };
}
