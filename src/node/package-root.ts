// Where the installed package is, so that the files it ships (the stock
// models, the test library, package.json) are found from any build: the
// TypeScript sources (tests), dist/ (the library) or the one-file bundle of
// the command line, which all sit at different depths below it.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/**
 * The path of `parts` inside the package: the nearest folder above this
 * module holding litmus's package.json. Throws when there is none (a
 * module copied out of its package).
 */
export function packagePath(...parts: string[]): string {
  root ??= findRoot(dirname(fileURLToPath(import.meta.url)));
  return join(root, ...parts);
}

function findRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'litmus') return dir;
    if (dirname(dir) === dir) throw new Error(`internal: litmus's package.json is not above ${start}`);
  }
}
