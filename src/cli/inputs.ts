// Turns command-line PATHs into test files: a .litmus file, a folder
// (searched recursively, in sorted order), or an index file listing tests one
// per line (like herd's @all; '#' starts a comment, paths are relative to it).

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { LitmusError } from '../errors.js';

/**
 * The test files PATHs name: files, folders (recursively, sorted) and index
 * files. Throws a LitmusError for a path that is none of them, and for a
 * folder with no .litmus test in it (a wrong path must not pass quietly).
 */
export function expandPaths(paths: string[]): string[] {
  const files: string[] = [];
  const seen = new Set<string>();
  const add = (file: string) => {
    const key = resolve(file);
    if (!seen.has(key)) {
      seen.add(key);
      files.push(file);
    }
  };
  for (const path of paths) {
    const before = files.length;
    expandOne(path, add, new Set());
    if (files.length === before && statSync(path).isDirectory()) {
      throw new LitmusError({ file: path, pos: { line: 1, column: 1 }, message: 'no .litmus test in this folder' });
    }
  }
  return files;
}

function expandOne(path: string, add: (file: string) => void, visitingIndexes: Set<string>): void {
  let stats;
  try {
    stats = statSync(path);
  } catch {
    throw new LitmusError({ file: path, pos: { line: 1, column: 1 }, message: 'no such file or folder' });
  }
  if (stats.isDirectory()) {
    for (const entry of readdirSync(path).sort()) {
      const child = join(path, entry);
      if (statSync(child).isDirectory()) expandOne(child, add, visitingIndexes);
      else if (entry.endsWith('.litmus')) add(child);
    }
  } else if (path.endsWith('.litmus')) {
    add(path);
  } else {
    expandIndex(path, add, visitingIndexes);
  }
}

function expandIndex(path: string, add: (file: string) => void, visiting: Set<string>): void {
  const key = resolve(path);
  if (visiting.has(key)) return;
  visiting.add(key);
  const text = readFileSync(path, 'utf8');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000e-\u001f\ufffd]/.test(text)) {
    throw new LitmusError({ file: path, pos: { line: 1, column: 1 }, message: 'not a .litmus test nor an index file listing tests' });
  }
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/#.*/, '').trim();
    if (line === '') return;
    const target = join(dirname(path), line);
    try {
      expandOne(target, add, visiting);
    } catch (e) {
      if (!(e instanceof LitmusError)) throw e;
      const message = `read as an index file, this line names '${line}', which does not exist (a test file's name ends in .litmus)`;
      throw new LitmusError({ file: path, pos: { line: i + 1, column: Math.max(1, raw.indexOf(line) + 1) }, message });
    }
  });
}
