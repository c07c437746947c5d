// `litmus fix` in the page: the cheapest verified repairs of the test's bad
// outcome under one model (src/fix/search.ts), turned into plain data for
// the page (moves and reasons in words, the repaired text and its diff).
// Pure; the worker runs it.

import { findRepairs, unifiedDiff, witnessText } from '../../../src/browser.js';
import { compiled } from './analyse.js';
import type { FixAnswer, FixRequest } from './protocol.js';

/** Repairs the page lists, at most. */
const MAX_REPAIRS = 3;
/** Variants the page simulates at most (the CLI's default is larger: the page must stay quick). */
const MAX_VARIANTS = 500;

/** The cheapest repairs (at most MAX_REPAIRS, MAX_VARIANTS simulated) of the request's test under its model. Throws as findRepairs does. */
export function fixTest(request: FixRequest): FixAnswer {
  const report = findRepairs(request.text, undefined, { model: compiled(request.model), max: MAX_REPAIRS, maxVariants: MAX_VARIANTS });
  return {
    model: request.model.key,
    status: report.status,
    repairs: report.repairs.map((repair) => ({
      cost: repair.cost,
      moves: repair.moves.map((m) => m.text),
      ...(repair.why && { why: `${repair.why.axiom}: ${witnessText(repair.why.witness, repair.why.graph)}` }),
      source: repair.source,
      diff: unifiedDiff(`${report.test.name}.litmus`, request.text, repair.source),
    })),
    exhausted: report.exhausted,
    ...(report.stopped && { stopped: report.stopped }),
    variants: report.variants,
  };
}
