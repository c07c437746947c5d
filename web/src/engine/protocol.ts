// Messages between the page and the engine's Web Worker. Everything here is
// plain data (structured-clone safe).

import type { ComparisonRow, Diagnostic, TestResult } from '../../../src/browser.js';

/** A model to run: a shipped one by key, or the user's own .cat text. */
export interface ModelRequest {
  key: string;
  /** The .cat text, for the user's own model only. */
  source?: string;
}

export interface AnalysisRequest {
  id: number;
  text: string;
  models: ModelRequest[];
}

/** One model's whole answer for the test. */
export interface ModelAnswer {
  key: string;
  /** The model's own title (its first line), e.g. `AArch64`. */
  title: string;
  result: TestResult;
}

/** A row of the outcome table: the engine's comparison row (src/analysis/compare.ts), one verdict per model answer. */
export type OutcomeRow = ComparisonRow;
export type { StateVerdict } from '../../../src/browser.js';

export interface Analysis {
  name: string;
  arch: string;
  condition: string;
  /** The condition's quantifier: for `forall` the deciding states are those where the proposition fails. */
  quantifier: TestResult['quantifier'];
  columns: string[];
  answers: ModelAnswer[];
  /** Requested models that do not apply to this test's architecture. */
  inapplicable: string[];
  rows: OutcomeRow[];
  /** False when the engine could not explain some model (its explanations are missing): rows still carry verdicts. */
  explained: boolean;
  /** Per answer: why its explanations are missing, or undefined. */
  explanationErrors: (string | undefined)[];
}

export type WorkerReply =
  | { type: 'progress'; id: number; model: string; candidates: number }
  | { type: 'done'; id: number; analysis: Analysis }
  | { type: 'error'; id: number; message: string; diagnostics: Diagnostic[]; source: 'test' | 'model' | 'limit' | 'internal' };
