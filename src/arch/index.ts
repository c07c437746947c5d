// The architectures the engine knows, looked up by a test's header word.

import type { CompiledModel } from '../cat/api.js';
import { type Diagnostic, failAt } from '../errors.js';
import type { Arch } from '../exec/types.js';
import type { LitmusTest } from '../syntax/ast.js';
import { aarch64 } from './aarch64/index.js';
import { x86 } from './x86/index.js';
import { x86_64 } from './x86_64/index.js';

export const ARCHITECTURES: readonly Arch[] = [aarch64, x86, x86_64];

/**
 * Event annotations a model names that no architecture produces: they are
 * empty sets, which is right for a model that names herd's event classes we
 * never generate, and wrong for a typo (`DMBISH`): worth a warning.
 */
export function unknownEventTags(model: CompiledModel): Diagnostic[] {
  const known = new Set(ARCHITECTURES.flatMap((a) => a.tags));
  return model.eventTags
    .filter((use) => !known.has(use.name))
    .map((use) => ({
      file: use.file,
      pos: use.pos,
      message: `no architecture's events carry '${use.name}', so it is the empty set (a typo?)`,
    }));
}

export function archFor(test: LitmusTest): Arch {
  const word = test.arch.toLowerCase();
  const arch = ARCHITECTURES.find((a) => a.names.some((n) => n.toLowerCase() === word));
  if (!arch) {
    const known = ARCHITECTURES.flatMap((a) => a.names).join(', ');
    failAt(test.pos, `architecture '${test.arch}' is not supported (supported: ${known})`);
  }
  return arch;
}
