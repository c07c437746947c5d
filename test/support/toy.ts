// A toy architecture and a hand-written SC model, so the enumerator can be
// tested without the real parsers and models. Instructions: `st x 1`,
// `ld r0 x`, `ldx r0 x` / `stx r1 x 1` (exclusive pair), `inc x` (atomic add 1),
// `self: need r0 x 1` (load, and spin forever unless it read 1: jumps back to label `self`).

import type { Choice, CompiledModel, ExecutionSkeleton } from '../../src/cat/api.js';
import { failAt } from '../../src/errors.js';
import { type Arch, sym } from '../../src/exec/types.js';
import type { LitmusTest, Prop } from '../../src/syntax/ast.js';

const pos = { line: 1, column: 1 };

export const toyArch: Arch = {
  names: ['Toy'],
  tags: [],
  rejectsMixedSizes: false,
  canonicalRegister: (name) => (/^r\d+$/.test(name) ? name : null),
  parseInstruction(cell) {
    const [op, a, b, c] = cell.text.split(/\s+/);
    // The location an instruction names: its first operand for st/inc, its second otherwise.
    const location = op === 'st' || op === 'inc' ? a : b;
    const base = { text: cell.text, pos: cell.pos, branchTargets: [], locations: location === undefined ? [] : [location] };
    switch (op) {
      case 'st':
        return { ...base, execute: (ctx) => ctx.store(ctx.address(a), sym(BigInt(b))) };
      case 'ld':
        return { ...base, execute: (ctx) => ctx.setReg(a, ctx.load(ctx.address(b))) };
      case 'ldx':
        return { ...base, execute: (ctx) => ctx.setReg(a, ctx.loadExclusive(ctx.address(b))) };
      case 'stx':
        return { ...base, execute: (ctx) => ctx.setReg(a, ctx.storeExclusive(ctx.address(b), sym(BigInt(c)))) };
      case 'need': // load, then loop forever unless the value is c: the path is cut
        return {
          ...base,
          branchTargets: ['self'],
          execute: (ctx) => {
            const v = ctx.load(ctx.address(b));
            ctx.setReg(a, v);
            if (v.value !== BigInt(c)) ctx.jump('self');
          },
        };
      case 'inc':
        return { ...base, execute: (ctx) => void ctx.atomicUpdate(ctx.address(a), (old) => sym(old.value + 1n)) };
      default:
        return failAt(cell.pos, `unknown toy instruction '${op}'`);
    }
  },
};

/** A test from thread columns of instruction cells (a cell `L: …` carries label L) and a condition. */
export function testFromCells(
  arch: string,
  threads: string[][],
  prop: Prop = { kind: 'true', pos },
  quantifier: 'exists' | 'forall' = 'exists',
): LitmusTest {
  return {
    arch,
    name: arch.toLowerCase(),
    metadata: {},
    init: [],
    threads: threads.map((cells, id) => ({
      id,
      name: `P${id}`,
      pos,
      cells: cells.map((cell) => {
        const labelled = /^(\w+):\s*(.*)$/.exec(cell);
        return labelled ? { labels: [labelled[1]], text: labelled[2], pos } : { labels: [], text: cell, pos };
      }),
    })),
    locations: [],
    condition: { quantifier, prop, pos },
    pos,
  };
}

/** A toy-architecture test. */
export function toyTest(threads: string[][], prop?: Prop, quantifier?: 'exists' | 'forall'): LitmusTest {
  return testFromCells('Toy', threads, prop, quantifier);
}

export function regIs(thread: number, reg: string, value: number): Prop {
  return { kind: 'atom', ref: { kind: 'reg', thread, reg }, op: '=', value: { kind: 'int', value: BigInt(value) }, pos };
}

export function memIs(loc: string, value: number): Prop {
  return { kind: 'atom', ref: { kind: 'mem', loc: { name: loc } }, op: '=', value: { kind: 'int', value: BigInt(value) }, pos };
}

export function and(left: Prop, right: Prop): Prop {
  return { kind: 'and', left, right, pos };
}

/** Sequential consistency, checked naively on sets of pairs: acyclic(po | rf | co | fr) and atomicity. */
export function naiveSc(options: { coherence: boolean } = { coherence: true }): CompiledModel & { prepared: number } {
  const model = {
    name: 'naive-sc',
    requiresCoherence: options.coherence,
    requiresAtomicity: options.coherence,
    eventTags: [],
    prepared: 0,
    prepare(skeleton: ExecutionSkeleton) {
      model.prepared++;
      const n = skeleton.events.length;
      return {
        check(choice: Choice) {
          const edges: Array<[number, number]> = [];
          const ev = skeleton.events;
          for (let a = 0; a < n; a++)
            for (let b = 0; b < n; b++)
              if (ev[a].thread >= 0 && ev[a].thread === ev[b].thread && ev[a].poIndex < ev[b].poIndex) edges.push([a, b]);
          choice.rf.forEach((w, r) => w >= 0 && edges.push([w, r]));
          for (const order of choice.co) {
            for (let i = 0; i + 1 < order.length; i++) edges.push([order[i], order[i + 1]]);
            choice.rf.forEach((w, r) => {
              const k = order.indexOf(w);
              if (k >= 0 && k + 1 < order.length) edges.push([r, order[k + 1]]);
            });
          }
          const allowed = !hasCycle(n, edges);
          return { allowed, failedAxiom: allowed ? undefined : 'sc', flags: [] };
        },
        explain: () => undefined,
        axioms: () => [],
      };
    },
  };
  return model;
}

function hasCycle(n: number, edges: Array<[number, number]>): boolean {
  const next: number[][] = Array.from({ length: n }, () => []);
  for (const [a, b] of edges) next[a].push(b);
  const state = new Array<number>(n).fill(0);
  const visit = (v: number): boolean => {
    if (state[v] === 1) return true;
    if (state[v] === 2) return false;
    state[v] = 1;
    for (const w of next[v]) if (visit(w)) return true;
    state[v] = 2;
    return false;
  };
  for (let v = 0; v < n; v++) if (visit(v)) return true;
  return false;
}
