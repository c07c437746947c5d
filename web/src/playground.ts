// The playground's controller: keeps the state (test, models, the user's
// .cat), checks the test as it is typed, runs the engine in its worker when
// the input settles, and draws the results.

import { decidesCondition } from '../../src/browser.js';
import { checkTest } from './editor/diagnostics.js';
import { createTestEditor, type TestEditor } from './editor/editor.js';
import type { Analysis, ModelRequest } from './engine/protocol.js';
import { EngineRunner, type RunOutcome } from './engine/runner.js';
import { findLibraryTest, LIBRARY } from './library.js';
import { CUSTOM_MODEL, STOCK_MODELS } from './models.js';
import { encodeState, type PlaygroundState, saveLocally } from './share.js';
import { fillTestPicker, OWN_TEST, renderModelChoices } from './view/controls.js';
import { byId, h } from './view/dom.js';
import { renderExplanation } from './view/explanation.js';
import { renderFixAnswer } from './view/fix.js';
import { renderStepper, type StepperPosition } from './view/stepper.js';
import { renderOutcomeTable } from './view/outcome-table.js';
import { renderStatus, type StatusView } from './view/status.js';
import { renderVerdict } from './view/verdict.js';

/** Wait for typing to pause before running the engine. */
const RUN_DELAY_MS = 400;
/** Show "Enumerating…" only for runs that take a noticeable time, so quick ones do not flicker. */
const RUNNING_NOTICE_DELAY_MS = 150;
/** How often the running status's clock moves, even when the worker has nothing new to say. */
const RUNNING_TICK_MS = 250;

export const DEFAULT_STATE: PlaygroundState = {
  text: findLibraryTest('qemu/qemu-aio-llsc')?.text ?? LIBRARY[0]?.tests[0]?.text ?? '',
  models: STOCK_MODELS.map((m) => m.key),
  cat: '',
};

export class Playground {
  private readonly editor: TestEditor;
  private readonly runner = new EngineRunner();
  private readonly picker = byId<HTMLSelectElement>('test-picker');
  private readonly catInput = byId<HTMLTextAreaElement>('custom-cat');
  private analysis?: Analysis;
  /** Notes on the finished run's request (e.g. an empty .cat left out). */
  private notes: string[] = [];
  private selectedRow = -1;
  private runTimer?: ReturnType<typeof setTimeout>;
  /** The running status while a run is under way (its notice delay, then its clock). */
  private runningTicker?: ReturnType<typeof setTimeout>;
  /** Increases with every run, so the answer of a superseded run is dropped. */
  private runNumber = 0;
  private persistNumber = 0;
  /** Whether a run is under way: the stepping view and Fix it wait for it (they would cancel it). */
  private running = false;
  /** Bring the verdict into view when the next run is in (after Apply in Fix it). */
  private scrollToVerdict = false;
  /** Lights up in the editor the instruction of the event under the pointer. */
  private readonly hover = (event: { instruction?: { line: number; column: number; text: string } } | null) =>
    this.editor.highlightInstruction(event?.instruction ?? null);

  constructor(private state: PlaygroundState) {
    this.editor = createTestEditor(byId('editor'), state.text, (text) => this.textChanged(text));
    fillTestPicker(this.picker);
    this.picker.addEventListener('change', () => this.loadLibraryTest(this.picker.value));
    for (const button of document.querySelectorAll<HTMLButtonElement>('[data-story]')) {
      button.addEventListener('click', () => this.loadLibraryTest(button.dataset.story ?? ''));
    }
    this.catInput.value = state.cat;
    this.catInput.addEventListener('input', () => {
      this.state = { ...this.state, cat: this.catInput.value };
      this.inputChanged();
    });
    byId('share').addEventListener('click', () => void this.copyLink());
    const wrap = byId<HTMLInputElement>('wrap-lines');
    wrap.addEventListener('change', () => this.editor.wrapLines(wrap.checked));
    this.drawModelChoices();
    this.syncPickerAndDoc();
    this.inputChanged(0);
  }

  /** Replaces everything with a state from a shared link. */
  load(state: PlaygroundState): void {
    this.state = state;
    this.catInput.value = state.cat;
    this.drawModelChoices();
    this.editor.setText(state.text);
    // Setting the text clears a stepping position (it belongs to the text before): the link's own is put back.
    this.state = state;
    this.syncPickerAndDoc();
    this.inputChanged(0);
  }

  loadLibraryTest(id: string): void {
    const test = findLibraryTest(id);
    if (test) this.editor.setText(test.text);
  }

  runNow(): void {
    clearTimeout(this.runTimer);
    void this.run();
  }

  /** Stops the run under way and the one waiting for typing to pause. */
  cancel(): void {
    clearTimeout(this.runTimer);
    this.stopRunningStatus();
    this.runNumber++;
    this.running = false;
    this.runner.cancel();
    this.showStatus({ kind: 'cancelled' });
  }

  private textChanged(text: string): void {
    // A stepping position and a selected state are about the text they were taken on.
    this.state = { ...this.state, text, step: undefined, row: undefined };
    this.syncPickerAndDoc();
    this.inputChanged();
  }

  private inputChanged(delay = RUN_DELAY_MS): void {
    void this.persist();
    clearTimeout(this.runTimer);
    this.runTimer = setTimeout(() => void this.run(), delay);
  }

  private drawModelChoices(): void {
    renderModelChoices(byId('models'), this.state.models, (key, on) => {
      const models = on ? [...this.state.models, key] : this.state.models.filter((m) => m !== key);
      this.state = { ...this.state, models };
      byId('custom-model').hidden = !models.includes(CUSTOM_MODEL);
      this.inputChanged(0);
    });
    byId('custom-model').hidden = !this.state.models.includes(CUSTOM_MODEL);
  }

  private syncPickerAndDoc(): void {
    const match = LIBRARY.flatMap((g) => g.tests).find((t) => t.text === this.state.text);
    this.picker.value = match?.id ?? OWN_TEST;
    byId('test-doc').textContent = /^[^{]*?"([^"]*)"/.exec(this.state.text)?.[1] ?? '';
  }

  /** The chosen models in the page's order, and whether the user's .cat is ticked but empty (so left out). */
  private modelRequests(): { models: ModelRequest[]; emptyCat: boolean } {
    // Keep the page's order (shipped models first), whatever order they were ticked in.
    const order = [...STOCK_MODELS.map((m) => m.key), CUSTOM_MODEL];
    const chosen = order.filter((key) => this.state.models.includes(key));
    // An empty .cat would allow everything: wait until the user has pasted one.
    const emptyCat = chosen.includes(CUSTOM_MODEL) && this.state.cat.trim() === '';
    const models = chosen
      .filter((key) => key !== CUSTOM_MODEL || !emptyCat)
      .map((key) => (key === CUSTOM_MODEL ? { key, source: this.state.cat } : { key }));
    return { models, emptyCat };
  }

  private async run(): Promise<void> {
    const runNumber = ++this.runNumber;
    this.stopRunningStatus();
    const problems = checkTest(this.state.text);
    if (problems.length > 0) {
      return this.abandon({ kind: 'problems', title: 'The test has errors (underlined in the editor):', diagnostics: problems });
    }
    const { models, emptyCat } = this.modelRequests();
    if (models.length === 0) {
      const message = emptyCat ? 'Your .cat is empty: paste a model into the box above, or choose another model.' : 'Choose at least one model.';
      return this.abandon({ kind: 'failed', message });
    }
    const notes = emptyCat ? ['Your .cat is empty, so it is left out: paste a model into the box above.'] : [];
    const started = performance.now();
    let progress: { model?: string; candidates?: number; phase?: string } = {};
    const showRunning = () => {
      // The results on screen are for the input before: dimmed until the new ones come.
      this.markStale(true);
      this.showStatus({ kind: 'running', ...progress, seconds: (performance.now() - started) / 1000 });
    };
    const tick = () => {
      showRunning();
      this.runningTicker = setTimeout(tick, RUNNING_TICK_MS);
    };
    this.runningTicker = setTimeout(tick, RUNNING_NOTICE_DELAY_MS);
    this.running = true;
    const outcome = await this.runner.run(this.state.text, models, ({ model, candidates, phase }) => {
      if (runNumber !== this.runNumber) return;
      progress = { model, candidates, phase };
      if (performance.now() - started >= RUNNING_NOTICE_DELAY_MS) showRunning();
    });
    if (runNumber !== this.runNumber) return;
    this.stopRunningStatus();
    this.finish(outcome, notes);
  }

  private stopRunningStatus(): void {
    clearTimeout(this.runningTicker);
    this.runningTicker = undefined;
  }

  /** No run for this input: stop a busy worker, say why, and take down the last run's results (they were for other input). */
  private abandon(view: StatusView): void {
    this.running = false;
    this.runner.cancel();
    this.showStatus(view);
    this.clearResults();
  }

  private finish(outcome: RunOutcome, notes: string[]): void {
    this.running = false;
    this.markStale(false);
    switch (outcome.status) {
      case 'cancelled':
        return this.showStatus({ kind: 'cancelled' });
      case 'error': {
        this.clearResults();
        const { reply } = outcome;
        if (reply.source === 'test' || reply.source === 'model') {
          const title = reply.source === 'model' ? 'Your model has errors:' : 'The test has errors:';
          return this.showStatus({ kind: 'problems', title, diagnostics: reply.diagnostics });
        }
        const prefix = reply.source === 'limit' ? 'The search stopped: ' : 'Something went wrong: ';
        return this.showStatus({ kind: 'failed', message: prefix + reply.message });
      }
      case 'fixed':
      case 'candidates':
        return; // these answers go to their own panels (fix(), stepper())
      case 'done': {
        this.showStatus({ kind: 'idle' });
        const { analysis } = outcome;
        this.analysis = analysis;
        this.notes = notes;
        // The state the user (or the link) selected, else the first that decides the condition.
        const chosen = this.state.row ? analysis.rows.findIndex((row) => row.values.every((v, i) => v === this.state.row![i])) : -1;
        this.selectedRow = chosen >= 0 ? chosen : analysis.rows.findIndex((row) => decidesCondition(analysis.quantifier, row.satisfies));
        this.drawResults();
        this.restoreStepper();
        if (this.scrollToVerdict) byId('verdict').scrollIntoView({ block: 'start' });
        this.scrollToVerdict = false;
      }
    }
  }

  private showStatus(view: StatusView): void {
    renderStatus(byId('status'), view, { cancel: () => this.cancel(), run: () => this.runNow() });
  }

  /** Dims (or undims) the results on screen while a run for other input is under way. */
  private markStale(stale: boolean): void {
    for (const id of ['verdict', 'outcomes', 'explanation']) byId(id).classList.toggle('stale', stale);
  }

  private clearResults(): void {
    this.markStale(false);
    this.analysis = undefined;
    this.notes = [];
    this.selectedRow = -1;
    for (const id of ['verdict', 'outcomes', 'explanation']) byId(id).replaceChildren();
  }

  private drawResults(): void {
    const analysis = this.analysis;
    if (!analysis) return;
    byId('verdict').replaceChildren(renderVerdict(analysis, this.notes));
    byId('outcomes').replaceChildren(
      renderOutcomeTable(analysis, this.selectedRow, (row) => {
        this.selectedRow = row;
        // Another state: the stepping view (drawn for the old one) closes; the link keeps the state selected.
        this.state = { ...this.state, step: undefined, row: analysis.rows[row]?.values };
        void this.persist();
        this.drawResults();
      }),
    );
    byId('explanation').replaceChildren(
      renderExplanation(analysis, analysis.rows[this.selectedRow], this.hover, (model, panel) => void this.fix(model, panel), (model, panel) => void this.stepper(model, panel)),
    );
  }

  /**
   * Runs an engine request for a panel (the stepping view, Fix it): not while
   * a run is under way (it would cancel it), with a Stop button meanwhile;
   * undefined (the panel says why, its button clickable again) when it did
   * not finish or the test changed in the meantime.
   */
  private async panelRequest(panel: HTMLElement, busy: string, request: () => Promise<RunOutcome>): Promise<RunOutcome | undefined> {
    const button = panel.parentElement?.querySelector<HTMLButtonElement>(':scope > button');
    const again = (message: string) => {
      panel.replaceChildren(h('p', { class: 'muted' }, message));
      if (button) button.disabled = false;
    };
    if (this.running) {
      again('A run is under way: click again when its results are in.');
      return undefined;
    }
    const stop = h('button', { type: 'button', class: 'secondary small', 'data-testid': 'panel-stop' }, 'Stop');
    stop.addEventListener('click', () => this.runner.cancel());
    panel.replaceChildren(h('p', { class: 'muted' }, `${busy} `, stop));
    const runNumber = this.runNumber;
    const outcome = await request();
    if (runNumber !== this.runNumber) return undefined; // the test changed meanwhile: this answer is for another text
    if (outcome.status === 'cancelled') {
      again('Stopped: click again to start over.');
      return undefined;
    }
    if (outcome.status === 'error') {
      again(`The engine stopped: ${outcome.reply.message}`);
      return undefined;
    }
    return outcome;
  }

  /** The stepping view for `model` in `panel`: the candidate executions, walked or built by hand, its position in the share link. */
  private async stepper(model: string, panel: HTMLElement, position: StepperPosition = { scope: 'state', index: 0, mode: 'walk' }): Promise<void> {
    const request = this.modelRequests().models.find((m) => m.key === model);
    const analysis = this.analysis;
    if (!request || !analysis) return;
    const values = analysis.rows[this.selectedRow]?.values;
    const outcome = await this.panelRequest(panel, 'Listing the candidate executions…', () => this.runner.candidates(this.state.text, request));
    if (outcome?.status !== 'candidates') {
      // No stepping view: none to reopen after the next run either.
      this.state = { ...this.state, step: undefined };
      void this.persist();
      return;
    }
    const onMove = (p: StepperPosition) => {
      this.state = { ...this.state, step: { model, ...(values && { values }), ...p } };
      void this.persist();
    };
    onMove(position);
    const view = renderStepper({ answer: outcome.answer, values, position, onHover: this.hover, onMove });
    panel.replaceChildren(view);
    view.focus();
  }

  /** After a run: reopens the stepping view a shared link (or the last visit) left open, at its state and position. */
  private restoreStepper(): void {
    const step = this.state.step;
    const analysis = this.analysis;
    if (!step || !analysis) return;
    const row = step.values ? analysis.rows.findIndex((r) => r.values.every((v, i) => v === step.values![i])) : this.selectedRow;
    const section = document.querySelector<HTMLElement>(`#explanation [data-model="${CSS.escape(step.model)}"]`);
    if (row < 0 || !section) {
      // The state or model it stood at is gone (other models, another answer): it does not reopen.
      this.state = { ...this.state, step: undefined };
      void this.persist();
      return;
    }
    if (row !== this.selectedRow) {
      this.selectedRow = row;
      this.drawResults();
    }
    const panel = document.querySelector<HTMLElement>(`#explanation [data-model="${CSS.escape(step.model)}"] [data-testid=step-panel]`);
    const button = document.querySelector<HTMLButtonElement>(`#explanation [data-model="${CSS.escape(step.model)}"] [data-testid=step-it]`);
    if (!panel || !button) return;
    button.disabled = true;
    void this.stepper(step.model, panel, { scope: step.scope, index: step.index, mode: step.mode, ...(step.picks && { picks: step.picks }) });
  }

  /** litmus fix for the bad state under `model`: its cheapest repairs in `panel`, each with an Apply button. */
  private async fix(model: string, panel: HTMLElement): Promise<void> {
    const request = this.modelRequests().models.find((m) => m.key === model);
    if (!request) return;
    const outcome = await this.panelRequest(panel, 'Looking for the cheapest repairs…', () => this.runner.fix(this.state.text, request));
    // After Apply the new verdict comes into view (the pane was scrolled down to the repairs).
    const apply = (source: string) => {
      this.scrollToVerdict = true;
      this.editor.setText(source);
    };
    if (outcome?.status === 'fixed') panel.replaceChildren(renderFixAnswer(outcome.fix, apply));
  }

  private async persist(): Promise<void> {
    const persistNumber = ++this.persistNumber;
    saveLocally(this.state);
    const hash = await encodeState(this.state);
    if (persistNumber === this.persistNumber) history.replaceState(null, '', `#${hash}`);
  }

  private async copyLink(): Promise<void> {
    await this.persist();
    const button = byId('share');
    try {
      await navigator.clipboard.writeText(location.href);
      button.textContent = 'Link copied';
    } catch {
      // No clipboard permission (e.g. not a secure context): the address bar has the same link.
      button.textContent = 'Link is in the address bar';
    }
    setTimeout(() => (button.textContent = 'Copy link'), 2000);
  }
}
