#!/usr/bin/env node
// The `litmus` command. Runs the one-file bundle of the command line
// (dist/litmus.cjs, made by `npm run build`) with the V8 code cache the same
// build stored beside it (scripts/code-cache.mjs), so that start-up does not
// compile the bundle's functions again (issue 11). V8 uses the cache only if
// it was made by this very V8 (version and flags) for this very text;
// otherwise it compiles the bundle as usual, and nothing else changes.
'use strict';

const { readFileSync, writeFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { dirname, join } = require('node:path');
const vm = require('node:vm');

const bundle = join(__dirname, '..', 'dist', 'litmus.cjs');
let cachedData;
try {
  cachedData = readFileSync(`${bundle}.cache`);
} catch {
  // No cache (a build without it): compile as usual.
}
// The same wrapper Node gives a CommonJS module, on the bundle's first line so that line numbers stay.
const wrapper = `(function (exports, require, module, __filename, __dirname) {${readFileSync(bundle, 'utf8')}\n})`;
const script = new vm.Script(wrapper, { filename: bundle, cachedData });
// scripts/code-cache.mjs: after a representative run, store what V8 compiled.
const cacheOut = process.env.LITMUS_WRITE_CODE_CACHE;
if (cacheOut) process.once('exit', () => writeFileSync(cacheOut, script.createCachedData()));
const module_ = { exports: {} };
script.runInThisContext()(module_.exports, createRequire(bundle), module_, bundle, dirname(bundle));
