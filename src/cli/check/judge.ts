// Pass or fail for one test under one model, with the states that decided it.

import { observedKind, matchesKind } from '../../outcome/kinds.js';
import type { Kind, StateRow, TestResult, Verdict } from '../../outcome/result.js';
import { stateLine } from '../../report/herd.js';

export interface Judgement {
  /** What the model answered: a kind, or Ok/No when there is no expectation. */
  verdict: string;
  expected: string;
  pass: boolean;
  /** Two or three lines saying which states made it fail (empty on a pass). */
  explanation: string[];
}

const MAX_STATES_SHOWN = 4;

/** What a test is expected to answer, and which rule said so (printed beside it). */
export type Expectation =
  | { rule: 'kinds'; kind: Kind; file: string }
  | { rule: 'stated'; observation: Verdict; line: number }
  | { rule: 'ok' };

/**
 * Pass or fail for a result: against a kinds file's entry, else the
 * Observation the test states (`Result: …`, the kernel's convention), else
 * herd7's Ok for the test's own condition; with the states that decided it.
 */
export function judge(result: TestResult, expectation: Expectation = { rule: 'ok' }): Judgement {
  switch (expectation.rule) {
    case 'kinds': {
      const pass = matchesKind(result, expectation.kind);
      return { verdict: observedKind(result), expected: expectation.kind, pass, explanation: pass ? [] : explainKind(result, expectation.kind) };
    }
    case 'stated': {
      const stated = expectation.observation;
      const pass = result.observation === stated;
      const expected = `${stated} (Result: at line ${expectation.line})`;
      const explanation = pass ? [] : stated === 'Sometimes' && result.observation === 'Always'
        ? [`every allowed execution (${result.positive}) satisfies ${result.condition.replace(/^\S+ /, '')}`]
        : explainKind(result, statedKind(stated, result));
      return { verdict: result.observation, expected, pass, explanation };
    }
    case 'ok':
      return {
        verdict: result.ok ? 'Ok' : 'No',
        expected: 'Ok',
        pass: result.ok,
        explanation: result.ok ? [] : explainNotOk(result),
      };
  }
}

/**
 * Whether the expectation calls for the condition's state to be forbidden
 * (a kinds entry Forbidden, a stated Never, or herd7's Ok for ~exists) and
 * the model allows it: the failure `litmus fix` can repair.
 */
export function forbiddenButAllowed(result: TestResult, expectation: Expectation = { rule: 'ok' }): boolean {
  const wantsForbidden =
    (expectation.rule === 'kinds' && expectation.kind === 'Forbidden') ||
    (expectation.rule === 'stated' && expectation.observation === 'Never') ||
    (expectation.rule === 'ok' && result.quantifier === '~exists');
  return wantsForbidden && result.positive > 0;
}

/** Which kind's explanation fits a stated Observation that did not come out (Never, or Always when some execution misses). */
function statedKind(stated: Verdict, result: TestResult): Kind {
  if (stated === 'Never') return 'Forbidden';
  return result.positive === 0 ? 'Allowed' : 'Required';
}

function explainKind(result: TestResult, expected: Kind): string[] {
  if (expected === 'Forbidden') {
    return [`the model allows ${result.positive} execution(s) where ${result.condition.replace(/^\S+ /, '')} holds:`, ...states(result, true)];
  }
  if (expected === 'Allowed') {
    return [`no allowed execution satisfies ${result.condition.replace(/^\S+ /, '')}; the allowed states are:`, ...states(result, false)];
  }
  return [`${result.negative} allowed execution(s) do not satisfy ${result.condition.replace(/^\S+ /, '')}:`, ...states(result, false)];
}

function explainNotOk(result: TestResult): string[] {
  switch (result.quantifier) {
    case 'exists':
      return explainKind(result, 'Allowed');
    case '~exists':
      return explainKind(result, 'Forbidden');
    case 'forall':
      return explainKind(result, 'Required');
  }
}

/** The states with (or without) the proposition holding, a few at most. */
function states(result: TestResult, satisfying: boolean): string[] {
  const rows: StateRow[] = result.states.filter((row) => row.satisfies === satisfying);
  const shown = rows.slice(0, MAX_STATES_SHOWN).map((row) => `  ${stateLine(result.columns, row.values)}`);
  if (rows.length > MAX_STATES_SHOWN) shown.push(`  … and ${rows.length - MAX_STATES_SHOWN} more`);
  return shown.length > 0 ? shown : ['  (none)'];
}
