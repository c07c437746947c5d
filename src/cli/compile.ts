// `litmus compile`: C tests written out as the assembly tests a target's
// compiler mapping makes of them (src/compile/).

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileTest, TARGET_NAMES } from '../compile/index.js';
import { UsageError } from '../errors.js';
import { macrosOf } from '../node/macros.js';
import { readInputFile } from '../node/read-input.js';
import { describeFailure, isInternalFailure } from '../node/simulate-file.js';
import { parseLitmus } from '../syntax/parse.js';
import { expandPaths } from './inputs.js';
import type { Output } from './run.js';

export interface CompileCommandOptions {
  /** The targets (one or more of TARGET_NAMES). */
  targets: string[];
  /** Write NAME.TARGET.litmus files here instead of printing them. */
  out?: string;
  macrosFile?: string;
}

/** Compiles each C test for each target. Returns 0, or 2 when some input or construct could not be compiled. */
export function compileCommand(paths: string[], options: CompileCommandOptions, io: Output): number {
  const unknown = options.targets.filter((t) => !TARGET_NAMES.includes(t));
  if (unknown.length > 0 || options.targets.length === 0) {
    throw new UsageError(`--target: ${unknown.length > 0 ? `no target ${unknown.map((t) => `'${t}'`).join(', ')}` : 'name one'} (the targets: ${TARGET_NAMES.join(', ')})`);
  }
  if (options.out !== undefined) mkdirSync(options.out, { recursive: true });
  let status = 0;
  for (const file of expandPaths(paths)) {
    // The same error for several targets (a spinlock no table maps) is said once, naming them.
    const errors = new Map<string, string[]>();
    for (const target of options.targets) {
      try {
        const test = parseLitmus(readInputFile(file, 'a .litmus test'), file);
        const compiled = compileTest(test, target, macrosOf(options));
        if (options.out === undefined) io.out(compiled.text + '\n');
        else {
          const written = join(options.out, `${compiled.name}.litmus`);
          writeFileSync(written, compiled.text);
          io.err(`wrote ${written}\n`);
        }
      } catch (e) {
        const message = describeFailure(e, file);
        errors.set(message, [...(errors.get(message) ?? []), target]);
        status = Math.max(status, isInternalFailure(e) ? 3 : 2);
      }
    }
    for (const [message, targets] of errors) {
      const which = options.targets.length > 1 ? ` (${targets.length === options.targets.length ? 'every target' : targets.join(', ')})` : '';
      io.err(message.split('\n').map((line) => `${line}${which}\n`).join(''));
    }
  }
  return status;
}
