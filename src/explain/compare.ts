// One test under several models, state by state: which model allows each
// final state, and which axiom forbids it where one does. Pure (no Node
// APIs), like everything the playground's worker runs.

import type { CompiledModel } from '../cat/api.js';
import { compareStateValues, type TestResult } from '../outcome/result.js';
import { type SimulateOptions, simulate } from '../simulate.js';
import type { LitmusTest } from '../syntax/ast.js';

/** What one model says of one final state. */
export interface StateVerdict {
  allowed: boolean;
  /** The axioms that rejected the candidates ending here (when not allowed), in the model's order. */
  axioms: string[];
}

export interface ComparisonRow {
  values: string[];
  /** Does the condition's proposition hold in this state? */
  satisfies: boolean;
  /** One entry per model, in the order given. */
  verdicts: StateVerdict[];
  /** True when the models do not all agree on this state. */
  disagree: boolean;
}

export interface Comparison {
  name: string;
  columns: string[];
  models: string[];
  /** Each model's whole answer for the test. */
  results: TestResult[];
  /** Per model: the axioms that rejected candidates where the condition's proposition holds. */
  conditionAxioms: string[][];
  rows: ComparisonRow[];
}

export function compareModels(test: LitmusTest, models: CompiledModel[], options: SimulateOptions = {}): Comparison {
  const rowsByKey = new Map<string, { values: string[]; satisfies: boolean; verdicts: StateVerdict[] }>();
  const conditionAxioms = models.map(() => new Set<string>());
  const results = models.map((model, m) =>
    simulate(test, model, {
      ...options,
      onCandidate: (candidate) => {
        if (!candidate.kept) return; // the test's filter drops it: no execution of the test
        const values = candidate.values;
        const key = values.join(',');
        let row = rowsByKey.get(key);
        if (!row) {
          const verdicts = models.map(() => ({ allowed: false, axioms: [] as string[] }));
          rowsByKey.set(key, (row = { values, satisfies: candidate.satisfies, verdicts }));
        }
        const verdict = row.verdicts[m];
        if (candidate.satisfies && !candidate.verdict.allowed && candidate.verdict.failedAxiom) {
          conditionAxioms[m].add(candidate.verdict.failedAxiom);
        }
        if (candidate.verdict.allowed) verdict.allowed = true;
        else if (candidate.verdict.failedAxiom && !verdict.axioms.includes(candidate.verdict.failedAxiom)) {
          verdict.axioms.push(candidate.verdict.failedAxiom);
        }
      },
    }),
  );
  // Only states some model allows are final states of the test; the rest are
  // candidates every model rejects.
  const rows = [...rowsByKey.values()]
    .filter((row) => row.verdicts.some((v) => v.allowed))
    .map((row) => {
      for (const v of row.verdicts) if (v.allowed) v.axioms = [];
      return { ...row, disagree: new Set(row.verdicts.map((v) => v.allowed)).size > 1 };
    })
    .sort((a, b) => compareStateValues(a.values, b.values));
  return {
    name: test.name,
    columns: results[0]?.columns ?? [],
    models: results.map((r) => r.model),
    results,
    conditionAxioms: conditionAxioms.map((set) => [...set]),
    rows,
  };
}
