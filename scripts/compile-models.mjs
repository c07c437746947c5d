// Stores each stock model compiled (dist/models/NAME.json, with the .cat text
// it comes from), so that the bundled command line starts without parsing and
// compiling the model (issue 11). Runs after tsc, from the per-module build.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { modelData } from '../dist/cat/index.js';
import { loadModel, precompiledFile, STOCK_MODEL_DIR } from '../dist/node/models.js';
import { STOCK_MODEL_NAMES } from '../dist/registry.js';

mkdirSync('dist/models', { recursive: true });
for (const name of STOCK_MODEL_NAMES) {
  const source = readFileSync(`${STOCK_MODEL_DIR}/${name}.cat`, 'utf8');
  writeFileSync(precompiledFile(name), JSON.stringify({ source, model: modelData(loadModel(name)) }));
}
