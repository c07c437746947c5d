// The outcome table: a row per final state, a column per model, each cell
// allowed or forbidden; rows where the models disagree stand out, and rows
// satisfying the test's condition are marked. Clicking a row selects it.

import type { Analysis, OutcomeRow } from '../engine/protocol.js';
import { h } from './dom.js';

export function renderOutcomeTable(analysis: Analysis, selected: number, onSelect: (row: number) => void): HTMLElement {
  if (analysis.rows.length === 0) {
    const why =
      analysis.answers.length === 0
        ? 'no model applies to this test.'
        : 'the models that apply allow no execution of this test.';
    return h('p', { class: 'muted', 'data-testid': 'no-states' }, `No final states: ${why}`);
  }
  const head = h(
    'tr',
    {},
    h('th', { class: 'mark-column', title: 'rows satisfying the condition' }),
    ...analysis.columns.map((column) => h('th', { class: 'state-column' }, column)),
    ...analysis.answers.map((answer) => h('th', { class: 'model-column', title: answer.title }, answer.key)),
  );
  const body = analysis.rows.map((row, index) => rowElement(row, index, index === selected, onSelect));
  return h('table', { class: 'outcomes', 'data-testid': 'outcomes' }, h('thead', {}, head), h('tbody', {}, ...body));
}

function rowElement(row: OutcomeRow, index: number, selected: boolean, onSelect: (row: number) => void): HTMLElement {
  const classes = ['state-row', row.satisfies && 'satisfies', row.disagree && 'disagree', selected && 'selected'].filter(Boolean).join(' ');
  const tr = h(
    'tr',
    { class: classes, tabindex: '0', 'aria-selected': String(selected), title: row.disagree ? 'the models disagree on this state' : undefined },
    h('td', { class: 'mark-column' }, row.satisfies ? h('span', { class: 'condition-mark', title: 'satisfies the condition' }, '◆') : ''),
    ...row.values.map((value) => h('td', { class: 'state-column' }, value)),
    ...row.verdicts.map((verdict) =>
      h('td', { class: `verdict ${verdict.allowed ? 'allowed' : 'forbidden'}` }, verdict.allowed ? '✓ allowed' : '✗ forbidden'),
    ),
  );
  tr.addEventListener('click', () => onSelect(index));
  tr.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onSelect(index);
    }
  });
  return tr;
}
