// The shared reference corpora (herd7's catalogue with recorded answers, and
// the perf tests), located beside the checkout in ../shared.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { SimulateOptions } from '../simulate.js';

export const SHARED_DIR = resolve(process.env.LITMUS_SHARED ?? join(process.cwd(), '..', 'shared'));

export interface CorpusTest {
  suite: string;
  file: string;
  /** herd7's recorded output for it. */
  expected: string;
}

export interface Suite {
  suite: string;
  dir: string;
  /** Where herd7's answer for NAME.litmus is: `DIR/NAME.out`, or beside the test as `NAME.litmus.expected`. */
  expectedDir: string | 'beside';
  /** Must agree with herd7 (the conformance spec); otherwise only measured by the benchmark. */
  required: boolean;
  /** The herdtools7 revision whose herd7 recorded the answers. */
  recordedWith: string;
  /** Options herd7 ran the suite with (its ci.cfg): -variant mixed, -hexa true. */
  options?: Pick<SimulateOptions, 'mixed' | 'hexa'>;
  /** herd7's own time for the whole suite in one process on this machine, seconds (measured when recorded), printed beside ours. */
  herdSeconds?: number;
  /** The herd7 configuration file the suite runs with (`--conf`) and its -I folders, in the shared folder (suite-settings.ts). */
  conf?: { file: string; include: readonly string[] };
  /**
   * Flags herd7 has renamed since it recorded these answers: recorded name →
   * today's name (our models use today's names).
   */
  flagRenames?: Readonly<Record<string, string>>;
}

/** herdtools7 rev 5feffe4 (herd7 7.58+1, August 2026): the reference our stock models follow. */
export const REFERENCE_HERD = '5feffe4';

/** Suites in the order the benchmark and the conformance spec run them. */
export const SUITES: readonly Suite[] = [
  { suite: 'aarch64', dir: 'conformance/herd/aarch64', expectedDir: 'conformance/expected/herd7/aarch64', required: true, recordedWith: REFERENCE_HERD },
  { suite: 'x86', dir: 'conformance/herd/x86', expectedDir: 'conformance/expected/herd7/x86', required: true, recordedWith: REFERENCE_HERD },
  { suite: 'x86_64', dir: 'conformance/herd/x86_64', expectedDir: 'conformance/expected/herd7/x86_64', required: true, recordedWith: REFERENCE_HERD },
  {
    // Recorded with herd7 7.58 (rev f0f05a0, September 2025). "Changes to the
    // shareability for DMB and DSB" replaced its flag: for a DMB with a
    // shareability option, as the perf tests use, the old flag's place is
    // taken by the new one (a DSB's flags differ; no perf test has a DSB).
    suite: 'perf', dir: 'perf', expectedDir: 'perf/expected-herd7', required: true, recordedWith: 'f0f05a0',
    flagRenames: { 'Assuming-common-inner-shareable-domain': 'Shareability-argument-for-DMB-is-deprecated' },
  },
  { suite: 'instructions-aarch64', dir: 'conformance/herd/instructions-aarch64', expectedDir: 'beside', required: true, recordedWith: REFERENCE_HERD },
  {
    // Its ci.cfg: `variant mixed`, `hexa true`.
    suite: 'instructions-aarch64-mixed', dir: 'conformance/herd/instructions-aarch64-mixed', expectedDir: 'beside', required: true,
    recordedWith: REFERENCE_HERD, options: { mixed: true, hexa: true },
  },
  {
    // Its ci.cfg: `model rc11.cat` (C's own model here: our rc11), `variant S128` (128-bit integers: ours are unbounded), `hexa true`.
    suite: 'instructions-c', dir: 'conformance/herd/instructions-c', expectedDir: 'beside', required: true,
    recordedWith: REFERENCE_HERD, options: { hexa: true },
  },
  {
    // herd7 ran these with the kernel's own model files (cfgs/linux-kernel.cfg); a C test of the kernel's primitives runs under our lkmm.
    suite: 'linux', dir: 'conformance/herd/linux/tests', expectedDir: 'beside', required: true, recordedWith: REFERENCE_HERD,
    // issue 14: herd7 -conf linux-kernel.cfg on the 79, in one process.
    herdSeconds: 1.0,
  },
  {
    // The same 79 as herd7 ran them: the kernel's own model files, unmodified (linux-kernel.cfg, its .def, .bell, .cat and lock.cat).
    suite: 'linux-kernel-files', dir: 'conformance/herd/linux/tests', expectedDir: 'beside', required: true, recordedWith: REFERENCE_HERD,
    conf: { file: 'conformance/herd/linux/cfgs/linux-kernel.cfg', include: ['conformance/herd/linux/cats'] },
    herdSeconds: 1.0,
  },
];

/**
 * herdtools7's folders of instruction tests, as the corpus names them: a
 * test stored as a link (`../AArch64/L033.litmus`, a symbolic link checked
 * out as text) names its target by herdtools7's folder.
 */
const HERD_FOLDERS: Readonly<Record<string, string>> = { AArch64: 'instructions-aarch64', 'AArch64.mixed': 'instructions-aarch64-mixed' };

/**
 * herd's AArch64 instruction unit tests that need what litmus does not model
 * yet, each with the feature it needs. Every other test of the suite must
 * agree with herd7 in every fact; a listed test that starts to agree must
 * leave this list (the conformance spec checks both).
 */
export const UNSUPPORTED_INSTRUCTION_TESTS: Readonly<Record<string, string>> = {
  A235: 'Morello capabilities (Variant=morello, C registers)',
  A247: 'exceptions: UDF and Fault(...) conditions (Variant=fatal)',
  A259: 'exceptions: SVC',
  A254: 'system registers: MSR/MRS (VNCR_EL2)',
  A255: 'system registers: MSR/MRS (VNCR_EL2)',
  A256: 'system registers: MSR/MRS (VNCR_EL2)',
  L053: 'system registers: MRS',
  L104: 'system registers: MSR',
  A248: 'instructions as data: reading code (instr:"…" values)',
  L049: 'instructions as data: reading code (instr:"…" values)',
  L050: 'instructions as data: ADR and reading code (instr:"…" values)',
  L086: 'instructions as data: ADR and reading code (instr:"…" values)',
  L105: 'instructions as data: code addresses stored in memory and code read back (ins_t)',
  L051: 'instructions as data: reading code (an LDR from a code address)',
  L062: 'instructions as data: ADR and reading code (instr:"…" values)',
  A251: 'instructions as data: ADR and reading code (instr:"…" values)',
};

/** The test a file stands for: itself, or the test it links to when it holds only a link (see HERD_FOLDERS). */
function followLink(file: string): string {
  const link = /^\.\.\/([\w.]+)\/([\w.+-]+\.litmus)\s*$/.exec(readFileSync(file, 'utf8'));
  const folder = link && HERD_FOLDERS[link[1]];
  return folder ? join(SHARED_DIR, 'conformance/herd', folder, link[2]) : file;
}

export function corpusAvailable(): boolean {
  return existsSync(join(SHARED_DIR, 'conformance'));
}

export function corpusTests(suite: string): CorpusTest[] {
  const entry = SUITES.find((s) => s.suite === suite);
  if (!entry) return [];
  const dir = join(SHARED_DIR, entry.dir);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.litmus'))
    .sort()
    .map((f) => ({
      suite,
      file: followLink(join(dir, f)),
      expected:
        entry.expectedDir === 'beside'
          ? join(dir, `${f}.expected`)
          : join(SHARED_DIR, entry.expectedDir, `${basename(f, '.litmus')}.out`),
    }))
    .filter((t) => existsSync(t.expected));
}
