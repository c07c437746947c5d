// The model and options a suite of the shared corpus runs with: those of its
// herd7 configuration file, taken as `litmus run --conf FILE -I DIR` takes
// them (cli/options.ts), or the suite's own options.

import { join } from 'node:path';
import { memoryFlags } from '../cli/options.js';
import { setModelSearch } from '../node/models.js';
import type { FileOptions } from '../node/simulate-file.js';
import { SHARED_DIR, type Suite } from './corpus.js';

/**
 * The model (undefined: each test's own) and options `suite`'s tests run
 * with. A suite with a configuration file also sets where models are looked
 * for, for the whole process, until `restoreSettings`. Throws LitmusError
 * for a configuration file litmus cannot honour.
 */
export function suiteSettings(suite: Suite): { model?: string; options: FileOptions } {
  if (!suite.conf) return { options: suite.options ?? {} };
  const flags = memoryFlags({ conf: join(SHARED_DIR, suite.conf.file), include: suite.conf.include.map((dir) => join(SHARED_DIR, dir)) });
  return {
    ...(flags.model !== undefined && { model: flags.model }),
    options: { ...suite.options, ...(flags.macrosFile !== undefined && { macrosFile: flags.macrosFile }), ...(flags.hexa && { hexa: true }), ...(flags.mixed && { mixed: true }) },
  };
}

/** Models looked for as when no configuration file is given (after a suite with one). */
export function restoreSettings(): void {
  setModelSearch({ includeDirs: [] });
}
