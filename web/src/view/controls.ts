// The page's inputs besides the editor: the library picker and the model
// checkboxes (the shipped models and the user's own .cat text).

import { LIBRARY } from '../library.js';
import { CUSTOM_MODEL, STOCK_MODELS } from '../models.js';
import { h } from './dom.js';

/** The picker's entry for text that is not (or no longer) a library test. */
export const OWN_TEST = '';

export function fillTestPicker(select: HTMLSelectElement): void {
  select.replaceChildren(
    h('option', { value: OWN_TEST }, '— your own test —'),
    ...LIBRARY.map((group) => {
      const optgroup = h('optgroup', { label: group.title });
      optgroup.append(...group.tests.map((test) => h('option', { value: test.id }, test.name)));
      return optgroup;
    }),
  );
}

export function renderModelChoices(container: HTMLElement, chosen: readonly string[], onToggle: (key: string, on: boolean) => void): void {
  const choices = [...STOCK_MODELS.map((m) => ({ key: m.key, label: m.label, hint: m.hint })), { key: CUSTOM_MODEL, label: 'your .cat', hint: 'paste a model' }];
  container.replaceChildren(
    h('span', { class: 'label' }, 'Models'),
    ...choices.map(({ key, label, hint }) => {
      const input = h('input', { type: 'checkbox', value: key, id: `model-${key}` });
      input.checked = chosen.includes(key);
      input.addEventListener('change', () => onToggle(key, input.checked));
      return h('label', { class: 'model-choice', for: `model-${key}`, title: hint }, input, ' ', label);
    }),
  );
}
