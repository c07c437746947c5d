// `litmus demo` (what `npm start` runs): the QEMU aio_ctx_prepare family under
// each architecture's own model and under SC, to show in one screen why the
// 2020 hang appeared on Arm but never on x86, and that the patch fixes it.

import { join } from 'node:path';
import chalk from 'chalk';
import { packagePath } from '../node/package-root.js';
import { compareCommand } from './compare.js';
import { levelsCommand } from './levels.js';
import type { Output } from './run.js';

export const LIBRARY_DIR = packagePath('litmus');

/** The story's order: the bug, its fixes, x86, then the unfenced and message-passing variants. */
const STORY = [
  'qemu-aio-llsc', 'qemu-aio-llsc+dmb', 'qemu-aio-ldsetal', 'qemu-aio-x86-lockor',
  'qemu-aio-plain', 'qemu-aio-x86-plain', 'qemu-aio-mp', 'qemu-aio-mp+dmbs', 'qemu-aio-mp+rel+acq', 'qemu-aio-x86-mp',
];

/** `litmus demo`: the QEMU family under each model. Returns the exit status. */
export function demoCommand(io: Output): number {
  io.out(chalk.bold('The QEMU aio_ctx_prepare / aio_bh_enqueue race (2020)\n'));
  io.out(
    'The main loop sets notify_me with an atomic OR, then reads the bottom-half flags; a worker\n' +
      'publishes a bottom half, runs smp_mb(), then reads notify_me. The bad outcome: both read\n' +
      'the old values, nobody wakes the main loop, and QEMU hangs.\n\n',
  );
  const files = STORY.map((name) => join(LIBRARY_DIR, 'qemu', `${name}.litmus`));
  let status = compareCommand(files, { format: 'pretty', summaryOnly: true }, io);
  io.out(
    chalk.dim(
      '\nqemu-aio-llsc is the 2020 code on Arm: the bad outcome is allowed. The fix (DMB ISH) and LSE\n' +
        'atomics forbid it; on x86 the locked OR is a full barrier, so it never happened there.\n' +
        'Next: npx litmus compare litmus/qemu/qemu-aio-llsc.litmus   (state by state)\n' +
        '      npx litmus run litmus/qemu                           (herd7-style answers)\n' +
        '      npx litmus fix litmus/qemu/qemu-aio-llsc.litmus       (the cheapest changes that forbid the hang)\n',
    ),
  );
  io.out(chalk.bold('\nThe same race from QEMU\'s C, at every level: the C model, then compiled for each target\n\n'));
  const cTests = ['qemu-aio.c', 'qemu-aio+smp_mb.c'].map((name) => join(LIBRARY_DIR, 'qemu', `${name}.litmus`));
  status = Math.max(status, levelsCommand(cTests, { format: 'pretty' }, io));
  io.out(
    chalk.dim(
      'The C code was wrong under RC11 all along: nothing orders the relaxed read after the seq_cst\n' +
        'atomic_or. x86 (LOCK OR) and Armv8.1 (LDSETAL) hide it; Armv8.0\'s LDAXR/STLXR loop shows it:\n' +
        'the 2020 hang. With the patch\'s smp_mb() it is forbidden at every level.\n' +
        'Next: npx litmus compile --target aarch64 litmus/qemu/qemu-aio.c.litmus   (the Armv8.0 code)\n',
    ),
  );
  return status;
}
