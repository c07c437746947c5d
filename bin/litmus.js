#!/usr/bin/env node
// The `litmus` command. Runs the one-file bundle of the command line
// (dist/litmus.cjs, made by `npm run build`) with a V8 code cache, so that
// start-up does not compile the bundle's functions again (issue 11). V8 takes
// a cache only if the very same V8 (version and flags) made it for this very
// text: first the one the build stored beside the bundle, else one this
// Node.js stored in the user's cache folder (written after a run whose cache
// V8 refused: another Node.js than the builder's, other flags). Without
// either, the bundle compiles as usual; nothing else changes.
// LITMUS_NO_CODE_CACHE=1 turns all of this off.
'use strict';

const { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { homedir } = require('node:os');
const { dirname, join } = require('node:path');
const vm = require('node:vm');

const bundle = join(__dirname, '..', 'dist', 'litmus.cjs');
if (!existsSync(bundle)) {
  process.stderr.write(`litmus: ${bundle} is missing: run \`npm run build\` (npm ci does) first\n`);
  process.exit(2);
}

function read(file) {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

const useCache = process.env.LITMUS_NO_CODE_CACHE !== '1';
// Both copies are named after the Node.js that made them (the user's also after the bundle's size and time), so no other reads them.
const node = `${process.version}-${process.arch}`;
const buildCache = join(dirname(bundle), `litmus.cjs.${node}.cache`);
const stats = statSync(bundle);
const userCache = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'litmus', `litmus.cjs.${node}-${stats.size}-${Math.floor(stats.mtimeMs)}.cache`);
// The user's copy first: it exists only because this Node.js refused the build's (other flags) or had none.
const cachedData = useCache ? (read(userCache) ?? read(buildCache)) : undefined;

// The same wrapper Node gives a CommonJS module, on the bundle's first line so that line numbers stay.
const wrapper = `(function (exports, require, module, __filename, __dirname) {${readFileSync(bundle, 'utf8')}\n})`;
const script = new vm.Script(wrapper, { filename: bundle, cachedData });
const writeTo = process.env.LITMUS_WRITE_CODE_CACHE || (useCache && (!cachedData || script.cachedDataRejected) ? userCache : undefined);
if (writeTo) {
  // After the run, what V8 compiled is worth keeping for the next one (best effort: a read-only home is fine).
  process.once('exit', () => {
    try {
      mkdirSync(dirname(writeTo), { recursive: true });
      writeFileSync(writeTo, script.createCachedData());
      if (writeTo === userCache) {
        // This Node.js's copies for earlier builds of the bundle are of no more use (another Node.js's are kept).
        for (const old of readdirSync(dirname(userCache))) {
          if (old.startsWith(`litmus.cjs.${node}-`) && old.endsWith('.cache') && join(dirname(userCache), old) !== userCache) rmSync(join(dirname(userCache), old), { force: true });
        }
      }
    } catch {
      // No cache then: the next start compiles as this one did.
    }
  });
}
const module_ = { exports: {} };
script.runInThisContext()(module_.exports, createRequire(bundle), module_, bundle, dirname(bundle));
