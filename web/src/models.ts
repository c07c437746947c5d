// The models the page offers: the .cat files we ship (bundled as text) and a
// user's own .cat text. Includes resolve among the shipped files.

import { type IncludeResolver, modelAppliesTo } from '../../src/browser.js';

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

export const STOCK_MODELS: readonly StockModel[] = [
  { key: 'aarch64', label: 'aarch64', hint: 'for AArch64 tests' },
  { key: 'x86tso', label: 'x86tso', hint: 'for X86 and X86_64 tests' },
  { key: 'sc', label: 'sc', hint: 'for every test' },
];

/** The key of the user's pasted model. */
export const CUSTOM_MODEL = 'custom';

// The same rule as the CLI's (src/cat/stock.ts): a model applies to the architectures it is written for.
export { modelAppliesTo };

export const resolveStockInclude: IncludeResolver = (name) => {
  const file = name.replace(/^.*\//, '');
  const source = STOCK_CAT_SOURCES[file];
  if (source === undefined) throw new Error(`cannot find included file '${name}'`);
  return { source, file };
};
