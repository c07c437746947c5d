// Tables of macros from .def files (herd7's `macros` setting): the kernel's
// primitives by default, or the user's file.

import { LitmusError } from '../../errors.js';
import type { MacroTable } from '../../exec/types.js';
import type { CMacro } from '../../syntax/c/ast.js';
import { parseDefFile } from '../../syntax/c/parse.js';
import { LINUX_MACROS } from './linux-macros.js';

/**
 * The macros of a .def file's text, by name. Throws LitmusError (located in
 * `file`) for what it cannot read, or for a name defined twice.
 */
export function readMacros(text: string, file?: string): MacroTable {
  const table = new Map<string, CMacro>();
  for (const macro of parseDefFile(text, file)) {
    if (table.has(macro.name)) {
      throw new LitmusError({ ...(file !== undefined ? { file } : {}), pos: macro.pos, message: `the macro ${macro.name} is defined twice` });
    }
    table.set(macro.name, macro);
  }
  return table;
}

let linux: MacroTable | undefined;

/** The kernel's primitives as litmus ships them (linux-macros.ts), read once. */
export function linuxMacros(): MacroTable {
  linux ??= readMacros(LINUX_MACROS, 'litmus:linux-macros.def');
  return linux;
}
