// The X86_64 general-purpose registers in every width. Each names a part of
// one 64-bit register, which is the canonical name (lower case, as herd
// prints conditions: `0:rax`).

import type { RegisterOperand, Width } from '../x86/operands.js';

const LEGACY = ['a', 'b', 'c', 'd'].map((l) => ({ r64: `r${l}x`, r32: `e${l}x`, r16: `${l}x`, r8: `${l}l` }));
const INDEX = ['si', 'di', 'bp', 'sp'].map((n) => ({ r64: `r${n}`, r32: `e${n}`, r16: n, r8: `${n}l` }));
const NUMBERED = Array.from({ length: 8 }, (_, i) => {
  const n = `r${i + 8}`;
  return { r64: n, r32: `${n}d`, r16: `${n}w`, r8: `${n}b` };
});

const REGISTERS = new Map<string, RegisterOperand>();
for (const family of [...LEGACY, ...INDEX, ...NUMBERED]) {
  const widths: Array<[string, Width]> = [[family.r64, 64], [family.r32, 32], [family.r16, 16], [family.r8, 8]];
  for (const [name, width] of widths) REGISTERS.set(name, { kind: 'reg', reg: family.r64, width });
}

/** `eax` or `%EAX` → the operand for the low 32 bits of rax; undefined when not a register. */
export function registerOperand(name: string): RegisterOperand | undefined {
  return REGISTERS.get(name.replace(/^%/, '').toLowerCase());
}

/** 'eax', 'RAX', '%rax' → 'rax'; null when not an X86_64 register. */
export function canonicalX86_64Register(name: string): string | null {
  return registerOperand(name)?.reg ?? null;
}
