// From a thread function's structured statements to the flat code the
// engine runs: one cell per simple statement (its text and position kept for
// pictures and messages), `if`/`else` and `while` as branches to generated
// labels. Names are resolved here: a parameter is a shared location, a
// declared local is a register; anything else is a located error.

import type { Diagnostic } from '../../errors.js';
import type { InstructionCell, ThreadCode } from '../ast.js';
import { cChildren, type CExpr, type CInstruction, type CStmt, type CThread } from './ast.js';

/** C11's memory orders, constants every thread may name. */
export const MEMORY_ORDER = /^memory_order_(?:relaxed|consume|acquire|release|acq_rel|seq_cst)$/;

/** Every name the statements declare or assign to that is not a parameter: the thread's locals. */
function assignedNames(stmts: CStmt[], parameters: ReadonlySet<string>): Set<string> {
  const names = new Set<string>();
  const inExpr = (e: CExpr): void => {
    if (e.kind === 'assign' && e.target.kind === 'name' && !parameters.has(e.target.name)) names.add(e.target.name);
    cChildren(e).forEach(inExpr);
  };
  const walk = (list: CStmt[]): void => {
    for (const s of list) {
      if (s.kind === 'decl') { names.add(s.name); if (s.init) inExpr(s.init); }
      if (s.kind === 'expr') inExpr(s.expr);
      if (s.kind === 'if') { inExpr(s.cond); walk(s.then); if (s.else) walk(s.else); }
      if (s.kind === 'while') { inExpr(s.cond); walk(s.body); }
      if (s.kind === 'block') walk(s.body);
    }
  };
  walk(stmts);
  return names;
}

/** The type each parameter and declared local is written with (a local assigned without a declaration has none). */
function declaredTypes(thread: CThread): Record<string, string> {
  const types: Record<string, string> = {};
  for (const p of thread.params) types[p.name] = p.type;
  const walk = (list: CStmt[]): void => {
    for (const s of list) {
      if (s.kind === 'decl') types[s.name] = s.type;
      if (s.kind === 'if') { walk(s.then); if (s.else) walk(s.else); }
      if (s.kind === 'while' || s.kind === 'block') walk(s.body);
    }
  };
  walk(thread.body);
  return types;
}

/** Generated labels contain '#', which no label of a test can: they never clash. */
const label = (kind: string, n: number): string => `${kind}#${n}`;

/**
 * The thread's flat code as cells (each with its parsed step in `c`), and
 * its problems (unknown names) added to `problems`.
 */
export function lowerThread(thread: CThread, problems: Diagnostic[]): ThreadCode {
  const locations = new Set(thread.params.map((p) => p.name));
  // herd7 takes a name assigned without a declaration for a local too (`r1 = READ_ONCE(*c);`).
  const registers = assignedNames(thread.body, locations);
  const declared = new Set<string>();
  const cells: InstructionCell[] = [];
  let pending: string[] = [];
  let labels = 0;

  // Set while lowering a body written without braces: its first cell is marked `alone`.
  let unbraced = false;
  const emit = (c: CInstruction, text: string, pos: InstructionCell['pos']) => {
    cells.push({ labels: pending, text, pos, c, ...(unbraced && { alone: true }) });
    pending = [];
    unbraced = false;
  };
  /** Lowers the body of an if, else or while; one statement without braces is alone in it. */
  const lowerBody = (body: CStmt[]): void => {
    unbraced = body.length === 1 && body[0].kind !== 'block';
    lower(body);
    unbraced = false;
  };

  const resolve = (e: CExpr): CExpr => {
    switch (e.kind) {
      case 'name':
        if (MEMORY_ORDER.test(e.name)) return e;
        if (e.name.startsWith('memory_order_')) {
          problems.push({ pos: e.pos, message: `unknown memory order '${e.name}' (memory_order_relaxed, _consume, _acquire, _release, _acq_rel or _seq_cst)` });
          return e;
        }
        if (registers.has(e.name)) return { kind: 'reg', name: e.name, pos: e.pos };
        if (locations.has(e.name)) return { kind: 'loc', name: e.name, pos: e.pos };
        problems.push({ pos: e.pos, message: `'${e.name}' is neither a parameter of ${thread.name} (a shared location) nor a local it declares or assigns` });
        return e;
      case 'deref': case 'addr': case 'unary':
        return { ...e, arg: resolve(e.arg) };
      case 'binary':
        return { ...e, left: resolve(e.left), right: resolve(e.right) };
      case 'assign':
        return { ...e, target: resolve(e.target), value: resolve(e.value) };
      case 'call':
        return { ...e, args: e.args.map(resolve) };
      default:
        return e;
    }
  };

  const lower = (stmts: CStmt[]): void => {
    for (const s of stmts) {
      switch (s.kind) {
        case 'expr':
          emit({ kind: 'eval', expr: resolve(s.expr) }, s.text, s.pos);
          break;
        case 'decl': {
          const init = s.init && resolve(s.init);
          if (locations.has(s.name)) problems.push({ pos: s.pos, message: `'${s.name}' is already a parameter of ${thread.name}` });
          else if (declared.has(s.name)) problems.push({ pos: s.pos, message: `'${s.name}' is declared twice in ${thread.name}` });
          declared.add(s.name);
          if (init) emit({ kind: 'eval', expr: { kind: 'assign', target: { kind: 'reg', name: s.name, pos: s.pos }, value: init, pos: s.pos } }, s.text, s.pos);
          break;
        }
        case 'block':
          lower(s.body);
          break;
        case 'if': {
          const n = labels++;
          const otherwise = label('else', n), end = label('end', n);
          emit({ kind: 'branchUnless', cond: resolve(s.cond), label: s.else ? otherwise : end }, s.text, s.pos);
          lowerBody(s.then);
          if (s.else) {
            emit({ kind: 'goto', label: end }, 'else', s.pos);
            pending.push(otherwise);
            lowerBody(s.else);
          }
          pending.push(end);
          break;
        }
        case 'while': {
          // The test at the bottom, entered by a jump forward: going round again is a conditional branch back, which
          // counts against the unrolling bound only when its condition depends on a read (herd7's rule), so a loop
          // on a counter the thread sets runs to its end.
          const n = labels++;
          const top = label('loop', n), test = label('test', n);
          emit({ kind: 'goto', label: test }, s.text, s.pos);
          pending.push(top);
          lowerBody(s.body);
          pending.push(test);
          emit({ kind: 'branchIf', cond: resolve(s.cond), label: top }, s.text, s.pos);
          break;
        }
      }
    }
  };

  lower(thread.body);
  // Column 0: no statement starts there, so the cell is never taken for the last statement (fix finds cells by position).
  if (pending.length > 0) cells.push({ labels: pending, text: '', pos: { line: (cells[cells.length - 1]?.pos ?? thread.pos).line, column: 0 } });
  return { id: thread.id, name: thread.name, pos: thread.pos, cells, cTypes: declaredTypes(thread) };
}
