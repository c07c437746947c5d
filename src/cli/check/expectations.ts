// What a test is expected to answer under a model. A kinds file beside the
// tests says it: `kinds.txt` for each architecture's own model, and
// `kinds.MODEL.txt` (e.g. `kinds.sc.txt`) for another model. `--kinds FILE`
// names files explicitly (read the same way from their names) and then
// replaces that lookup (and applies whatever the model, unless its name says
// another). Without an entry, a test that states its answer (a `Result:`
// line, see outcome/stated-result.ts) must give that Observation; any other
// passes when herd7 would print Ok for it.

import { existsSync } from 'node:fs';
import { readInputFile } from '../../node/read-input.js';
import { basename, dirname, join } from 'node:path';
import { type Diagnostic, LitmusError } from '../../errors.js';
import { type KindsEntry, readKinds } from '../../outcome/kinds.js';
import type { Kind } from '../../outcome/result.js';

export interface KindsFile {
  file: string;
  /** The model it is for; undefined: each architecture's own model. */
  model?: string;
  /** Its good lines; a bad line is left out and reported once (`problems`). */
  entries: Map<string, KindsEntry>;
  problems: Diagnostic[];
}

/**
 * What each test is expected to answer per model: kinds files found beside
 * the tests, or given with --kinds.
 */
export class Expectations {
  private readonly cache = new Map<string, KindsFile | null>();
  /** Kinds files beside the tests that could not be read, each with its error (reported once, not per test). */
  readonly unreadable = new Map<string, unknown>();

  constructor(private readonly explicit: KindsFile[] = []) {}

  static readExplicit(files: string[]): Expectations {
    return new Expectations(files.map(readKindsFile));
  }

  /** The kinds files that apply to a test file under a model (`isDefault`: the model is the arch's own). */
  kindsFor(testFile: string, model: string, isDefault: boolean): KindsFile[] {
    const applies = (k: KindsFile) => (k.model === undefined ? isDefault : k.model === model);
    // Files named with --kinds replace the ones beside the tests, and always
    // apply: kinds.MODEL.txt to its model, any other name to every model.
    if (this.explicit.length > 0) return this.explicit.filter((k) => k.model === undefined || k.model === model);
    const dir = dirname(testFile);
    const beside = [`kinds.${model}.txt`, ...(isDefault ? ['kinds.txt'] : [])].map((name) => this.read(join(dir, name)));
    return beside.filter((k): k is KindsFile => k !== undefined && applies(k)).slice(0, 1);
  }

  /** What the first applicable kinds file listing the test expects, and that file. */
  expected(testName: string, testFile: string, model: string, isDefault: boolean): { kind: Kind; file: string } | undefined {
    for (const kinds of this.kindsFor(testFile, model, isDefault)) {
      const entry = kinds.entries.get(testName);
      if (entry) return { kind: entry.kind, file: kinds.file };
    }
    return undefined;
  }

  /** Every kinds file consulted so far (to report entries whose test is missing). */
  consulted(): KindsFile[] {
    return [...this.explicit, ...[...this.cache.values()].filter((k): k is KindsFile => k !== null)];
  }

  private read(file: string): KindsFile | undefined {
    if (!this.cache.has(file)) {
      let kinds: KindsFile | null = null;
      try {
        if (existsSync(file)) kinds = readKindsFile(file);
      } catch (e) {
        if (!(e instanceof LitmusError)) throw e;
        this.unreadable.set(file, e);
      }
      this.cache.set(file, kinds);
    }
    return this.cache.get(file) ?? undefined;
  }
}

/**
 * A kinds file, read and parsed: its good entries, and its bad lines as
 * problems. Throws a LitmusError for a file that is missing or cannot be read.
 */
export function readKindsFile(file: string): KindsFile {
  if (!existsSync(file)) throw new LitmusError({ file, pos: { line: 1, column: 1 }, message: 'no such kinds file' });
  const model = /^kinds\.(.+)\.txt$/.exec(basename(file))?.[1];
  return { file, model, ...readKinds(readInputFile(file, 'a kinds file (NAME Allowed|Forbidden|Required per line)'), file) };
}
