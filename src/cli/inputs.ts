// Turns command-line PATHs into test files: a .litmus file, a folder
// (searched recursively, in sorted order), or an index file listing tests one
// per line (like herd's @all; '#' starts a comment, paths are relative to it).

import { readdirSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { LitmusError } from '../errors.js';
import { fileProblem, readInputFile } from '../node/read-input.js';

/**
 * The test files PATHs name: files, folders (recursively, sorted) and index
 * files. Throws a LitmusError for a path that is none of them, and for a
 * folder with no .litmus test in it (a wrong path must not pass quietly).
 */
export function expandPaths(paths: string[]): string[] {
  const files: string[] = [];
  const seen = new Set<string>();
  let offered = 0; // tests found, a test named twice included
  const add = (file: string) => {
    offered++;
    const key = resolve(file);
    if (!seen.has(key)) {
      seen.add(key);
      files.push(file);
    }
  };
  for (const path of paths) {
    const before = offered;
    const folder = expandOne(path, add, new Set(), new Set());
    if (offered === before) {
      const message = folder ? 'no .litmus test in this folder' : 'this index file lists no test';
      throw new LitmusError({ file: path, pos: { line: 1, column: 1 }, message });
    }
  }
  return files;
}

/** A located error for a path the file system refused (rethrows anything else). */
function pathError(path: string, e: unknown): LitmusError {
  const problem = fileProblem(e);
  if (problem === undefined) throw e;
  return new LitmusError({ file: path, pos: { line: 1, column: 1 }, message: problem });
}

/**
 * Adds the tests `path` names; returns whether it is a folder. In a folder,
 * an entry named *.litmus that cannot be opened (a link to nothing, a link
 * loop) is still listed, so that reading it reports it where the user sees
 * it while the rest runs; a folder reached again through a link is skipped.
 */
function expandOne(path: string, add: (file: string) => void, visitingIndexes: Set<string>, visitedFolders: Set<string>): boolean {
  let stats;
  try {
    stats = statSync(path);
  } catch (e) {
    throw pathError(path, e);
  }
  if (stats.isDirectory()) {
    const real = realpathSync(path);
    if (visitedFolders.has(real)) return true;
    visitedFolders.add(real);
    let entries: string[];
    try {
      entries = readdirSync(path).sort();
    } catch (e) {
      throw pathError(path, e);
    }
    for (const entry of entries) {
      const child = join(path, entry);
      let isFolder = false;
      try {
        isFolder = statSync(child).isDirectory();
      } catch {
        // A broken link: a test if it is named like one (reported when read), else nothing of ours.
      }
      if (isFolder) expandOne(child, add, visitingIndexes, visitedFolders);
      else if (entry.endsWith('.litmus')) add(child);
    }
    return true;
  }
  if (path.endsWith('.litmus')) {
    add(path);
  } else {
    expandIndex(path, add, visitingIndexes);
  }
  return false;
}

function expandIndex(path: string, add: (file: string) => void, visiting: Set<string>): void {
  const key = resolve(path);
  if (visiting.has(key)) return;
  visiting.add(key);
  const text = readInputFile(path, 'a .litmus test or an index file listing tests');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000e-\u001f\ufffd]/.test(text)) {
    throw new LitmusError({ file: path, pos: { line: 1, column: 1 }, message: 'not a .litmus test nor an index file listing tests' });
  }
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/#.*/, '').trim();
    if (line === '') return;
    const target = join(dirname(path), line);
    try {
      expandOne(target, add, visiting, new Set());
    } catch (e) {
      if (!(e instanceof LitmusError)) throw e;
      const message = `read as an index file, this line names '${line}', which does not exist (a test file's name ends in .litmus)`;
      throw new LitmusError({ file: path, pos: { line: i + 1, column: Math.max(1, raw.indexOf(line) + 1) }, message });
    }
  });
}
