// `litmus compile`: a C litmus test as the assembly test a target's
// compiler mapping makes of it (targets.ts), each instruction commented with
// the C statement it came from, the condition translated to the registers
// that hold the C locals. The result is a test `litmus run` (and herd7) reads.

import { failAt, LitmusError } from '../errors.js';
import type { MacroTable } from '../exec/types.js';
import { linuxMacros } from '../arch/c/macros.js';
import { archFor, defaultModelFor } from '../registry.js';
import { loadTest } from '../exec/program.js';
import { propText } from '../outcome/condition-text.js';
import { type LitmusTest, locationText, type Prop, type StateRef } from '../syntax/ast.js';
import type { Backend } from './backend.js';
import { Aarch64Backend } from './aarch64.js';
import { type CompiledThread, compileThread, type Row } from './codegen.js';
import { type Aarch64Table, type Target, TARGET_NAMES, targetNamed, type X86Table } from './targets.js';
import { X86Backend } from './x86.js';

export { TARGET_NAMES, TARGETS, type Target } from './targets.js';

/** A C test compiled for a target. */
export interface CompiledTest {
  target: Target;
  /** The assembly test's text, in herd7's format. */
  text: string;
  /** The compiled test's name: the C test's, with the target after a dot. */
  name: string;
  /** Each C local's register as the compiled test's states name it, by thread: `r0` → `X3`. */
  registers: ReadonlyArray<ReadonlyMap<string, string>>;
}

export interface CompileOptions {
  /** The macros naming the kernel's primitives (a .def file's); default: litmus's own. */
  macros?: MacroTable;
}

function backendFor(target: Target): Backend {
  return target.arch === 'AArch64'
    ? new Aarch64Backend(target.table as Aarch64Table, target.name)
    : new X86Backend(target.table as X86Table, target.name);
}

/**
 * Compiles the C test `test` for the target named `targetName` (TARGET_NAMES).
 * Throws LitmusError at the test's header for a test that is not C or an
 * unknown target, and at the C statement for an operation the target's table
 * does not map (never a silent guess).
 */
export function compileTest(test: LitmusTest, targetName: string, options: CompileOptions = {}): CompiledTest {
  if (test.arch.toUpperCase() !== 'C') failAt(test.pos, `litmus compile reads C tests; this one is ${test.arch}`);
  const target = targetNamed(targetName) ?? failAt(test.pos, `no target '${targetName}' (the targets: ${TARGET_NAMES.join(', ')})`);
  if (test.threads.length === 0) failAt(test.pos, 'this test has no thread: there is nothing to compile');
  // The checks `litmus run` makes come first (a release load, an unknown name, C11 atomics beside the kernel's
  // primitives): a test run refuses is no test to compile.
  defaultModelFor(test);
  loadTest(test, archFor(test), options.macros ? { macros: options.macros } : {});
  const backend = backendFor(target);
  const scope = { macros: options.macros ?? linuxMacros(), expanding: [] };
  // Locations that hold addresses: initialised with one, or declared `T*` in the init block or `T**` as a thread's parameter.
  const pointers = new Set([
    ...test.init.flatMap((item) => (item.kind === 'mem' && (item.value?.kind === 'loc' || (item.type ?? '').includes('*')) ? [item.loc.name] : [])),
    ...test.threads.flatMap((t) => Object.entries(t.cTypes ?? {}).filter(([, type]) => type.endsWith('**')).map(([name]) => name)),
  ]);
  const errors: LitmusError[] = [];
  const threads: CompiledThread[] = test.threads.map((code) => {
    try {
      return compileThread(code, backend, scope, pointers);
    } catch (e) {
      if (!(e instanceof LitmusError)) throw e;
      errors.push(e);
      return { rows: [], addressRegisters: new Map(), locals: new Map(), mustBeZero: [] };
    }
  });
  if (errors.length > 0) throw new LitmusError(errors.flatMap((e) => e.diagnostics).map((d) => ({ ...d, file: d.file ?? test.file })));
  const registers = threads.map((t) => new Map([...t.locals].map(([local, n]) => [local, backend.stateName(n)])));
  const name = `${test.name}.${target.name}`;
  return { target, name, registers, text: testText(test, target, backend, threads, registers, name) };
}

/** The assembly test: header, init block, the grid of threads, and the translated condition. */
function testText(
  test: LitmusTest, target: Target, backend: Backend, threads: CompiledThread[], registers: ReadonlyArray<ReadonlyMap<string, string>>, name: string,
): string {
  const arch = archFor({ ...test, arch: target.arch });
  const registerOf = (ref: Extract<StateRef, { kind: 'reg' }>): StateRef => {
    const hardware = registers[ref.thread]?.get(ref.reg) ?? failAt(test.condition.pos, `P${ref.thread} has no local '${ref.reg}' to observe`);
    return { kind: 'reg', thread: ref.thread, reg: hardware };
  };
  const mapProp = (prop: Prop): Prop => {
    switch (prop.kind) {
      case 'atom': return { ...prop, ref: prop.ref.kind === 'reg' ? registerOf(prop.ref) : prop.ref };
      case 'not': return { ...prop, arg: mapProp(prop.arg) };
      case 'and': case 'or': case 'implies': return { ...prop, left: mapProp(prop.left), right: mapProp(prop.right) };
      default: return prop;
    }
  };
  const stateText = (ref: StateRef): string => (ref.kind === 'reg' ? `${ref.thread}:${ref.reg}` : locationText(ref.loc));

  const init: string[] = [];
  for (const item of test.init) {
    if (item.kind !== 'mem') continue;
    if (item.array) failAt(item.pos, 'arrays have no entry in the compile tables yet');
    const value = item.value === null ? '0' : item.value.kind === 'int' ? String(item.value.value) : item.value.name;
    init.push(`${locationText(item.loc)}=${value};`);
  }
  threads.forEach((t, id) => {
    for (const [loc, n] of t.addressRegisters) init.push(`${id}:${backend.stateName(n)}=${loc};`);
  });

  const columns = threads.map((t, id) => [`P${id}`, ...t.rows.map(rowText)]);
  const height = Math.max(...columns.map((c) => c.length));
  const widths = columns.map((c) => Math.max(...c.map((cell) => cell.length)));
  const grid = Array.from({ length: height }, (_, row) =>
    ` ${columns.map((c, i) => (c[row] ?? '').padEnd(widths[i]!)).join(' | ')} ;`);

  const zero: Prop[] = threads.flatMap((t, id) => t.mustBeZero.map((n): Prop => ({
    kind: 'atom', ref: { kind: 'reg', thread: id, reg: backend.stateName(n) }, op: '=', value: { kind: 'int', value: 0n }, pos: test.pos,
  })));
  const filterParts = [...(test.filter ? [mapProp(test.filter)] : []), ...zero];
  const filter = filterParts.length === 0 ? undefined : filterParts.reduce((a, b) => ({ kind: 'and', left: a, right: b, pos: test.pos }));
  const observed = test.locations.map((ref) => stateText(ref.kind === 'reg' ? registerOf(ref) : ref));

  const lines = [
    `${target.arch} ${name}`,
    `"${(test.doc ?? test.name).replace(/"/g, "'")} — compiled from C by litmus compile --target ${target.name} (${target.description})"`,
    `{ ${init.join(' ')} }`,
    ...grid,
    ...(observed.length > 0 ? [`locations [${observed.join('; ')};]`] : []),
    ...(filter ? [`filter (${propText(filter, arch)})`] : []),
    `${test.condition.quantifier} (${propText(mapProp(test.condition.prop), arch)})`,
  ];
  return lines.join('\n') + '\n';
}

/** A grid cell: labels, the instruction, and the C statement it starts as a comment. */
function rowText(row: Row): string {
  const labels = row.labels.map((l) => `${l}: `).join('');
  const comment = row.comment !== undefined ? ` (* ${row.comment} *)` : '';
  return `${labels}${row.text}${comment}`;
}
