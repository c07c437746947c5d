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

// V8 optimises a function (TurboFan, in background threads) once it has run
// about 132 KB of bytecode: in a run of one small test that is mostly
// functions that never run again, 20 to 30 ms of CPU and 2 MB of memory
// (issue 11). Seven times that budget leaves a start's code to the
// interpreter and baseline compiler; a heavy test still reaches optimised
// code within milliseconds, and took less CPU in the benchmark, not more
// (\`npm run bench\`; the perf corpus and \`check litmus/\`). A V8 flag is part
// of what a code cache must match, so the build's caches are made under it
// too (scripts/code-cache.mjs runs this file).
require('node:v8').setFlagsFromString('--interrupt-budget=1000000');

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
/** What ends each bundle: the call of its function with a module's variables (scripts/bundle.mjs writes it). */
const CALL = '(exports, require, module, __filename, __dirname);\n';

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
  // The bundle is a function called on its last line (scripts/bundle.mjs), so that Node can run it
  // as a module too; V8 compiles the function without the call, a slice of the text, not a copy
  // of it (half a megabyte, issue 11). The bundle is ASCII (the build checks), so latin1 reads it
  // with no UTF-8 decoding.
  const text = readFileSync(bundle, 'latin1');
  const call = text.endsWith(CALL) ? CALL.length : 0;
  if (call === 0) {
    process.stderr.write(`litmus: ${bundle} is not a bundle of this launcher's: run \`npm run build\` (npm ci does) again\n`);
    process.exit(2);
  }
  const script = new vm.Script(text.slice(0, text.length - call), { filename: bundle, cachedData });
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
