// The "Fix it" panel: the cheapest verified repairs of an allowed bad state
// under one model (litmus fix), each with its moves, the model's reason and
// an Apply button that puts the repaired test in the editor.

import type { FixAnswer, RepairSummary } from '../engine/protocol.js';
import { h } from './dom.js';

/** The panel's content for a finished search; `apply` receives a repaired test's text. */
export function renderFixAnswer(answer: FixAnswer, apply: (source: string) => void): HTMLElement {
  if (answer.status === 'forbidden') return h('p', { class: 'muted' }, 'This model already forbids the bad outcome: nothing to fix.');
  const stopped = answer.stopped ? ` The search stopped early (${answer.stopped}); other repairs may exist.` : '';
  if (answer.repairs.length === 0) {
    return h('p', { class: 'muted', 'data-testid': 'fix-none' }, `No barrier or acquire/release form forbids it.${stopped}`);
  }
  const all = answer.exhausted ? ' These are all the minimal ones.' : '';
  return h(
    'div',
    { class: 'fix-answer' },
    h('p', {}, `The cheapest changes that forbid it, each checked by simulation (${answer.variants} variants tried).${all}${stopped}`),
    h('ol', { class: 'repairs' }, ...answer.repairs.map((repair) => repairItem(repair, apply))),
  );
}

function repairItem(repair: RepairSummary, apply: (source: string) => void): HTMLElement {
  const button = h('button', { type: 'button', class: 'apply secondary', 'data-testid': 'apply-repair' }, 'Apply');
  button.addEventListener('click', () => apply(repair.source));
  return h(
    'li',
    { class: 'repair', 'data-testid': 'repair' },
    h('div', { class: 'repair-head' }, h('span', { class: 'cost' }, `cost ${repair.cost}`), button),
    h('ul', { class: 'moves' }, ...repair.moves.map((move) => h('li', {}, h('code', {}, move)))),
    repair.why ? h('p', { class: 'cycle' }, `Why, in the changed test (its events named anew): ${repair.why}`) : null,
  );
}
