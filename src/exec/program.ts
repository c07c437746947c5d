// From a parsed test to what the engine runs: each thread's instructions
// (parsed by the architecture), its labels and initial registers, and the
// initial memory. Every name is checked here so later stages can trust it.

import { failAt, LitmusError, type Diagnostic, type SourcePos } from '../errors.js';
import type { LitmusTest, ValueLit } from '../syntax/ast.js';
import { byteSize } from './ctype.js';
import { LocationTable } from './locations.js';
import type { Arch, Instruction } from './types.js';

export interface ThreadProgram {
  id: number;
  instructions: Instruction[];
  /** Label → index of the instruction it stands before (may equal instructions.length). */
  labels: Map<string, number>;
  /** Canonical register name → initial value. */
  initRegisters: Map<string, bigint>;
}

export interface LoadedTest {
  test: LitmusTest;
  arch: Arch;
  locations: LocationTable;
  /** Location index → initial value (absent: 0). */
  initMemory: Map<number, bigint>;
  /** Location index → the C type the init block declares for it (absent: herd's default, int). */
  locationTypes: Map<number, string>;
  threads: ThreadProgram[];
}

export function valueOf(lit: ValueLit, locations: LocationTable): bigint {
  return lit.kind === 'int' ? lit.value : locations.addressOf(locations.intern(lit.name));
}

/** Parse every instruction and resolve every name; throws LitmusError listing all problems. */
export function loadTest(test: LitmusTest, arch: Arch): LoadedTest {
  const diagnostics: Diagnostic[] = [];
  const attempt = <T>(fn: () => T): T | undefined => {
    try {
      return fn();
    } catch (e) {
      if (e instanceof LitmusError) {
        diagnostics.push(...e.diagnostics);
        return undefined;
      }
      throw e;
    }
  };
  const locations = new LocationTable();
  const initMemory = new Map<number, bigint>();
  const locationTypes = new Map<number, string>();
  const threads: ThreadProgram[] = test.threads.map((t) => ({
    id: t.id,
    instructions: [],
    labels: new Map(),
    initRegisters: new Map(),
  }));
  const registerName = (name: string, pos: SourcePos): string =>
    arch.canonicalRegister(name) ?? failAt(pos, `'${name}' is not a ${arch.names[0]} register`);
  const threadOf = (id: number, pos: SourcePos): ThreadProgram =>
    threads[id] ?? failAt(pos, `there is no thread P${id} in this test`);

  for (const item of test.init) {
    attempt(() => {
      if (item.kind === 'reg') {
        const thread = threadOf(item.thread, item.pos);
        const reg = registerName(item.reg, item.pos);
        thread.initRegisters.set(reg, item.value ? valueOf(item.value, locations) : 0n);
      } else if (item.array) {
        const elements = locations.defineArray(item.loc, item.array.length, byteSize(item.type));
        const values = item.array.values;
        if (values.length > 0 && values.length !== elements.length) {
          failAt(item.pos, `the array '${item.loc}' has ${elements.length} elements but ${values.length} initial values`);
        }
        elements.forEach((loc, i) => {
          initMemory.set(loc, values[i] ? valueOf(values[i], locations) : 0n);
          if (item.type) locationTypes.set(loc, item.type);
        });
      } else {
        const loc = locations.intern(item.loc);
        initMemory.set(loc, item.value ? valueOf(item.value, locations) : 0n);
        if (item.type) locationTypes.set(loc, item.type);
      }
    });
  }

  for (const code of test.threads) {
    const program = threads[code.id];
    for (const cell of code.cells) {
      for (const label of cell.labels) {
        if (program.labels.has(label)) {
          diagnostics.push({ pos: cell.pos, message: `label '${label}' is defined twice in P${code.id}` });
        }
        program.labels.set(label, program.instructions.length);
      }
      if (cell.text === '') continue;
      const instruction = attempt(() => arch.parseInstruction(cell));
      if (instruction) program.instructions.push(instruction);
    }
    for (const instruction of program.instructions) {
      for (const target of instruction.branchTargets) {
        if (!program.labels.has(target)) {
          diagnostics.push({ pos: instruction.pos, message: `branch to unknown label '${target}' in P${code.id}` });
        }
      }
    }
  }
  if (diagnostics.length > 0) throw new LitmusError(diagnostics);
  return { test, arch, locations, initMemory, locationTypes, threads };
}
