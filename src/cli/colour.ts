// The command line's colours. chalk decides from the terminal, FORCE_COLOR
// and --no-color; NO_COLOR (https://no-color.org), set and not empty, turns
// colours off too, as users of many command-line tools expect. The bundled
// command line (scripts/bundle.mjs) runs this before any command; the library
// API leaves chalk to its caller.

import chalk from 'chalk';

/** Turns chalk's colours off when `env` sets NO_COLOR to something, unless it sets FORCE_COLOR (which wins, as in Node.js). */
export function honourNoColor(env: NodeJS.ProcessEnv = process.env): void {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '' && !('FORCE_COLOR' in env)) chalk.level = 0;
}
