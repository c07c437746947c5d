// Why each model allows or forbids the selected state: for an allowed state
// one execution that reaches it, for a forbidden one each failing axiom with
// its cycle, in words and as a picture; under a bad state a model allows, a
// "Fix it" button (litmus fix).

import { decidesCondition, describeWitness, type Rejection, type StateExplanation, witnessText } from '../../../src/browser.js';
import type { Analysis, OutcomeRow, StateVerdict } from '../engine/protocol.js';
import { h } from './dom.js';
import { type EventHover, renderExecutionGraph } from './execution-graph.js';
import { renderNotation } from './notation.js';

/** Asks for the repairs of the bad state under `model`, to be shown in `panel`. */
export type FixRequestHandler = (model: string, panel: HTMLElement) => void;
/** Asks for the candidate executions under `model`, to be stepped through in `panel`. */
export type StepRequestHandler = (model: string, panel: HTMLElement) => void;

/** A final state as the page writes it: `1:X0=1; 1:X2=0`. */
export function stateText(columns: readonly string[], values: readonly string[]): string {
  return columns.map((c, i) => `${c}=${values[i]}`).join('; ');
}

export function renderExplanation(analysis: Analysis, row: OutcomeRow | undefined, onHover: EventHover, onFix?: FixRequestHandler, onStep?: StepRequestHandler): HTMLElement {
  if (!row) return h('div', { class: 'explanation' });
  const state = stateText(analysis.columns, row.values);
  return h(
    'div',
    { class: 'explanation', 'data-testid': 'explanation' },
    h('h3', {}, 'Why? ', h('code', {}, state), row.satisfies ? h('span', { class: 'condition-mark' }, ' ◆ satisfies the condition') : ''),
    !analysis.explained && h('p', { class: 'muted' }, 'Explanations could not be computed for every model; the verdicts above are complete.'),
    renderNotation(),
    ...row.verdicts.map((verdict, m) => {
      const bad = decidesCondition(analysis.quantifier, row.satisfies);
      // A bad outcome this model allows: offer litmus fix.
      const fix = bad && verdict.allowed && onFix ? offer('fix', 'Fix it', 'the cheapest barriers or acquire/release forms that forbid this state (litmus fix)', analysis.answers[m].key, onFix) : undefined;
      const step = onStep ? offer('step', 'Step through candidates', 'every candidate execution, one by one, or build one by hand', analysis.answers[m].key, onStep) : undefined;
      return modelSection(analysis.answers[m].key, verdict, onHover, analysis.explanationErrors[m], fix, step);
    }),
  );
}

/** A button (disabled once clicked; the handler's panel re-enables it when it stops) and the panel its answer goes into. */
function offer(kind: 'step' | 'fix', label: string, title: string, model: string, handler: FixRequestHandler | StepRequestHandler): HTMLElement {
  const panel = h('div', { class: `${kind}-panel`, 'data-testid': `${kind}-panel` });
  const button = h('button', { type: 'button', class: kind === 'step' ? 'secondary step-it' : 'fix-it', 'data-testid': `${kind}-it`, title }, label);
  button.addEventListener('click', () => {
    button.disabled = true;
    handler(model, panel);
  });
  return h('div', { class: kind }, button, panel);
}

function modelSection(model: string, verdict: StateVerdict, onHover: EventHover, explanationError?: string, fix?: HTMLElement, step?: HTMLElement): HTMLElement {
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
    fix,
    step,
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
