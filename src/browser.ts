// The engine as the browser playground uses it: parsing (for the editor's
// diagnostics), model compilation and explanations. Everything reachable from
// here is pure (no Node APIs), so it bundles into a Web Worker unchanged.

export { LimitError, LitmusError, type Diagnostic, type SourcePos } from './errors.js';
export { parseLitmus } from './syntax/parse.js';
export type { LitmusTest } from './syntax/ast.js';
export { archFor, defaultModelFor, modelAppliesTo, modelArchitectures, modelAudience, STOCK_MODELS, type StockModel } from './registry.js';
export { loadTest } from './exec/program.js';
export { compileModel, type IncludeResolver } from './cat/index.js';
export type { CompiledModel } from './cat/api.js';
export { compareStateValues, decidesCondition, type TestResult } from './outcome/result.js';
export { observe } from './outcome/observe.js';
export { observedKind } from './outcome/kinds.js';
export { simulate } from './simulate.js';
export { explainTest, type StateExplanation, type Rejection, type TestExplanation } from './analysis/explain.js';
export { compareModels, type Comparison, type ComparisonRow, type StateVerdict } from './analysis/compare.js';
export type { ExecutionGraph, GraphEdge, GraphEvent } from './analysis/execution.js';
export type { AxiomWitness, WitnessEdge } from './cat/witness.js';
export { executionDot, type EdgeKind } from './report/dot.js';
export { describeWitness, witnessText } from './report/witness-text.js';
export { renderSvg } from './report/svg.js';
export { findRedundant, findRepairs, type FixReport, type Repair } from './fix/search.js';
export { unifiedDiff } from './fix/diff.js';
export { type CandidateExplanation, type CandidateList, listCandidates, MAX_LISTED_CANDIDATES } from './analysis/candidates.js';
export type { AxiomOutcome } from './cat/api.js';
