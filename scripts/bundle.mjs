// Bundles the command line into two files (and the `check` worker into
// dist/worker.js), so that start-up reads and compiles a file or two instead
// of resolving several hundred modules (issue 11): dist/litmus.cjs, the
// command line (commander, --version, --help, what each command is), and
// dist/commands.cjs, each command's options and action with the rest of
// litmus, which litmus.cjs loads when a command runs (`--version` and
// `--help` never do). dist/ keeps the per-module build for the library API.
// @viz-js/viz (Graphviz in WebAssembly, megabytes) stays outside: only
// pictures load it.
//
// The command line is CommonJS: Node starts a CommonJS file faster than an
// ES module, and bin/litmus.js can compile it with V8's code cache
// (scripts/code-cache.mjs). The worker runs in a thread of its own and stays
// an ES module.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
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

// The commands main.ts imports lazily (src/cli/commands/NAME.ts, but for the context's types), all in dist/commands.cjs.
const COMMANDS = readdirSync('src/cli/commands').filter((f) => f.endsWith('.ts') && f !== 'context.ts').map((f) => f.slice(0, -'.ts'.length));
// Modules both files use whose identity matters: main.ts's `instanceof
// LitmusError` must see the class the commands throw, and commander is
// loaded once. litmus.cjs publishes its copies under this key; commands.cjs
// takes them from there instead of bundling its own.
const SHARED = { commander: 'commander', errors: resolve('src/errors.ts') };
const sharedKey = "Symbol.for('litmus.shared')";

// litmus.cjs: main.ts's import('./commands/NAME.js') becomes NAME of dist/commands.cjs, loaded by bin/litmus.js.
const commandsOutside = {
  name: 'commands-outside',
  setup(build) {
    build.onResolve({ filter: /^\.\/commands\/[a-z]+\.js$/ }, (args) => {
      const name = args.path.slice('./commands/'.length, -'.js'.length);
      return COMMANDS.includes(name) ? { path: name, namespace: 'command' } : undefined;
    });
    build.onResolve({ filter: /^\.\/commands\.cjs$/ }, () => ({ path: './commands.cjs', external: true }));
    build.onLoad({ filter: /.*/, namespace: 'command' }, (args) => ({
      // bin/litmus.js loads it with its code cache; run directly (node dist/litmus.cjs), litmus.cjs requires it beside itself.
      contents: `const load = globalThis[Symbol.for('litmus.loadBundle')]; module.exports = { define: (load ? load('commands') : require('./commands.cjs')).${args.path} };`,
      loader: 'js',
    }));
    // The entry: first the shared modules published, then the command line.
    build.onResolve({ filter: /^litmus-entry$/ }, () => ({ path: 'entry', namespace: 'litmus-entry' }));
    build.onLoad({ filter: /.*/, namespace: 'litmus-entry' }, () => ({
      contents: `import './publish-shared'; import './src/cli/bin.ts';`,
      resolveDir: resolve('.'),
      loader: 'js',
    }));
    build.onResolve({ filter: /^\.\/publish-shared$/ }, () => ({ path: 'publish', namespace: 'litmus-entry-shared' }));
    build.onLoad({ filter: /.*/, namespace: 'litmus-entry-shared' }, () => ({
      contents: `${Object.entries(SHARED).map(([key, from]) => `import * as ${key} from ${JSON.stringify(from)};`).join(' ')} globalThis[${sharedKey}] = { ${Object.keys(SHARED).join(', ')} };`,
      resolveDir: resolve('.'),
      loader: 'js',
    }));
  },
};

// commands.cjs: the shared modules are litmus.cjs's.
const sharedInside = {
  name: 'shared-inside',
  setup(build) {
    build.onResolve({ filter: /^commander$|(^|[\\/])errors\.js$/ }, (args) => {
      const key = Object.keys(SHARED).find((k) => SHARED[k] === args.path || SHARED[k] === resolve(args.resolveDir, args.path).replace(/\.js$/, '.ts'));
      return key !== undefined ? { path: key, namespace: 'shared' } : undefined;
    });
    // Run on its own (node dist/commands.cjs), the bundle finds nothing published: say what runs it.
    build.onLoad({ filter: /.*/, namespace: 'shared' }, (args) => ({
      contents: `const shared = globalThis[${sharedKey}]; if (!shared) { process.stderr.write('litmus: dist/commands.cjs is loaded by bin/litmus.js (the litmus command), not run on its own\\n'); process.exit(2); } module.exports = shared.${args.path};`,
      loader: 'js',
    }));
    build.onResolve({ filter: /^commands-entry$/ }, () => ({ path: 'entry', namespace: 'commands-entry' }));
    build.onLoad({ filter: /.*/, namespace: 'commands-entry' }, () => ({
      // NO_COLOR is honoured before any command prints (src/cli/colour.ts).
      contents: [`import { honourNoColor } from './src/cli/colour.ts'; honourNoColor();`, ...COMMANDS.map((name) => `export { define as ${name} } from './src/cli/commands/${name}.ts';`)].join('\n'),
      resolveDir: resolve('.'),
      loader: 'js',
    }));
  },
};

const commonJs = {
  ...common,
  format: 'cjs',
  outExtension: { '.js': '.cjs' },
  // Modules that find files beside themselves (the package root, the worker) ask import.meta.url.
  define: { 'import.meta.url': 'litmusModuleUrl' },
  // import('@viz-js/viz') becomes require() of its CommonJS build, so that the
  // bundle runs from a vm.Script (bin/litmus.js) with no dynamic-import hook.
  supported: { 'dynamic-import': false },
  banner: { js: `const litmusModuleUrl = require('node:url').pathToFileURL(__filename).href; ${bundled}` },
};
await build({ ...commonJs, entryPoints: { litmus: 'litmus-entry' }, plugins: [commandsOutside, lazyChildProcess] });
await build({ ...commonJs, entryPoints: { commands: 'commands-entry' }, plugins: [sharedInside, chevrotainCharCodes] });

// Each bundle becomes a function called with a module's variables on its
// last line: Node runs the file as a module as it is, and bin/litmus.js
// compiles the function without the call (a slice of the text it read, not a
// copy). The function opens on the first line, beside the banner, so that
// the source map's lines stay.
const OPEN = '(function (exports, require, module, __filename, __dirname) {';
const CALL = '\n})(exports, require, module, __filename, __dirname);\n';
for (const file of ['dist/litmus.cjs', 'dist/commands.cjs']) {
  const text = readFileSync(file, 'utf8');
  if (/\bimport\(/.test(text)) {
    console.error(`bundle: ${file} still holds a dynamic import(), which bin/litmus.js cannot run`);
    process.exit(1);
  }
  // bin/litmus.js reads the bundle as latin1, which is UTF-8 only for ASCII (esbuild's default charset).
  const wide = /[^\x00-\x7f]/.exec(text);
  if (wide) {
    console.error(`bundle: ${file} holds a character beyond ASCII (${JSON.stringify(wide[0])} at ${wide.index}), which bin/litmus.js would misread`);
    process.exit(1);
  }
  writeFileSync(file, `${OPEN}${text}${CALL}`);
}
// The command line alone must not bring the rest of litmus: a parser in litmus.cjs is start-up lost.
if (/chevrotain/.test(readFileSync('dist/litmus.cjs', 'utf8'))) {
  console.error('bundle: dist/litmus.cjs holds chevrotain: src/cli/main.ts imports more than the command line needs');
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
