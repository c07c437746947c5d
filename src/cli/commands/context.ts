// What a command's definition gets from the command line: where to print and
// how to hand back its exit status.

import type { Output } from '../output.js';

export interface CommandContext {
  io: Output;
  /** Whether `io` is the process's own standard output and error (a terminal may get a progress bar). */
  console: boolean;
  /** Records the command's exit status (0 fine, 1 a check failed, 2 bad input or a limit). */
  setStatus(status: number): void;
}
