// A key to the notation of explanations and pictures, for students: events,
// annotations, the relations and the Arm model's names for its orderings.

import { h } from './dom.js';

const KEY: ReadonlyArray<[string, string]> = [
  ['a: W[x]=1, b: R[y]=0', 'an event: a writes 1 to x, b reads 0 from y (named a, b, c… in this execution)'],
  ['x0: W[x]=0', 'the initial write of x'],
  ['F DMB.ISH', 'a barrier event'],
  ['(A) (Q) (L) (X)', 'annotations: acquire, acquire (processor consistent, LDAPR), release, exclusive or atomic access'],
  ['po', 'program order: one thread, in order; po-loc: the same, on one location'],
  ['rf', 'reads-from: the write a read takes its value from'],
  ['co', "coherence: the order of a location's writes"],
  ['fr', 'from-reads: a read, before the writes after its source in co'],
  ['…e, …i', 'rfe, coe, fre: between threads; rfi, coi, fri: within one'],
  ['ca (fr)', 'a relation of the model (here ca, "coherence after") and, in brackets, the part of its definition the step comes from'],
  ['bob, dob, aob, obs', "Arm's ordered-before relations: by a barrier or acquire/release, by a dependency, by an atomic, observed by another thread"],
  ['[M]; po; [dmb.full]; po; [M]', 'how the model derives a step: an access, po, a full barrier, po, an access'],
  ['acyclic, irreflexive, empty', 'what an axiom demands of a relation; the cycle (or pair) shown breaks it'],
];

/** A folded "Notation" key under the explanations. */
export function renderNotation(): HTMLElement {
  return h(
    'details',
    { class: 'notation', 'data-testid': 'notation' },
    h('summary', {}, 'Notation'),
    h('dl', {}, ...KEY.flatMap(([term, meaning]) => [h('dt', {}, h('code', {}, term)), h('dd', {}, meaning)])),
  );
}
