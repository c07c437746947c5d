// Why each model allows or forbids the selected state: for an allowed state
// one execution that reaches it, for a forbidden one each failing axiom with
// its cycle, in words and as a picture.

import { describeWitness, type Rejection, type StateExplanation, witnessText } from '../../../src/browser.js';
import type { Analysis, OutcomeRow, StateVerdict } from '../engine/protocol.js';
import { h } from './dom.js';
import { type EventHover, renderExecutionGraph } from './execution-graph.js';

export function renderExplanation(analysis: Analysis, row: OutcomeRow | undefined, onHover: EventHover): HTMLElement {
  if (!row) return h('div', { class: 'explanation' });
  const state = analysis.columns.map((column, i) => `${column}=${row.values[i]}`).join('; ');
  return h(
    'div',
    { class: 'explanation', 'data-testid': 'explanation' },
    h('h3', {}, 'Why? ', h('code', {}, state), row.satisfies ? h('span', { class: 'condition-mark' }, ' ◆ satisfies the condition') : ''),
    !analysis.explained && h('p', { class: 'muted' }, 'Explanations could not be computed for every model; the verdicts above are complete.'),
    ...row.verdicts.map((verdict, m) => modelSection(analysis.answers[m].key, verdict, onHover, analysis.explanationErrors[m])),
  );
}

function modelSection(model: string, verdict: StateVerdict, onHover: EventHover, explanationError?: string): HTMLElement {
  const explanation = verdict.explanation;
  const heading = h(
    'h4',
    {},
    h('span', { class: 'model-name' }, model),
    h('span', { class: `badge ${verdict.allowed ? 'allowed' : 'forbidden'}` }, verdict.allowed ? 'allows' : 'forbids'),
    ' this state',
  );
  return h(
    'section',
    { class: 'model-explanation', 'data-model': model },
    heading,
    ...(explanation ? (verdict.allowed ? allowedBody(explanation, onHover) : forbiddenBody(explanation, onHover)) : []),
    ...(explanationError ? [h('p', { class: 'muted' }, `No explanation from this model: ${explanationError}`)] : []),
  );
}

function allowedBody(explanation: StateExplanation, onHover: EventHover): Node[] {
  if (!explanation.witness) return [];
  return [
    h('p', {}, 'One execution the model allows that ends here:'),
    h('ul', { class: 'witness-lines' }, ...describeWitness(explanation.witness.graph).map((line) => h('li', {}, line))),
    renderExecutionGraph(explanation.witness.graph, undefined, onHover),
  ];
}

function forbiddenBody(explanation: StateExplanation, onHover: EventHover): Node[] {
  if (explanation.rejections.length === 0) return [h('p', { class: 'muted' }, 'No candidate execution ends in this state.')];
  return [
    h('p', {}, 'Every candidate execution ending here breaks an axiom of the model:'),
    ...explanation.rejections.map((rejection) => rejectionBlock(rejection, onHover)),
  ];
}

function rejectionBlock(rejection: Rejection, onHover: EventHover): HTMLElement {
  const { kind, negated } = rejection.witness;
  if (negated) {
    // A negated check (~acyclic, ~empty, …) fails when there is nothing to show.
    const wanted = kind === 'empty' ? 'must not be empty' : kind === 'acyclic' ? 'must have a cycle' : 'must relate some event to itself';
    return h('div', { class: 'rejection' }, h('p', {}, 'Axiom ', h('code', {}, rejection.axiom), ` (~${kind}) ${wanted}, but in this execution it does not.`));
  }
  const broken = kind === 'empty' ? 'must be empty, but holds between' : `must be ${kind}, but has this cycle`;
  return h(
    'div',
    { class: 'rejection' },
    h('p', {}, 'Axiom ', h('code', {}, rejection.axiom), ` ${broken}:`),
    h('p', { class: 'cycle' }, witnessText(rejection.witness, rejection.graph)),
    renderExecutionGraph(rejection.graph, rejection.witness, onHover),
  );
}
