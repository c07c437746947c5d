// The typed result of reading a .litmus file: structure only. Instruction
// cells stay text (with their position) and are parsed by the architecture.

import type { SourcePos } from '../errors.js';
import type { CInstruction } from './c/ast.js';

/** A constant in an init block or a condition: a number or a location's address. */
export type ValueLit =
  | { kind: 'int'; value: bigint }
  | { kind: 'loc'; name: string };

/** A whole array's value in a condition: `x={3,2}`. */
export interface ArrayLit {
  kind: 'array';
  values: ValueLit[];
}

/**
 * A memory location as a test names it: `x` (also written `[x]`), an array
 * element `t[1]`, or a constructed address such as `PTE(x)` kept as text for
 * the architecture. Loading resolves it to a location of the test.
 */
export interface LocationRef {
  /** The location's or the array's name: `x`, `t`, `PTE(x)`, `x:red`. */
  name: string;
  /** For an array element, its index: `t[1]` → 1. */
  index?: number;
}

/** A location reference as written in a test: `x`, `t[1]`. */
export function locationText(ref: LocationRef): string {
  return ref.index === undefined ? ref.name : `${ref.name}[${ref.index}]`;
}

/** Something a condition or `locations` can observe. */
export type StateRef =
  | { kind: 'reg'; thread: number; reg: string } // reg as written, e.g. "X0", "W2", "EAX"
  | { kind: 'mem'; loc: LocationRef }; // x, [x], t[1]

export type InitItem =
  | {
      kind: 'reg';
      /** null for a symbolic register (`%name`, herd7's): it starts with this value in every thread. */
      thread: number | null;
      reg: string; value: ValueLit | null; type?: string; pos: SourcePos;
    }
  | {
      kind: 'mem'; loc: LocationRef; value: ValueLit | null; type?: string; pos: SourcePos;
      /** An array declaration `int t[2]={1,2}` (value is then null; loc has no index); elements are t[0], t[1], … */
      array?: { length: number; values: ValueLit[] };
    };

/** One non-empty cell of the program grid. */
export interface InstructionCell {
  /** Label(s) written before the instruction, e.g. `Fail0:` or `L1: MOV W0,#1`. */
  labels: string[];
  /** The instruction text with comments removed and trimmed; '' for a label-only cell. */
  text: string;
  /** Position of the instruction text (or of the label when text is ''). */
  pos: SourcePos;
  /** The step already parsed, for a C test (its front end parses the code itself; syntax/c/lower.ts). */
  c?: CInstruction;
  /**
   * C: the statement is the whole body of an `if`, `else` or `while` written
   * without braces, so a statement put before it, or its removal, would
   * change what the body is (litmus fix leaves it in place).
   */
  alone?: boolean;
}

export interface ThreadCode {
  /** Thread number: P0 → 0. */
  id: number;
  /** The header as written, e.g. "P0". */
  name: string;
  pos: SourcePos;
  cells: InstructionCell[];
  /** For a C thread: the declared type of each local and parameter (`int*`, `atomic_int`), for compiling it to assembly. */
  cTypes?: Record<string, string>;
}

export type Prop =
  | { kind: 'true'; pos: SourcePos }
  | { kind: 'false'; pos: SourcePos }
  | { kind: 'not'; arg: Prop; pos: SourcePos }
  | { kind: 'and'; left: Prop; right: Prop; pos: SourcePos }
  | { kind: 'or'; left: Prop; right: Prop; pos: SourcePos }
  | { kind: 'implies'; left: Prop; right: Prop; pos: SourcePos }
  | { kind: 'atom'; ref: StateRef; op: '=' | '!='; value: ValueLit | ArrayLit; pos: SourcePos };

/** Every atom of a proposition (`1:X0=1`, `x=2`), left to right. */
export function propAtoms(prop: Prop): Array<Extract<Prop, { kind: 'atom' }>> {
  switch (prop.kind) {
    case 'atom': return [prop];
    case 'not': return propAtoms(prop.arg);
    case 'and': case 'or': case 'implies': return [...propAtoms(prop.left), ...propAtoms(prop.right)];
    default: return [];
  }
}

export type Quantifier = 'exists' | '~exists' | 'forall';

export interface Condition {
  quantifier: Quantifier;
  prop: Prop;
  pos: SourcePos;
  /** True when the file had no condition (herd7 then uses `forall (true)`). */
  implicit?: boolean;
}

export interface LitmusTest {
  /** The architecture word as written: "AArch64", "X86", "X86_64", … */
  arch: string;
  name: string;
  doc?: string;
  /** key=value lines between the header and the init block (Hash, Cycle, …). */
  metadata: Record<string, string>;
  init: InitItem[];
  threads: ThreadCode[];
  /** Extra things to print in each state (`locations [x; 1:X2;]`). */
  locations: StateRef[];
  filter?: Prop;
  condition: Condition;
  /** The file it came from, when read from disk. */
  file?: string;
  /** Position of the header (for messages about the whole test). */
  pos: SourcePos;
}
