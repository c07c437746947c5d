// How an instruction family reads its operands: a parser per mnemonic,
// from the cell's operands to the instruction's value (ops.ts). Errors are
// LitmusErrors at the operand at fault.

import type { TestOptions } from '../../exec/types.js';
import type { AArch64Op } from './ops.js';
import type { Operand } from './operands.js';

/** Parses the operands of one mnemonic (already upper-cased in `mnemonic.text`), under the test's options. */
export type Builder = (operands: readonly Operand[], mnemonic: Operand, options: TestOptions) => AArch64Op;
