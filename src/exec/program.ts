// From a parsed test to what the engine runs: each thread's instructions
// (parsed by the architecture), its labels and initial registers, and the
// initial memory. Every name is checked here so later stages can trust it.

import { type Budget, checkBudget } from '../limits.js';
import { failAt, LitmusError, type Diagnostic, type SourcePos } from '../errors.js';
import type { LitmusTest, ValueLit } from '../syntax/ast.js';
import { MAX_SYNTAX_ERRORS } from '../syntax/grammar.js';
import { notARegister, type Observables, resolveObservables } from './observables.js';
import { byteSize } from './ctype.js';
import { LocationTable } from './locations.js';
import { granuleOf, locationLayout, type MemoryLayout, pieceLayout } from './memory.js';
import type { Arch, Instruction, MacroTable, TestOptions } from './types.js';

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
  /** Every memory unit's initial value, by unit (= location, unless mixed-size; see `memory`). */
  initialValues: readonly bigint[];
  /** The units the enumerator works on: locations, or pieces of them for a mixed-size test. */
  memory: MemoryLayout;
  /** Location index → the C type the init block declares for it (absent: herd's default, int). */
  locationTypes: Map<number, string>;
  threads: ThreadProgram[];
  /** What final states show (the condition's, the filter's and `locations`' registers and locations). */
  observables: Observables;
  /**
   * Which accesses make a test loaded without mixed-size memory need it (see
   * enumerate's MixedSizeNeeded): accesses of several sizes to one location
   * or inside a location ('sizes', where herd7 rejects both: AArch64), only
   * those inside a location ('offsets': X86, X86_64 run the others on whole
   * locations), or none (mixed already, `Variant=DontCheckMixed`, or mixed
   * sizes turned off by the caller).
   */
  mixedSizeCheck: 'sizes' | 'offsets' | 'none';
  /** Untyped symbols a test switched to mixed-size memory gave more than herd7's 4 bytes (MemoryOptions.reach). */
  enlarged: readonly string[];
  /** Warnings about the test, located (`FILE:LINE:COLUMN: …`) where they can be: the run prints them. */
  warnings: readonly string[];
}

/** A constant's value: a number, a location's address, or a code label's address (`P0:L0`). */
export function valueOf(lit: ValueLit, locations: LocationTable): bigint {
  return lit.kind === 'int' ? lit.value : locations.addressOfName(lit.name);
}

/** A target relative to the branch, in bytes, as herd7 writes it: `.+8`, `.-4`. */
const RELATIVE_TARGET = /^\.([+-]\d+)$/;

/**
 * Where a branch at instruction `from` goes to `label`: a label's instruction
 * index, or for a relative target (`.+8`: two instructions on, each being 4
 * bytes as in herd7) the index it lands on; undefined when there is no such place.
 */
export function branchTarget(program: ThreadProgram, label: string, from: number): number | undefined {
  const named = program.labels.get(label);
  if (named !== undefined) return named;
  const relative = RELATIVE_TARGET.exec(label);
  if (!relative) return undefined;
  const bytes = Number(relative[1]);
  const target = from + bytes / 4;
  return Number.isInteger(target) && target >= 0 && target <= program.instructions.length ? target : undefined;
}

/** The options a test's preamble sets: herd7's `Variant=a,b` line (names compared in lower case). */
export function testOptions(test: LitmusTest): TestOptions {
  const line = Object.entries(test.metadata).find(([key]) => key.toLowerCase() === 'variant')?.[1] ?? '';
  return { variants: new Set(line.split(/[\s,]+/).filter((v) => v !== '').map((v) => v.toLowerCase())) };
}

/** The bytes herd7 gives a symbol: its declared type's; untyped, 8 for a pointer (it holds an address), else 4 (an int). */
function declaredBytes(type: string | undefined, pointer: boolean): number {
  return type !== undefined ? byteSize(type) : pointer ? 8 : 4;
}

/** How a test is loaded: its memory's layout (see exec/memory.ts), and for C the macros in scope. */
export interface MemoryOptions {
  /** For a C test: the macros of a .def file naming primitives (default: the kernel's, arch/c/linux-macros.ts). */
  macros?: MacroTable;
  /** For a C test: lock events as reads and writes the enumerator ties (the model's CompiledModel.locksAsAccesses); default herd7's way. */
  locksAsAccesses?: boolean;
  /** For a C test: the annotations each instruction kind may carry (the model's bell: CompiledModel.annotations). */
  annotations?: Readonly<Record<string, readonly string[]>>;
  /**
   * Cut memory into pieces (herd7's -variant mixed). Default: when the test's
   * `Variant=` line says `mixed`. `false`: never, even when its accesses need it.
   */
  mixed?: boolean;
  /**
   * Bytes each untyped symbol must at least have, by name: what a run without
   * mixed sizes saw its accesses reach, so that a test switched to mixed
   * sizes keeps its accesses in bounds (herd7 gives an untyped symbol 4; a
   * typed one keeps its type's size).
   */
  reach?: ReadonlyMap<string, number>;
}

/**
 * Elements an array the test uses may have: each is a location with its
 * initial write among every execution's events, and the model's relations
 * grow with their square (a few thousand fill MAX_MODEL_BYTES).
 */
export const MAX_USED_ARRAY_LENGTH = 4096;

/** Every word the test's instructions, init values, condition, filter and `locations` use: the names something may reach. */
function namesUsed(test: LitmusTest): Set<string> {
  const words = new Set<string>();
  const add = (text: string) => {
    for (const word of text.match(/[A-Za-z_%][\w%]*/g) ?? []) words.add(word);
  };
  for (const code of test.threads) for (const cell of code.cells) add(cell.text);
  for (const item of test.init) {
    if (item.value?.kind === 'loc') add(item.value.name);
    for (const value of item.kind === 'mem' ? item.array?.values ?? [] : []) if (value.kind === 'loc') add(value.name);
  }
  add(JSON.stringify([test.condition, test.filter, test.locations], (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value)));
  return words;
}

/**
 * Parses every instruction and resolves every name; throws LitmusError
 * listing all problems. `memory` says how memory is laid out; `budget` is
 * looked at every 256 instructions (LimitError past it: a test of many
 * thousands of rows takes a while to load).
 */
export function loadTest(test: LitmusTest, arch: Arch, memoryOptions: MemoryOptions = {}, budget: Budget = {}): LoadedTest {
  const diagnostics: Diagnostic[] = [];
  const attempt = <T>(fn: () => T): T | undefined => {
    // Past MAX_SYNTAX_ERRORS problems the rest is noise, as in parsing: each costs a search for the nearest name.
    if (diagnostics.length >= MAX_SYNTAX_ERRORS) return undefined;
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
  // Warnings the front end gives (an annotation the model's bell does not declare), in the test's file.
  const warnings: string[] = [];
  const options: TestOptions = {
    warn: (message) => warnings.push(`${test.file ?? test.name}:${message}`),
    ...testOptions(test),
    ...(memoryOptions.macros && { macros: memoryOptions.macros }),
    ...(memoryOptions.locksAsAccesses && { locksAsAccesses: true }),
    ...(memoryOptions.annotations && { annotations: memoryOptions.annotations }),
  };
  const locations = new LocationTable();
  const initMemory = new Map<number, bigint>();
  /** Locations the init block gives a location's address (herd7: a pointer, 8 bytes when untyped). */
  const pointerInits = new Set<number>();
  const locationTypes = new Map<number, string>();
  const threads: ThreadProgram[] = test.threads.map((t) => ({
    id: t.id,
    instructions: [],
    labels: new Map(),
    initRegisters: new Map(),
  }));
  const registerName = (name: string, pos: SourcePos): string =>
    arch.canonicalRegister(name) ?? failAt(pos, notARegister(name, arch));
  const threadOf = (id: number, pos: SourcePos): ThreadProgram =>
    threads[id] ?? failAt(pos, `there is no thread P${id} in this test`);

  // Labels first: the init block may take their addresses (`0:X1=P1:L0`).
  for (const code of test.threads) {
    let index = 0;
    for (const cell of code.cells) {
      for (const label of cell.labels) locations.defineCodeLabel(code.id, label, index);
      if (cell.text !== '') index++;
    }
  }

  const named = namesUsed(test);
  let oversized = false;
  for (const item of test.init) {
    // An array nothing names (no instruction, init value or condition) can be neither reached nor observed:
    // leaving it out spares an initial write per element in every execution (`int t[4000];` filled the model's memory).
    if (item.kind === 'mem' && item.array && !named.has(item.loc.name)) continue;
    if (item.kind === 'mem' && item.array && item.array.length > MAX_USED_ARRAY_LENGTH) {
      diagnostics.push({
        pos: item.pos,
        message: `the array '${item.loc.name}' has ${item.array.length} elements, over the limit of ${MAX_USED_ARRAY_LENGTH} for one the test uses (each element is a location, with an initial write in every execution)`,
      });
      oversized = true;
      continue;
    }
    attempt(() => {
      const labelProblem = item.value?.kind === 'loc' ? locations.codeLabelProblem(item.value.name, threads.length) : undefined;
      if (labelProblem) failAt(item.pos, labelProblem);
      if (item.kind === 'reg') {
        const reg = registerName(item.reg, item.pos);
        const value = item.value ? valueOf(item.value, locations) : 0n;
        if (item.thread === null) for (const thread of threads) thread.initRegisters.set(reg, value);
        else threadOf(item.thread, item.pos).initRegisters.set(reg, value);
      } else if (item.array) {
        const elements = locations.defineArray(item.loc.name, item.array.length, byteSize(item.type));
        const values = item.array.values;
        if (values.length > 0 && values.length !== elements.length) {
          failAt(item.pos, `the array '${item.loc.name}' has ${elements.length} elements but ${values.length} initial values`);
        }
        elements.forEach((loc, i) => {
          initMemory.set(loc, values[i] ? valueOf(values[i], locations) : 0n);
          if (item.type) locationTypes.set(loc, item.type);
        });
      } else {
        const loc = locations.locate(item.loc) ?? failAt(item.pos, locations.elementProblem(item.loc) ?? 'no such location');
        initMemory.set(loc, item.value ? valueOf(item.value, locations) : 0n);
        if (item.value?.kind === 'loc') pointerInits.add(loc);
        if (item.type) locationTypes.set(loc, item.type);
      }
    });
  }

  // Whatever names an array left out would only echo its error.
  if (oversized) throw new LitmusError(diagnostics.map((d) => (d.file === undefined && test.file !== undefined ? { ...d, file: test.file } : d)));

  // What the final states show: the condition's, the filter's and
  // `locations`' registers and locations, resolved before anything runs.
  const observables = attempt(() => resolveObservables(test, arch, threads.length, locations, locationTypes));

  checkBudget(budget, 'loading the test');
  let loadedCells = 0;
  for (const code of test.threads) {
    const program = threads[code.id];
    for (const cell of code.cells) {
      if ((++loadedCells & 255) === 0) checkBudget(budget, 'loading the test');
      for (const label of cell.labels) {
        if (program.labels.has(label)) {
          diagnostics.push({ pos: cell.pos, message: `label '${label}' is defined twice in P${code.id}` });
        }
        program.labels.set(label, program.instructions.length);
      }
      if (cell.text === '') continue;
      const instruction = attempt(() => arch.parseInstruction(cell, options));
      if (!instruction) continue;
      program.instructions.push(instruction);
      for (const name of instruction.locations ?? []) locations.intern(name);
    }
    program.instructions.forEach((instruction, index) => {
      for (const target of instruction.branchTargets) {
        if (branchTarget(program, target, index) !== undefined) continue;
        const message = RELATIVE_TARGET.test(target)
          ? `branch to ${target} leaves P${code.id}'s code (each instruction is 4 bytes; targets are multiples of 4 within the thread)`
          : `unknown label '${target}' in P${code.id}`;
        diagnostics.push({ pos: instruction.pos, message });
      }
    });
  }
  if (diagnostics.length > 0 || !observables) {
    throw new LitmusError(diagnostics.map((d) => (d.file === undefined && test.file !== undefined ? { ...d, file: test.file } : d)));
  }
  // The locations are all known now (init block, operands, condition): none is added later.
  const initialValue = (loc: number) => initMemory.get(loc) ?? 0n;
  let memory: MemoryLayout;
  const enlarged: string[] = [];
  const askedMixed = memoryOptions.mixed ?? options.variants.has('mixed');
  // A C test's accesses move whole locations: mixed-size memory changes nothing of it but its count of co orders.
  if (askedMixed && arch.wholeLocations) warnings.push(`${test.file ?? test.name}: mixed-size memory (--variant mixed) does not apply to a C test: each access moves a whole location; run as without it`);
  const mixed = askedMixed && !arch.wholeLocations;
  if (mixed) {
    // herd7's granule: from the sizes the instructions move and the global init declarations'.
    const sizes = threads.flatMap((t) => t.instructions.flatMap((i) => i.accessSizes ?? []));
    for (const item of test.init) if (item.kind === 'mem') sizes.push(declaredBytes(item.type, item.value?.kind === 'loc'));
    const granule = granuleOf(sizes);
    const symbolBytes = (symbol: number): number => {
      const type = locationTypes.get(symbol);
      const declared = declaredBytes(type, pointerInits.has(symbol));
      const reach = type === undefined ? Math.ceil((memoryOptions.reach?.get(locations.names[symbol]) ?? 0) / granule) * granule : 0;
      if (reach > declared) enlarged.push(`${locations.names[symbol]} (${reach} bytes)`);
      return Math.max(declared, reach);
    };
    memory = pieceLayout(locations, granule, symbolBytes, initialValue);
  } else {
    memory = locationLayout(locations, locations.names.map((_, loc) => initialValue(loc)));
  }
  const mixedSizeCheck =
    mixed || memoryOptions.mixed === false || options.variants.has('dontcheckmixed') ? 'none' : arch.rejectsMixedSizes ? 'sizes' : 'offsets';
  return { test, arch, locations, initialValues: memory.initialValues, memory, locationTypes, threads, observables, mixedSizeCheck, enlarged, warnings };
}
