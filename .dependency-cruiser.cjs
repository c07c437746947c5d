// The layering of ../shared/design/ARCHITECTURE.md, checked (test/layers.spec.ts
// and `npm run lint:deps`): a module imports only from its own stage or the
// stages listed before it, type-only imports included; no cycles; the core
// (syntax → outcome, and the analysis layer) touches no Node API, terminal
// or file system, so it runs unchanged in the browser's worker.

/** The stages, lowest first: each may import from itself and those before it. */
const STAGES = [
  ['errors', '^src/(errors|limits|spelling)\\.ts$'],
  ['syntax', '^src/syntax/'],
  ['exec', '^src/exec/'],
  // What an architecture offers `litmus fix`: declared by each architecture, read by the search.
  ['repair-table', '^src/fix/table\\.ts$'],
  ['arch', '^src/arch/'],
  ['registry', '^src/(registry|stock-models)\\.ts$'],
  ['relation', '^src/relation/'],
  ['cat', '^src/cat/'],
  ['enumerate', '^src/enumerate/'],
  ['outcome', '^src/outcome/'],
  ['simulate', '^src/simulate\\.ts$'],
  // litmus compile: C tests to assembly tests (reads the C front end's steps, writes text).
  ['compile', '^src/compile/'],
  ['analysis', '^src/analysis/'],
  ['fix', '^src/fix/(?!table\\.ts$)'],
  ['report', '^src/report/'],
  ['node', '^src/node/'],
  ['api', '^src/(index|browser)\\.ts$'],
  ['cli', '^src/cli/'],
  ['bench', '^src/bench/'],
  ['fuzz', '^src/fuzz/'],
];

const layering = STAGES.map(([name, path], i) => ({
  name: `no-${name}-upward`,
  comment: `${name} may import only from the stages before it: ${STAGES.slice(0, i).map(([n]) => n).join(', ') || 'none'}`,
  severity: 'error',
  from: { path },
  to: { path: STAGES.slice(i + 1).map(([, p]) => `(${p})`).join('|') || '^$', dependencyTypesNot: [] },
}));

const CORE = '^src/(errors\\.ts|limits\\.ts|spelling\\.ts|syntax|exec|arch|registry\\.ts|stock-models\\.ts|relation|cat|enumerate|outcome|simulate\\.ts|compile|analysis|fix)';

module.exports = {
  forbidden: [
    ...layering,
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'page-through-the-browser-api',
      comment: 'the playground reaches the engine only through src/browser.ts',
      severity: 'error',
      from: { path: '^web/src/' },
      to: { path: '^src/', pathNot: '^src/browser\\.ts$' },
    },
    {
      name: 'core-is-pure',
      comment: 'the core runs in a browser worker: no Node built-ins, no terminal colours or progress bars',
      severity: 'error',
      from: { path: CORE },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'core-is-pure-packages',
      severity: 'error',
      from: { path: CORE },
      to: { path: 'node_modules/(chalk|cli-progress|commander)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
