// What a test is expected to answer under a model. A kinds file beside the
// tests says it: `kinds.txt` for each architecture's own model, and
// `kinds.MODEL.txt` (e.g. `kinds.sc.txt`) for another model. `--kinds FILE`
// names files explicitly (read the same way from their names) and then
// replaces that lookup. Without an entry, a test passes when herd7 would
// print Ok for it.

import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { type KindsEntry, parseKinds } from '../../outcome/kinds.js';
import type { Kind } from '../../outcome/result.js';

export interface KindsFile {
  file: string;
  /** The model it is for; undefined: each architecture's own model. */
  model?: string;
  entries: Map<string, KindsEntry>;
}

export class Expectations {
  private readonly cache = new Map<string, KindsFile | null>();

  constructor(private readonly explicit: KindsFile[] = []) {}

  static readExplicit(files: string[]): Expectations {
    return new Expectations(files.map(readKindsFile));
  }

  /** The kinds file that applies to a test file under a model (`isDefault`: the model is the arch's own). */
  kindsFor(testFile: string, model: string, isDefault: boolean): KindsFile | undefined {
    const applies = (k: KindsFile) => (k.model === undefined ? isDefault : k.model === model);
    // Files named with --kinds replace the ones beside the tests.
    if (this.explicit.length > 0) return this.explicit.find(applies);
    const dir = dirname(testFile);
    for (const name of [`kinds.${model}.txt`, ...(isDefault ? ['kinds.txt'] : [])]) {
      const found = this.read(join(dir, name));
      if (found && applies(found)) return found;
    }
    return undefined;
  }

  expected(testName: string, testFile: string, model: string, isDefault: boolean): { kind: Kind; source: string } | undefined {
    const kinds = this.kindsFor(testFile, model, isDefault);
    const entry = kinds?.entries.get(testName);
    return entry && kinds ? { kind: entry.kind, source: `${kinds.file}:${entry.line}` } : undefined;
  }

  /** Every kinds file consulted so far (to report entries whose test is missing). */
  consulted(): KindsFile[] {
    return [...this.explicit, ...[...this.cache.values()].filter((k): k is KindsFile => k !== null)];
  }

  private read(file: string): KindsFile | undefined {
    if (!this.cache.has(file)) this.cache.set(file, existsSync(file) ? readKindsFile(file) : null);
    return this.cache.get(file) ?? undefined;
  }
}

export function readKindsFile(file: string): KindsFile {
  const model = /^kinds\.(.+)\.txt$/.exec(basename(file))?.[1];
  return { file, model, entries: parseKinds(readFileSync(file, 'utf8'), file) };
}
