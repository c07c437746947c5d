// The names a model can use without defining them, and how each is
// computed: from the skeleton once (static), or from rf/co per candidate.

import type { Choice, ExecutionSkeleton } from './api.js';
import { EventSet, Relation } from '../relation/index.js';
import { hasTag } from '../exec/types.js';

export const STATIC_SETS = new Set(['R', 'W', 'M', 'F', 'IW', '_']);
export const STATIC_RELATIONS = new Set(['po', 'loc', 'same-loc', 'int', 'ext', 'id', 'po-loc', 'sm', 'si']);
/** Relations the enumerator supplies in ExecutionSkeleton.relations (absent ones are empty). */
export const INTRINSIC_RELATIONS = new Set([
  'addr', 'data', 'ctrl', 'pick-addr-dep', 'pick-data-dep', 'pick-ctrl-dep', 'rmw', 'amo', 'lxsx',
]);
export const DYNAMIC_RELATIONS = new Set(['rf', 'co', 'fr', 'rfe', 'rfi', 'coe', 'coi', 'fre', 'fri']);
export const DYNAMIC_SETS = new Set(['FW']);

/** Upper-case names that are not defined are event-tag sets (empty when no event has the tag). */
export function isTagName(name: string): boolean {
  return /^[A-Z]/.test(name);
}

/** A tag set proper: an upper-case name that is not one of the built-in sets (R, W, M, F, IW, FW). */
export function isEventTag(name: string): boolean {
  return isTagName(name) && !STATIC_SETS.has(name) && !DYNAMIC_SETS.has(name);
}

export type PrimitiveKind = 'set' | 'rel';

/** The type of a primitive name, or undefined when the name is not a primitive. */
export function primitiveType(name: string): PrimitiveKind | undefined {
  if (STATIC_SETS.has(name) || DYNAMIC_SETS.has(name) || isTagName(name)) return 'set';
  if (STATIC_RELATIONS.has(name) || INTRINSIC_RELATIONS.has(name) || DYNAMIC_RELATIONS.has(name)) return 'rel';
  return undefined;
}

/** Whether a primitive depends on rf or co (computed per candidate, not once). */
export function isDynamicPrimitive(name: string): boolean {
  return DYNAMIC_RELATIONS.has(name) || DYNAMIC_SETS.has(name);
}

function sameThread(s: ExecutionSkeleton, a: number, b: number): boolean {
  const t = s.events[a].thread;
  return t >= 0 && t === s.events[b].thread;
}

/** Writes the value of a static primitive into `out`. */
export function computeStatic(name: string, s: ExecutionSkeleton, out: EventSet | Relation): void {
  out.clear();
  const events = s.events, n = events.length;
  if (out instanceof EventSet) {
    for (let e = 0; e < n; e++) {
      const ev = events[e];
      const member =
        name === '_' ? true
        : name === 'R' ? ev.kind === 'R' && ev.outsideRW !== true
        : name === 'W' ? ev.kind === 'W' && ev.outsideRW !== true
        : name === 'M' ? ev.kind !== 'F'
        : name === 'F' ? ev.kind === 'F'
        : name === 'IW' ? e < s.locationCount
        : hasTag(ev.tags, name);
      if (member) out.add(e);
    }
    return;
  }
  if (INTRINSIC_RELATIONS.has(name)) {
    for (const [a, b] of s.relations.get(name) ?? []) out.add(a, b);
    return;
  }
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) {
      const ea = events[a], eb = events[b];
      const po = sameThread(s, a, b) && ea.poIndex < eb.poIndex;
      const loc = ea.loc >= 0 && ea.loc === eb.loc && ea.kind !== 'F' && eb.kind !== 'F';
      const member =
        name === 'po' ? po
        : name === 'loc' || name === 'same-loc' ? loc
        : name === 'po-loc' ? po && loc
        : name === 'int' ? sameThread(s, a, b)
        : name === 'ext' ? !sameThread(s, a, b)
        : name === 'id' ? a === b
        // herd7's sm and si: memory events of one single-copy-atomic access
        // (its pieces, in a mixed-size test; else each event alone).
        : name === 'sm' || name === 'si' ? ea.kind !== 'F' && eb.kind !== 'F' && ea.access === eb.access
        : false;
      if (member) out.add(a, b);
    }
  }
}

/** Computes rf, co, fr and their internal/external parts for one candidate, into reusable buffers. */
export class DynamicPrimitives {
  private readonly coPosition: Int32Array;

  constructor(private readonly skeleton: ExecutionSkeleton) {
    this.coPosition = new Int32Array(skeleton.events.length);
  }

  compute(name: string, choice: Choice, out: EventSet | Relation): void {
    out.clear();
    const s = this.skeleton;
    if (out instanceof EventSet) {
      // FW: the co-last write of each location the test observes (herd7's final writes: the kernel's lock.cat flags a final lock word with it).
      const observed = s.finalObserved;
      choice.co.forEach((order, unit) => {
        if (order.length > 0 && (!observed || observed.has(unit))) out.add(order[order.length - 1]);
      });
      return;
    }
    const base = name.slice(0, 2);
    const part = name.length === 3 ? name[2] : ''; // 'i', 'e' or ''
    const keep = (a: number, b: number) => part === '' || (part === 'i') === sameThread(s, a, b);
    if (base === 'rf') {
      const rf = choice.rf;
      for (let r = 0; r < rf.length; r++) if (rf[r] >= 0 && keep(rf[r], r)) out.add(rf[r], r);
    } else if (base === 'co') {
      for (const order of choice.co)
        for (let i = 0; i < order.length; i++)
          for (let j = i + 1; j < order.length; j++) if (keep(order[i], order[j])) out.add(order[i], order[j]);
    } else {
      const pos = this.coPosition;
      for (const order of choice.co) for (let i = 0; i < order.length; i++) pos[order[i]] = i;
      const rf = choice.rf;
      for (let r = 0; r < rf.length; r++) {
        const w = rf[r];
        if (w < 0) continue;
        const order = choice.co[s.events[r].loc];
        for (let i = pos[w] + 1; i < order.length; i++) if (keep(r, order[i])) out.add(r, order[i]);
      }
    }
  }
}
