// Turns command-line PATHs into test files: a .litmus file, a folder
// (searched recursively, in sorted order), or an index file listing tests one
// per line (like herd's @all; '#' starts a comment, paths are relative to it).

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { LitmusError } from '../errors.js';

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
  for (const path of paths) expandOne(path, add, new Set());
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
  const lines = readFileSync(path, 'utf8').split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = raw.replace(/#.*/, '').trim();
    if (line === '') return;
    const target = join(dirname(path), line);
    try {
      expandOne(target, add, visiting);
    } catch (e) {
      if (!(e instanceof LitmusError)) throw e;
      throw new LitmusError({ file: path, pos: { line: i + 1, column: raw.indexOf(line) + 1 }, message: `cannot read '${line}': no such file or folder` });
    }
  });
}
