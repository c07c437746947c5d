// The status flags that arithmetic leaves behind and conditional jumps test.
// They live in one pseudo-register as the real EFLAGS bits, so a flags value
// is an ordinary Sym whose dependencies are those of the operands compared.

/** The pseudo-register holding the flags (not nameable in a test's conditions). */
export const FLAGS_REGISTER = 'EFLAGS';

export const CF = 1n << 0n;
export const ZF = 1n << 6n;
export const SF = 1n << 7n;
export const OF = 1n << 11n;

export interface FlagBits {
  carry: boolean;
  zero: boolean;
  sign: boolean;
  overflow: boolean;
}

/** The flags as the EFLAGS bits (CF, ZF, SF, OF). */
export function packFlags(f: FlagBits): bigint {
  return (f.carry ? CF : 0n) | (f.zero ? ZF : 0n) | (f.sign ? SF : 0n) | (f.overflow ? OF : 0n);
}

type FlagTest = (flags: bigint) => boolean;

const set = (bit: bigint): FlagTest => (flags) => (flags & bit) !== 0n;
const clear = (bit: bigint): FlagTest => (flags) => (flags & bit) === 0n;
const signDiffersFromOverflow: FlagTest = (flags) => set(SF)(flags) !== set(OF)(flags);

const CONDITIONS: ReadonlyArray<[readonly string[], FlagTest]> = [
  [['E', 'Z'], set(ZF)],
  [['NE', 'NZ'], clear(ZF)],
  [['S'], set(SF)],
  [['NS'], clear(SF)],
  [['O'], set(OF)],
  [['NO'], clear(OF)],
  [['B', 'C', 'NAE'], set(CF)],
  [['AE', 'NB', 'NC'], clear(CF)],
  [['BE', 'NA'], (f) => set(CF)(f) || set(ZF)(f)],
  [['A', 'NBE'], (f) => clear(CF)(f) && clear(ZF)(f)],
  [['L', 'NGE'], signDiffersFromOverflow],
  [['GE', 'NL'], (f) => !signDiffersFromOverflow(f)],
  [['LE', 'NG'], (f) => set(ZF)(f) || signDiffersFromOverflow(f)],
  [['G', 'NLE'], (f) => clear(ZF)(f) && !signDiffersFromOverflow(f)],
];

/** Condition code (the part after J in JNE, upper case) → its test on the flags. */
export const CONDITION_TESTS: ReadonlyMap<string, FlagTest> = new Map(
  CONDITIONS.flatMap(([names, test]) => names.map((name) => [name, test] as const)),
);
