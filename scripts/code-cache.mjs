// Stores V8's code cache for the bundled command line (dist/litmus.cjs.NODE.cache),
// which bin/litmus.js hands to V8 so that start-up skips compiling the
// bundle (issue 11). The cache is taken after a representative run (AArch64
// and x86 tests answered and printed), so it holds the functions a run
// compiles, not only the top level. Runs after scripts/bundle.mjs.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';

// Named after this Node.js: bin/litmus.js reads it only under the same version (V8 would refuse it otherwise).
const cache = `dist/litmus.cjs.${process.version}-${process.arch}.cache`;
rmSync(cache, { force: true });
const run = spawnSync(process.execPath, ['bin/litmus.js', 'run', 'litmus/aarch64/MP.litmus', 'litmus/x86/SB.litmus'], {
  env: { ...process.env, LITMUS_WRITE_CODE_CACHE: cache, NO_COLOR: '1', NODE_OPTIONS: '' },
  encoding: 'utf8',
});
if (run.status !== 0 || !existsSync(cache)) {
  console.error(`code-cache: the representative run failed (exit ${run.status}):\n${run.stderr}`);
  process.exit(1);
}
