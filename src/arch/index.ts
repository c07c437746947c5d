// The architectures the engine knows, looked up by a test's header word.

import { failAt } from '../errors.js';
import type { Arch } from '../exec/types.js';
import type { LitmusTest } from '../syntax/ast.js';
import { aarch64 } from './aarch64/index.js';
import { x86 } from './x86/index.js';
import { x86_64 } from './x86_64/index.js';

export const ARCHITECTURES: readonly Arch[] = [aarch64, x86, x86_64];

export function archFor(test: LitmusTest): Arch {
  const word = test.arch.toLowerCase();
  const arch = ARCHITECTURES.find((a) => a.names.some((n) => n.toLowerCase() === word));
  if (!arch) {
    const known = ARCHITECTURES.flatMap((a) => a.names).join(', ');
    failAt(test.pos, `architecture '${test.arch}' is not supported (supported: ${known})`);
  }
  return arch;
}
