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
  | { kind: 'running'; model?: string; candidates?: number; seconds?: number; /** What the engine is doing while no candidate is judged yet. */ phase?: string }
  | { kind: 'cancelled' }
  | { kind: 'problems'; title: string; diagnostics: Diagnostic[] }
  | { kind: 'failed'; message: string };

export function renderStatus(container: HTMLElement, view: StatusView, actions: StatusActions): void {
  const button = (label: string, action: () => void, testId: string) => {
    const b = h('button', { type: 'button', 'data-testid': testId }, label);
    b.addEventListener('click', action);
    return b;
  };
  if (view.kind === 'running') {
    // Progress arrives several times a second: the running view is built once
    // and only its text changes, so the Cancel button keeps clicks and focus.
    let progress = container.dataset.state === 'running' ? container.querySelector<HTMLElement>('[data-role=progress]') : null;
    if (!progress) {
      progress = h('span', { 'data-role': 'progress' });
      container.replaceChildren(h('span', { class: 'spinner', 'aria-hidden': 'true' }), progress, button('Cancel', actions.cancel, 'cancel'));
    }
    container.dataset.state = 'running';
    progress.textContent = progressText(view);
    return;
  }
  container.dataset.state = view.kind;
  switch (view.kind) {
    case 'idle':
      container.replaceChildren();
      return;
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

function progressText(view: Extract<StatusView, { kind: 'running' }>): string {
  const candidates = view.candidates ?? 0;
  // Before the first candidate, the engine's phase says it is working (exploring paths, searching combinations).
  const examined = view.model === undefined ? 'starting'
    : candidates === 0 && view.phase ? `${view.phase} under ${view.model}`
    : `${candidates.toLocaleString('en')} candidate executions examined under ${view.model}`;
  const elapsed = view.seconds === undefined ? '' : ` · ${view.seconds.toFixed(1)} s`;
  return `Enumerating… ${examined}${elapsed}`;
}
