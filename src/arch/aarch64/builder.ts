// What each instruction family's parser produces: the semantics, plus the
// labels it may jump to.

import type { TestOptions, ThreadContext } from '../../exec/types.js';
import type { Operand } from './operands.js';

export interface Semantics {
  execute(ctx: ThreadContext): void;
  branchTargets?: string[];
}

/** Parses the operands of one mnemonic (already upper-cased in `mnemonic.text`), under the test's options. */
export type Builder = (operands: readonly Operand[], mnemonic: Operand, options: TestOptions) => Semantics;
