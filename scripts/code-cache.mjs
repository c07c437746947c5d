// Stores V8's code caches for the bundled command line (dist/litmus.cjs and
// dist/commands.cjs, each beside it as NAME.cjs.NODE.cache), which
// bin/litmus.js hands to V8 so that start-up skips compiling the bundles
// (issue 11). The caches are taken after a representative run (AArch64 and
// x86 tests answered and printed), so they hold the functions a run
// compiles, not only the top level. Runs after scripts/bundle.mjs.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';

// Named after this Node.js: bin/litmus.js reads them only under the same version (V8 would refuse them otherwise).
const caches = ['litmus', 'commands'].map((name) => `dist/${name}.cjs.${process.version}-${process.arch}.cache`);
for (const cache of caches) rmSync(cache, { force: true });
const run = spawnSync(process.execPath, ['bin/litmus.js', 'run', 'litmus/aarch64/MP.litmus', 'litmus/x86/SB.litmus'], {
  env: { ...process.env, LITMUS_WRITE_CODE_CACHE: '1', NO_COLOR: '1', NODE_OPTIONS: '' },
  encoding: 'utf8',
});
if (run.status !== 0 || !caches.every((cache) => existsSync(cache))) {
  console.error(`code-cache: the representative run failed (exit ${run.status}):\n${run.stderr}`);
  process.exit(1);
}
