// The models the page offers: the .cat files we ship (bundled as text) and a
// user's own .cat text. Includes resolve among the shipped files.

import { type IncludeResolver, modelAppliesTo, modelArchitectures, STOCK_MODELS as REGISTRY_MODELS } from '../../src/browser.js';

const catFiles = import.meta.glob<string>('../../src/cat/models/*.cat', { query: '?raw', import: 'default', eager: true });

/** Shipped model sources by file name (`aarch64.cat`, `cos.cat`, …). */
export const STOCK_CAT_SOURCES: Record<string, string> = Object.fromEntries(
  Object.entries(catFiles).map(([path, source]) => [path.replace(/^.*\//, ''), source]),
);

export interface StockModel {
  key: string;
  label: string;
  /** Which tests it is for, shown beside the choice. */
  hint: string;
}

/** The registry's stock models (src/registry.ts), each with the tests it is for. */
export const STOCK_MODELS: readonly StockModel[] = REGISTRY_MODELS.map(({ name }) => {
  const arches = modelArchitectures(name);
  return { key: name, label: name, hint: arches.length === 0 ? 'for every test' : `for ${arches.join(' and ')} tests` };
});

/** The key of the user's pasted model. */
export const CUSTOM_MODEL = 'custom';

// The same rule as the CLI's (src/registry.ts): a model applies to the architectures it is written for.
export { modelAppliesTo };

export const resolveStockInclude: IncludeResolver = (name) => {
  const file = name.replace(/^.*\//, '');
  const source = STOCK_CAT_SOURCES[file];
  if (source === undefined) throw new Error(`cannot find included file '${name}'`);
  return { source, file };
};
