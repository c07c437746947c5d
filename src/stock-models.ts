// The models litmus ships, by name, with what each follows: plain data,
// apart from the registry (src/registry.ts re-exports it) so that the
// command line can print --version and --help without loading the
// architectures, their parsers and tables (issue 11).

/** A model shipped with litmus, in src/cat/models/NAME.cat. */
export interface StockModel {
  /** Its name on the command line and the page, and its file's base name: 'aarch64'. */
  readonly name: string;
  /** What it follows, for `litmus --version` and the README. */
  readonly source: string;
}

export const STOCK_MODELS: readonly StockModel[] = [
  {
    name: 'aarch64',
    source: "Arm's AArch64 model (Arm ARM B2.3), plain memory, as herdtools7 rev 5feffe4 (herd7 7.58+1, Aug 2026) ships it",
  },
  { name: 'x86tso', source: 'x86-TSO (Owens, Sarkar, Sewell 2009); answers as herd7 7.58+1 (rev 5feffe4) x86tso.cat gives them' },
  { name: 'sc', source: 'sequential consistency (Lamport 1979)' },
  { name: 'lkmm', source: "the Linux kernel's memory model (Alglave, Maranget, McKenney, Parri, Stern, ASPLOS 2018; with plain accesses and SRCU as tools/memory-model describes them), locks as read-modify-writes" },
  { name: 'rc11', source: 'RC11, repaired C11 (Lahav, Vafeiadis, Kang, Hur, Dreyer, PLDI 2017), with its data races undefined; answers as herd7 7.58+1 rc11.cat gives them' },
];

/** The names of the stock models, in the order they are offered. */
export const STOCK_MODEL_NAMES: readonly string[] = STOCK_MODELS.map((m) => m.name);

/** Whether `name` is a stock model's name. */
export function isStockModel(name: string): boolean {
  return STOCK_MODEL_NAMES.includes(name);
}

