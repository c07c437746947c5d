// The AArch64 instruction table: mnemonic → the parser that turns its
// operands into the instruction's value (ops.ts). Adding an instruction: a
// line here, a case of AArch64Op if no existing one fits, its parser and its
// semantics in the family file (data-processing, memory, atomics, control).

import { failAt } from '../../errors.js';
import { type Instruction, NO_TEST_OPTIONS, type TestOptions } from '../../exec/types.js';
import type { InstructionCell } from '../../syntax/ast.js';
import { compareAndSwap, compareAndSwapPair, MEMORY_OPS, type Ordering, readModifyWrite, storeOperation } from './atomics.js';
import type { Builder } from './builder.js';
import {
  addressOfLabel, barrier, branch, branchToRegister, branchWithLink, compareAndBranch, conditionalBranch,
  conditionOfBranch, isb, nop, ret, testBitAndBranch,
} from './control.js';
import {
  binary, bitfield, bitfieldExtract, compare, conditionalSelect, conditionalSet, conditionalUnary, divide,
  extendInstruction, mov, movk, movn, movz, multiply, multiplyLong, shiftInstruction, unary, unaryFromZero,
  UNARY_TRANSFORMS,
} from './data-processing.js';
import { executeOp } from './execute.js';
import { type AccessShape, load, loadExclusive, loadExclusivePair, pair, store, storeExclusive, storeExclusivePair } from './memory.js';
import { type AArch64Op, accessSizesOf, labelsOf, type UnaryName } from './ops.js';
import { splitInstruction } from './operands.js';

const table = new Map<string, Builder>();

function define(name: string, builder: Builder): void {
  table.set(name, builder);
}

// Data processing.
define('MOV', mov);
define('MOVZ', movz);
define('MOVN', movn);
define('MOVK', movk);
for (const name of ['ADD', 'ADDS', 'SUB', 'SUBS', 'AND', 'ANDS', 'ORR', 'EOR', 'BIC', 'BICS', 'ORN', 'EON'] as const) define(name, binary(name));
define('CMP', compare('SUBS'));
define('CMN', compare('ADDS'));
define('TST', compare('ANDS'));
define('NEG', unaryFromZero('SUB'));
define('NEGS', unaryFromZero('SUBS'));
define('MVN', unaryFromZero('ORN'));
for (const kind of ['LSL', 'LSR', 'ASR', 'ROR'] as const) define(kind, shiftInstruction(kind));
for (const kind of ['MUL', 'MNEG', 'MADD', 'MSUB'] as const) define(kind, multiply(kind));
for (const kind of ['MULL', 'NEGL', 'ADDL', 'SUBL'] as const) {
  define(`S${kind === 'MULL' ? 'MULL' : `M${kind}`}`, multiplyLong(true, kind));
  define(`U${kind === 'MULL' ? 'MULL' : `M${kind}`}`, multiplyLong(false, kind));
}
define('SDIV', divide(true));
define('UDIV', divide(false));
for (const name of ['CSEL', 'CSINC', 'CSINV', 'CSNEG'] as const) define(name, conditionalSelect(name));
define('CSET', conditionalSet('CSINC'));
define('CSETM', conditionalSet('CSINV'));
define('CINC', conditionalUnary('CSINC'));
define('CINV', conditionalUnary('CSINV'));
define('CNEG', conditionalUnary('CSNEG'));
define('UBFM', bitfield(false));
define('SBFM', bitfield(true));
define('UBFX', bitfieldExtract(false));
define('SBFX', bitfieldExtract(true));
define('SXTB', extendInstruction(true, 8));
define('SXTH', extendInstruction(true, 16));
define('SXTW', extendInstruction(true, 32));
define('UXTB', extendInstruction(false, 8));
define('UXTH', extendInstruction(false, 16));
for (const name of Object.keys(UNARY_TRANSFORMS) as UnaryName[]) define(name, unary(name));

// Branches and barriers.
define('NOP', nop);
define('B', branch);
define('RET', ret);
define('BL', branchWithLink);
define('BR', branchToRegister(false));
define('BLR', branchToRegister(true));
define('ADR', addressOfLabel);
define('CBZ', compareAndBranch(true));
define('CBNZ', compareAndBranch(false));
define('TBZ', testBitAndBranch(true));
define('TBNZ', testBitAndBranch(false));
define('DMB', barrier('DMB'));
define('DSB', barrier('DSB'));
define('ISB', isb);

// Loads and stores.
const SIZES: [suffix: string, shape: AccessShape][] = [['', {}], ['B', { bytes: 1 }], ['H', { bytes: 2 }]];
for (const [suffix, shape] of SIZES) {
  for (const prefix of ['LDR', 'LDUR']) define(prefix + suffix, load(shape));
  for (const prefix of ['STR', 'STUR']) define(prefix + suffix, store(shape));
  define(`LDAR${suffix}`, load(shape, ['A'], true));
  define(`LDAPR${suffix}`, load(shape, ['Q'], true));
  define(`STLR${suffix}`, store(shape, ['L'], true));
  define(`LDXR${suffix}`, loadExclusive(shape, ['X']));
  define(`LDAXR${suffix}`, loadExclusive(shape, ['A', 'X']));
  define(`STXR${suffix}`, storeExclusive(shape, ['X']));
  define(`STLXR${suffix}`, storeExclusive(shape, ['L', 'X']));
}
define('LDXP', loadExclusivePair(['X']));
define('LDAXP', loadExclusivePair(['A', 'X']));
define('STXP', storeExclusivePair(['X']));
define('STLXP', storeExclusivePair(['L', 'X']));
for (const [name, shape] of [['SB', { bytes: 1 }], ['SH', { bytes: 2 }], ['SW', { bytes: 4 }]] as const) {
  define(`LDR${name}`, load({ ...shape, signExtended: true }));
  define(`LDUR${name}`, load({ ...shape, signExtended: true }));
}
define('LDP', pair('load'));
define('LDNP', pair('load'));
define('LDPSW', pair('load', { bytes: 4, signExtended: true }));
define('STP', pair('store'));
define('STNP', pair('store'));
define('LDIAPP', pair('load', {}, ['Q']));
define('STILP', pair('store', {}, ['L'], true));
define('LDAP', pair('load', {}, ['A']));
define('STLP', pair('store', {}, ['L']));

// LSE atomics.
const ORDERINGS: Ordering[] = ['', 'A', 'L', 'AL'];
const ATOMIC_SIZES: [string, 1 | 2 | undefined][] = [['', undefined], ['B', 1], ['H', 2]];
for (const ordering of ORDERINGS) {
  for (const [suffix, bytes] of ATOMIC_SIZES) {
    const form = { ordering, bytes };
    define(`SWP${ordering}${suffix}`, readModifyWrite('SWP', form));
    define(`CAS${ordering}${suffix}`, compareAndSwap(form));
    if (bytes === undefined) define(`CASP${ordering}`, compareAndSwapPair(form));
    for (const op of Object.keys(MEMORY_OPS) as Array<keyof typeof MEMORY_OPS>) {
      define(`LD${op}${ordering}${suffix}`, readModifyWrite(op, form));
      if (ordering === '' || ordering === 'L') define(`ST${op}${ordering}${suffix}`, storeOperation(op, form));
    }
  }
}

function builderFor(mnemonic: string): Builder | undefined {
  const builder = table.get(mnemonic);
  if (builder) return builder;
  const cond = conditionOfBranch(mnemonic);
  return cond ? conditionalBranch(cond) : undefined;
}

/**
 * The value of the instruction in `cell` (labels already split off), under
 * the test's options. Throws a LitmusError at the mnemonic or operand at fault.
 */
export function parseOp(cell: InstructionCell, options: TestOptions = NO_TEST_OPTIONS): AArch64Op {
  const { mnemonic, operands } = splitInstruction(cell);
  const name = mnemonic.text.toUpperCase();
  const builder = builderFor(name);
  if (!builder) failAt(mnemonic.pos, `unknown AArch64 instruction '${mnemonic.text}'`);
  return builder(operands, { text: name, pos: mnemonic.pos }, options);
}

/** The engine's Instruction for a cell: its value, run by the interpreter (execute.ts). */
export function parseInstruction(cell: InstructionCell, options: TestOptions = NO_TEST_OPTIONS): Instruction {
  const op = parseOp(cell, options);
  return {
    text: cell.text, pos: cell.pos, branchTargets: labelsOf(op), accessSizes: accessSizesOf(op), execute: (ctx) => executeOp(ctx, op),
  };
}
