// The status line above the results: running (with progress and Cancel),
// cancelled, or what went wrong, always with a way to run again.

import type { Diagnostic } from '../../../src/browser.js';
import { h } from './dom.js';

export interface StatusActions {
  cancel(): void;
  run(): void;
}

export type StatusView =
  | { kind: 'idle' }
  | { kind: 'running'; model?: string; candidates?: number }
  | { kind: 'cancelled' }
  | { kind: 'problems'; title: string; diagnostics: Diagnostic[] }
  | { kind: 'failed'; message: string };

export function renderStatus(container: HTMLElement, view: StatusView, actions: StatusActions): void {
  container.dataset.state = view.kind;
  const button = (label: string, action: () => void, testId: string) => {
    const b = h('button', { type: 'button', 'data-testid': testId }, label);
    b.addEventListener('click', action);
    return b;
  };
  switch (view.kind) {
    case 'idle':
      container.replaceChildren();
      return;
    case 'running': {
      const progress = view.candidates ? `${view.candidates.toLocaleString('en')} candidate executions examined under ${view.model}` : 'starting';
      container.replaceChildren(h('span', { class: 'spinner', 'aria-hidden': 'true' }), h('span', {}, `Enumerating… ${progress}`), button('Cancel', actions.cancel, 'cancel'));
      return;
    }
    case 'cancelled':
      container.replaceChildren(h('span', {}, 'Cancelled. The results below are from the last finished run, if any.'), button('Run again', actions.run, 'run'));
      return;
    case 'problems':
      container.replaceChildren(
        h('div', {}, h('strong', {}, view.title), h('ul', { class: 'problems' }, ...view.diagnostics.map((d) => h('li', {}, `line ${d.pos.line}, column ${d.pos.column}: ${d.message}`)))),
      );
      return;
    case 'failed':
      container.replaceChildren(h('span', { class: 'error' }, view.message), button('Run again', actions.run, 'run'));
      return;
  }
}
