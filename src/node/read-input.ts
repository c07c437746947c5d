// Reads a file the user named (a test, a model, a kinds file), turning every
// way that can fail into a located message: a missing file, a folder, a link
// that loops, no permission, or a file too large to be one of ours (checked
// before reading: a test of 1 MiB already takes about a second to parse).

import { readFileSync, statSync } from 'node:fs';
import { LitmusError } from '../errors.js';

/** The largest input file litmus reads, in bytes (herd7's largest tests are a few KiB). */
export const MAX_INPUT_BYTES = 2 ** 20;

/**
 * The text of `file`, which should be `what` ("a .litmus test", "a .cat
 * model"). Throws LitmusError at `file`:1:1 when it is missing, a folder, a
 * looping link, unreadable, or over MAX_INPUT_BYTES.
 */
export function readInputFile(file: string, what: string): string {
  const fail = (message: string): never => {
    throw new LitmusError({ file, pos: { line: 1, column: 1 }, message });
  };
  try {
    const stats = statSync(file);
    if (stats.isDirectory()) fail(`this is a folder; expected ${what}`);
    if (stats.size > MAX_INPUT_BYTES) fail(`this file has ${stats.size} bytes, over the limit of ${MAX_INPUT_BYTES} (1 MiB) for ${what}`);
    return readFileSync(file, 'utf8');
  } catch (e) {
    if (e instanceof LitmusError) throw e;
    if ((e as NodeJS.ErrnoException).code === 'EISDIR') return fail(`this is a folder; expected ${what}`);
    const problem = fileProblem(e);
    if (problem === undefined) throw e;
    return fail(problem);
  }
}

/**
 * What a failed file-system call (`e`, a Node error with an errno code) means
 * for the path it was given, in words; undefined for any other error.
 */
export function fileProblem(e: unknown): string | undefined {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code !== 'string') return undefined;
  switch (code) {
    case 'ENOENT': return 'no such file or folder (or a link to nothing)';
    case 'ELOOP': return 'a symbolic link that leads back to itself';
    case 'EACCES': case 'EPERM': return 'cannot be read (permission denied)';
    case 'ENOTDIR': return 'a part of this path is a file, not a folder';
    case 'ENAMETOOLONG': return 'this path is too long';
    default: return `cannot be read (${code})`;
  }
}
