// `npm run test:package` (and CI): the package as users get it. Packs this
// project with `npm pack` (from the built dist/), installs the tarball into a
// scratch package in a temporary folder, type-checks a TypeScript file that
// imports the API (`import { parseTest, simulate } from 'litmus'`) with the
// package's own .d.ts files, runs it, and checks the answer against herd7's
// for MP (Sometimes 1 3); then runs the installed command line on MP and has
// it draw a picture. Exits non-zero, saying why, when anything fails.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
if (!existsSync(join(root, 'dist', 'index.js'))) {
  console.error('package-check: dist/ is missing; run `npm run build` first');
  process.exit(1);
}
const work = mkdtempSync(join(tmpdir(), 'litmus-package-'));
const run = (command, args, cwd) => execFileSync(command, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });

try {
  run('npm', ['pack', '--ignore-scripts', '--pack-destination', work], root);
  const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
  const scratch = join(work, 'scratch');
  mkdirSync(scratch);
  writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'scratch', private: true, type: 'module' }, null, 2));
  run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', join(work, tarball)], scratch);
  writeFileSync(join(scratch, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, outDir: 'out', skipLibCheck: false, types: [] },
    include: ['main.ts'],
  }, null, 2));
  writeFileSync(join(scratch, 'main.ts'), `
import { parseTest, simulate, check, explain, compare, type TestResult, type Verdict } from 'litmus';

const text = \`AArch64 MP
{ 0:X1=x; 0:X3=y; 1:X1=y; 1:X3=x; }
 P0          | P1          ;
 MOV W0,#1   | LDR W0,[X1] ;
 STR W0,[X1] | LDR W2,[X3] ;
 MOV W2,#1   |             ;
 STR W2,[X3] |             ;
exists (1:X0=1 /\\\\ 1:X2=0)\`;

const test = parseTest(text, 'MP.litmus');
const result: TestResult = simulate(test);
const observation: Verdict = result.observation;
const forbidden = check(test, 'Forbidden').pass;
const why = explain(test).states.length;
const models = compare(test).models;
console.log(JSON.stringify({ observation, positive: result.positive, negative: result.negative, forbidden, why, models }));
`);
  run(join(root, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.json'], scratch);
  const output = JSON.parse(run('node', [join('out', 'main.js')], scratch));
  // herd7: MP without barriers is Sometimes 1 3; one state satisfies the condition; aarch64 and sc apply.
  const expected = { observation: 'Sometimes', positive: 1, negative: 3, forbidden: false, why: 1, models: ['AArch64', 'SC'] };
  if (JSON.stringify(output) !== JSON.stringify(expected)) {
    console.error(`package-check: expected ${JSON.stringify(expected)}, got ${JSON.stringify(output)}`);
    process.exitCode = 1;
  } else {
    console.log(`package-check: ${tarball} installs, type-checks and answers MP as herd7 does (${output.observation} ${output.positive} ${output.negative})`);
  }
  // The installed command line is the one-file bundle, with its stored stock models: it must answer the same.
  const herdText = run(join(scratch, 'node_modules', '.bin', 'litmus'), ['run', '--format', 'herd', join(root, 'litmus', 'aarch64', 'MP.litmus')], scratch);
  if (!herdText.includes('Observation MP Sometimes 1 3')) {
    console.error(`package-check: the installed litmus command answered:\n${herdText}`);
    process.exitCode = 1;
  } else {
    console.log('package-check: the installed litmus command answers MP the same');
  }
  // The build's V8 code caches (both files: a command loads dist/commands.cjs) are taken by this Node.js: the launcher writes its own copy only when V8 refuses one.
  const userCache = join(work, 'xdg');
  execFileSync(join(scratch, 'node_modules', '.bin', 'litmus'), ['run', join(root, 'litmus', 'aarch64', 'MP.litmus')], { cwd: scratch, env: { ...process.env, XDG_CACHE_HOME: userCache, NODE_OPTIONS: '' } });
  if (existsSync(join(userCache, 'litmus'))) {
    console.error(`package-check: V8 refused a code cache the build stored (the launcher wrote its own: ${readdirSync(join(userCache, 'litmus')).join(', ')})`);
    process.exitCode = 1;
  } else {
    console.log("package-check: the installed command line starts with the build's code caches");
  }
  // Pictures load Graphviz (WebAssembly) on demand, from inside the bundle.
  const pictures = join(work, 'pictures');
  run(join(scratch, 'node_modules', '.bin', 'litmus'), ['explain', '--graph', pictures, join(root, 'litmus', 'aarch64', 'MP.litmus')], scratch);
  const svg = existsSync(pictures) ? readdirSync(pictures).filter((f) => f.endsWith('.svg')) : [];
  if (svg.length === 0 || !readFileSync(join(pictures, svg[0]), 'utf8').includes('<svg')) {
    console.error('package-check: the installed litmus command drew no picture with explain --graph');
    process.exitCode = 1;
  } else {
    console.log('package-check: the installed litmus command draws pictures');
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
