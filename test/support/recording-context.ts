// A ThreadContext that records what instructions ask of the engine, for
// testing an architecture's semantics without the engine: loads return
// scripted values, each a fresh read (its dependency bit is its position
// among the reads), and every call is logged in order.

import type { AccessOptions, Sym, Tag, ThreadContext } from '../../src/exec/types.js';
import { sym } from '../../src/exec/types.js';

/** One call an instruction made, as it made it. */
export type Call =
  | { op: 'load'; address: Sym; value: Sym; options?: AccessOptions; exclusive: boolean }
  | { op: 'store'; address: Sym; value: Sym; options?: AccessOptions; exclusive: boolean }
  | { op: 'atomic'; address: Sym; old: Sym; wrote: Sym | null; read?: AccessOptions; write?: AccessOptions }
  | { op: 'fence'; tags: readonly Tag[] }
  | { op: 'branch'; condition: Sym; label: string }
  | { op: 'jump'; label: string }
  | { op: 'exit' }
  | { op: 'jumpTo'; address: Sym };

/** A memory access as the model would see it (an atomic is its read, then its write). */
export interface Access {
  kind: 'R' | 'W';
  address: Sym;
  value: Sym;
  tags: readonly Tag[];
  size?: number;
}

export interface RecordingOptions {
  /** Values the loads return, in order. */
  loads?: bigint[];
  /** Past the scripted values, loads return 0 (true) or throw (false, the default). */
  zeroWhenUnscripted?: boolean;
  /** Initial registers by canonical name. */
  registers?: Record<string, bigint | Sym>;
  /** The address a named location has (x86 operands name locations). */
  addressOf?: (location: string) => bigint;
}

export class RecordingContext implements ThreadContext {
  readonly thread = 0;
  readonly registers = new Map<string, Sym>();
  readonly calls: Call[] = [];
  /** A store-exclusive succeeds (status 0) or fails (status 1, no write). */
  storeExclusiveSucceeds = true;
  /** What `choose` answers (the engine would explore every alternative). */
  alternative = 0;
  /** Values the next loads return, in order. */
  loadValues: bigint[];
  private reads = 0;

  constructor(private readonly options: RecordingOptions = {}) {
    this.loadValues = [...(options.loads ?? [])];
    for (const [name, value] of Object.entries(options.registers ?? {})) {
      this.registers.set(name, typeof value === 'bigint' ? sym(value) : value);
    }
  }

  private nextRead(): Sym {
    const value = this.loadValues.shift();
    if (value === undefined && !this.options.zeroWhenUnscripted) throw new Error('unscripted load');
    return sym(value ?? 0n, 1n << BigInt(this.reads++));
  }

  /** The reads and writes made so far, in order. */
  accesses(): Access[] {
    return this.events().filter((e): e is Access => e.kind !== 'F');
  }

  /** The events made so far, as the model would see them: reads, writes and fences, in order. */
  events(): Array<Access | { kind: 'F'; tags: readonly Tag[] }> {
    const tagsOf = (o?: AccessOptions) => ({ tags: o?.tags ?? [], size: o?.size });
    return this.calls.flatMap((c): Array<Access | { kind: 'F'; tags: readonly Tag[] }> => {
      if (c.op === 'load') return [{ kind: 'R', address: c.address, value: c.value, ...tagsOf(c.options) }];
      if (c.op === 'store') return [{ kind: 'W', address: c.address, value: c.value, ...tagsOf(c.options) }];
      if (c.op === 'fence') return [{ kind: 'F', tags: c.tags }];
      if (c.op !== 'atomic') return [];
      const read: Access = { kind: 'R', address: c.address, value: c.old, ...tagsOf(c.read) };
      return c.wrote ? [read, { kind: 'W', address: c.address, value: c.wrote, ...tagsOf(c.write ?? c.read) }] : [read];
    });
  }

  value(name: string): bigint {
    return this.reg(name).value;
  }

  choose(): number {
    return this.alternative;
  }
  reg(name: string): Sym {
    return this.registers.get(name) ?? sym(0n);
  }
  setReg(name: string, value: Sym): void {
    this.registers.set(name, value);
  }
  address(location: string): Sym {
    if (!this.options.addressOf) throw new Error(`no address for '${location}' in this context`);
    return sym(this.options.addressOf(location));
  }
  load(address: Sym, options?: AccessOptions): Sym {
    const value = this.nextRead();
    this.calls.push({ op: 'load', address, value, options, exclusive: false });
    return value;
  }
  loadExclusive(address: Sym, options?: AccessOptions): Sym {
    const value = this.nextRead();
    this.calls.push({ op: 'load', address, value, options, exclusive: true });
    return value;
  }
  loadExclusivePair(first: Sym, second: Sym, options?: AccessOptions): [Sym, Sym] {
    return [this.loadExclusive(first, options), this.loadExclusive(second, options)];
  }
  storeExclusivePair(first: Sym, firstValue: Sym, second: Sym, secondValue: Sym, options?: AccessOptions): Sym {
    if (!this.storeExclusiveSucceeds) return sym(1n);
    this.storeExclusive(first, firstValue, options);
    return this.storeExclusive(second, secondValue, options);
  }
  store(address: Sym, value: Sym, options?: AccessOptions): void {
    this.calls.push({ op: 'store', address, value, options, exclusive: false });
  }
  storeExclusive(address: Sym, value: Sym, options?: AccessOptions): Sym {
    if (!this.storeExclusiveSucceeds) return sym(1n);
    this.calls.push({ op: 'store', address, value, options, exclusive: true });
    return sym(0n);
  }
  atomicUpdate(address: Sym, update: (old: Sym) => Sym | null, read?: AccessOptions, write?: AccessOptions): Sym {
    const old = this.nextRead();
    const wrote = update(old);
    this.calls.push({ op: 'atomic', address, old, wrote, read, write });
    return old;
  }
  atomicUpdatePair(
    first: Sym, second: Sym, update: (old: readonly [Sym, Sym]) => readonly [Sym, Sym] | null, read?: AccessOptions, write?: AccessOptions,
  ): [Sym, Sym] {
    const old: [Sym, Sym] = [this.nextRead(), this.nextRead()];
    const wrote = update(old);
    this.calls.push({ op: 'atomic', address: first, old: old[0], wrote: wrote?.[0] ?? null, read, write });
    this.calls.push({ op: 'atomic', address: second, old: old[1], wrote: wrote?.[1] ?? null, read, write });
    return old;
  }
  fence(tags: readonly Tag[]): void {
    this.calls.push({ op: 'fence', tags });
  }
  branch(condition: Sym, label: string): void {
    this.calls.push({ op: 'branch', condition, label });
  }
  jump(label: string): void {
    this.calls.push({ op: 'jump', label });
  }
  exit(): void {
    this.calls.push({ op: 'exit' });
  }
  discard(): never {
    throw new Error('RecordingContext: the path was discarded');
  }
  labelAddress(label: string): Sym {
    return sym(BigInt(label.length));
  }
  nextAddress(): Sym {
    return sym(4n);
  }
  jumpTo(address: Sym): void {
    this.calls.push({ op: 'jumpTo', address });
  }
}
