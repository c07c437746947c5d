// The verdict for the test's condition under each model, in words a student
// can read: is a state satisfying the proposition reachable, always, or never?
// The badge is herd's kind for what was observed (src/outcome/kinds.ts).

import { modelAppliesTo, modelAudience, observedKind } from '../../../src/browser.js';
import type { Analysis, ModelAnswer } from '../engine/protocol.js';
import { h } from './dom.js';

export function renderVerdict(analysis: Analysis, notes: readonly string[] = []): HTMLElement {
  // A model of another architecture, or one of its architecture's others (lkmm on a C11 test).
  const inapplicable = analysis.inapplicable.map((key) => (modelAppliesTo(key, analysis.arch)
    ? `${key} is written for ${modelAudience(key)}, so it is left out.`
    : `${key} is not written for ${analysis.arch} tests, so it is left out.`));
  return h(
    'div',
    { class: 'verdict-panel', 'data-testid': 'verdict', 'data-test-name': analysis.name },
    h('div', { class: 'condition' }, h('span', { class: 'label' }, 'Condition'), h('code', {}, analysis.condition)),
    h('ul', { class: 'verdicts' }, ...analysis.answers.map(answerLine), ...[...inapplicable, ...notes].map((note) => h('li', { class: 'muted' }, note))),
  );
}

function answerLine(answer: ModelAnswer): HTMLElement {
  const { result } = answer;
  // Forbidden: no allowed execution satisfies the proposition; Required: every one does; Allowed: some do.
  const kind = observedKind(result);
  const total = result.positive + result.negative;
  const detail =
    result.quantifier === 'forall'
      ? result.ok
        ? `the condition holds in every allowed execution (${total})`
        : `${result.negative} of ${total} allowed execution(s) break the condition`
      : kind === 'Forbidden'
        ? 'no allowed execution ends in a state satisfying the condition'
        : `${result.positive} of ${total} allowed executions end in a state satisfying the condition`;
  return h(
    'li',
    { 'data-model': answer.key, 'data-ok': String(result.ok) },
    h('span', { class: 'model-name' }, answer.key),
    h('span', { class: `badge ${kind === 'Forbidden' ? 'forbidden' : 'allowed'}`, title: `the test's condition is ${result.ok ? 'satisfied' : 'not satisfied'}` }, kind),
    h('span', { class: 'detail' }, `${detail} · ${result.stats.candidates.toLocaleString('en')} candidates, ${formatSeconds(result.stats.seconds)}`),
    ...(result.loop
      ? [h('span', { class: 'muted', 'data-testid': 'loop-note' }, ' · some executions loop past the unrolling bound and are left out, as herd7 does (Loop)')]
      : []),
  );
}

function formatSeconds(seconds: number): string {
  return seconds < 1 ? `${Math.round(seconds * 1000)} ms` : `${seconds.toFixed(1)} s`;
}
