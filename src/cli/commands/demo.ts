// `litmus demo`'s action (loaded only when the command is run).

import type { Command } from 'commander';
import { demoCommand } from '../demo.js';
import type { CommandContext } from './context.js';

/** Gives `command` demo's action. */
export function define(command: Command, { io, setStatus }: CommandContext): void {
  command.action(() => {
    setStatus(demoCommand(io));
  });
}
