// The contract between the engine and an architecture. The engine knows no
// instruction set: an architecture parses instruction cells into Instructions
// whose `execute` drives a ThreadContext; the engine explores every path.

import type { SourcePos } from '../errors.js';
import type { InstructionCell } from '../syntax/ast.js';
import type { CMacro } from '../syntax/c/ast.js';

/** A dependency set: bit i is set when the thread's event number i (a read) flows in. */
export type Deps = bigint;

/**
 * A value inside a running thread, with the reads it depends on.
 * `deps` is ordinary register dataflow (herd's dtrm: arithmetic that cancels
 * still depends); `pick` adds the reads that only *selected* the value (the
 * condition of a CSEL, the comparison of a CAS). `pick` always includes `deps`.
 */
export interface Sym {
  readonly value: bigint;
  readonly deps: Deps;
  readonly pick: Deps;
  /**
   * Known only once the execution is chosen, though it depends on no read: a
   * store-exclusive's status. herd7 calls such values (and any that depend on
   * a read) undetermined; a branch on one counts against the unrolling bound.
   */
  readonly undetermined?: true;
}

/** herd7's "not determined": the value depends on a read, or is a store-exclusive's status. */
export function isUndetermined(s: Sym): boolean {
  return s.pick !== NO_DEPS || s.undetermined === true;
}

export const NO_DEPS: Deps = 0n;

/** A value with the reads it depends on (`pick` always includes `deps`). */
export function sym(value: bigint, deps: Deps = NO_DEPS, pick: Deps = deps): Sym {
  return { value, deps, pick: pick | deps };
}

/** A value computed from several inputs: it depends on all of them. */
export function derived(value: bigint, ...inputs: Sym[]): Sym {
  let deps = NO_DEPS;
  let pick = NO_DEPS;
  let undetermined = false;
  for (const s of inputs) {
    deps |= s.deps;
    pick |= s.pick;
    undetermined ||= s.undetermined === true;
  }
  return undetermined ? { value, deps, pick, undetermined } : { value, deps, pick };
}

/** The same value, with its dependencies, at another value (truncated, extended). */
export function withValue(s: Sym, value: bigint): Sym {
  return { ...s, value };
}

/** A value chosen among `choices` by `selector`: a pick dependency on the selector. */
export function picked(chosen: Sym, selector: Sym): Sym {
  const pick = chosen.pick | selector.pick;
  return chosen.undetermined || selector.undetermined
    ? { value: chosen.value, deps: chosen.deps, pick, undetermined: true }
    : { value: chosen.value, deps: chosen.deps, pick };
}

/**
 * Event annotations, as the model's cat file sees them as sets:
 * 'A' acquire, 'Q' acquire-PC, 'L' release, 'X' exclusive or locked,
 * 'NoRet' atomic without a result; for fences the fence's name
 * ('DMB.ISH', 'DSB.SY', 'ISB', 'MFENCE', …).
 */
export type Tag = string;

/**
 * The set a model names an annotation by: herd7's bell convention, the
 * annotation with its first letter in upper case ('rcu-lock → Rcu-lock,
 * 'MB → MB).
 */
export function tagSetName(tag: string): string {
  return tag.charAt(0).toUpperCase() + tag.slice(1);
}

/** Whether an event with these annotations is in the tag set `name` (see tagSetName). */
export function hasTag(tags: readonly string[], name: string): boolean {
  for (const tag of tags) if (tag === name || tagSetName(tag) === name) return true;
  return false;
}

export interface AccessOptions {
  tags?: readonly Tag[];
  /**
   * herd7's lock events (and SRCU's synchronize): in neither R nor W for the
   * model, which ties them itself (CompiledModel.locksAsAccesses false).
   */
  outsideRW?: boolean;
  /** A read with no rf, reading this value: the model gives it its source, if any (a failed trylock's read, with herd7's lock.cat). */
  noSource?: bigint;
  /** A write with no place in the enumerator's co: the model places it (an unlock, with herd7's lock.cat). */
  noCo?: boolean;
  /** Width in bytes of the access (4 for W registers, 8 for X); informational. */
  size?: number;
}

/** What an instruction's semantics may do while the engine runs a thread. */
export interface ThreadContext {
  readonly thread: number;
  /** Read a register by canonical name; a register never written holds its init value (or 0). */
  reg(name: string): Sym;
  setReg(name: string, value: Sym): void;
  /** The address of a named location (x86 operands such as `[x]` name locations directly; see Instruction.locations). */
  address(location: string): Sym;
  /** A memory read; the engine picks the value (every value the location may hold). */
  load(address: Sym, options?: AccessOptions): Sym;
  /** A load-exclusive: a load that a later storeExclusive may pair with. */
  loadExclusive(address: Sym, options?: AccessOptions): Sym;
  store(address: Sym, value: Sym, options?: AccessOptions): void;
  /**
   * A store-exclusive: the engine explores success and failure. On success it
   * writes and forms an rmw pair (lxsx) with the thread's last load-exclusive.
   * Returns the status value (0 success, 1 failure) with its dependencies.
   */
  storeExclusive(address: Sym, value: Sym, options?: AccessOptions): Sym;
  /** A load-exclusive of a register pair (LDXP): two reads, one exclusive access a storeExclusivePair may pair with. */
  loadExclusivePair(first: Sym, second: Sym, options?: AccessOptions): [Sym, Sym];
  /**
   * A store-exclusive of a register pair (STXP): both writes or neither,
   * paired on success with a load-exclusive of the same bytes. Returns the status.
   */
  storeExclusivePair(first: Sym, firstValue: Sym, second: Sym, secondValue: Sym, options?: AccessOptions): Sym;
  /**
   * One instruction's atomic read-modify-write (SWP, CAS, LDADD, XCHG, LOCK ADD…):
   * reads the location, then `update(old)` gives the value to write, or null
   * for no write (a CAS whose comparison fails). Read and write form an rmw
   * pair (amo). Returns the value read. Options apply to both events unless
   * `readOptions`/`writeOptions` say otherwise.
   */
  atomicUpdate(
    address: Sym,
    update: (old: Sym) => Sym | null,
    readOptions?: AccessOptions,
    writeOptions?: AccessOptions,
  ): Sym;
  /**
   * atomicUpdate of a register pair at two addresses (CASP): both reads,
   * then both writes or none, each pair single-copy atomic as a whole.
   * Returns the two values read.
   */
  atomicUpdatePair(
    first: Sym,
    second: Sym,
    update: (old: readonly [Sym, Sym]) => readonly [Sym, Sym] | null,
    readOptions?: AccessOptions,
    writeOptions?: AccessOptions,
  ): [Sym, Sym];
  fence(tags: readonly Tag[]): void;
  /**
   * Explore `alternatives` ways of going on (returns 0..alternatives-1 on
   * different paths), for semantics with several admissible readings, e.g.
   * which register a successful CAS's result is taken to depend on.
   */
  choose(alternatives: number): number;
  /** Jump to `label` when `condition.value !== 0n`; events after it are ctrl-dependent on its reads. */
  branch(condition: Sym, label: string): void;
  /** Unconditional jump (no dependency). */
  jump(label: string): void;
  /** Leave the thread's code: the thread ends here (RET under herd7's Variant=telechat). */
  exit(): void;
  /**
   * This path cannot happen: drop it (a C `spin_lock` that would read the
   * lock held waits instead; herd7 builds only the read of it free).
   */
  discard(): never;
  /** The code address of `label` in the code being run (ADR). */
  labelAddress(label: string): Sym;
  /** The code address of the instruction after this one (the link BL and BLR save). */
  nextAddress(): Sym;
  /**
   * Jump to a code address (BR, BLR, RET): possibly into another thread's
   * code. Events after it are ctrl-dependent on the address's reads.
   */
  jumpTo(address: Sym): void;
}

/** What a test's preamble says about how its instructions read (beside the code itself). */
export interface TestOptions {
  /** herd7 variants the test's `Variant=` line names, in lower case (e.g. 'telechat'). */
  readonly variants: ReadonlySet<string>;
  /** For C tests: the macros of a .def file (herd7's `macros` setting) naming the kernel's primitives; default ours. */
  readonly macros?: MacroTable;
  /** For C tests: lock events as the model takes them (CompiledModel.locksAsAccesses); default herd7's way. */
  readonly locksAsAccesses?: boolean;
  /** For C tests: the annotations each instruction kind may carry (CompiledModel.annotations); absent, any. */
  readonly annotations?: Readonly<Record<string, readonly string[]>>;
  /** Takes a located warning about the test (`FILE:LINE:COLUMN: …`), which the run prints. */
  readonly warn?: (message: string) => void;
}

/** Macros by name, from a .def file (see arch/c/macros.ts). */
export type MacroTable = ReadonlyMap<string, CMacro>;

export const NO_TEST_OPTIONS: TestOptions = { variants: new Set() };

/** One parsed instruction. */
export interface Instruction {
  readonly text: string;
  readonly pos: SourcePos;
  /** Labels this instruction may jump to; the engine checks they exist. */
  readonly branchTargets: readonly string[];
  /** Locations its operands name directly (x86 `[x]`): loading gives each an address before anything runs. */
  readonly locations?: readonly string[];
  /** The bytes each of its memory accesses moves (for a mixed-size test's granule). */
  readonly accessSizes?: readonly number[];
  execute(ctx: ThreadContext): void;
}

/** An instruction set, plugged into the engine. */
export interface Arch {
  /** The header word(s) that select it, e.g. ['AArch64'] or ['X86']. */
  readonly names: readonly string[];
  /** Every annotation its events may carry (a model naming another set is probably misspelt). */
  readonly tags: readonly Tag[];
  /**
   * Parse one program cell (labels already split off), under the test's
   * options (NO_TEST_OPTIONS when absent). Throws LitmusError at the cell's position.
   */
  parseInstruction(cell: InstructionCell, options?: TestOptions): Instruction;
  /**
   * The canonical name of a register as written in an init block or condition
   * ('W3' → 'X3', 'eax' → 'EAX'), or null when it is not a register of this arch.
   */
  canonicalRegister(name: string): string | null;
  /**
   * herd7 rejects a test of this architecture whose accesses to one location
   * differ in size, unless run with -variant mixed ("Illegal mixed-size
   * test": AArch64); otherwise it runs such a test on whole locations (X86,
   * X86_64). An access inside a location is rejected for every architecture.
   */
  readonly rejectsMixedSizes: boolean;
  /** Its accesses state no size: each moves a whole location, so mixed-size memory (--variant mixed) does not apply (C). */
  readonly wholeLocations?: boolean;
}

/** Location addresses: location number i has address (i + 1) << LOCATION_SHIFT. */
export const LOCATION_SHIFT = 40n;
