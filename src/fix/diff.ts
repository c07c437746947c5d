// A repair as a unified diff of the user's file (jsdiff), with git's a/ and
// b/ prefixes so that `git apply` or `patch -p1` takes it as it is.

import { createTwoFilesPatch } from 'diff';

/** The unified diff (3 lines of context) from `before` to `after`, both named `file`; '' when they are equal. */
export function unifiedDiff(file: string, before: string, after: string): string {
  if (before === after) return '';
  const patch = createTwoFilesPatch(`a/${file}`, `b/${file}`, before, after, undefined, undefined, { context: 3 });
  // jsdiff starts with a line of '=' and ends the header lines with a tab: keep what git writes.
  return patch.replace(/^=+\n/, '').replace(/^(---|\+\+\+) (.*)\t$/gm, '$1 $2');
}
