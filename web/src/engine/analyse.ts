// One analysis: the test under each requested model, merged into one outcome
// table (a row per final state some model allows, plus the states deciding
// the condition that every model forbids; a verdict per model) with an
// explanation for every verdict. States the test's `filter` drops are no
// executions of the test and never appear (as in `litmus run`). Pure; the
// worker runs it.

import {
  compareStateValues,
  compileModel,
  type CompiledModel,
  explainTest,
  LimitError,
  LitmusError,
  type LitmusTest,
  parseLitmus,
  type StateExplanation,
  simulate,
  type TestResult,
} from '../../../src/browser.js';
import { modelAppliesTo, resolveStockInclude, STOCK_CAT_SOURCES } from '../models.js';
import type { Analysis, AnalysisRequest, ModelAnswer, ModelRequest, OutcomeRow } from './protocol.js';

/** Thrown for a problem in the user's .cat text (so the page can point there, not at the test). */
export class ModelSourceError extends Error {
  constructor(readonly error: LitmusError) {
    super(error.message);
  }
}

/** What the page needs of a judged candidate (src/simulate.ts's JudgedCandidate). */
interface Candidate {
  values: string[];
  /** False when the test's `filter` drops it. */
  kept: boolean;
}

/** Called when a model starts (0) and for every candidate it judges: the worker decides how often to tell the page. */
export type ProgressListener = (model: string, candidates: number) => void;

const compiledBySource = new Map<string, CompiledModel>();

export function analyse(request: AnalysisRequest, onProgress: ProgressListener): Analysis {
  const test = parseLitmus(request.text);
  const applicable = request.models.filter((m) => modelAppliesTo(m.key, test.arch));
  const inapplicable = request.models.filter((m) => !applicable.includes(m)).map((m) => m.key);
  let explained = true;
  const runs = applicable.map((request) => {
    const model = compiled(request);
    let candidates = 0;
    onProgress(request.key, 0);
    // The states the filter drops: a state is kept or dropped whatever the execution.
    const dropped = new Set<string>();
    const onCandidate = (candidate: Candidate) => {
      if (!candidate.kept) dropped.add(candidate.values.join(','));
      onProgress(request.key, ++candidates);
    };
    const run = { ...runModel(test, model, onCandidate), dropped };
    explained &&= run.states !== undefined;
    return { key: request.key, title: model.name, ...run };
  });
  const answers: ModelAnswer[] = runs.map(({ key, title, result }) => ({ key, title, result }));
  const first = answers[0]?.result;
  const quantifier = test.condition.quantifier;
  return {
    name: test.name,
    arch: test.arch,
    condition: first?.condition ?? '',
    quantifier,
    columns: first?.columns ?? [],
    answers,
    inapplicable,
    rows: mergeRows(runs, quantifier !== 'forall'),
    explained,
  };
}

interface ModelRun {
  result: TestResult;
  /** Explanations by state key; undefined when the engine could not explain. */
  states?: Map<string, StateExplanation>;
}

function runModel(test: LitmusTest, model: CompiledModel, onCandidate: (candidate: Candidate) => void): ModelRun {
  try {
    const { result, states } = explainTest(test, model, { states: 'all', onCandidate });
    return { result, states: new Map(states.map((s) => [s.values.join(','), s])) };
  } catch (e) {
    // Explanations are a bonus: if explaining fails where judging did not,
    // the verdicts alone still answer the question.
    if (e instanceof LitmusError || e instanceof LimitError) throw e;
    return { result: simulate(test, model, { onCandidate }) };
  }
}

/**
 * `deciding`: the value of `satisfies` in the states that decide the
 * condition — true for exists / ~exists, false for forall (a state where the
 * proposition fails breaks it).
 */
function mergeRows(runs: Array<ModelRun & { dropped: ReadonlySet<string> }>, deciding: boolean): OutcomeRow[] {
  const rows = new Map<string, OutcomeRow>();
  runs.forEach((run, m) => {
    for (const state of run.result.states) {
      const key = state.values.join(',');
      if (run.dropped.has(key)) continue;
      let row = rows.get(key);
      if (!row) {
        row = { values: state.values, satisfies: state.satisfies, verdicts: runs.map(() => ({ allowed: false })), disagree: false };
        rows.set(key, row);
      }
      row.verdicts[m].allowed = true;
    }
  });
  // A state deciding the condition stays in the table even when every model
  // forbids it: that is the row whose explanation says why.
  for (const run of runs) {
    for (const [key, state] of run.states ?? []) {
      if (state.satisfies === deciding && !rows.has(key) && !runs.some((r) => r.dropped.has(key))) {
        rows.set(key, { values: state.values, satisfies: state.satisfies, verdicts: runs.map(() => ({ allowed: false })), disagree: false });
      }
    }
  }
  for (const [key, row] of rows) {
    row.verdicts.forEach((verdict, m) => {
      verdict.explanation = runs[m].states?.get(key);
    });
    row.disagree = new Set(row.verdicts.map((v) => v.allowed)).size > 1;
  }
  return [...rows.values()].sort((a, b) => compareStateValues(a.values, b.values));
}

function compiled(request: ModelRequest): CompiledModel {
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
