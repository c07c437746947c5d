// An AArch64 instruction as a value: what the parsers (one per instruction
// family) produce from its text, and what the interpreter (execute.ts) runs.
// Plain data, so a test can compare a parse with the value it expects and
// another tool (a repair, a compiler) can build one. Mnemonics that are
// aliases reduce to their base form (CMP → SUBS into XZR, CSET → CSINC, …).

import type { Tag } from '../../exec/types.js';
import type { Condition } from './flags.js';
import type { MemoryOperand, Modifier, ShiftKind } from './operands.js';
import type { Register } from './registers.js';

/** The flexible second operand: an immediate (shift already applied) or a register with an optional shift or extension. */
export type Operand2 = { kind: 'imm'; value: bigint } | { kind: 'reg'; reg: Register; modifier?: Modifier };

export type ArithmeticName = 'ADD' | 'SUB' | 'ADDS' | 'SUBS' | 'AND' | 'ORR' | 'EOR' | 'BIC' | 'ORN' | 'EON' | 'ANDS' | 'BICS';
export type SelectName = 'CSEL' | 'CSINC' | 'CSINV' | 'CSNEG';
export type UnaryName = 'REV' | 'REV16' | 'REV32' | 'REV64' | 'RBIT' | 'ABS';
/** The update an LD<op>/ST<op> makes: write op(old, Rs); SWP writes Rs. */
export type AtomicName = 'SWP' | 'ADD' | 'CLR' | 'EOR' | 'SET' | 'SMAX' | 'SMIN' | 'UMAX' | 'UMIN';

/** How many bytes an access moves and how a loaded value fills the register. */
export interface AccessShape {
  /** Bytes, or undefined for "the register's width". */
  bytes?: 1 | 2 | 4 | 8;
  signExtended?: boolean;
}

export type Ordering = '' | 'A' | 'L' | 'AL';

/** An LSE atomic's ordering and size. */
export interface AtomicForm {
  ordering: Ordering;
  /** Bytes for the B/H forms; undefined means the register width. */
  bytes?: 1 | 2;
}

export type AArch64Op =
  // ---- data processing (data-processing.ts) ----
  | { kind: 'mov'; rd: Register; source: Register | { imm: bigint } }
  /** MOVZ (Z), MOVN (N), MOVK (K): a 16-bit immediate at bit `shift`. */
  | { kind: 'move-wide'; variant: 'Z' | 'N' | 'K'; rd: Register; imm: bigint; shift: number }
  /** ADD…BICS; CMP/CMN/TST write XZR; NEG/NEGS/MVN read XZR as rn. */
  | { kind: 'arithmetic'; op: ArithmeticName; rd: Register; rn: Register; operand2: Operand2 }
  /** LSL/LSR/ASR/ROR by an immediate or (modulo the width) a register. */
  | { kind: 'shift'; shift: ShiftKind; rd: Register; rn: Register; amount: Operand2 }
  /** Rd = Ra ± Rn × Rm (MUL/MNEG: Ra = XZR). */
  | { kind: 'multiply'; negate: boolean; rd: Register; rn: Register; rm: Register; ra: Register }
  /** Xd = Xa ± Wn × Wm, the W inputs widened signed or unsigned. */
  | { kind: 'multiply-long'; signedInputs: boolean; negate: boolean; rd: Register; rn: Register; rm: Register; ra: Register }
  | { kind: 'divide'; signedInputs: boolean; rd: Register; rn: Register; rm: Register }
  /** Rd = cond ? Rn : op(Rm) (CSET/CINC… as their CSINC/CSINV/CSNEG forms). */
  | { kind: 'select'; op: SelectName; rd: Register; rn: Register; rm: Register; cond: Condition }
  /** UBFM/SBFM and their aliases (UBFX, SXTW, …). */
  | { kind: 'bitfield'; signExtended: boolean; rd: Register; rn: Register; immr: number; imms: number }
  | { kind: 'unary'; op: UnaryName; rd: Register; rn: Register }
  // ---- memory (memory.ts, atomics.ts) ----
  | { kind: 'load'; shape: AccessShape; tags: readonly Tag[]; rt: Register; mem: MemoryOperand }
  | { kind: 'store'; shape: AccessShape; tags: readonly Tag[]; rt: Register; mem: MemoryOperand }
  /** LDXR and kin; `rt2`: LDXP/LDAXP, a pair at consecutive addresses, Rt at the lower. */
  | { kind: 'load-exclusive'; shape: AccessShape; tags: readonly Tag[]; rt: Register; rt2?: Register; mem: MemoryOperand }
  /** STXR and kin (`rt2`: STXP/STLXP); status receives 0 on success, 1 on failure. */
  | { kind: 'store-exclusive'; shape: AccessShape; tags: readonly Tag[]; status: Register; rt: Register; rt2?: Register; mem: MemoryOperand }
  /** LDP/STP and kin; `highFirst`: STILP's pre-indexed form stores the higher address first. */
  | { kind: 'pair'; direction: 'load' | 'store'; shape: AccessShape; tags: readonly Tag[]; rt1: Register; rt2: Register; mem: MemoryOperand; highFirst: boolean }
  /** SWP and LD<op> (ST<op>: rt = XZR): write op(old, Rs), Rt receives the old value. */
  | { kind: 'atomic'; op: AtomicName; form: AtomicForm; rs: Register; rt: Register; mem: MemoryOperand }
  /** CAS: when the old value equals Rs, write Rt; Rs receives the old value. */
  /** CAS; with `rs2`/`rt2`, CASP: a pair compared and swapped at two consecutive addresses. */
  | { kind: 'cas'; form: AtomicForm; rs: Register; rt: Register; rs2?: Register; rt2?: Register; mem: MemoryOperand }
  // ---- control and barriers (control.ts) ----
  | { kind: 'nop' }
  /** DMB, DSB, ISB: a fence event with these tags. */
  | { kind: 'barrier'; tags: readonly Tag[] }
  | { kind: 'branch'; label: string }
  | { kind: 'branch-cond'; cond: Condition; label: string }
  /** CBZ/CBNZ, TBZ/TBNZ (`bit` set: test that bit, else the whole register). */
  | { kind: 'compare-branch'; jumpWhenZero: boolean; rt: Register; bit?: number; label: string }
  | { kind: 'branch-link'; label: string }
  /** BR, BLR (`link`: save the return address in X30). */
  | { kind: 'branch-register'; link: boolean; rn: Register }
  /** RET Xn; under Variant=telechat (`exit`), the thread ends. */
  | { kind: 'ret'; rn: Register; exit: boolean }
  | { kind: 'adr'; rd: Register; label: string };

/** The bytes each memory access of an instruction moves: its size, or its register's. */
export function accessSizesOf(op: AArch64Op): number[] {
  switch (op.kind) {
    case 'load':
    case 'store':
      return [op.shape.bytes ?? op.rt.width / 8];
    case 'load-exclusive':
    case 'store-exclusive': {
      const bytes = op.shape.bytes ?? op.rt.width / 8;
      return op.rt2 ? [bytes, bytes] : [bytes];
    }
    case 'pair': {
      const bytes = op.shape.bytes ?? op.rt1.width / 8;
      return [bytes, bytes];
    }
    case 'atomic':
      return [op.form.bytes ?? op.rs.width / 8];
    case 'cas': {
      const bytes = op.form.bytes ?? op.rs.width / 8;
      return op.rs2 ? [bytes, bytes] : [bytes];
    }
    default:
      return [];
  }
}

/** The labels an instruction may jump to or take the address of (the loader checks they exist). */
export function labelsOf(op: AArch64Op): string[] {
  switch (op.kind) {
    case 'branch':
    case 'branch-cond':
    case 'compare-branch':
    case 'branch-link':
    case 'adr':
      return [op.label];
    default:
      return [];
  }
}
