// Hand-built skeletons and choices for the cat tests.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Choice, CompiledModel, ExecutionSkeleton, Pair, SkeletonEvent } from '../../src/cat/api.js';
import { compileModel } from '../../src/cat/index.js';

export type Ev = { kind: 'R' | 'W' | 'F'; loc?: number; tags?: string[]; value?: bigint };

/** Events: one initial write per location (of 0), then each thread's events; returns the skeleton and each thread's event numbers. */
export function skeleton(locationCount: number, threads: Ev[][], relations: Record<string, Pair[]> = {}) {
  const events: SkeletonEvent[] = [];
  for (let l = 0; l < locationCount; l++) events.push({ kind: 'W', thread: -1, poIndex: -1, loc: l, access: l, tags: [], value: 0n });
  const ids = threads.map((thread, t) =>
    thread.map((e, i) => {
      // Each event its own access (no mixed-size pieces).
      events.push({ kind: e.kind, thread: t, poIndex: i, loc: e.kind === 'F' ? -1 : e.loc ?? 0, access: events.length, tags: e.tags ?? [], ...(e.value !== undefined && { value: e.value }) });
      return events.length - 1;
    }),
  );
  const s: ExecutionSkeleton = { events, locationCount, relations: new Map(Object.entries(relations)) };
  return { s, ids };
}

/** rf as pairs (write, read); co per location, initial write first. */
export function choice(s: ExecutionSkeleton, rf: Pair[], co: number[][]): Choice {
  const rfArray = new Int32Array(s.events.length).fill(-1);
  for (const [w, r] of rf) rfArray[r] = w;
  return { rf: rfArray, co };
}

export function stockModel(name: string): CompiledModel {
  const file = join(import.meta.dirname, '..', '..', 'src', 'cat', 'models', `${name}.cat`);
  return compileModel(readFileSync(file, 'utf8'), file);
}
