#!/usr/bin/env node
// The `litmus` command. Runs the bundled command line, made by `npm run
// build`, in two files (issue 11): dist/litmus.cjs, the command line itself
// (its options, --help, --version), and dist/commands.cjs, the rest of
// litmus, which litmus.cjs loads through the function below only when a
// command runs. Each is compiled with a V8 code cache, so that start-up does
// not compile its functions again. V8 takes a cache only if the very same V8
// (version and flags) made it for this very text: first the one the build
// stored beside the bundle, else one this Node.js stored in the user's cache
// folder (written after a run whose cache V8 refused: another Node.js than
// the builder's, other flags). Without either, the bundle compiles as usual;
// nothing else changes. LITMUS_NO_CODE_CACHE=1 turns all of this off;
// LITMUS_WRITE_CODE_CACHE=1 writes the build's caches (scripts/code-cache.mjs).
'use strict';

const { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { homedir } = require('node:os');
const { dirname, join } = require('node:path');
const vm = require('node:vm');

const dist = join(__dirname, '..', 'dist');
const useCache = process.env.LITMUS_NO_CODE_CACHE !== '1';
const writeBuildCache = process.env.LITMUS_WRITE_CODE_CACHE === '1';
// Every cache is named after the Node.js that made it (the user's also after the bundle's size and time), so no other reads it.
const node = `${process.version}-${process.arch}`;
const userCacheDir = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'litmus');

function read(file) {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** After the run, what V8 compiled of `script` is kept in `file` for the next one (best effort: a read-only home is fine). */
function keepCache(script, file, stale) {
  process.once('exit', () => {
    try {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, script.createCachedData());
      // This Node.js's copies for earlier builds of the bundle are of no more use (another Node.js's are kept).
      for (const old of readdirSync(dirname(file))) {
        if (stale(old) && join(dirname(file), old) !== file) rmSync(join(dirname(file), old), { force: true });
      }
    } catch {
      // No cache then: the next start compiles as this one did.
    }
  });
}

const loaded = new Map();

/** Runs dist/NAME.cjs (once) with its code cache and gives its exports. */
function loadBundle(name) {
  if (loaded.has(name)) return loaded.get(name);
  const bundle = join(dist, `${name}.cjs`);
  if (!existsSync(bundle)) {
    process.stderr.write(`litmus: ${bundle} is missing: run \`npm run build\` (npm ci does) first\n`);
    process.exit(2);
  }
  const buildCache = join(dist, `${name}.cjs.${node}.cache`);
  const stats = statSync(bundle);
  const userCache = join(userCacheDir, `${name}.cjs.${node}-${stats.size}-${Math.floor(stats.mtimeMs)}.cache`);
  // The user's copy first: it exists only because this Node.js refused the build's (other flags) or had none.
  const cachedData = useCache && !writeBuildCache ? (read(userCache) ?? read(buildCache)) : undefined;
  // The same wrapper Node gives a CommonJS module, on the bundle's first line so that line numbers stay.
  const wrapper = `(function (exports, require, module, __filename, __dirname) {${readFileSync(bundle, 'utf8')}\n})`;
  const script = new vm.Script(wrapper, { filename: bundle, cachedData });
  if (writeBuildCache) keepCache(script, buildCache, () => false);
  else if (useCache && (!cachedData || script.cachedDataRejected)) {
    keepCache(script, userCache, (old) => old.startsWith(`${name}.cjs.${node}-`) && old.endsWith('.cache'));
  }
  const module_ = { exports: {} };
  loaded.set(name, module_.exports);
  script.runInThisContext()(module_.exports, createRequire(bundle), module_, bundle, dirname(bundle));
  loaded.set(name, module_.exports);
  return module_.exports;
}

// dist/litmus.cjs asks for dist/commands.cjs by this name (scripts/bundle.mjs).
globalThis[Symbol.for('litmus.loadBundle')] = loadBundle;
loadBundle('litmus');
