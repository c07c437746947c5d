// What an architecture offers `litmus fix` (issue 12): the barriers it may
// insert, the stronger and weaker forms of an instruction, and what each
// costs. Each architecture declares its own (src/arch/*/repairs.ts, listed
// in registry.ts); the search (fix/search.ts) knows no instruction name.

/** Another form of an instruction: its text, and the cost-table entry it is charged as ('' for a plain form, which costs nothing). */
export interface Rewrite {
  text: string;
  key: string;
  /** An instruction to put just before it (x86: the register an XCHG takes its value from). */
  before?: string;
}

/** Registers a rewrite may take for itself, in the thread being changed. */
export interface RewriteContext {
  /** A register of this thread that nothing in the test names, or undefined when none is left. */
  freeRegister(): string | undefined;
}

/**
 * An architecture's repair moves and their default costs. Costs are
 * relative: a move's cost is the entry of what it makes minus the entry of
 * what was there (a barrier inserted: its entry). A user's cost file
 * (`--costs`) may set any entry.
 */
export interface RepairTable {
  /** Every entry of the cost table, with its default cost. */
  readonly costs: Readonly<Record<string, number>>;
  /**
   * Pairs of entries, weaker first, whose costs must keep that order: a
   * stronger form that cost no more than the weaker would be offered as a
   * free or negative move (the search needs positive costs).
   */
  readonly order: ReadonlyArray<readonly [weaker: string, stronger: string]>;
  /** One line per entry, for `litmus fix --help` and the README: what the entry is. */
  readonly costNotes: Readonly<Record<string, string>>;
  /** Barriers `fix` may insert before an access (instruction text and cost-table entry), cheapest first. */
  readonly barriers: readonly Rewrite[];
  /** Registers a rewrite may borrow when the thread leaves them unnamed (x86's XCHG takes its value from one), in order of preference. */
  readonly scratchRegisters: readonly string[];
  /** Whether `text` is a barrier the table knows (then a repair strengthens it rather than adding another beside it). */
  isBarrier(text: string): boolean;
  /** The cost-table entry `text` is charged as: its ordering ('' for none the table knows). */
  strength(text: string): string;
  /** The stronger forms of `text` (none for an instruction without ordering variants). */
  stronger(text: string, context: RewriteContext): Rewrite[];
  /** The weaker forms of `text`, a barrier's removal (text '') among them; for `fix --redundant`. */
  weaker(text: string): Rewrite[];
  /**
   * An artificial address dependency (`fix --dependencies`) from the load
   * `load` to the later access `access`, through the free register
   * `scratch`: the instruction that makes the dependency (inserted just
   * before the access) and the access's new text; undefined when either
   * cannot take part. Its cost-table entry is `addr`.
   */
  addressDependency?(load: string, access: string, scratch: string): { before: string; text: string } | undefined;
  /** Whether `text` starts a sequence no barrier may split (a load-exclusive), and whether it ends one. */
  opensSequence(text: string): boolean;
  closesSequence(text: string): boolean;
}

/** The cost table in force: the architecture's defaults with the user's entries over them. */
export type Costs = Readonly<Record<string, number>>;

/** The mnemonic of an instruction text (upper case) and the rest of it as written. */
export function splitMnemonic(text: string): { mnemonic: string; rest: string } {
  const match = /^(\S+)(.*)$/s.exec(text.trim());
  return match ? { mnemonic: match[1].toUpperCase(), rest: match[2] } : { mnemonic: '', rest: '' };
}
