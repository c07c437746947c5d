// Intel syntax as herd's X86 tests write it: `MOV [x],$1`, `MOV EAX,[y]`,
// `LOCK XADD [x],EAX`, `JNE L0`. Destination first; `$` marks immediates.

import { failAt, type SourcePos } from '../../errors.js';
import { NO_TEST_OPTIONS, type TestOptions } from '../../exec/types.js';
import type { InstructionCell } from '../../syntax/ast.js';
import { assemble, type Dialect } from './assemble.js';
import type { Located, MemoryOperand, Operand } from './operands.js';
import type { X86Op } from './ops.js';
import { canonicalX86Register } from './registers.js';
import { IDENTIFIER, parseInteger, type Piece, positionAt, splitOperands, mnemonicAfterLock } from './text.js';

const INTEL: Dialect = {
  arch: 'X86',
  accumulator: () => ({ kind: 'reg', reg: 'EAX', width: 32 }),
  defaultWidth: 32,
};

/**
 * The X86Op of an Intel-syntax cell (herd's X86 tests). Throws a LitmusError
 * at the mnemonic or operand at fault.
 */
export function parseIntel(cell: InstructionCell, options: TestOptions = NO_TEST_OPTIONS): X86Op {
  const { locked, word, rest } = mnemonicAfterLock(cell, 'LOCK');
  const operands = splitOperands(rest).map((piece) => parseOperand(piece, cell.pos));
  return assemble({ mnemonic: word.text.toUpperCase(), mnemonicText: word.text, locked, operands, pos: positionAt(cell.pos, word.offset) }, INTEL, options);
}

function parseOperand(piece: Piece, cellPos: SourcePos): Located<Operand> {
  const pos = positionAt(cellPos, piece.offset);
  const located = (operand: Operand): Located<Operand> => ({ operand, pos });
  const text = piece.text;
  if (text === '') failAt(pos, 'an operand is missing');
  const reg = canonicalX86Register(text);
  if (reg) return located({ kind: 'reg', reg, width: 32 });
  const number = parseInteger(text.startsWith('$') ? text.slice(1) : text);
  if (number !== undefined) return located({ kind: 'imm', value: number });
  if (text.startsWith('[') && text.endsWith(']')) return located(parseMemory(text.slice(1, -1), pos));
  if (IDENTIFIER.test(text)) return located({ kind: 'label', name: text });
  return failAt(pos, `'${text}' is not an X86 operand: expected a register (EAX), an immediate ($1) or a memory operand ([x])`);
}

/** `x`, `EAX`, `x+EAX`, `EBX+4`: a sum of at most one location, registers and constants. */
function parseMemory(inner: string, pos: SourcePos): MemoryOperand {
  const mem: MemoryOperand = { kind: 'mem', registers: [], offset: 0n };
  const terms = inner.replace(/-/g, '+-').split('+').map((t) => t.trim());
  for (const term of terms) {
    const reg = canonicalX86Register(term);
    const number = parseInteger(term);
    if (reg) mem.registers.push({ reg, scale: 1n });
    else if (number !== undefined) mem.offset += number;
    else if (IDENTIFIER.test(term) && mem.location === undefined) mem.location = term;
    else if (IDENTIFIER.test(term)) failAt(pos, `[${inner}] names two locations; a memory operand names at most one`);
    else failAt(pos, `[${inner}] is not a memory operand: expected a location or register inside the brackets, as in [x] or [EAX]`);
  }
  return mem;
}
