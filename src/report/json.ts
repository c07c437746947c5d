// The machine-readable report: one document for a whole run.

import type { TestExplanation } from '../explain/explain.js';
import type { TestResult } from '../outcome/result.js';

export interface TestFailure {
  file: string;
  error: string;
}

export interface JsonTestEntry {
  name: string;
  file?: string;
  arch: string;
  model: string;
  condition: string;
  kind: string;
  states: Array<Record<string, string>>;
  ok: boolean;
  /** herd7's `Loop` prefix: some consistent execution went past the unrolling bound and was left out. */
  loop: boolean;
  observation: string;
  positive: number;
  negative: number;
  flags: string[];
  candidates: number;
  seconds: number;
}

export function jsonEntry(result: TestResult): JsonTestEntry {
  return {
    name: result.name,
    file: result.file,
    arch: result.arch,
    model: result.model,
    condition: result.condition,
    kind: result.kind,
    states: result.states.map((row) => Object.fromEntries(result.columns.map((c, i) => [c, row.values[i]]))),
    ok: result.ok,
    loop: result.loop,
    observation: result.observation,
    positive: result.positive,
    negative: result.negative,
    flags: result.flags,
    candidates: result.stats.candidates,
    seconds: Number(result.stats.seconds.toFixed(4)),
  };
}

export function jsonDocument(results: TestResult[], failures: TestFailure[], explanations?: Map<TestResult, TestExplanation>): string {
  const tests = [
    ...results.map((r) => {
      const explanation = explanations?.get(r);
      return explanation ? { ...jsonEntry(r), explanation: explanation.states } : jsonEntry(r);
    }),
    ...failures.map((f) => ({ file: f.file, error: f.error })),
  ];
  return JSON.stringify({ tests }, null, 2) + '\n';
}
