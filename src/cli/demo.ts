// `litmus demo` (what `npm start` runs): the QEMU aio_ctx_prepare family under
// each architecture's own model and under SC, to show in one screen why the
// 2020 hang appeared on Arm but never on x86, and that the patch fixes it.

import { join } from 'node:path';
import chalk from 'chalk';
import { packagePath } from '../node/package-root.js';
import { compareCommand } from './compare.js';
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
  const status = compareCommand(files, { format: 'pretty', summaryOnly: true }, io);
  io.out(
    chalk.dim(
      '\nqemu-aio-llsc is the 2020 code on Arm: the bad outcome is allowed. The fix (DMB ISH) and LSE\n' +
        'atomics forbid it; on x86 the locked OR is a full barrier, so it never happened there.\n' +
        'Next: npx litmus compare litmus/qemu/qemu-aio-llsc.litmus   (state by state)\n' +
        '      npx litmus run litmus/qemu                           (herd7-style answers)\n' +
        '      npx litmus fix litmus/qemu/qemu-aio-llsc.litmus       (the cheapest changes that forbid the hang)\n',
    ),
  );
  return status;
}
