// Bundles the command line into one file, dist/litmus.js (and the `check`
// worker into dist/worker.js), so that start-up reads and compiles one file
// instead of resolving several hundred modules (issue 11). dist/ keeps the
// per-module build for the library API. @viz-js/viz (Graphviz in
// WebAssembly, megabytes) stays outside: only pictures load it.
import { build } from 'esbuild';

await build({
  entryPoints: { litmus: 'src/cli/bin.ts', worker: 'src/cli/check/worker.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['@viz-js/viz'],
  minify: true,
  keepNames: true,
  sourcemap: 'linked',
  legalComments: 'linked',
  logLevel: 'warning',
  banner: {
    // CommonJS dependencies (commander) call require(); the flag skips chevrotain's grammar checks (syntax/grammar-checks.ts).
    js: "import { createRequire as litmusCreateRequire } from 'node:module'; const require = litmusCreateRequire(import.meta.url); globalThis.LITMUS_BUNDLED = true;",
  },
});
