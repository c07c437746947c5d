// Every kinds.txt entry of our own library (litmus/) and of herd's catalogue
// holds under the architecture's default model. The catalogue's two
// entries that herd7's own model contradicts are checked against herd7's
// answer instead (see ../shared/conformance/README.md).

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusAvailable, SHARED_DIR } from '../src/bench/corpus.js';
import { simulateFile } from '../src/node/simulate-file.js';
import { matchesKind, observedKind, parseKinds } from '../src/outcome/kinds.js';

const LIBRARY = join(import.meta.dirname, '..', 'litmus');

function kindsFolders(root: string): string[] {
  if (!existsSync(root)) return [];
  const found = existsSync(join(root, 'kinds.txt')) ? [root] : [];
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    if (entry.isDirectory()) found.push(...kindsFolders(join(root, entry.name)));
  }
  return found;
}

/** herd7's current aarch64.cat contradicts these catalogue kinds; herd7's recorded answer rules. */
const HERD_CONTRADICTS: Record<string, string> = {
  'LB+CAS-rfi-ctrl+DMBSY': 'Forbidden',
  'R+CAS-rfi-ctrl+DMBST': 'Forbidden',
};

/** Checks a folder's kinds.txt (the architecture's own model) or kinds.MODEL.txt (`model`). */
function checkFolder(folder: string, exceptions: Record<string, string> = {}, model?: string) {
  const kindsFile = join(folder, model ? `kinds.${model}.txt` : 'kinds.txt');
  const kinds = parseKinds(readFileSync(kindsFile, 'utf8'), kindsFile);
  for (const [name, entry] of kinds) {
    const file = join(folder, `${name}.litmus`);
    it(`${name} is ${exceptions[name] ?? entry.kind}${model ? ` under ${model}` : ''}`, () => {
      expect(existsSync(file), `${file} listed in ${kindsFile}`).toBe(true);
      const outcome = simulateFile(file, model);
      if ('error' in outcome) throw new Error(outcome.error);
      if (exceptions[name]) expect(observedKind(outcome.result)).toBe(exceptions[name]);
      else expect(matchesKind(outcome.result, entry.kind), `observed ${observedKind(outcome.result)}`).toBe(true);
    });
  }
}

describe('kinds of our library', () => {
  const folders = kindsFolders(LIBRARY);
  it('has kinds files', () => expect(folders.length).toBeGreaterThan(0));
  for (const folder of folders) {
    describe(folder.slice(LIBRARY.length + 1), () => {
      checkFolder(folder);
      // kinds.MODEL.txt: the same tests' answers under another stock model.
      for (const entry of readdirSync(folder)) {
        const other = /^kinds\.(\w+)\.txt$/.exec(entry);
        if (other) checkFolder(folder, {}, other[1]);
      }
    });
  }
});

describe.skipIf(!corpusAvailable())('kinds of herd\'s AArch64 catalogue', () => {
  // The body runs while collecting even when skipped: touch the corpus only if it is there.
  if (corpusAvailable()) checkFolder(join(SHARED_DIR, 'conformance', 'herd', 'aarch64'), HERD_CONTRADICTS);
});
