// The C scalar types of an init block (`int8_t x`, `uint64_t 0:X4`, `int t[2]`)
// as herd7 reads them: a width and a signedness. herd's default type is `int`.

export interface ScalarType {
  bits: 8 | 16 | 32 | 64;
  signed: boolean;
}

const NAMED: Record<string, 8 | 16 | 32 | 64> = { char: 8, short: 16, int: 32, long: 64, intptr_t: 64, uintptr_t: 64 };

/** Width and signedness of a scalar type, or null for a pointer (`int*`) or a type we do not know. */
export function scalarType(type: string): ScalarType | null {
  const t = type.trim();
  const sized = /^(u?)int(8|16|32|64)_t$/.exec(t);
  if (sized) return { bits: Number(sized[2]) as ScalarType['bits'], signed: sized[1] === '' };
  const base = t.replace(/^(signed|unsigned)\s+/, '');
  const bits = NAMED[base];
  if (bits === undefined) return null;
  return { bits, signed: !t.startsWith('unsigned') && !base.startsWith('u') };
}

/** Bytes one element of type `type` takes in memory (pointers and unknown types: 8). */
export function byteSize(type: string | undefined): number {
  return (scalarType(type ?? 'int')?.bits ?? 64) / 8;
}
