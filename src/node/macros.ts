// Reads a .def file of macros (herd7's `macros` setting, e.g. the kernel's
// tools/memory-model/linux-kernel.def) once per run.

import { resolve } from 'node:path';
import { readMacros } from '../arch/c/macros.js';
import type { MacroTable } from '../exec/types.js';
import { readInputFile } from './read-input.js';

const cache = new Map<string, MacroTable>();

/**
 * The macros of the .def file at `path`, read and parsed once per process.
 * Throws LitmusError (located) for a file that is missing, unreadable or
 * has errors.
 */
export function loadMacrosFile(path: string): MacroTable {
  const key = resolve(path);
  let table = cache.get(key);
  if (!table) {
    table = readMacros(readInputFile(path, 'a .def file of macros'), path);
    cache.set(key, table);
  }
  return table;
}

/** `{ macros }` read from `options.macrosFile`, or nothing: for options objects of the analysis functions. */
export function macrosOf(options: { macrosFile?: string }): { macros?: MacroTable } {
  return options.macrosFile !== undefined ? { macros: loadMacrosFile(options.macrosFile) } : {};
}
