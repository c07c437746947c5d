// Evaluating a compiled model on one skeleton. Every node owns a buffer.
// Static nodes (no rf/co below them) are computed once in prepare; the rest
// are computed lazily per candidate and memoised by a clock stamp, so a
// definition shared by several axioms is computed once, and axioms after the
// first failing one cost nothing.

import { LimitError } from '../errors.js';
import { type Budget, checkBudget } from '../limits.js';
import type { AxiomWitness } from './witness.js';
import type { AxiomOutcome, Choice, ExecutionSkeleton, ModelVerdict, PreparedModel } from './api.js';
import { explainCheck } from './witness-search.js';
import { asCollection, isFamily, type IrModel } from './ir.js';
import { computeStatic, DynamicPrimitives } from './primitives.js';
import {
  CycleFinder,
  EventSet,
  Relation,
  cartesian,
  complement,
  copyInto,
  difference,
  domain,
  identityOn,
  intersection,
  inverse,
  range,
  reflexive,
  reflexiveTransitiveClosure,
  reflexiveWitness,
  same,
  sequence,
  transitiveClosure,
  union,
} from '../relation/index.js';

const FOREVER = 0x7fffffff;
/** Executions of at least this many events have their evaluation watched for --timeout and --max-memory. */
const WATCHED_EVENTS = 128;
/** Bytes a model's relations may take for one execution (every node holds an n×n relation of bits). */
export const MAX_MODEL_BYTES = 512 * 2 ** 20;
const ALLOWED: ModelVerdict = Object.freeze({ allowed: true, flags: Object.freeze([]) as unknown as string[] });

/** A set of values (herd7's sets of relations): built by map, {…}, ++ and cross; its members are never changed. */
type Family = Value[];
type Value = EventSet | Relation | Family;

/** At most this many members in a family a model builds (cross multiplies them). */
export const MAX_FAMILY_MEMBERS = 100_000;

function cloneValue(v: Value): Value {
  if (Array.isArray(v)) return v;
  return v instanceof EventSet ? copyInto(new EventSet(v.size), v) : copyInto(new Relation(v.size), v);
}

/** A text equal for equal values (a family's members in any order): families are sets, kept without repeats by it. */
function valueKey(v: Value): string {
  if (Array.isArray(v)) return `{${v.map(valueKey).sort().join(';')}}`;
  return `${v instanceof EventSet ? 's' : 'r'}${v.bits.join(',')}`;
}

/** A family being built: its members, each once. */
class FamilyBuilder {
  readonly members: Family = [];
  private readonly keys = new Set<string>();

  constructor(from: Family = []) {
    for (const member of from) this.add(member);
  }

  add(value: Value): void {
    const key = valueKey(value);
    if (this.keys.has(key)) return;
    this.keys.add(key);
    this.members.push(value);
  }

  get size(): number {
    return this.members.length;
  }
}

/** The members of a set (each event as a set of one), a relation (each pair as a relation of one) or a family. */
function membersOf(v: Value): Value[] {
  if (Array.isArray(v)) return v;
  if (v instanceof EventSet) return v.members().map((e) => EventSet.of(v.size, [e]));
  return v.pairs().map((p) => Relation.of(v.size, [p]));
}

/** The pairs of `r` whose events hold different values (herd7's different-values; an event without a value, a fence, differs from none). */
function differentValues(out: Relation, r: Relation, skeleton: ExecutionSkeleton): void {
  out.clear();
  const events = skeleton.events;
  for (const [a, b] of r.pairs()) {
    const va = events[a].value, vb = events[b].value;
    if (va !== undefined && vb !== undefined && va !== vb) out.add(a, b);
  }
}

/**
 * A compiled model prepared for one skeleton: static relations computed once,
 * then `check` (and `explain`) per rf/co choice.
 */
export class PreparedCatModel implements PreparedModel {
  private readonly values: Value[];
  private readonly stamp: Int32Array;
  private readonly groupStamp: Int32Array;
  private readonly groupBusy: Uint8Array;
  private readonly dynamicPrimitives: DynamicPrimitives;
  private readonly cycles: CycleFinder;
  private clock = 0;
  private checkStart = 0;
  private iterationStart = 0;
  private choice: Choice | undefined;
  /** The check the last `check` call failed (an index into ir.checks), or -1. */
  private failedCheck = -1;
  /** How many node computations ran (for tests of the static/dynamic split). */
  evaluations = 0;

  /** Looks at the clock and memory during long evaluations (an execution of hundreds of events or more); undefined when unwatched. */
  private readonly tick: (() => void) | undefined;

  constructor(
    private readonly ir: IrModel,
    private readonly skeleton: ExecutionSkeleton,
    private readonly budget: Budget = {},
  ) {
    const n = skeleton.events.length;
    const watched = budget.deadline !== undefined || budget.maxMemoryBytes !== undefined;
    // Small executions evaluate in microseconds: only big ones pay for the checks.
    this.tick = watched && n >= WATCHED_EVENTS ? () => checkBudget(budget, `judging an execution of ${n} events`) : undefined;
    // One allocation for every node's bits: a model has hundreds of nodes and
    // is prepared once per combination of paths.
    const setWords = EventSet.wordsNeeded(n);
    const relationWords = Relation.wordsNeeded(n);
    const words = ir.nodes.reduce((total, node) => total + (isFamily(node.type) ? 0 : asCollection(node.type) === 'set' ? setWords : relationWords), 0);
    if (words * 4 > MAX_MODEL_BYTES) {
      throw new LimitError(
        `an execution of ${n} events (one initial write per location, or per piece of one in a mixed-size test, and the threads' events) needs ` +
          `${Math.ceil((words * 4) / 2 ** 20)} MiB for the model to judge it, over the limit of ${MAX_MODEL_BYTES / 2 ** 20} MiB`,
      );
    }
    const storage = new Uint32Array(words);
    let next = 0;
    const slice = (words: number): Uint32Array => storage.subarray(next, (next += words));
    this.values = ir.nodes.map((node) =>
      isFamily(node.type) ? [] : asCollection(node.type) === 'set' ? new EventSet(n, slice(setWords)) : new Relation(n, slice(relationWords)),
    );
    this.stamp = new Int32Array(ir.nodes.length);
    this.groupStamp = new Int32Array(ir.groups.length);
    this.groupBusy = new Uint8Array(ir.groups.length);
    this.dynamicPrimitives = new DynamicPrimitives(skeleton);
    this.cycles = new CycleFinder(n);
    this.startWindow();
    // A node inside a function map applies is computed only by the map, once per member.
    for (const node of ir.nodes) if (!node.dynamic && !node.bound) this.evaluate(node.id);
    for (const node of ir.nodes) if (!node.dynamic && !node.bound) this.stamp[node.id] = FOREVER;
    ir.groups.forEach((g, i) => {
      // A group inside a function map applies (bound) is solved again for each member.
      if (!ir.nodes[g.vars[0]].dynamic && !ir.nodes[g.vars[0]].bound) this.groupStamp[i] = FOREVER;
    });
  }

  check(choice: Choice): ModelVerdict {
    this.choice = choice;
    this.startWindow();
    this.failedCheck = -1;
    return this.judgeFrom(0, 0, []);
  }

  /**
   * The verdict of the checks from index `from` on, the model's `with`
   * number `k` and those after it still to choose; `flags` are those fired
   * so far. herd7 judges the rest of the model once per value a `with`
   * chooses, and each value it allows is an execution of its own: the
   * verdict counts them (`executions`).
   */
  private judgeFrom(from: number, k: number, flags: string[]): ModelVerdict {
    const choices = this.ir.choices ?? [];
    const to = k < choices.length ? choices[k].firstCheck : this.ir.checks.length;
    const failed = this.judge(from, to, flags);
    if (failed) return failed;
    if (k === choices.length) return flags.length > 0 ? { allowed: true, flags } : ALLOWED;
    const c = choices[k];
    this.evaluate(c.from);
    const members = this.values[c.from] as Family;
    let executions = 0;
    const fired = new Set<string>();
    let firstFailure: ModelVerdict | undefined;
    let firstAllowed: Value | undefined, firstFailing: Value | undefined;
    const judgeWith = (member: Value): ModelVerdict => {
      // What depends on the variable is computed again for each of its values (with all else dynamic: simpler, and sets are small).
      this.checkStart = this.iterationStart = ++this.clock;
      this.values[c.node] = member;
      this.stamp[c.node] = this.clock;
      return this.judgeFrom(to, k + 1, [...flags]);
    };
    for (const member of members) {
      const verdict = judgeWith(member);
      if (verdict.allowed) {
        executions += verdict.executions ?? 1;
        for (const flag of verdict.flags) fired.add(flag);
        firstAllowed ??= member;
      } else if (!firstFailure) {
        firstFailure = verdict;
        firstFailing = member;
      }
    }
    // The values left in place (for explain, axioms, relationNamed) are those of the value the verdict speaks of:
    // the first allowed, or the first rejected, whose axiom the verdict names.
    const shown = firstAllowed ?? firstFailing;
    if (shown !== undefined && shown !== members[members.length - 1]) judgeWith(shown);
    if (executions > 0) return { allowed: true, flags: [...fired], ...(executions !== 1 && { executions }) };
    return firstFailure ?? { allowed: false, failedAxiom: `with ${c.name} from … (no value to choose)`, flags };
  }

  /** Judges checks [from, to): the verdict of the first that fails (not a flag), or undefined; fired flags go into `flags`. */
  private judge(from: number, to: number, flags: string[]): ModelVerdict | undefined {
    const checks = this.ir.checks;
    for (let index = from; index < to; index++) {
      const c = checks[index];
      this.evaluate(c.node);
      const value = this.values[c.node] as EventSet | Relation;
      let witness: number[] | undefined;
      let holds: boolean;
      if (c.test === 'empty') holds = value.isEmpty();
      else if (c.test === 'irreflexive') {
        const e = reflexiveWitness(value as Relation);
        holds = e < 0;
        if (!holds) witness = [e];
      } else {
        const cycle = this.cycles.find(value as Relation);
        holds = cycle === null;
        if (cycle) witness = cycle;
      }
      if (c.negated) holds = !holds;
      if (c.flag) {
        // A flag fires when its condition holds (`flag ~empty S` fires when S is non-empty).
        if (holds) flags.push(c.name);
        continue;
      }
      if (!holds) {
        this.failedCheck = index;
        return { allowed: false, failedAxiom: c.name, flags, witness: c.negated ? undefined : witness };
      }
    }
    return undefined;
  }

  explain(choice: Choice): AxiomWitness | undefined {
    // Allowed, or left with no value by a `with` (no check failed: nothing to draw).
    if (this.check(choice).allowed || this.failedCheck < 0) return undefined;
    // check left every value it used in place; explainCheck computes the rest on demand.
    const value = (node: number) => {
      this.evaluate(node);
      return this.values[node] as EventSet | Relation;
    };
    return explainCheck(this.ir, this.ir.checks[this.failedCheck], value, this.skeleton.events.length);
  }

  axioms(choice: Choice): AxiomOutcome[] {
    if (this.ir.choices) {
      // The axioms after a `with` are those of the value the verdict speaks of (see judgeFrom), which check leaves in place.
      this.check(choice);
    } else {
      this.choice = choice;
      this.startWindow();
    }
    const value = (node: number) => {
      this.evaluate(node);
      return this.values[node] as EventSet | Relation;
    };
    return this.ir.checks.filter((c) => !c.flag).map((c) => {
      const v = value(c.node);
      let holds = c.test === 'empty' ? v.isEmpty() : c.test === 'irreflexive' ? reflexiveWitness(v as Relation) < 0 : this.cycles.find(v as Relation) === null;
      if (c.negated) holds = !holds;
      if (holds) return { name: c.name, holds };
      const witness = explainCheck(this.ir, c, value, this.skeleton.events.length);
      return witness ? { name: c.name, holds, witness } : { name: c.name, holds };
    });
  }

  /**
   * The value, in this candidate, of the definition `name` (its last, when
   * the model defines it again, as the kernel's lock.cat does rf), or of the
   * primitive `name`; undefined when the model has no such relation. As
   * slow as `explain`.
   */
  relationNamed(choice: Choice, name: string): Relation | undefined {
    const defined = this.ir.nodes.filter((n) => n.type === 'rel' && n.letName === name);
    const node = defined[defined.length - 1] ?? this.ir.nodes.find((n) => n.type === 'rel' && n.op === 'prim' && n.name === name);
    if (!node) return undefined;
    this.check(choice);
    this.evaluate(node.id);
    return this.values[node.id] as Relation;
  }

  private startWindow(): void {
    this.checkStart = this.iterationStart = ++this.clock;
  }

  private evaluate(id: number): void {
    const node = this.ir.nodes[id];
    if (node.op === 'recvar') {
      this.solveGroup(node.group);
      return;
    }
    if (this.stamp[id] >= (node.loopy || node.bound ? this.iterationStart : this.checkStart)) return;
    this.evaluations++;
    this.tick?.();
    if (this.evaluateSetOfValues(id)) {
      this.stamp[id] = this.clock;
      return;
    }
    const out = this.values[id] as EventSet | Relation;
    const v = this.values as Array<EventSet | Relation>;
    switch (node.op) {
      case 'prim':
        if (node.dynamic) this.dynamicPrimitives.compute(node.name, this.choice!, out);
        else computeStatic(node.name, this.skeleton, out);
        break;
      case 'empty':
        out.clear();
        break;
      case 'union':
      case 'inter':
      case 'diff':
      case 'seq':
      case 'product': {
        this.evaluate(node.a);
        this.evaluate(node.b);
        const a = v[node.a], b = v[node.b];
        if (node.op === 'union') union(out, a, b);
        else if (node.op === 'inter') intersection(out, a, b);
        else if (node.op === 'diff') difference(out, a, b);
        else if (node.op === 'seq') sequence(out as Relation, a as Relation, b as Relation, this.tick);
        else cartesian(out as Relation, a as EventSet, b as EventSet);
        break;
      }
      case 'param':
      case 'choice':
      case 'map':
      case 'family':
      case 'familyAdd':
      case 'cross':
        // Computed by evaluateSetOfValues.
        break;
      default: {
        this.evaluate(node.a);
        const a = v[node.a];
        switch (node.op) {
          case 'complement':
            complement(out, a);
            break;
          case 'inverse':
            inverse(out as Relation, a as Relation);
            break;
          case 'plus':
            transitiveClosure(out as Relation, a as Relation, this.tick);
            break;
          case 'star':
            reflexiveTransitiveClosure(out as Relation, a as Relation, this.tick);
            break;
          case 'opt':
            reflexive(out as Relation, a as Relation);
            break;
          case 'bracket':
            identityOn(out as Relation, a as EventSet);
            break;
          case 'domain':
            domain(out as EventSet, a as Relation);
            break;
          case 'range':
            range(out as EventSet, a as Relation);
            break;
          case 'differentValues':
            differentValues(out as Relation, a as Relation, this.skeleton);
            break;
        }
      }
    }
    this.stamp[id] = this.clock;
  }

  /**
   * Computes node `id` when it is one of herd7's constructs over sets of
   * values (map, {…} of relations, ++ onto a family, cross) or a variable
   * that map or with sets; false for the other nodes.
   */
  private evaluateSetOfValues(id: number): boolean {
    const node = this.ir.nodes[id];
    const v = this.values;
    switch (node.op) {
      case 'param':
      case 'choice':
        // Set by the map or the with that owns it.
        return true;
      case 'map': {
        this.evaluate(node.over);
        const results = new FamilyBuilder();
        const outer = this.iterationStart;
        for (const member of membersOf(v[node.over])) {
          this.iterationStart = ++this.clock;
          v[node.param] = member;
          this.stamp[node.param] = this.clock;
          this.evaluate(node.body);
          results.add(cloneValue(v[node.body]));
        }
        this.iterationStart = outer;
        v[id] = results.members;
        return true;
      }
      case 'family': {
        const results = new FamilyBuilder();
        for (const item of node.items) {
          this.evaluate(item);
          results.add(cloneValue(v[item]));
        }
        v[id] = results.members;
        return true;
      }
      case 'familyAdd': {
        this.evaluate(node.a);
        this.evaluate(node.b);
        const base = v[node.b];
        const results = new FamilyBuilder(Array.isArray(base) ? base : []);
        results.add(cloneValue(v[node.a]));
        v[id] = results.members;
        return true;
      }
      case 'cross': {
        this.evaluate(node.a);
        v[id] = crossOf(v[node.a] as Family, this.skeleton.events.length, node.type === 'set', node.text ?? 'cross(…)', this.budget);
        return true;
      }
      default:
        return false;
    }
  }

  /**
   * A `let rec` group as herd7 computes it: start empty, re-evaluate the
   * bodies until nothing changes. For a monotone group that is the least
   * fixpoint; a group that is not (the kernel's matching of rcu_read_lock
   * with rcu_read_unlock uses `\`) may still settle, or is stopped below.
   */
  private solveGroup(g: number): void {
    if (this.groupBusy[g] || this.groupStamp[g] >= this.iterationStart) return;
    const { vars, bodies } = this.ir.groups[g]!;
    const outerIteration = this.iterationStart;
    this.groupBusy[g] = 1;
    const values = this.values as Array<EventSet | Relation>;
    for (const x of vars) values[x].clear();
    // Increasing iterates add a pair each time at least, so a monotone group
    // settles within this many rounds; more means a non-monotone one that oscillates.
    const n = this.skeleton.events.length;
    const maxRounds = vars.length * n * n + 2;
    for (let changed = true, round = 0; changed; round++) {
      if (round > maxRounds) {
        const pos = this.ir.groups[g].pos;
        const where = pos ? ` (${pos.file}:${pos.line}:${pos.column})` : '';
        throw new LimitError(`the recursive definition of ${vars.map((x) => this.ir.nodes[x].letName).join(', ')}${where} does not settle: it is not monotone, and its values go round`);
      }
      changed = false;
      // In order, each binding seeing the ones before it in this round (as
      // herd7 does): the kernel's matching of RCU locks needs it; a monotone
      // group reaches the same least fixpoint either way.
      vars.forEach((x, i) => {
        this.iterationStart = ++this.clock;
        this.evaluate(bodies[i]);
        if (!same(values[x], values[bodies[i]])) {
          copyInto(values[x], values[bodies[i]]);
          changed = true;
        }
      });
    }
    this.groupBusy[g] = 0;
    this.iterationStart = outerIteration;
    this.groupStamp[g] = this.clock;
  }
}

/**
 * herd7's cross: from a family of families, the union of each choice of one
 * member per family ({0} for no family; nothing when one is empty). `text`
 * is the model's, for messages. Throws LimitError past MAX_FAMILY_MEMBERS
 * or past the budget (--timeout, --max-memory).
 */
function crossOf(families: Family, size: number, ofSets: boolean, text: string, budget: Budget): Family {
  let choices: Array<EventSet | Relation> = [ofSets ? new EventSet(size) : new Relation(size)];
  for (const family of families) {
    const members = family as Family;
    const next = new FamilyBuilder();
    for (const base of choices) {
      for (const member of members) {
        if (next.size >= MAX_FAMILY_MEMBERS) throw new LimitError(`${text} makes more than ${MAX_FAMILY_MEMBERS} sets (one per choice of a member of each set; the limit)`);
        if ((next.size & 1023) === 1023) checkBudget(budget, `building ${text}`);
        const chosen = cloneValue(base) as EventSet | Relation;
        union(chosen, chosen, member as EventSet | Relation);
        next.add(chosen);
      }
    }
    choices = next.members as Array<EventSet | Relation>;
  }
  return choices;
}
