// Why a check fails, in the model's own words: the search for an
// AxiomWitness (witness.ts). The compiled graph keeps, for each node, the
// text it came from and the let-name it defines; from the failing check's
// node we look through the structure that only gathers relations (unions,
// `+`, let-names, `let rec` groups) down to "steps": the alternatives of
// named definitions. A cycle is then a shortest cycle of steps, each
// labelled with its relation, its branch, the primitive relations that make
// it up and the events it passes through.

import type { AxiomWitness, WitnessEdge } from './witness.js';
import type { IrCheck, IrModel, IrNode } from './ir.js';
import { EventSet, Relation } from '../relation/index.js';

export type NodeValue = (node: number) => EventSet | Relation;

/** Where a node sits: inside which named definition, and whether as one alternative of its union. */
interface Context {
  relation?: string;
  inUnion: boolean;
  /** Split sequences outside named definitions into consecutive steps (irreflexive, non-transitive). */
  splitSequences: boolean;
}

/** A relation the witness may step along: a node that is not looked through, in its context. */
interface Step {
  node: number;
  context: Context;
}

/** The witness of a failed (non-negated) check; edges are empty for a negated one. */
export function explainCheck(ir: IrModel, check: IrCheck, value: NodeValue, eventCount: number): AxiomWitness {
  const witness: AxiomWitness = { axiom: check.name, kind: check.test, negated: check.negated, edges: [] };
  if (check.negated) return witness;
  const explainer = new Explainer(ir, value, eventCount);
  if (check.test === 'empty') witness.edges = explainer.offendingPairs(check.node);
  else if (check.test === 'acyclic') witness.edges = explainer.shortestCycle(check.node);
  else witness.edges = explainer.selfLoopChain(check.node);
  return witness;
}

const TOP: Context = { inUnion: false, splitSequences: false };

/**
 * Every method taking a node and a Context expects the context to be that
 * of the node itself (its own name already entered): the axiom's own name is
 * never a step's relation, its alternatives are.
 */
class Explainer {
  constructor(
    private readonly ir: IrModel,
    private readonly value: NodeValue,
    private readonly size: number,
  ) {}

  // ---- the three kinds of check ----

  offendingPairs(id: number): WitnessEdge[] {
    const v = this.value(id);
    if (v instanceof EventSet) {
      const relation = this.node(id).letName ?? this.node(id).text ?? '';
      return v.members().map((e) => ({ from: e, to: e, relation, primitives: [], via: [] }));
    }
    return v.pairs().map(([a, b]) => this.pairEdge(id, a, b, TOP));
  }

  shortestCycle(id: number): WitnessEdge[] {
    const steps = this.steps(id, TOP);
    let best: PathEdge<Step>[] | undefined;
    for (let e = 0; e < this.size; e++) {
      const path = this.shortestPath(steps, e, e);
      if (path && (!best || path.length < best.length)) best = path;
    }
    return best ? this.expandPath(best) : [];
  }

  /** For `irreflexive E`: a closed chain through an event E relates to itself. */
  selfLoopChain(id: number): WitnessEdge[] {
    const r = this.relation(id);
    // A transitive E relates e to itself exactly when its steps cycle through e;
    // otherwise the self-loop is taken apart as it is built.
    const steps = this.isTransitive(id) ? this.steps(id, TOP) : undefined;
    let best: WitnessEdge[] | undefined;
    for (let e = 0; e < this.size; e++) {
      if (!r.has(e, e)) continue;
      const chain = steps
        ? this.pathEdges(steps, e, e)
        : this.expand(id, e, e, { ...TOP, splitSequences: true }, new Set());
      if (chain && (!best || chain.length < best.length)) best = chain;
    }
    return best ?? [];
  }

  // ---- looking through structure ----

  private node(id: number): IrNode {
    return this.ir.nodes[id];
  }

  private relation(id: number): Relation {
    return this.value(id) as Relation;
  }

  /** Entering a named definition makes it the relation the steps below belong to. */
  private enter(id: number, context: Context): Context {
    const name = this.node(id).letName;
    return name === undefined ? context : { ...context, relation: name, inUnion: false };
  }

  /** The body a `let rec` variable is defined by. */
  private bodyOf(recvar: IrNode & { op: 'recvar' }): number {
    const group = this.ir.groups[recvar.group];
    return group.bodies[group.vars.indexOf(recvar.id)];
  }

  /** Made only of `variable` by `;`, `|` and `+` (like `ob; ob`): adds no cycle the other alternatives lack. */
  private composedOf(id: number, variable: number): boolean {
    // The walks over the graph keep stacks of their own: a model may nest thousands of definitions (`let r2 = r1 | po` …).
    const stack = [id];
    for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
      if (next === variable) continue;
      const n = this.node(next);
      if (n.op === 'seq' || n.op === 'union') stack.push(n.b, n.a);
      else if (n.op === 'plus') stack.push(n.a);
      else return false;
    }
    return true;
  }

  private unionAlternatives(id: number): number[] {
    return this.unionLeaves(id, TOP).map((leaf) => leaf.node);
  }

  /**
   * The alternatives of the union `id` (itself when it is no union), in
   * order, each in its context; with a pair, only those that relate it
   * (a union that does not is not looked into).
   */
  private unionLeaves(id: number, context: Context, pair?: [number, number]): Step[] {
    const leaves: Step[] = [];
    const stack: Step[] = [{ node: id, context }];
    for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
      const n = this.node(next.node);
      if (n.op !== 'union') {
        leaves.push(next);
        continue;
      }
      for (const alt of [n.b, n.a]) {
        if (!pair || this.relation(alt).has(pair[0], pair[1])) stack.push({ node: alt, context: this.alternative(alt, next.context) });
      }
    }
    return leaves;
  }

  /** `r+`, or a `let rec r = … | r; r` whose value is therefore closed under `;`. */
  private isTransitive(id: number): boolean {
    const n = this.node(id);
    if (n.op === 'plus') return true;
    if (n.op !== 'recvar') return false;
    return this.unionAlternatives(this.bodyOf(n)).some((alt) => {
      const op = this.node(alt).op;
      return (op === 'seq' || op === 'plus') && this.composedOf(alt, id);
    });
  }

  /**
   * The steps of relation `id`: its cycles are exactly the cycles of their
   * union. Unions, `+`, names and recursion are looked through; the
   * alternatives of a recursive definition made only of itself are dropped.
   */
  private steps(id: number, context: Context): Step[] {
    const out: Step[] = [];
    const visitedVariables = new Set<number>();
    // Depth first, first alternatives first (the earliest step wins a tie), with a stack of its own.
    const stack: Array<{ id: number; context: Context; variable: number | undefined }> = [{ id, context, variable: undefined }];
    for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
      const { id, context, variable } = next;
      if (variable !== undefined && this.composedOf(id, variable)) continue;
      const n = this.node(id);
      if (n.op === 'union') {
        for (const alt of [n.b, n.a]) stack.push({ id: alt, context: this.alternative(alt, context), variable });
      } else if (n.op === 'plus') stack.push({ id: n.a, context: this.enter(n.a, context), variable });
      else if (n.op === 'recvar') {
        if (visitedVariables.has(id)) continue;
        visitedVariables.add(id);
        const body = this.bodyOf(n);
        stack.push({ id: body, context: this.enter(body, context), variable: id });
      } else out.push({ node: id, context });
    }
    return out;
  }

  /** The context of `alt`, one alternative of a union in `context`. */
  private alternative(alt: number, context: Context): Context {
    return this.enter(alt, { ...context, inUnion: true });
  }

  /**
   * Breadth-first over the union of the steps' relations: the fewest steps
   * from `from` to `to` (at least one, so from = to gives a cycle); the
   * earliest step wins when several relate the same events.
   */
  private shortestPath<S extends { node: number }>(steps: S[], from: number, to: number): PathEdge<S>[] | undefined {
    const relations = steps.map((s) => this.relation(s.node));
    const parent = new Int32Array(this.size).fill(-1);
    const via: S[] = new Array(this.size);
    const queue = [from];
    for (let head = 0; head < queue.length; head++) {
      const x = queue[head];
      for (let k = 0; k < steps.length; k++) {
        for (let y = 0; y < this.size; y++) {
          if (!relations[k].has(x, y) || parent[y] >= 0) continue;
          parent[y] = x;
          via[y] = steps[k];
          if (y === to) return tracePath(parent, via, from, to);
          queue.push(y);
        }
      }
    }
    return undefined;
  }

  private pathEdges(steps: Step[], from: number, to: number): WitnessEdge[] | undefined {
    const path = this.shortestPath(steps, from, to);
    return path && this.expandPath(path);
  }

  private expandPath(path: PathEdge<Step>[]): WitnessEdge[] {
    return path.flatMap(({ from, to, step }) => this.expand(step.node, from, to, step.context, new Set()) ?? []);
  }

  /**
   * Edges showing that `id` relates a to b: through unions to the alternative
   * that does, through closures along a shortest path, and outside named
   * definitions (when asked) through sequences; anything else is one edge.
   */
  private expand(id: number, a: number, b: number, context: Context, onPath: Set<string>): WitnessEdge[] | undefined {
    const n = this.node(id);
    const key = `${id}:${a}:${b}`;
    if (onPath.has(key)) return undefined;
    onPath.add(key);
    try {
      if (this.isTransitive(id)) return this.pathEdges(this.steps(id, context), a, b);
      if (n.op === 'recvar') {
        const body = this.bodyOf(n);
        return this.expand(body, a, b, this.enter(body, context), onPath);
      }
      if (n.op === 'union') {
        for (const leaf of this.unionLeaves(id, context, [a, b])) {
          const edges = this.expand(leaf.node, a, b, leaf.context, onPath);
          if (edges) return edges;
        }
        return undefined;
      }
      if (context.relation === undefined && context.splitSequences) {
        if (n.op === 'bracket') return [];
        if (n.op === 'seq') return this.shortestSplit(n.a, n.b, a, b, (x, p, q) => this.expand(x, p, q, context, onPath));
      }
      return [this.atomicEdge(id, a, b, context)];
    } finally {
      onPath.delete(key);
    }
  }

  /** One pair of an `empty` check: the alternative it comes from, as one edge. */
  private pairEdge(id: number, a: number, b: number, context: Context): WitnessEdge {
    for (;;) {
      const n = this.node(id);
      if (n.op !== 'union') return this.atomicEdge(id, a, b, context);
      id = this.relation(n.a).has(a, b) ? n.a : n.b;
      context = this.alternative(id, context);
    }
  }

  private atomicEdge(id: number, a: number, b: number, context: Context): WitnessEdge {
    const n = this.node(id);
    const text = n.text ?? (n.op === 'prim' ? n.name : '?');
    // A step that is the axiom's whole relation (the kernel's `acyclic hb`, whose
    // definition is no union to look through) goes by the relation's name.
    const relation = context.relation ?? n.letName ?? (n.op === 'prim' ? n.name : text);
    const segments = this.primitives(id, a, b, new Set()) ?? [];
    const primitives = segments.flatMap((s) => ('name' in s ? [s.name] : []));
    const via: number[] = [];
    for (const s of segments) if ('at' in s && s.at !== a && s.at !== b && !via.includes(s.at)) via.push(s.at);
    const edge: WitnessEdge = { from: a, to: b, relation, primitives, via };
    if (context.relation !== undefined && context.inUnion) edge.branch = text;
    else if (context.relation === undefined) {
      const branch = this.filteredBranch(id, a, b);
      if (branch !== undefined && branch !== relation) edge.branch = branch;
    }
    return edge;
  }

  /**
   * For a relation filtered on either side or both, as the kernel's `hb =
   * [Marked]; (ppo | rfe | …); [Marked]`: the alternative inside the filters that
   * relates a to b (the filters only narrow the pairs, so it does), looked
   * for through unions: the first named relation on the way and the
   * innermost alternative, `ppo: rwdep`, or the alternative's text.
   * Undefined when `id` has no filter.
   */
  private filteredBranch(id: number, a: number, b: number): string | undefined {
    let inner = id;
    for (;;) {
      const n = this.node(inner);
      if (n.op !== 'seq') break;
      if (this.node(n.a).op === 'bracket') inner = n.b;
      else if (this.node(n.b).op === 'bracket') inner = n.a;
      else break;
    }
    if (inner === id) return undefined;
    let first: string | undefined;
    for (let n = this.node(inner); ; n = this.node(inner)) {
      first ??= n.letName;
      if (n.op !== 'union') break;
      inner = this.relation(n.a).has(a, b) ? n.a : n.b;
    }
    const last = this.node(inner).letName ?? this.node(inner).text;
    if (first === undefined || last === undefined || last === first) return first ?? last;
    return `${first}: ${last}`;
  }

  // ---- primitives along one step ----

  /**
   * The primitive relations along a path by which `id` relates a to b, with
   * the events the path passes through between them (`{ at }`, where a
   * sequence is split); filters `[S]` add no primitive.
   */
  private primitives(id: number, a: number, b: number, onPath: Set<string>): Segment[] | undefined {
    const n = this.node(id);
    switch (n.op) {
      case 'prim':
        return [{ name: n.name }];
      case 'bracket':
      case 'product':
        return [];
      case 'complement':
        return [{ name: n.text ?? '~' }];
      case 'union':
        for (const leaf of this.unionLeaves(id, TOP, [a, b])) {
          const found = this.primitives(leaf.node, a, b, onPath);
          if (found) return found;
        }
        return undefined;
      case 'diff':
      case 'differentValues':
        return this.primitives(n.a, a, b, onPath);
      case 'inter': {
        // Both sides relate a and b; the longer path says more (`rmw & (fre; coe)`).
        const left = this.primitives(n.a, a, b, onPath), right = this.primitives(n.b, a, b, onPath);
        return left && right && named(right) > named(left) ? right : left ?? right;
      }
      case 'seq':
        return this.shortestSplit(n.a, n.b, a, b, (x, p, q) => this.primitives(x, p, q, onPath), (c) => [{ at: c }]);
      case 'inverse':
        return this.primitives(n.a, b, a, onPath)?.reverse().map((s) => ('name' in s ? { name: `${s.name}^-1` } : s));
      case 'opt':
        return a === b ? [] : this.primitives(n.a, a, b, onPath);
      case 'star':
      case 'plus': {
        if (a === b && n.op === 'star') return [];
        const path = this.shortestPath([{ node: n.a }], a, b);
        if (!path) return undefined;
        const parts = path.map(({ from, to }) => this.primitives(n.a, from, to, onPath));
        if (!parts.every((p) => p)) return undefined;
        return parts.flatMap((p, i) => (i === 0 ? p! : [{ at: path[i].from }, ...p!]));
      }
      case 'choice':
      case 'param':
        // A with's value (or a map's member): named as the model names it.
        return [{ name: n.letName ?? n.text ?? 'with' }];
      case 'recvar': {
        // A least fixpoint relates a to b by a finite derivation: avoid going round in circles.
        const key = `${id}:${a}:${b}`;
        if (onPath.has(key)) return undefined;
        onPath.add(key);
        const found = this.primitives(this.bodyOf(n), a, b, onPath);
        onPath.delete(key);
        return found;
      }
      default:
        return undefined;
    }
  }

  /**
   * `first; second` relates a to b through some middle event c: the split
   * giving the fewest parts (the first such c). `middle(c)`, when given, is
   * put between the two halves.
   */
  private shortestSplit<T>(
    first: number, second: number, a: number, b: number,
    part: (node: number, from: number, to: number) => T[] | undefined,
    middle?: (c: number) => T[],
  ): T[] | undefined {
    const left = this.relation(first), right = this.relation(second);
    let best: T[] | undefined;
    let bestSize = Infinity;
    for (let c = 0; c < this.size; c++) {
      if (!left.has(a, c) || !right.has(c, b)) continue;
      const before = part(first, a, c), after = before && part(second, c, b);
      if (!before || !after) continue;
      const size = sizeOf(before) + sizeOf(after);
      if (size < bestSize) {
        best = [...before, ...(middle?.(c) ?? []), ...after];
        bestSize = size;
      }
    }
    return best;
  }
}

/** A piece of a step's derivation: a primitive relation, or an event the step passes through. */
type Segment = { name: string } | { at: number };

/** How many primitive relations a derivation uses. */
function named(segments: readonly Segment[]): number {
  return segments.filter((s) => 'name' in s).length;
}

/** The size a split is compared by: its primitives (events passed through do not count). */
function sizeOf(parts: readonly unknown[]): number {
  return parts.filter((p) => !(typeof p === 'object' && p !== null && 'at' in p)).length;
}

interface PathEdge<S> {
  from: number;
  to: number;
  step: S;
}

/** The path to `to` that a breadth-first search from `from` recorded in `parent`/`via`. */
function tracePath<S>(parent: Int32Array, via: S[], from: number, to: number): PathEdge<S>[] {
  const path: PathEdge<S>[] = [];
  let at = to;
  do {
    path.unshift({ from: parent[at], to: at, step: via[at] });
    at = parent[at];
  } while (at !== from);
  return path;
}
