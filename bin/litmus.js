#!/usr/bin/env node
// The `litmus` command. Runs the bundled command line, made by `npm run
// build`, in two files (issue 11): dist/litmus.cjs, the command line itself
// (its options, --help, --version), and dist/commands.cjs, the rest of
// litmus, which litmus.cjs loads through the function below only when a
// command runs. Each is compiled with a V8 code cache, so that start-up does
// not compile its functions again. V8 takes a cache only if the very same V8
// (version and flags) made it for this very text: first one this Node.js
// stored in the user's cache folder for the flags it runs with (written
// after a run whose cache V8 refused: another Node.js than the builder's,
// other flags in NODE_OPTIONS), else the one the build stored beside the
// bundle. Without either, the bundle compiles as usual; nothing else
// changes. LITMUS_NO_CODE_CACHE=1 turns all of this off;
// LITMUS_WRITE_CODE_CACHE=1 writes the build's caches (scripts/code-cache.mjs).
'use strict';

const { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { homedir } = require('node:os');
const { dirname, isAbsolute, join } = require('node:path');
const vm = require('node:vm');

const dist = join(__dirname, '..', 'dist');
const useCache = process.env.LITMUS_NO_CODE_CACHE !== '1';
const writeBuildCache = process.env.LITMUS_WRITE_CODE_CACHE === '1';
// Every cache is named after the Node.js that made it (the user's also after the bundle's size and
// time and the flags Node runs with), so that no other reads it.
const node = `${process.version}-${process.arch}`;
// XDG: a relative XDG_CACHE_HOME is to be ignored.
const cacheHome = process.env.XDG_CACHE_HOME && isAbsolute(process.env.XDG_CACHE_HOME) ? process.env.XDG_CACHE_HOME : join(homedir(), '.cache');
const userCacheDir = join(cacheHome, 'litmus');

/** A short tag of the flags Node runs with (FNV-1a): a user cache made under other flags is another file. */
function flagsTag() {
  const text = JSON.stringify([process.execArgv, process.env.NODE_OPTIONS ?? '']);
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(16).padStart(8, '0');
}

let engineFlagsSet = false;

/**
 * V8's flags for the engine (dist/commands.cjs), set once, just before it is
 * compiled. A flag changes what every code cache must match, Node's own for
 * its built-in modules too: set any earlier, --version and --help would
 * compile a dozen of Node's modules from source; as it is, only those first
 * loaded after this point are (the streams of the standard output are loaded
 * first, and a worker of `check` compiles Node's modules anew: a few ms, once
 * a run is long enough to start one). The build's cache of commands.cjs is
 * made under the same flags (scripts/code-cache.mjs runs this file).
 *
 * --interrupt-budget: V8 optimises a function (TurboFan, in background
 * threads) after it has used up its budget of bytecode a few times; in a run
 * of one small test that is mostly code that never runs again, 20 to 30 ms
 * of CPU and 2 MB of memory (issue 11). 1,000,000 is 15 times Node 20's
 * default (67,584; other V8 versions differ): a start's code stays with the
 * interpreter and baseline compiler, and a heavy test still reaches
 * optimised code within milliseconds. On Node 20, run MP took 0.160 s of CPU
 * instead of 0.177 s, check litmus/ 0.85 s instead of 1.34 s.
 *
 * --verify-snapshot-checksum: V8 otherwise checks only a cache's header, and
 * runs a cache whose contents were damaged (a flipped byte: a crash).
 */
function setEngineFlags() {
  if (engineFlagsSet) return;
  engineFlagsSet = true;
  // A cache made from now on would carry the new flags: take those of the scripts compiled so far now.
  for (const pending of pendingCaches) pending.data ??= pending.script.createCachedData();
  void process.stdout;
  void process.stderr;
  const v8 = require('node:v8');
  v8.setFlagsFromString('--interrupt-budget=1000000');
  v8.setFlagsFromString('--verify-snapshot-checksum');
}

function read(file) {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Caches to write when the process exits: each script's, taken then, or earlier (`data`) if V8's flags change before. */
const pendingCaches = [];

/**
 * After the run, what V8 compiled of `script` is kept in `file` for the next
 * one, and the files `stale` names are removed (best effort: a read-only
 * home is fine). Written whole under another name, then renamed: runs that
 * share a cache folder never read a half-written cache.
 */
function keepCache(script, file, stale) {
  const pending = { script, data: undefined };
  pendingCaches.push(pending);
  process.once('exit', () => {
    const temporary = `${file}.${process.pid}.tmp`;
    try {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(temporary, pending.data ?? script.createCachedData());
      renameSync(temporary, file);
      for (const old of readdirSync(dirname(file))) {
        if (stale(old) && join(dirname(file), old) !== file) rmSync(join(dirname(file), old), { force: true });
      }
    } catch {
      // No cache then: the next start compiles as this one did. (Nothing to remove where the folder could not be made.)
      try {
        rmSync(temporary, { force: true });
      } catch {}
    }
  });
}

const loaded = new Map();
/** How each bundle starts and ends: a function, called with a module's variables (scripts/bundle.mjs writes them). */
const OPEN = '(function (exports, require, module, __filename, __dirname) {';
const CALL = '(exports, require, module, __filename, __dirname);\n';

/** Runs dist/NAME.cjs (once) with its code cache and gives its exports. */
function loadBundle(name) {
  if (loaded.has(name)) return loaded.get(name);
  const bundle = join(dist, `${name}.cjs`);
  if (!existsSync(bundle)) {
    process.stderr.write(`litmus: ${bundle} is missing: run \`npm run build\` (npm ci does) first\n`);
    process.exit(2);
  }
  if (name === 'commands') setEngineFlags();
  const buildCache = join(dist, `${name}.cjs.${node}.cache`);
  const stats = statSync(bundle);
  const build = `${stats.size}-${Math.floor(stats.mtimeMs)}`;
  const userCache = join(userCacheDir, `${name}.cjs.${node}-${build}-${flagsTag()}.cache`);
  // The user's copy first: it exists only because this Node.js, under these flags, refused the build's or had none.
  const cachedData = useCache && !writeBuildCache ? (read(userCache) ?? read(buildCache)) : undefined;
  // The bundle is a function called on its last line (scripts/bundle.mjs), so that Node can run it
  // as a module too; V8 compiles the function without the call, a slice of the text, not a copy
  // of it (half a megabyte, issue 11). The bundle is ASCII (the build checks), so latin1 reads it
  // with no UTF-8 decoding.
  const text = readFileSync(bundle, 'latin1');
  if (!text.startsWith(OPEN) || !text.endsWith(CALL)) {
    process.stderr.write(`litmus: ${bundle} is not a bundle of this launcher's: run \`npm run build\` (npm ci does) again\n`);
    process.exit(2);
  }
  const script = new vm.Script(text.slice(0, -CALL.length), { filename: bundle, cachedData });
  if (writeBuildCache) keepCache(script, buildCache, () => false);
  else if (useCache && (!cachedData || script.cachedDataRejected)) {
    // This Node.js's copies for earlier builds of the bundle are of no more use (other flags', other Node.js's are kept).
    keepCache(script, userCache, (old) => old.startsWith(`${name}.cjs.${node}-`) && !old.startsWith(`${name}.cjs.${node}-${build}-`));
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
