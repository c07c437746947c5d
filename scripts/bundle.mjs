// Bundles the command line into one file, dist/litmus.cjs (and the `check`
// worker into dist/worker.js), so that start-up reads and compiles one file
// instead of resolving several hundred modules (issue 11). dist/ keeps the
// per-module build for the library API. @viz-js/viz (Graphviz in
// WebAssembly, megabytes) stays outside: only pictures load it.
//
// The command line is CommonJS: Node starts a CommonJS file faster than an
// ES module, and bin/litmus.js can compile it with V8's code cache
// (scripts/code-cache.mjs). The worker runs in a thread of its own and stays
// an ES module.
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  external: ['@viz-js/viz'],
  minify: true,
  keepNames: false,
  sourcemap: 'linked',
  legalComments: 'linked',
  logLevel: 'warning',
  outdir: 'dist',
};
// commander loads node:child_process (and with it net, dgram, streams) at
// start-up, for subcommands that are separate programs, which litmus has
// none of: it gets a stand-in that loads the module on first use.
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(build) {
    build.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      /[\\/]node_modules[\\/]commander[\\/]/.test(args.importer) ? { path: 'child_process', namespace: 'lazy-child-process' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'lazy-child-process' }, () => ({
      contents: "module.exports = new Proxy({}, { get: (_, key) => require('node:child_process')[key] });",
      loader: 'js',
    }));
  },
};
// chevrotain's lexer fills a 65,536-entry table (char code to index) in
// every process that builds a lexer: 5 to 8 ms and half a megabyte at each
// start (issue 11), though the table is a formula and only characters past
// 255 ever reach it. The bundle computes the formula instead; the values are
// the same. The build stops if chevrotain's text no longer matches.
const chevrotainCharCodes = {
  name: 'chevrotain-char-codes',
  setup(build) {
    build.onLoad({ filter: /[\\/]chevrotain[\\/]lib[\\/]src[\\/]scan[\\/]lexer\.js$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      const table = ': charCodeToOptimizedIdxMap[charCode];';
      const fill = 'initCharCodeToOptimizedIndexMap();\n';
      if (text.split(table).length !== 2 || text.split(fill).length !== 2) {
        return { errors: [{ text: `chevrotain's lexer changed: ${args.path} no longer holds the char-code table this build replaces (scripts/bundle.mjs)` }] };
      }
      return { contents: text.replace(table, ': 255 + ~~(charCode / 255);').replace(fill, '\n'), loader: 'js' };
    });
  },
};
// The flag skips chevrotain's grammar checks (syntax/grammar-checks.ts).
const bundled = 'globalThis.LITMUS_BUNDLED = true;';

await build({
  ...common,
  entryPoints: { litmus: 'src/cli/bin.ts' },
  format: 'cjs',
  plugins: [lazyChildProcess, chevrotainCharCodes],
  outExtension: { '.js': '.cjs' },
  // Modules that find files beside themselves (the package root, the worker) ask import.meta.url.
  define: { 'import.meta.url': 'litmusModuleUrl' },
  // import('@viz-js/viz') becomes require() of its CommonJS build, so that the
  // bundle runs from a vm.Script (bin/litmus.js) with no dynamic-import hook.
  supported: { 'dynamic-import': false },
  banner: { js: `const litmusModuleUrl = require('node:url').pathToFileURL(__filename).href; ${bundled}` },
});

if (/\bimport\(/.test(readFileSync('dist/litmus.cjs', 'utf8'))) {
  console.error('bundle: dist/litmus.cjs still holds a dynamic import(), which bin/litmus.js cannot run');
  process.exit(1);
}

await build({
  ...common,
  entryPoints: { worker: 'src/cli/check/worker.ts' },
  format: 'esm',
  plugins: [chevrotainCharCodes],
  banner: {
    // CommonJS dependencies (commander) call require().
    js: `import { createRequire as litmusCreateRequire } from 'node:module'; const require = litmusCreateRequire(import.meta.url); ${bundled}`,
  },
});
