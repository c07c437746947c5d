// Every candidate execution of the test under one model (listCandidates:
// none pruned, each with every axiom's outcome), for the stepping view.
// Pure; the worker runs it.

import { LimitError, listCandidates, parseLitmus } from '../../../src/browser.js';
import { compiled } from './analyse.js';
import type { CandidatesAnswer, CandidatesRequest } from './protocol.js';

/** Candidates the page judges at most to list them (the unpruned candidates of a big test multiply). */
const PAGE_LIST_CANDIDATES = 200_000;

/** Every candidate of the request's test under its model, of every state (the page filters by state). Throws as listCandidates does; past PAGE_LIST_CANDIDATES, a LimitError that says so in the page's words. */
export function candidatesOf(request: CandidatesRequest): CandidatesAnswer {
  try {
    const list = listCandidates(parseLitmus(request.text), compiled(request.model), { states: 'all', limits: { maxCandidates: PAGE_LIST_CANDIDATES } });
    return { model: request.model.key, columns: list.result.columns, candidates: list.candidates, unlisted: list.unlisted, totals: list.totals, pruned: list.pruned };
  } catch (e) {
    if (e instanceof LimitError) throw new LimitError(`the test has too many candidate executions to list here (over ${PAGE_LIST_CANDIDATES.toLocaleString('en')}); litmus explain --all-candidates lists them with limits of your choosing`);
    throw e;
  }
}
