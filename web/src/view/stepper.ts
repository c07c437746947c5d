// Stepping through candidate executions (issue 13): walk them one by one
// (this state's, or all), each with its verdict, where each read reads from,
// each location's coherence order, every axiom holding or failing with its
// cycle, and its picture; or build one by hand, picking each read's write
// and each location's coherence order, the candidates narrowing with each
// pick until one is left, judged. Keyboard: ← → (or j k) move between
// candidates.

import { type AxiomOutcome, type CandidateExplanation, describeWitness, type ExecutionGraph, type GraphEvent, witnessText } from '../../../src/browser.js';
import type { CandidatesAnswer } from '../engine/protocol.js';
import { h } from './dom.js';
import { type EventHover, renderExecutionGraph } from './execution-graph.js';
import { stateText } from './explanation.js';

/** Where the stepper stands: the page keeps it (and the share link carries it). */
export interface StepperPosition {
  /** The candidates walked: the selected state's (`state`) or every one. */
  scope: 'state' | 'all';
  index: number;
  mode: 'walk' | 'build';
  /** Building by hand: the picks so far, as [read, write] and [location, order] pairs of event keys. */
  picks?: { rf: Array<[string, string]>; co: Array<[string, string]> };
}

export interface StepperOptions {
  answer: CandidatesAnswer;
  /** The selected state's values (one per column). */
  values: string[] | undefined;
  position: StepperPosition;
  onHover: EventHover;
  /** Told whenever the position changes (the page puts it in the share link). */
  onMove: (position: StepperPosition) => void;
}

/** The stepping view (walk or build by hand) for one model's candidates; keyboard ← → when focused. Tells `options.onMove` every move. */
export function renderStepper(options: StepperOptions): HTMLElement {
  const root = h('div', { class: 'stepper', 'data-testid': 'stepper', tabindex: '0' });
  let position = { ...options.position };
  const draw = () => {
    root.replaceChildren(tabs(), position.mode === 'walk' ? walkView() : buildView(options, position.picks, (picks) => {
      // Picks are part of the position (the share link keeps them); the build view redraws itself.
      position = { ...position, picks };
      options.onMove(position);
    }));
  };
  const move = (next: Partial<StepperPosition>) => {
    position = { ...position, ...next };
    options.onMove(position);
    draw();
    // Keys keep working after a click on a control that the redraw replaced.
    root.focus();
  };
  const inScope = () => options.answer.candidates.filter((c) => position.scope === 'all' || sameValues(c.values, options.values));

  const tabs = () => {
    const tab = (mode: StepperPosition['mode'], label: string) => {
      const b = h('button', { type: 'button', class: `tab${position.mode === mode ? ' active' : ''}`, 'data-testid': `stepper-${mode}` }, label);
      b.addEventListener('click', () => move({ mode }));
      return b;
    };
    return h('div', { class: 'stepper-tabs' }, tab('walk', 'Walk the candidates'), tab('build', 'Build one by hand'));
  };

  const walkView = () => {
    const list = inScope();
    const index = clamp(position.index, list.length);
    const totals = options.answer.totals.filter((t) => position.scope === 'all' || sameValues(t.values, options.values));
    const allowed = totals.reduce((n, t) => n + t.allowed, 0);
    const rejected = totals.reduce((n, t) => n + t.rejected, 0);
    const all = h('input', { type: 'checkbox', 'data-testid': 'stepper-all' });
    all.checked = position.scope === 'all';
    // The candidate on screen stays on screen when the scope changes (or the first, if it is not in the new scope).
    all.addEventListener('change', () => {
      const current = list[index];
      const scope = all.checked ? 'all' : 'state';
      const next = options.answer.candidates.filter((c) => scope === 'all' || sameValues(c.values, options.values));
      move({ scope, index: Math.max(0, current ? next.indexOf(current) : 0) });
    });
    const prev = h('button', { type: 'button', class: 'secondary small', 'data-testid': 'stepper-prev', title: 'previous candidate (← or k)' }, '◀ Previous');
    const next = h('button', { type: 'button', class: 'secondary small', 'data-testid': 'stepper-next', title: 'next candidate (→ or j)' }, 'Next ▶');
    prev.disabled = index <= 0;
    next.disabled = index >= list.length - 1;
    prev.addEventListener('click', () => move({ index: index - 1 }));
    next.addEventListener('click', () => move({ index: index + 1 }));
    const scope = position.scope === 'all' ? 'of every state' : 'ending in this state';
    const unlisted = list.length < allowed + rejected ? ` (${list.length} listed, allowed first)` : '';
    const pruned = options.answer.pruned ? ' Those breaking coherence or atomicity are left out: a path only they take faults.' : ' None is pruned before the model judges.';
    const items = list.map((c, i) => {
      const item = h('li', { class: `${c.allowed ? 'allowed' : 'rejected'}${i === index ? ' current' : ''}` }, verdictText(c), position.scope === 'all' ? ` — ${stateText(options.answer.columns, c.values)}` : '');
      item.addEventListener('click', () => move({ index: i }));
      return item;
    });
    return h(
      'div',
      { class: 'stepper-walk' },
      h('p', { 'data-testid': 'stepper-summary' }, `${allowed + rejected} candidate execution${allowed + rejected === 1 ? '' : 's'} ${scope}: ${allowed} allowed, ${rejected} rejected${unlisted}.${pruned}`),
      h('div', { class: 'stepper-controls' }, prev, h('span', { 'data-testid': 'stepper-position' }, list.length > 0 ? `${index + 1} / ${list.length}` : '0 / 0'), next, h('label', {}, all, ' all states')),
      h('ol', { class: 'stepper-list' }, ...items),
      list[index] ? candidateView(list[index], options.answer.columns, options.onHover) : h('p', { class: 'muted' }, 'No candidate execution ends in this state.'),
    );
  };

  root.addEventListener('keydown', (e) => {
    if (position.mode !== 'walk' || (e.target as Element).closest('select, input')) return;
    const count = inScope().length;
    // From where the view stands (a link may carry an index past the end).
    const index = clamp(position.index, count);
    if ((e.key === 'ArrowRight' || e.key === 'j') && index < count - 1) move({ index: index + 1 });
    else if ((e.key === 'ArrowLeft' || e.key === 'k') && index > 0) move({ index: index - 1 });
    else return;
    e.preventDefault();
    root.focus();
  });
  draw();
  return root;
}

/** One candidate: verdict, state, reads and coherence, every axiom, and its picture (the first failing axiom's cycle drawn over it). */
function candidateView(candidate: CandidateExplanation, columns: readonly string[], onHover: EventHover): HTMLElement {
  return h(
    'div',
    { class: 'stepper-candidate', 'data-testid': 'stepper-candidate' },
    h('p', {}, h('span', { class: `badge ${candidate.allowed ? 'allowed' : 'forbidden'}` }, verdictText(candidate)), ' ', h('code', {}, stateText(columns, candidate.values))),
    h('ul', { class: 'witness-lines' }, ...describeWitness(candidate.graph).map((line) => h('li', {}, line))),
    axiomList(candidate.axioms, candidate.graph),
    renderExecutionGraph(candidate.graph, candidate.witness, onHover),
  );
}

function axiomList(axioms: AxiomOutcome[], graph: ExecutionGraph): HTMLElement {
  return h(
    'ul',
    { class: 'axioms', 'data-testid': 'axioms' },
    ...axioms.map((a) =>
      h('li', { class: a.holds ? 'holds' : 'fails', 'data-axiom': a.name }, a.holds ? `✓ ${a.name} holds` : `✗ ${a.name} fails`, a.witness ? h('span', { class: 'cycle' }, `: ${witnessText(a.witness, graph)}`) : ''),
    ),
  );
}

/** `index` within a list of `count` (0 for an empty one). */
function clamp(index: number, count: number): number {
  return Math.min(Math.max(index, 0), Math.max(count - 1, 0));
}

function verdictText(c: CandidateExplanation): string {
  return c.allowed ? 'allowed' : `rejected by ${c.axiom}`;
}

function sameValues(a: readonly string[], b: readonly string[] | undefined): boolean {
  return b !== undefined && a.length === b.length && a.every((v, i) => v === b[i]);
}

// ---- building one by hand --------------------------------------------------

/** An event named the same in every candidate: thread, instruction and which time that instruction ran (init writes by location). */
function eventKeys(graph: ExecutionGraph): Map<number, string> {
  const keys = new Map<number, string>();
  const seen = new Map<string, number>();
  for (const e of graph.events) {
    if (e.thread < 0) {
      keys.set(e.id, `init:${e.location}`);
      continue;
    }
    const base = `P${e.thread}:${e.instruction?.line}:${e.instruction?.column}:${e.kind}:${e.location}`;
    const k = seen.get(base) ?? 0;
    seen.set(base, k + 1);
    keys.set(e.id, `${base}#${k}`);
  }
  return keys;
}

/** A candidate's choices: each read's source and each location's coherence order (keys of events), and a label per event key. */
interface Choices {
  rf: Map<string, string>;
  co: Map<string, string>;
  labels: Map<string, string>;
}

/** An event in words: a write with its value, a read without (its value is what the pick decides), thread, instruction and line. */
function eventLabel(e: GraphEvent): string {
  if (e.thread < 0) return `the initial value of ${e.location}`;
  const what = e.kind === 'R' ? `R[${e.location}]` : e.label;
  return `${what} on P${e.thread} (${e.instruction?.text}, line ${e.instruction?.line})`;
}

function choicesOf(c: CandidateExplanation): Choices {
  const keys = eventKeys(c.graph);
  const byId = new Map(c.graph.events.map((e) => [e.id, e]));
  const rf = new Map<string, string>();
  const labels = new Map<string, string>();
  for (const e of c.graph.events) labels.set(keys.get(e.id)!, eventLabel(e));
  const coNext = new Map<number, number>();
  for (const edge of c.graph.edges) {
    if (edge.relation === 'rf') rf.set(keys.get(edge.to)!, keys.get(edge.from)!);
    else if (edge.relation === 'co') coNext.set(edge.from, edge.to);
  }
  // Coherence orders by event keys (two writes of one instruction stay apart); locations with one write have no choice.
  const co = new Map<string, string>();
  for (const e of c.graph.events.filter((e) => e.thread < 0)) {
    const order: string[] = [];
    for (let at: number | undefined = e.id; at !== undefined; at = coNext.get(at)) order.push(keys.get(byId.get(at)!.id)!);
    if (order.length > 2) co.set(e.location!, order.join(' '));
  }
  return { rf, co, labels };
}

/** The pick for a read a candidate does not make: it takes another path. */
const NOT_RUN = '-';

function buildView(options: StepperOptions, start: StepperPosition['picks'], onPick: (picks: NonNullable<StepperPosition['picks']>) => void): HTMLElement {
  const candidates = options.answer.candidates.map((c) => ({ c, choices: choicesOf(c) }));
  const picked = { rf: new Map<string, string>(start?.rf ?? []), co: new Map<string, string>(start?.co ?? []) };
  const view = h('div', { class: 'stepper-build', 'data-testid': 'build-view' });
  const labels = new Map(candidates.flatMap(({ choices }) => [...choices.labels]));
  const labelOf = (key: string) => labels.get(key) ?? key;
  /** The candidates that take every pick, leaving out one read's or one location's (`skip`) when its own options are listed. */
  const matching = (skip?: { rf?: string; co?: string }) =>
    candidates.filter(({ choices }) =>
      [...picked.rf].every(([r, w]) => r === skip?.rf || (choices.rf.get(r) ?? NOT_RUN) === w) && [...picked.co].every(([l, o]) => l === skip?.co || choices.co.get(l) === o));

  const draw = () => {
    const left = matching();
    const select = (title: string, testid: string, current: string | undefined, values: string[], label: (v: string) => string, pick: (v: string | undefined) => void) => {
      const s = h('select', { 'data-testid': testid }, h('option', { value: '' }, '— choose —'), ...values.map((v) => h('option', { value: v }, label(v))));
      s.value = current ?? '';
      s.addEventListener('change', () => {
        pick(s.value === '' ? undefined : s.value);
        onPick({ rf: [...picked.rf], co: [...picked.co] });
        draw();
      });
      return h('label', { class: 'pick' }, `${title} `, s);
    };
    // Only the reads and locations of the candidates still matching (another path may have other reads), and those picked.
    const reads = [...new Set([...left.flatMap(({ choices }) => [...choices.rf.keys()]), ...picked.rf.keys()])];
    const locations = [...new Set(left.flatMap(({ choices }) => [...choices.co.keys()]))].sort();
    const readPickers = reads.map((r) => {
      // A read some candidates do not make (they take another path) can be picked as not run.
      const sources = [...new Set(matching({ rf: r }).map(({ choices }) => choices.rf.get(r) ?? NOT_RUN))];
      const label = (w: string) => (w === NOT_RUN ? 'nothing: it does not run (another path)' : labelOf(w));
      return select(`${labelOf(r)} reads from`, 'pick-rf', picked.rf.get(r), sources, label, (v) => (v === undefined ? picked.rf.delete(r) : picked.rf.set(r, v)));
    });
    const coPickers = locations.map((l) => {
      const orders = [...new Set(matching({ co: l }).map(({ choices }) => choices.co.get(l)).filter((o): o is string => o !== undefined))];
      const orderLabel = (o: string) => o.split(' ').map(labelOf).join(' → ');
      return select(`coherence of ${l}:`, 'pick-co', picked.co.get(l), orders, orderLabel, (v) => (v === undefined ? picked.co.delete(l) : picked.co.set(l, v)));
    });
    // Done when one candidate is left and every read and location it has is picked.
    const last = left.length === 1 ? left[0] : undefined;
    const one = last && reads.every((r) => picked.rf.has(r)) && [...last.choices.co.keys()].every((l) => picked.co.has(l)) ? last.c : undefined;
    const status = one
      ? h('p', { 'data-testid': 'build-verdict' }, 'Complete: ', h('span', { class: `badge ${one.allowed ? 'allowed' : 'forbidden'}` }, verdictText(one)), ' ', h('code', {}, stateText(options.answer.columns, one.values)))
      : h('p', { class: 'muted', 'data-testid': 'build-left' }, `${left.length} candidate${left.length === 1 ? '' : 's'} (of every state) match the picks so far: pick a write for every read and an order for every location with several writes.`);
    const sofar = left[0] ? partialGraph(left[0].c.graph, picked) : undefined;
    view.replaceChildren(
      h('p', {}, 'Pick, for each read, the write it reads from, and for each location the order of its writes. Only choices some candidate takes are offered.'),
      h('div', { class: 'picks' }, ...readPickers, ...coPickers),
      status,
      ...(one ? [axiomList(one.axioms, one.graph), renderExecutionGraph(one.graph, one.witness, options.onHover)] : sofar ? [renderExecutionGraph(sofar, undefined, options.onHover)] : []),
    );
  };
  draw();
  return view;
}

/**
 * The picture so far: every event and po, with the rf and co edges picked
 * (those of reads and locations not yet picked left out), and the value of
 * a read not yet picked shown as `?` (its pick decides it).
 */
function partialGraph(graph: ExecutionGraph, picked: { rf: Map<string, string>; co: Map<string, string> }): ExecutionGraph {
  const keys = eventKeys(graph);
  const location = new Map(graph.events.map((e) => [e.id, e.location]));
  const edges = graph.edges.filter((edge) => {
    if (edge.relation === 'rf') return picked.rf.has(keys.get(edge.to)!);
    if (edge.relation === 'co') return picked.co.has(location.get(edge.from) ?? '');
    return edge.relation !== 'fr';
  });
  const events = graph.events.map((e) => (e.kind === 'R' && e.thread >= 0 && !picked.rf.has(keys.get(e.id)!) ? { ...e, label: e.label.replace(/=[^\s(]*/, '=?') } : e));
  return { events, edges };
}
