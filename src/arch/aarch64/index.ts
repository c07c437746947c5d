// The AArch64 architecture: instruction parsing and semantics for the engine.

import type { Arch } from '../../exec/types.js';
import { BARRIER_TAGS } from './control.js';
import { parseInstruction } from './instructions.js';
import { canonicalRegister } from './registers.js';

export const aarch64: Arch = {
  names: ['AArch64'],
  // Acquire, acquire-PC, release, exclusive/atomic, atomic without result; barriers.
  tags: ['A', 'Q', 'L', 'X', 'NoRet', ...BARRIER_TAGS],
  rejectsMixedSizes: true,
  parseInstruction,
  canonicalRegister,
};
