// Messages between the page and the engine's Web Worker. Everything here is
// plain data (structured-clone safe).

import type { CandidateExplanation, ComparisonRow, Diagnostic, TestResult } from '../../../src/browser.js';

/** A model to run: a shipped one by key, or the user's own .cat text. */
export interface ModelRequest {
  key: string;
  /** The .cat text, for the user's own model only. */
  source?: string;
}

export interface AnalysisRequest {
  kind: 'analyse';
  id: number;
  text: string;
  models: ModelRequest[];
}

/** `litmus fix` for one model: the cheapest repairs of the test's bad outcome. */
export interface FixRequest {
  kind: 'fix';
  id: number;
  text: string;
  model: ModelRequest;
}

/** Every candidate execution of the test under one model, none pruned (the stepping view). */
export interface CandidatesRequest {
  kind: 'candidates';
  id: number;
  text: string;
  model: ModelRequest;
}

export type EngineRequest = AnalysisRequest | FixRequest | CandidatesRequest;

/** The candidates of a test under one model, for stepping through them and building one by hand. */
export interface CandidatesAnswer {
  model: string;
  columns: string[];
  candidates: CandidateExplanation[];
  /** Candidates past the listing limit, counted only. */
  unlisted: number;
  /** Per state: how many candidates are allowed and rejected there (listed or not). */
  totals: Array<{ values: string[]; allowed: number; rejected: number }>;
  /** True when the candidates breaking coherence or atomicity were left out after all (a path only they take faults). */
  pruned: boolean;
}

/** One verified repair, ready to show and to apply. */
export interface RepairSummary {
  cost: number;
  /** Each move in words: `P0 line 12: LDR W3,[X4] → LDAR W3,[X4]`. */
  moves: string[];
  /** The model's axiom and the cycle it now finds. */
  why?: string;
  /** The repaired test's text (Apply puts it in the editor). */
  source: string;
  diff: string;
}

export interface FixAnswer {
  model: string;
  /** 'forbidden': nothing to repair under this model. */
  status: 'allowed' | 'forbidden';
  repairs: RepairSummary[];
  /** The search tried every set of moves: these are all the minimal repairs. */
  exhausted: boolean;
  /** The limit that ended the search early, if one did. */
  stopped?: string;
  variants: number;
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
  | { type: 'progress'; id: number; model: string; candidates: number; /** The engine's phase before candidates come ("exploring thread paths"). */ phase?: string }
  | { type: 'done'; id: number; analysis: Analysis }
  | { type: 'fixed'; id: number; fix: FixAnswer }
  | { type: 'candidates'; id: number; answer: CandidatesAnswer }
  | { type: 'error'; id: number; message: string; diagnostics: Diagnostic[]; source: 'test' | 'model' | 'limit' | 'internal' };
