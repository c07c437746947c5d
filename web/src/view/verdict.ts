// The verdict for the test's condition under each model, in words a student
// can read: is a state satisfying the condition reachable?

import type { Analysis, ModelAnswer } from '../engine/protocol.js';
import { h } from './dom.js';

export function renderVerdict(analysis: Analysis): HTMLElement {
  const notes = analysis.inapplicable.map((key) => h('li', { class: 'muted' }, `${key} is not written for ${analysis.arch} tests, so it is left out.`));
  return h(
    'div',
    { class: 'verdict-panel', 'data-testid': 'verdict', 'data-test-name': analysis.name },
    h('div', { class: 'condition' }, h('span', { class: 'label' }, 'Condition'), h('code', {}, analysis.condition)),
    h('ul', { class: 'verdicts' }, ...analysis.answers.map(answerLine), ...notes),
  );
}

function answerLine(answer: ModelAnswer): HTMLElement {
  const { result } = answer;
  const reachable = result.positive > 0;
  // For `exists` and `~exists` the question is whether the state can happen; for `forall`, whether it always does.
  const label = result.quantifier === 'forall' ? (result.ok ? 'Always' : 'Not always') : reachable ? 'Allowed' : 'Forbidden';
  const good = result.quantifier === 'forall' ? result.ok : reachable;
  const detail =
    result.quantifier === 'forall'
      ? `${result.negative} allowed execution(s) break the condition`
      : reachable
        ? `${result.positive} of ${result.positive + result.negative} allowed executions end in a state satisfying the condition`
        : `no allowed execution ends in a state satisfying the condition`;
  return h(
    'li',
    { 'data-model': answer.key },
    h('span', { class: 'model-name' }, answer.key),
    h('span', { class: `badge ${good ? 'allowed' : 'forbidden'}` }, label),
    h('span', { class: 'detail' }, `${detail} · ${result.stats.candidates.toLocaleString('en')} candidates, ${formatSeconds(result.stats.seconds)}`),
  );
}

function formatSeconds(seconds: number): string {
  return seconds < 1 ? `${Math.round(seconds * 1000)} ms` : `${seconds.toFixed(1)} s`;
}
