// Runs one thread on every path: a load may return any value its location
// may hold (the current value domain), a store-exclusive may succeed or fail.
// Exploration is depth-first by replay: each run follows a vector of choices
// and records how many alternatives each choice point had; the next run
// advances the last choice that has alternatives left.

import { type Diagnostic, failAt, LimitError } from '../errors.js';
import { type Budget, checkBudget } from '../limits.js';
import { codeAddress, codePlace, type LocationTable } from './locations.js';
import type { ReadSources } from './read-sources.js';
import type { SizeEvidence } from './size-evidence.js';
import { composeUnits, explodeValue, type MemoryLayout } from './memory.js';
import { branchTarget, type ThreadProgram } from './program.js';
import {
  type AccessOptions, type Deps, isUndetermined, NO_DEPS, type Sym, sym, type Tag, type ThreadContext,
} from './types.js';

export interface PathEvent {
  kind: 'R' | 'W' | 'F';
  /**
   * The memory unit (see MemoryLayout) for R/W, -1 for fences: the location,
   * or in a mixed-size test one piece of it. An access of several units makes
   * one event per unit, lowest address first.
   */
  loc: number;
  /** The unit's value: the part of the access's value its bytes hold. */
  value: bigint;
  /** The path index of the first event of the access it belongs to (itself, unless it is a later piece). */
  access: number;
  tags: readonly Tag[];
  /** Not in the model's R or W (AccessOptions.outsideRW). */
  outsideRW: boolean;
  /** A read the enumerator gives no rf, or a write it gives no place in co (AccessOptions.noSource, noCo): the model ties it. */
  untied: boolean;
  /** Index of the instruction that made it, in the code of thread `code`. */
  instruction: number;
  /** The thread whose code holds that instruction: the path's own, or another's it called into (BLR). */
  code: number;
  /** Which instruction execution on the path made it (0, 1, …): events of one execution share it. */
  step: number;
  /** Dependencies: bit i = this thread's event i (a read) flows in. */
  addr: Deps;
  data: Deps;
  ctrl: Deps;
  pickAddr: Deps;
  pickData: Deps;
  pickCtrl: Deps;
}

export interface RmwPair {
  read: number;
  write: number;
  kind: 'lxsx' | 'amo';
}

/** One way through a thread's code. */
export interface ThreadPath {
  events: PathEvent[];
  rmw: RmwPair[];
  /** Final register values (canonical names), including untouched initial ones. */
  registers: Map<string, bigint>;
  /**
   * The path stopped at the unrolling bound (herd7's cut-off): its events are
   * those before the jump that went over it. No execution built with it is
   * counted; one that is consistent makes herd7 print `Loop` before Ok/No.
   */
  cut?: true;
  /**
   * The path accessed an address that is no location, and stops there. As in
   * herd7, that is an error only if an execution built with it is
   * consistent: a test may compute such an address on a path only an
   * incoherent execution takes (herd's A260, A261).
   */
  fault?: Diagnostic;
}

/** The values each memory unit may hold: unit → values. */
export type ValueDomains = ReadonlyMap<number, readonly bigint[]>;

export interface ExploreLimits extends Budget {
  /**
   * How many times a path may jump back to one label (herd7's -unroll) before
   * it is cut. As in herd7, a conditional branch on a value known without any
   * read (a constant loop counter) does not count.
   */
  unroll: number;
  /** Instructions one path may execute (a loop on constants is unrolled fully, as herd7 does). */
  maxSteps: number;
  /** Paths per thread before giving up. */
  maxPaths: number;
}

export const DEFAULT_EXPLORE_LIMITS: ExploreLimits = { unroll: 2, maxSteps: 100_000, maxPaths: 200_000 };

/** Thrown inside a run to end a path that jumped back too often. */
class PathCut {}

/** Thrown inside a run to drop a path that cannot happen (ThreadContext.discard). */
class PathDiscarded {}

/** Thrown inside a run to end a path that accessed an address that is no location. */
class PathFault {
  constructor(readonly diagnostic: Diagnostic) {}
}

class PathRun implements ThreadContext {
  readonly events: PathEvent[] = [];
  readonly rmw: RmwPair[] = [];
  readonly registers: Map<string, Sym>;
  private ctrl: Deps = NO_DEPS;
  private pickCtrl: Deps = NO_DEPS;
  /** The last load-exclusive not yet paired: its events (path indices), address and size of each register; or none. */
  private pendingExclusive: { reads: readonly number[]; address: bigint; bytes: number } | undefined;
  private cursor = 0;
  /** Instruction being executed, how many executions preceded it, and where it goes next. */
  current = 0;
  step = 0;
  next = 0;
  /** The code being run: the thread's own, or another thread's it jumped into (BLR to `P1:L0`). */
  code: ThreadProgram;
  /** The thread has ended (RET under Variant=telechat). */
  ended = false;
  /** Jumps back to each target so far, by `code:index`: herd7 counts per target label. */
  private readonly backwardTaken = new Map<string, number>();
  /** Every place (`code:index`) this path has run, for jumps into another thread's code and back. */
  private readonly visited = new Set<string>();

  constructor(
    readonly thread: number,
    program: ThreadProgram,
    /** Every thread's code, for jumps into another thread's (herd7 allows calls there). */
    private readonly programs: readonly ThreadProgram[],
    private readonly locations: LocationTable,
    private readonly memory: MemoryLayout,
    private readonly domains: ValueDomains,
    private readonly choices: number[],
    private readonly arities: number[],
    private readonly unroll: number,
    private readonly evidence: SizeEvidence | undefined,
    private readonly sources: ReadSources | undefined,
  ) {
    this.registers = new Map([...program.initRegisters].map(([name, value]) => [name, sym(value)]));
    this.code = program;
  }

  choose(alternatives: number): number {
    if (alternatives <= 1) return 0;
    if (this.cursor === this.choices.length) this.choices.push(0);
    this.arities[this.cursor] = alternatives;
    return this.choices[this.cursor++];
  }

  /** The units an access of `options.size` bytes at `address` moves; a path fault when it moves none. */
  private unitsOf(address: Sym, options: AccessOptions | undefined): readonly number[] {
    const bytes = options?.size ?? 0;
    if (this.evidence) this.gatherEvidence(address.value, bytes);
    return this.cover(address, bytes);
  }

  /** The units `bytes` bytes at `address` move, without noting the access (one that may not happen). */
  private cover(address: Sym, bytes: number): readonly number[] {
    const units = this.memory.cover(address.value, bytes);
    if (typeof units !== 'string') return units;
    const pos = this.code.instructions[this.current].pos;
    throw new PathFault({ pos, message: `P${this.thread} accesses ${units}` });
  }

  /** Notes the access's size and offset, for deciding whether the test is a mixed-size one. */
  private gatherEvidence(address: bigint, bytes: number): void {
    const at = this.locations.symbolAt(address);
    if (at) this.evidence!.record(this.locations.locationAt(address), at.symbol, at.offset, bytes);
  }

  private push(event: Omit<PathEvent, 'instruction' | 'code' | 'step' | 'ctrl' | 'pickCtrl' | 'outsideRW' | 'untied'> & { outsideRW?: boolean; untied?: boolean }): number {
    // Every field written out in one order (no spread): one object shape for
    // every event, built in the explorer's innermost loop.
    this.events.push({
      kind: event.kind,
      loc: event.loc,
      value: event.value,
      access: event.access,
      tags: event.tags,
      outsideRW: event.outsideRW === true,
      untied: event.untied === true,
      instruction: this.current,
      code: this.code.id,
      step: this.step,
      addr: event.addr,
      data: event.data,
      ctrl: this.ctrl,
      pickAddr: event.pickAddr,
      pickData: event.pickData,
      pickCtrl: this.pickCtrl,
    });
    return this.events.length - 1;
  }

  reg(name: string): Sym {
    return this.registers.get(name) ?? sym(0n);
  }

  setReg(name: string, value: Sym): void {
    this.registers.set(name, value);
  }

  address(location: string): Sym {
    const index = this.locations.indexOf(location);
    if (index === undefined) throw new Error(`internal: '${location}' was not given an address at load time`);
    return sym(this.locations.addressOf(index));
  }

  /** A read access: one event per unit, each unit's value any its domain holds; the value they compose. */
  private read(address: Sym, options: AccessOptions | undefined): Sym {
    const units = this.unitsOf(address, options);
    const access = this.events.length;
    const values: bigint[] = [];
    let deps = NO_DEPS;
    let pick = NO_DEPS;
    // Several units: one of the value vectors the write accesses allow (ReadSources).
    const vectors = units.length > 1 ? this.sources?.valuesFor(units) : undefined;
    const vector = vectors && vectors[this.choose(vectors.length)];
    const fixed = options?.noSource;
    for (const [i, loc] of units.entries()) {
      const domain = this.domains.get(loc) ?? [this.memory.initialValues[loc]];
      const value = fixed ?? (vector ? vector[i] : domain[this.choose(domain.length)]);
      const index = this.push({
        kind: 'R', loc, value, access, tags: options?.tags ?? [],
        outsideRW: options?.outsideRW === true, untied: fixed !== undefined,
        addr: address.deps, pickAddr: address.pick, data: NO_DEPS, pickData: NO_DEPS,
      });
      values.push(value);
      const bit = 1n << BigInt(index);
      deps |= bit;
      pick |= bit;
      // Dependencies flow through memory inside a thread: a read after a write
      // to its location (none between) depends on what that write depended on.
      const source = this.lastWriteTo(loc, index);
      if (source) {
        deps |= source.addr | source.data;
        pick |= source.pickAddr | source.pickData;
      }
    }
    return sym(this.compose(units, values), deps, pick);
  }

  /** The value of an access from its units' values (one unit: its value, as without mixed sizes). */
  private compose(units: readonly number[], values: readonly bigint[]): bigint {
    return units.length === 1 ? values[0] : composeUnits(values, units.map((u) => this.memory.units[u].bytes));
  }

  private lastWriteTo(loc: number, before: number): PathEvent | undefined {
    for (let i = before - 1; i >= 0; i--) {
      const e = this.events[i];
      if (e.kind === 'W' && e.loc === loc) return e;
    }
    return undefined;
  }

  /** A write access: one event per unit, each with its bytes of the value; their path indices. */
  private write(address: Sym, value: Sym, options: AccessOptions | undefined): number[] {
    const units = this.unitsOf(address, options);
    const access = this.events.length;
    const values = units.length === 1 ? [value.value] : explodeValue(value.value, units.map((u) => this.memory.units[u].bytes));
    return units.map((loc, i) => this.push({
      kind: 'W', loc, value: values[i], access, tags: options?.tags ?? [], outsideRW: options?.outsideRW === true, untied: options?.noCo === true,
      addr: address.deps, pickAddr: address.pick, data: value.deps, pickData: value.pick,
    }));
  }

  /** The events of the access that starts at path index `first`. */
  private piecesFrom(first: number): number[] {
    const out: number[] = [];
    for (let i = first; i < this.events.length && this.events[i].access === first; i++) out.push(i);
    return out;
  }

  /**
   * Makes the events from path index `start` on one access: an exclusive pair
   * (LDXP, STXP) is single-copy atomic as a whole (herd7 relates its two
   * halves as it does the pieces of one access). Returns their indices.
   */
  private joinAccess(start: number): number[] {
    const joined: number[] = [];
    for (let i = start; i < this.events.length; i++) {
      this.events[i].access = start;
      joined.push(i);
    }
    return joined;
  }

  /** rmw pairs between a read access's pieces and a write access's, unit by unit. */
  private pairPieces(reads: readonly number[], writes: readonly number[], kind: RmwPair['kind']): void {
    reads.forEach((read, i) => this.rmw.push({ read, write: writes[i], kind }));
  }

  load(address: Sym, options?: AccessOptions): Sym {
    return this.read(address, options);
  }

  loadExclusive(address: Sym, options?: AccessOptions): Sym {
    const first = this.events.length;
    const value = this.read(address, options);
    this.pendingExclusive = { reads: this.piecesFrom(first), address: address.value, bytes: options?.size ?? 0 };
    return value;
  }

  loadExclusivePair(first: Sym, second: Sym, options?: AccessOptions): [Sym, Sym] {
    const start = this.events.length;
    const values: [Sym, Sym] = [this.read(first, options), this.read(second, options)];
    this.pendingExclusive = { reads: this.joinAccess(start), address: first.value, bytes: options?.size ?? 0 };
    return values;
  }

  store(address: Sym, value: Sym, options?: AccessOptions): void {
    this.write(address, value, options);
  }

  storeExclusive(address: Sym, value: Sym, options?: AccessOptions): Sym {
    return this.storeExclusives([[address, value]], options);
  }

  storeExclusivePair(first: Sym, firstValue: Sym, second: Sym, secondValue: Sym, options?: AccessOptions): Sym {
    return this.storeExclusives([[first, firstValue], [second, secondValue]], options);
  }

  /** A store-exclusive of one access or a pair: all its writes or none, paired piece by piece with the load-exclusive. */
  private storeExclusives(accesses: ReadonlyArray<readonly [Sym, Sym]>, options: AccessOptions | undefined): Sym {
    const paired = this.pendingExclusive;
    this.pendingExclusive = undefined;
    // Success needs a load-exclusive at the same address, of the same size
    // per register, to pair with (herd7's store-exclusive: a pair of
    // different sizes, constrained unpredictable, always fails, M007). A
    // store that must fail touches no memory: its address is not even looked
    // at, and it is no access of the test (herd7 builds none).
    const canSucceed = paired !== undefined && paired.address === accesses[0][0].value && paired.bytes === (options?.size ?? 0);
    const succeeds = canSucceed && this.choose(2) === 0;
    // The status result carries no dependency on any read: success is the
    // hardware's choice, not a function of a value read (herd7 agrees: with a
    // dependency, branching on the status would forbid ring3-xx's cycle). It
    // is undetermined all the same: a loop on it counts against the bound.
    if (!succeeds) return STATUS_FAILED;
    const start = this.events.length;
    for (const [address, value] of accesses) this.write(address, value, options);
    // Each written piece pairs with the piece of the load-exclusive on its unit (an LDXP's other half may have none).
    const writes = this.joinAccess(start);
    for (const write of writes) {
      const read = paired!.reads.find((r) => this.events[r].loc === this.events[write].loc);
      if (read !== undefined) this.rmw.push({ read, write, kind: 'lxsx' });
    }
    return STATUS_SUCCEEDED;
  }

  atomicUpdate(
    address: Sym,
    update: (old: Sym) => Sym | null,
    readOptions?: AccessOptions,
    writeOptions?: AccessOptions,
  ): Sym {
    const first = this.events.length;
    const old = this.read(address, readOptions);
    const reads = this.piecesFrom(first);
    const result = update(old);
    if (result !== null) {
      // The write's value may be computed from the read of the same
      // instruction: that stays in its dependencies (it flows on through
      // memory) but is no dependency edge (see buildSkeleton).
      this.pairPieces(reads, this.write(address, result, writeOptions ?? readOptions), 'amo');
    }
    return old;
  }

  atomicUpdatePair(
    first: Sym,
    second: Sym,
    update: (old: readonly [Sym, Sym]) => readonly [Sym, Sym] | null,
    readOptions?: AccessOptions,
    writeOptions?: AccessOptions,
  ): [Sym, Sym] {
    const start = this.events.length;
    const old: [Sym, Sym] = [this.read(first, readOptions), this.read(second, readOptions)];
    const reads = this.joinAccess(start);
    const result = update(old);
    if (result !== null) {
      const writes = this.events.length;
      this.write(first, result[0], writeOptions ?? readOptions);
      this.write(second, result[1], writeOptions ?? readOptions);
      this.pairPieces(reads, this.joinAccess(writes), 'amo');
    }
    return old;
  }

  fence(tags: readonly Tag[]): void {
    this.push({ kind: 'F', loc: -1, value: 0n, access: this.events.length, tags, addr: NO_DEPS, pickAddr: NO_DEPS, data: NO_DEPS, pickData: NO_DEPS });
  }

  branch(condition: Sym, label: string): void {
    this.ctrl |= condition.deps;
    this.pickCtrl |= condition.pick;
    if (condition.value !== 0n) this.goTo(label, isUndetermined(condition));
  }

  jump(label: string): void {
    this.goTo(label, true);
  }

  /** A jump back (or to itself) that `counts` adds one to its target's tally; one over the bound cuts the path. */
  private goTo(label: string, counts: boolean): void {
    const target = branchTarget(this.code, label, this.current);
    if (target === undefined) failAt(this.code.instructions[this.current].pos, `unknown label '${label}'`);
    if (counts && target <= this.current) this.countJumpBack(this.code.id, target);
    this.next = target;
  }

  /** One more jump back to `code:index`; the one past the bound cuts the path. */
  private countJumpBack(code: number, index: number): void {
    const key = `${code}:${index}`;
    const taken = (this.backwardTaken.get(key) ?? 0) + 1;
    if (taken > this.unroll) throw new PathCut();
    this.backwardTaken.set(key, taken);
  }

  /** Called before each instruction runs: records where the path has been. */
  visit(): void {
    this.visited.add(`${this.code.id}:${this.current}`);
  }

  exit(): void {
    this.ended = true;
  }

  discard(): never {
    throw new PathDiscarded();
  }

  labelAddress(label: string): Sym {
    const target = branchTarget(this.code, label, this.current);
    if (target === undefined) failAt(this.code.instructions[this.current].pos, `unknown label '${label}'`);
    return sym(codeAddress(this.code.id, target));
  }

  nextAddress(): Sym {
    return sym(codeAddress(this.code.id, this.current + 1));
  }

  jumpTo(address: Sym): void {
    this.ctrl |= address.deps;
    this.pickCtrl |= address.pick;
    const place = codePlace(address.value);
    const code = place && this.programs[place.thread];
    if (!place || !code || place.index > code.instructions.length) {
      const pos = this.code.instructions[this.current].pos;
      throw new PathFault({ pos, message: `P${this.thread} jumps to ${address.value}, which is no instruction's address` });
    }
    // An indirect jump counts like a B when it goes back in the code being
    // run (herd7); into other code, when it returns to a place this path has
    // already run, so a cycle through two threads' code is bounded too.
    const back = code === this.code ? place.index <= this.current : this.visited.has(`${code.id}:${place.index}`);
    if (back) this.countJumpBack(code.id, place.index);
    this.code = code;
    this.next = place.index;
  }
}

const STATUS_SUCCEEDED: Sym = { value: 0n, deps: NO_DEPS, pick: NO_DEPS, undetermined: true };
const STATUS_FAILED: Sym = { value: 1n, deps: NO_DEPS, pick: NO_DEPS, undetermined: true };

/**
 * Every path of one thread under the given value domains (those cut at the
 * unrolling bound included, marked). `programs` is every thread's code, which
 * an indirect jump may enter; `memory` says which units an access moves.
 * `evidence`, when given, gathers the sizes and offsets of the accesses (for
 * a test without -variant mixed); `sources`, for a mixed-size test, the
 * values a read of several units may see. Throws LimitError past `limits`.
 */
export function explorePaths(
  program: ThreadProgram,
  programs: readonly ThreadProgram[],
  locations: LocationTable,
  memory: MemoryLayout,
  domains: ValueDomains,
  limits: ExploreLimits = DEFAULT_EXPLORE_LIMITS,
  evidence?: SizeEvidence,
  sources?: ReadSources,
): ThreadPath[] {
  const paths: ThreadPath[] = [];
  const choices: number[] = [];
  const arities: number[] = [];
  // Time and memory are looked at before the first instruction and every 256 after, across paths.
  const watched = limits.deadline !== undefined || limits.maxMemoryBytes !== undefined || limits.onCheck !== undefined;
  if (watched) checkBudget(limits, 'exploring thread paths');
  let ticks = 0;
  for (;;) {
    const run = new PathRun(program.id, program, programs, locations, memory, domains, choices, arities, limits.unroll, evidence, sources);
    let cut = false;
    let discarded = false;
    let fault: Diagnostic | undefined;
    try {
      // Jumps back that count are bounded by `unroll`; those that do not (a
      // loop on constants) by the step limit, so this loop ends.
      while (!run.ended && run.current < run.code.instructions.length) {
        if (run.step >= limits.maxSteps) {
          const { line } = run.code.instructions[run.current].pos;
          throw new LimitError(
            `P${program.id} runs more than ${limits.maxSteps} instructions on one path (at line ${line}: a loop whose condition never changes?)`,
          );
        }
        if (watched && (++ticks & 255) === 0) checkBudget(limits, 'exploring thread paths');
        run.visit();
        run.next = run.current + 1;
        run.code.instructions[run.current].execute(run);
        run.current = run.next;
        run.step++;
      }
    } catch (e) {
      if (e instanceof PathCut) cut = true;
      else if (e instanceof PathDiscarded) discarded = true;
      else if (e instanceof PathFault) fault = e.diagnostic;
      else throw e;
    }
    if (!discarded) {
      const registers = new Map([...run.registers].map(([name, value]) => [name, value.value]));
      const path: ThreadPath = { events: run.events, rmw: run.rmw, registers };
      if (cut) path.cut = true;
      if (fault) path.fault = fault;
      paths.push(path);
    }
    if (paths.length > limits.maxPaths) {
      throw new LimitError(`P${program.id} has more than ${limits.maxPaths} paths; the test is too big to enumerate`);
    }
    // Advance to the next choice vector, depth-first.
    arities.length = Math.min(arities.length, choices.length);
    let i = choices.length - 1;
    while (i >= 0 && choices[i] + 1 >= arities[i]) i--;
    if (i < 0) return paths;
    choices[i]++;
    choices.length = i + 1;
    arities.length = i + 1;
  }
}
