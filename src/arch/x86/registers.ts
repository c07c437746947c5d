// The X86 (32-bit, Intel syntax) general-purpose registers.

const REGISTERS = new Set(['EAX', 'EBX', 'ECX', 'EDX', 'ESI', 'EDI', 'EBP', 'ESP']);

/** 'eax' → 'EAX'; null when `name` is not an X86 register. */
export function canonicalX86Register(name: string): string | null {
  const upper = name.toUpperCase();
  return REGISTERS.has(upper) ? upper : null;
}
