// The one list of what litmus knows: the architectures (by the word a test's
// header starts with), the models we ship, and which model is each
// architecture's own. Everything else asks here: the engine (which
// architecture a test is), the CLI (defaults, --version, which models
// `compare` and `check` apply) and the playground (its model choices).
//
// Adding an architecture: its folder under src/arch/ (with its repairs.ts, the moves of `litmus fix`) and one line in
// ARCHITECTURES. Adding a stock model: its .cat file in src/cat/models/ and one
// line in STOCK_MODELS (src/stock-models.ts; and, if it is an architecture's own, a line here).

import { aarch64 } from './arch/aarch64/index.js';
import { x86 } from './arch/x86/index.js';
import { x86_64 } from './arch/x86_64/index.js';
import { c, cModelFor } from './arch/c/index.js';
import { aarch64Repairs } from './arch/aarch64/repairs.js';
import { x86Repairs, x86_64Repairs } from './arch/x86/repairs.js';
import { c11Repairs, linuxRepairs } from './arch/c/repairs.js';
import type { RepairTable } from './fix/table.js';
import { failAt, LitmusError } from './errors.js';
import { type Arch, tagSetName } from './exec/types.js';
import type { LitmusTest } from './syntax/ast.js';

export { isStockModel, STOCK_MODEL_NAMES, STOCK_MODELS, type StockModel } from './stock-models.js';

/**
 * The architectures, each with its own model: the one a test runs under when
 * the user names none. A stock model that is some architecture's own is
 * written for those architectures only; the others (sc) apply to every test.
 */
export const ARCHITECTURES: ReadonlyArray<{
  readonly arch: Arch;
  /** Its own model. */
  readonly model: string;
  readonly repairs?: RepairTable;
  /** When its tests take different moves: the table for one test (C: the kernel's primitives or C11's atomics). */
  readonly repairsForTest?: (test: LitmusTest) => RepairTable;
  /** Every table `repairsForTest` may give (for the cost file's entries). */
  readonly otherRepairs?: readonly RepairTable[];
  /** Other stock models written for its tests (and for them alone). */
  readonly otherModels?: readonly string[];
  /**
   * Which of its models a test runs under when the user names none, when
   * that depends on the test; each of those models is then written for the
   * tests it is chosen for alone (`audience` says which, in words).
   */
  readonly modelForTest?: (test: LitmusTest) => string;
  readonly audience?: Readonly<Record<string, string>>;
}> = [
  { arch: aarch64, model: 'aarch64', repairs: aarch64Repairs },
  { arch: x86, model: 'x86tso', repairs: x86Repairs },
  { arch: x86_64, model: 'x86tso', repairs: x86_64Repairs },
  // A test of the kernel's primitives runs under the kernel's model, and is repaired with the kernel's primitives.
  {
    arch: c, model: 'rc11', otherModels: ['lkmm'],
    repairs: c11Repairs, otherRepairs: [linuxRepairs],
    repairsForTest: (test) => (cModelFor(test) === 'lkmm' ? linuxRepairs : c11Repairs),
    modelForTest: cModelFor,
    audience: { rc11: "C tests of C11 atomics (calling none of the kernel's primitives)", lkmm: "C tests that call the kernel's primitives" },
  },
];

/**
 * The architecture a test is written for, by its header word (any case).
 * Throws a LitmusError at the header when litmus does not know it.
 */
export function archFor(test: LitmusTest): Arch {
  const word = test.arch.toLowerCase();
  const entry = ARCHITECTURES.find(({ arch }) => arch.names.some((n) => n.toLowerCase() === word));
  if (!entry) {
    const known = ARCHITECTURES.flatMap(({ arch }) => arch.names).join(', ');
    failAt(test.pos, `architecture '${test.arch}' is not supported (supported: ${known})`);
  }
  return entry.arch;
}

/**
 * The model a test runs under when the user names none: its architecture's
 * own (`aarch64` for AArch64, `x86tso` for X86 and X86_64; for C, `lkmm`
 * when it uses the kernel's primitives, else `rc11`). A LitmusError when
 * litmus does not know the test's architecture.
 */
export function defaultModelFor(test: LitmusTest): string {
  const entry = ARCHITECTURES.find((e) => e.arch === archFor(test));
  return entry?.modelForTest?.(test) ?? entry?.model ?? 'sc';
}

/** The moves and costs `litmus fix` may use on the test's architecture (fix/table.ts); a LitmusError at its header when there are none. */
export function repairTableFor(test: LitmusTest): RepairTable {
  const entry = ARCHITECTURES.find((e) => e.arch === archFor(test));
  const table = entry?.repairsForTest?.(test) ?? entry?.repairs;
  if (table) return table;
  const message = `litmus fix has no repair moves for ${test.arch} tests yet (it repairs ${ARCHITECTURES.filter((e) => e.repairs).map((e) => e.arch.names[0]).join(', ')} tests)`;
  throw new LitmusError({ ...(test.file !== undefined ? { file: test.file } : {}), pos: test.pos, message });
}

/** Every repair table of every architecture (each cost file entry is one of theirs). */
export function allRepairTables(): RepairTable[] {
  return ARCHITECTURES.flatMap((e) => [...(e.repairs ? [e.repairs] : []), ...(e.otherRepairs ?? [])]);
}

/**
 * The architectures (by header word) a stock model is written for; empty for
 * a model that applies to every architecture (sc, or a user's .cat file).
 */
export function modelArchitectures(model: string): string[] {
  return ARCHITECTURES.filter((entry) => entry.model === model || entry.otherModels?.includes(model)).map(({ arch }) => arch.names[0]);
}

/**
 * Whether `model` (a stock model name or a user's file) applies to `test`,
 * or to tests of architecture `test` when given a header word. A model one
 * of several of an architecture (C: rc11, lkmm) applies to the tests it is
 * chosen for (see modelForTest).
 */
export function modelAppliesTo(model: string, test: LitmusTest | string): boolean {
  const arch = typeof test === 'string' ? test : test.arch;
  const arches = modelArchitectures(model);
  if (arches.length === 0) return true;
  if (!arches.some((a) => a.toLowerCase() === arch.toLowerCase())) return false;
  if (typeof test === 'string') return true;
  const entry = ARCHITECTURES.find((e) => e.arch.names.some((n) => n.toLowerCase() === arch.toLowerCase()));
  const chosen = entry?.modelForTest && (entry.model === model || entry.otherModels?.includes(model));
  return !chosen || entry!.modelForTest!(test) === model;
}

/** The tests a stock model is written for, in words: 'AArch64 tests', 'C tests that call the kernel's primitives'. */
export function modelAudience(model: string): string {
  const entry = ARCHITECTURES.find((e) => e.model === model || e.otherModels?.includes(model));
  return entry?.audience?.[model] ?? `${modelArchitectures(model).join(' and ')} tests`;
}

/** Every annotation some architecture's events carry, as a model may name it (a model naming another is probably misspelt). */
export function knownEventTags(): ReadonlySet<string> {
  return new Set(ARCHITECTURES.flatMap(({ arch }) => arch.tags).flatMap((tag) => [tag, tagSetName(tag)]));
}

/** Which model each architecture's tests run under by default, in words (for --help and --version). */
export function defaultModelsText(): string {
  const byModel = new Map<string, string[]>();
  for (const { arch, model } of ARCHITECTURES) byModel.set(model, [...(byModel.get(model) ?? []), arch.names[0]]);
  const own = [...byModel].map(([model, arches]) => `${model} for ${arches.join(' and ')}`);
  const others = ARCHITECTURES.flatMap(({ otherModels }) => (otherModels ?? []).map((m) => `${m} for ${modelAudience(m)}`));
  return `the test's architecture's own: ${[...own, ...others].join(', ')}`;
}
