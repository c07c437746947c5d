#!/usr/bin/env node
import { main } from '../dist/cli/main.js';

// A closed pipe (`litmus run … | head`) ends the output quietly, not with a stack trace.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
