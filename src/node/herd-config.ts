// herd7's configuration files (`herd7 -conf linux-kernel.cfg`): `key value`
// lines naming the model, its bell file, the macros of C primitives, the
// variants and options herd7 runs with. litmus honours the keys that change
// answers; the drawing keys (graph, showevents, fontsize, …) it ignores.

import { existsSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { LitmusError, type SourcePos } from '../errors.js';
import { isStockModel } from '../registry.js';
import { closest } from '../spelling.js';
import { readInputFile } from './read-input.js';

/** What a configuration file asks for, its files found (absolute paths, or a stock model's name). */
export interface HerdConfig {
  /** The .cat file (herd7's `model`), or a stock model for one of herd7's library files found nowhere else (`rc11.cat`). */
  model?: string;
  /** herd7's `bell`: read before the model. */
  bell?: string;
  /** herd7's `macros`: the .def file of C primitives. */
  macros?: string;
  /** herd7's `variant` values; `mixed` is -variant mixed. */
  variants: string[];
  /** herd7's `hexa`. */
  hexa?: boolean;
  /** Folders the configuration adds to the include path (`include DIR`, relative to it), before the -I ones. */
  includeDirs: string[];
}

/** Keys that only change herd7's pictures or its own search for configurations: read and left alone. */
const DRAWING_KEYS = new Set([
  'graph', 'squished', 'showevents', 'movelabel', 'fontsize', 'xscale', 'yscale', 'arrowsize', 'showinitrf', 'showfinalrf',
  'showinitwrites', 'splines', 'pad', 'edgeattr', 'doshow', 'unshow', 'showthread', 'showlegend', 'showkind', 'local-conf',
  'candidates', 'initwrites', 'show', 'showraw', 'dotmode', 'dotcom', 'nshow',
]);

/** The keys litmus honours. */
const TAKEN_KEYS = ['model', 'bell', 'macros', 'include', 'variant', 'hexa'];

/** Keys that change herd7's answers, which litmus does not honour: an error, never silently ignored. */
const ANSWER_KEYS: Readonly<Record<string, string>> = {
  skipchecks: 'skips checks of the model',
  strictskip: 'changes which checks are skipped',
  through: 'lets executions through that checks reject',
  speedcheck: 'stops at the first execution that answers the condition',
};

/**
 * Reads a herd7 configuration file. Each file it names is looked for beside
 * it, in `includeDirs` (herd7's -I) and in the current folder; a model found
 * nowhere that names one of herd7's library models litmus ships
 * (`rc11.cat`, `aarch64.cat`, `x86tso.cat`, `sc.cat`) is that stock model.
 * Throws LitmusError at the line of a key it cannot honour.
 */
export function readHerdConfig(path: string, includeDirs: readonly string[]): HerdConfig {
  const text = readInputFile(path, 'a herd7 configuration file');
  const config: HerdConfig = { variants: [], includeDirs: [] };
  const problems: Array<{ pos: SourcePos; message: string }> = [];
  const lines = text.replace(/\(\*[\s\S]*?\*\)/g, (c) => c.replace(/[^\n]/g, ' ')).split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = raw.replace(/#.*$/, '');
    const match = /^\s*([\w.-]+)\s*(?:=\s*|\s+)(.*?)\s*$/.exec(line);
    if (!match) {
      if (line.trim() !== '') problems.push({ pos: { line: i + 1, column: 1 }, message: `expected 'key value', found '${line.trim()}'` });
      return;
    }
    const [, key, value] = match as unknown as [string, string, string];
    const pos = { line: i + 1, column: raw.indexOf(value) + 1 };
    /** The file `value` names: beside the configuration, in its and the -I folders, then the current folder. */
    const locate = (): string | undefined => lookFor(value, [dirname(path), ...config.includeDirs, ...includeDirs, '.']);
    const find = (what: string): string | undefined => {
      const found = locate();
      if (!found) problems.push({ pos, message: `cannot find ${what} '${value}' beside ${basename(path)}, in the -I folders or in the current folder` });
      return found;
    };
    switch (key) {
      case 'model': {
        const stock = basename(value, '.cat');
        config.model = locate() ?? (isStockModel(stock) ? stock : find('the model'));
        break;
      }
      case 'bell': config.bell = find('the bell file'); break;
      case 'macros': config.macros = find('the macros file'); break;
      case 'include': config.includeDirs.push(resolve(dirname(path), value)); break;
      case 'variant': config.variants.push(...value.split(/[\s,]+/).filter((v) => v !== '')); break;
      case 'hexa': config.hexa = value === 'true'; break;
      default:
        if (ANSWER_KEYS[key] !== undefined) problems.push({ pos: { line: i + 1, column: 1 }, message: `'${key}' ${ANSWER_KEYS[key]} in herd7, which changes its answers: litmus does not take it yet` });
        else if (!DRAWING_KEYS.has(key)) {
          // A near miss of a key litmus takes is a typo (`bel`); anything else is some herd7 setting.
          const near = closest(key, TAKEN_KEYS);
          const message = near ? `unknown setting '${key}' (did you mean '${near}'?)` : `'${key}' is a herd7 setting litmus does not take`;
          problems.push({ pos: { line: i + 1, column: 1 }, message: `${message} (it takes ${TAKEN_KEYS.join(', ')}; drawing settings are ignored)` });
        }
    }
  });
  if (problems.length > 0) throw new LitmusError(problems.map((p) => ({ file: path, ...p })));
  return config;
}

/** The first of `folders` that holds the file `name` (a path relative to it), as its path; undefined when none does. */
export function lookFor(name: string, folders: readonly string[]): string | undefined {
  return folders.map((dir) => resolve(dir, name)).find((candidate) => existsSync(candidate));
}

/** The include folders a run searches: the configuration's, then the -I ones (absolute). */
export function includePath(config: HerdConfig | undefined, includeDirs: readonly string[]): string[] {
  return [...(config?.includeDirs ?? []), ...includeDirs.map((dir) => resolve(dir))];
}

