// The X86_64 architecture (AT&T syntax), as herd's X86_64 tests use it. It
// shares the x86 operations; only the syntax and the register names differ.

import type { Arch } from '../../exec/types.js';
import { instructionOf } from '../x86/instruction.js';
import { X86_TAGS } from '../x86/ops.js';
import { parseAtt } from './att.js';
import { canonicalX86_64Register } from './registers.js';

export const x86_64: Arch = {
  names: ['X86_64'],
  tags: X86_TAGS,
  rejectsMixedSizes: false,
  parseInstruction: (cell, options) => instructionOf(cell, parseAtt(cell, options)),
  canonicalRegister: canonicalX86_64Register,
};
