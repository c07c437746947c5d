// The X86 architecture (Intel syntax, 32-bit registers), as herd's X86 tests use it.

import type { Arch } from '../../exec/types.js';
import { instructionOf } from './instruction.js';
import { X86_TAGS } from './ops.js';
import { parseIntel } from './intel.js';
import { canonicalX86Register } from './registers.js';

export const x86: Arch = {
  names: ['X86'],
  tags: X86_TAGS,
  rejectsMixedSizes: false,
  parseInstruction: (cell, options) => instructionOf(cell, parseIntel(cell, options)),
  canonicalRegister: canonicalX86Register,
};
