// The contract between the enumerator and a memory model. The enumerator
// hands over an ExecutionSkeleton once per combination of thread paths (all
// that does not depend on rf/co) and then a Choice (rf, co) per candidate.

import type { Budget } from '../limits.js';
import type { Relation } from '../relation/index.js';
import type { SourcePos } from '../errors.js';
import type { Tag } from '../exec/types.js';
import type { AxiomWitness } from './witness.js';

export type { AxiomWitness, WitnessEdge } from './witness.js';

export type Pair = readonly [from: number, to: number];

/**
 * The flag an execution raises when it fails a model's `undefined_unless`
 * check (a C data race): it stays allowed, and herd7 answers `Undef`.
 */
export const UNDEFINED_FLAG = '*undef*';

export interface SkeletonEvent {
  kind: 'R' | 'W' | 'F';
  /** Thread number; -1 for an initial write. */
  thread: number;
  /**
   * Position in the thread's program order (increasing along po); -1 for an
   * initial write. The pieces of one mixed-size access share theirs: po does
   * not order them (herd7: no po inside one instruction instance's access).
   */
  poIndex: number;
  /** Memory unit for R and W (the location, or a piece of it in a mixed-size test); -1 for fences. */
  loc: number;
  /**
   * The access the event is part of: the number of its first event. The
   * pieces of one mixed-size access (or of one location's initial write)
   * share it; the model sees them as herd7's `sm`/`si` classes.
   */
  access: number;
  /** Annotations ('A', 'L', 'X', 'NoRet', 'DMB.ISH', …); the model sees each as a set. */
  tags: readonly Tag[];
  /** The value a read reads or a write writes on this path (herd7's different-values compares them); absent for fences. */
  value?: bigint;
  /** One of herd7's lock events, which its R and W leave out (CompiledModel.locksAsAccesses false). */
  outsideRW?: boolean;
}

/**
 * Everything about a candidate that rf and co do not change. Events are
 * numbered 0..n-1: first one initial write per location (event i writes
 * location i), then each thread's events in program order.
 */
export interface ExecutionSkeleton {
  events: readonly SkeletonEvent[];
  /** Number of locations (= number of initial writes). */
  locationCount: number;
  /**
   * Intrinsic relations, by the name the cat file uses: 'addr', 'data',
   * 'ctrl', 'pick-addr-dep', 'pick-data-dep', 'pick-ctrl-dep', 'rmw',
   * 'amo', 'lxsx'. A name missing here is the empty relation.
   */
  relations: ReadonlyMap<string, readonly Pair[]>;
  /** The units whose final values the test observes: FW is their co-last writes (herd7's final writes); absent, every unit's. */
  finalObserved?: ReadonlySet<number>;
}

/** The rf/co part of one candidate execution. */
export interface Choice {
  /** For each event: the write it reads from, or -1 when it is not a read. */
  rf: Int32Array;
  /** For each location: its writes in coherence order, the initial write first. */
  co: readonly (readonly number[])[];
}

export interface ModelVerdict {
  allowed: boolean;
  /** The name of the first axiom that failed, when not allowed. */
  failedAxiom?: string;
  /** Names of `flag` checks that fired on this execution (herd prints them for allowed ones). */
  flags: string[];
  /**
   * Why the failed axiom failed, as event numbers: a cycle e0 → e1 → … → e0
   * for `acyclic`, the one event related to itself for `irreflexive`.
   */
  witness?: number[];
  /**
   * How many executions this candidate is, when allowed: more than 1 when the
   * model's `with x from S` allows several values of x (herd7 counts each).
   * Absent means 1.
   */
  executions?: number;
}

/** A model ready to judge candidates of one skeleton. */
export interface PreparedModel {
  check(choice: Choice): ModelVerdict;
  /**
   * Why the model rejects this candidate: the first failing axiom with a
   * witness whose edges name the model's relations and the branches of their
   * definitions; undefined when the candidate is allowed. Slower than
   * `check`: call it only to explain.
   */
  explain(choice: Choice): AxiomWitness | undefined;
  /**
   * Every axiom of the model (flags left out), in the model's order: whether
   * it holds on this candidate and, when it fails, its witness. For a
   * student building an execution by hand; as slow as `explain` per axiom.
   */
  axioms(choice: Choice): AxiomOutcome[];
  /**
   * The model's relation `name` (its last definition, or the primitive) on
   * this candidate, when the model can tell: what a model ties itself (the
   * kernel's lock.cat's rf for lock reads) shown in explanations.
   */
  relationNamed?(choice: Choice, name: string): Relation | undefined;
}

/** One axiom on one candidate: its name, whether it holds, and when it fails the model's witness. */
export interface AxiomOutcome {
  name: string;
  holds: boolean;
  witness?: AxiomWitness;
}

/** A .cat model compiled once, used for many skeletons. */
export interface CompiledModel {
  /** The model's title (the quoted string at the head of the .cat file) or file name. */
  readonly name: string;
  /**
   * True when every execution the model allows satisfies
   * acyclic(po-loc | rf | co | fr) — decided from the model's own axioms —
   * so that the enumerator may discard incoherent candidates early.
   * Also true only if `atomic` (empty rmw & fre;coe) is among them when
   * `requiresAtomicity` is set.
   */
  readonly requiresCoherence: boolean;
  readonly requiresAtomicity: boolean;
  /** The event annotations the model names (sets it does not define), where it names them. */
  readonly eventTags: ReadonlyArray<{ name: string; file: string; pos: SourcePos }>;
  /** The variants the model's `if "…"` expressions test (herd7's -variant names). */
  readonly variantsTested?: readonly string[];
  /**
   * How a C test's lock events are given to the model. herd7's way (false,
   * the default): its lock events (LKR, LKW, UL, LF, RL, RU) are in neither
   * R nor W, and a failed trylock's or spin_is_locked's read has no rf: the
   * model ties them itself (the kernel's lock.cat, with `with … from`); a
   * lock taken is still a read-modify-write whose read has an rf (lock.cat
   * derives the same one). True, for a model whose title says
   * `locks-as-accesses` (litmus's own lkmm): every lock event is a read or
   * a write, each read with its rf.
   */
  readonly locksAsAccesses?: boolean;
  /**
   * What a bell's `instructions K[E]` declares: for an instruction kind (R,
   * W, RMW, F, SRCU), the annotations it may carry. herd7 refuses a test
   * whose annotation is not among them (a typo in a .def file).
   */
  readonly annotations?: Readonly<Record<string, readonly string[]>>;
  /**
   * The model ready to judge candidates of `skeleton`. With a `budget`, an
   * execution of hundreds of events is evaluated with an eye on the clock and
   * memory (LimitError when past them).
   */
  prepare(skeleton: ExecutionSkeleton, budget?: Budget): PreparedModel;
}
