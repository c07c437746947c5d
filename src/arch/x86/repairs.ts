// x86's repair moves for `litmus fix` (issue 12), Intel syntax (X86 tests)
// and AT&T syntax (X86_64 tests). Under x86-TSO the one reordering is a
// store with a later load (the store buffer): MFENCE, a store made a locked
// exchange (XCHG) and a LOCK on a read-modify-write each drain the buffer
// (Owens, Sarkar, Sewell 2009), and cost the same by default.

import type { RepairTable } from '../../fix/table.js';
import { splitMnemonic } from '../../fix/table.js';

const COSTS: Record<string, number> = { MFENCE: 4, XCHG: 4, LOCK: 4 };
const COST_NOTES: Record<string, string> = {
  MFENCE: 'full barrier: every access before it, before every access after it',
  XCHG: 'a store made a locked exchange with a free register (X86 tests): MOV [x],v → MOV R,v then XCHG [x],R',
  LOCK: 'LOCK on a read-modify-write whose destination is memory: ADD [x],1 → LOCK ADD [x],1',
};

const RMW = /^(ADD|SUB|AND|OR|XOR|ADC|SBB|INC|DEC|NEG|NOT|XADD|CMPXCHG)([BWLQ])?$/;

/** The table for one syntax: `att` for X86_64's `movl $1,(x)`, else X86's `MOV [x],$1`. */
function x86Table(att: boolean): RepairTable {
  const fence = att ? 'mfence' : 'MFENCE';
  const lockPrefix = att ? 'lock ' : 'LOCK ';
  // A memory destination: Intel's first operand `[x]`, AT&T's last `(x)`.
  const memoryDestination = (operands: string) => (att ? /\(\s*[^)]*\)\s*$/.test(operands) : /^\s*\[/.test(operands));
  const locked = (text: string) => /^lock\b/i.test(text.trim());
  return {
    costs: COSTS,
    order: [],
    costNotes: COST_NOTES,
    barriers: [{ text: fence, key: 'MFENCE' }],
    // EAX last: CMPXCHG uses it without naming it (a variant that changes what the program computes is refused anyway).
    scratchRegisters: att ? [] : ['EBX', 'ECX', 'EDX', 'ESI', 'EDI', 'EAX'],
    isBarrier: (text) => splitMnemonic(text).mnemonic === 'MFENCE',
    strength(text) {
      const { mnemonic } = splitMnemonic(text);
      if (mnemonic === 'MFENCE') return 'MFENCE';
      if (locked(text)) return 'LOCK';
      return mnemonic === 'XCHG' ? 'XCHG' : '';
    },
    stronger(text, context) {
      if (locked(text)) return [];
      const { mnemonic, rest } = splitMnemonic(text);
      if (RMW.test(mnemonic) && memoryDestination(rest)) return [{ text: lockPrefix + text.trim(), key: 'LOCK' }];
      // MOV [x],v → MOV R,v ; XCHG [x],R (Intel only: the value goes through a register nothing else uses).
      const store = !att && mnemonic === 'MOV' ? /^\s*(\[[^\]]*\])\s*,\s*(.+)$/.exec(rest) : null;
      const register = store ? context.freeRegister() : undefined;
      if (!store || !register) return [];
      return [{ text: `XCHG ${store[1]},${register}`, key: 'XCHG', before: `MOV ${register},${store[2].trim()}` }];
    },
    weaker(text) {
      // Only the barrier: a LOCK or an XCHG also makes an access atomic, which is more than ordering.
      return splitMnemonic(text).mnemonic === 'MFENCE' ? [{ text: '', key: '' }] : [];
    },
    opensSequence: () => false,
    closesSequence: () => false,
  };
}

export const x86Repairs: RepairTable = x86Table(false);
export const x86_64Repairs: RepairTable = x86Table(true);
