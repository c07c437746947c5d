// The `litmus` executable: runs the command line on the process's arguments.
// scripts/bundle.mjs bundles this file, with everything it imports, into
// dist/litmus.cjs, which bin/litmus.js loads: one file to read at start-up.

import { main } from './main.js';

// A closed pipe (`litmus run … | head`) ends the output quietly, not with a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
