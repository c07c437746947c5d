// `litmus demo` (what `npm start` runs): the QEMU aio_ctx_prepare family under
// each architecture's own model and under SC, to show in one screen why the
// 2020 hang appeared on Arm but never on x86, and that the patch fixes it.

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import chalk from 'chalk';
import { expandPaths } from './inputs.js';
import type { Output } from './run.js';
import { simulateFile } from './simulate-file.js';

export const LIBRARY_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'litmus');

export function demoCommand(io: Output): number {
  const files = expandPaths([join(LIBRARY_DIR, 'qemu')]);
  io.out(chalk.bold('The QEMU aio_ctx_prepare / aio_bh_enqueue race (2020), test by test:\n'));
  io.out(chalk.dim('"allowed" means the bad outcome in the test\'s condition can happen.\n\n'));
  let status = 0;
  for (const file of files) {
    const own = simulateFile(file, undefined);
    const sc = simulateFile(file, 'sc');
    if ('error' in own || 'error' in sc) {
      io.err(('error' in own ? own.error : (sc as { error: string }).error) + '\n');
      status = 2;
      continue;
    }
    const describe = (r: typeof own.result) =>
      r.positive > 0 ? chalk.red(`allowed   under ${r.model}`) : chalk.green(`forbidden under ${r.model}`);
    io.out(`${chalk.bold(own.result.name.padEnd(28))} ${describe(own.result).padEnd(40)}  ${describe(sc.result)}\n`);
  }
  io.out(chalk.dim('\nRun `npx litmus run litmus/qemu` for the states, `npx litmus --help` for more.\n'));
  return status;
}
