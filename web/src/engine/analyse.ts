// One analysis: the test under each requested model, merged into one outcome
// table by the engine's own comparison (src/analysis/compare.ts): a row per
// final state some model allows, plus the states deciding the condition that
// every model forbids; a verdict per model with its explanation. Pure; the
// worker runs it.

import { compareModels, compileModel, type CompiledModel, LitmusError, parseLitmus } from '../../../src/browser.js';
import { modelAppliesTo, resolveStockInclude, STOCK_CAT_SOURCES } from '../models.js';
import type { Analysis, AnalysisRequest, ModelRequest } from './protocol.js';

/** Thrown for a problem in the user's .cat text (so the page can point there, not at the test). */
export class ModelSourceError extends Error {
  constructor(readonly error: LitmusError) {
    super(error.message);
  }
}

/**
 * Called when a model starts judging (0), for every candidate it judges, and
 * at the engine's checkpoints with the phase under way (search, candidates
 * being built): the worker decides how often to tell the page.
 */
export type ProgressListener = (model: string, candidates: number, phase?: string) => void;

const compiledBySource = new Map<string, CompiledModel>();

export function analyse(request: AnalysisRequest, onProgress: ProgressListener): Analysis {
  const test = parseLitmus(request.text);
  const applicable = request.models.filter((m) => modelAppliesTo(m.key, test));
  const inapplicable = request.models.filter((m) => !applicable.includes(m)).map((m) => m.key);
  const models = applicable.map(compiled);
  const counts = applicable.map(() => 0);
  let current = 0;
  const comparison = compareModels(test, models, {
    explain: true,
    keepDecidingStates: true,
    // Before the first candidate (path exploration, value discovery, the search), the phase is the progress.
    limits: { onCheck: (phase) => onProgress(applicable[current].key, counts[current], phase) },
    onModelStart: (m) => {
      current = m;
      onProgress(applicable[m].key, 0);
    },
    onCandidate: (m) => onProgress(applicable[m].key, ++counts[m]),
  });
  const first = comparison.results[0];
  return {
    name: test.name,
    arch: test.arch,
    condition: first?.condition ?? '',
    quantifier: test.condition.quantifier,
    columns: comparison.columns,
    answers: comparison.results.map((result, m) => ({ key: applicable[m].key, title: models[m].name, result })),
    inapplicable,
    rows: comparison.rows,
    explained: comparison.explained,
    explanationErrors: comparison.explanationErrors,
  };
}

/** The compiled model of a request (a shipped model's or the user's .cat), compiled once per text. */
export function compiled(request: ModelRequest): CompiledModel {
  const file = request.source === undefined ? `${request.key}.cat` : 'your-model.cat';
  const source = request.source ?? STOCK_CAT_SOURCES[file];
  if (source === undefined) throw new Error(`unknown model '${request.key}'`);
  let model = compiledBySource.get(source);
  if (!model) {
    try {
      model = compileModel(source, file, resolveStockInclude);
    } catch (e) {
      throw e instanceof LitmusError && request.source !== undefined ? new ModelSourceError(e) : e;
    }
    compiledBySource.set(source, model);
  }
  return model;
}
