// AT&T syntax as herd's X86_64 tests write it: `movl $1,(x)`,
// `movl (x),%eax`, `lock xaddq %rax,(y)`. Source first, a size suffix on the
// mnemonic; operands are reversed to the destination-first order of assemble.

import { failAt, type SourcePos } from '../../errors.js';
import { NO_TEST_OPTIONS, type TestOptions } from '../../exec/types.js';
import type { InstructionCell } from '../../syntax/ast.js';
import { assemble, type Dialect, isKnownMnemonic } from '../x86/assemble.js';
import type { Located, MemoryOperand, Operand, Width } from '../x86/operands.js';
import type { X86Op } from '../x86/ops.js';
import { IDENTIFIER, parseInteger, type Piece, positionAt, splitOperands, mnemonicAfterLock } from '../x86/text.js';
import { registerOperand } from './registers.js';

const ATT: Dialect = {
  arch: 'X86_64',
  accumulator: (width) => ({ kind: 'reg', reg: 'rax', width }),
};

const SUFFIX_WIDTHS: Record<string, Width> = { b: 8, w: 16, l: 32, q: 64 };

/**
 * The X86Op of an AT&T-syntax cell (herd's X86_64 tests). Throws a
 * LitmusError at the mnemonic or operand at fault.
 */
export function parseAtt(cell: InstructionCell, options: TestOptions = NO_TEST_OPTIONS): X86Op {
  const { locked, word, rest } = mnemonicAfterLock(cell, 'lock');
  const pos = positionAt(cell.pos, word.offset);
  const { mnemonic, width } = splitSuffix(word.text.toUpperCase());
  const operands = splitOperands(rest).map((piece) => parseOperand(piece, cell.pos));
  return assemble({ mnemonic, mnemonicText: word.text, width, locked, operands: operands.reverse(), pos }, ATT, options);
}

/** `MOVL` → MOV at 32 bits; a mnemonic that is known as written (`JL`) keeps its last letter. */
function splitSuffix(word: string): { mnemonic: string; width?: Width } {
  if (isKnownMnemonic(word)) return { mnemonic: word };
  const stem = word.slice(0, -1);
  const width = SUFFIX_WIDTHS[word.slice(-1).toLowerCase()];
  return width !== undefined && isKnownMnemonic(stem) ? { mnemonic: stem, width } : { mnemonic: word };
}

function parseOperand(piece: Piece, cellPos: SourcePos): Located<Operand> {
  const pos = positionAt(cellPos, piece.offset);
  const located = (operand: Operand): Located<Operand> => ({ operand, pos });
  const text = piece.text;
  if (text === '') failAt(pos, 'an operand is missing');
  if (text.startsWith('%')) {
    return located(registerOperand(text) ?? failAt(pos, `'${text}' is not an X86_64 register`));
  }
  if (text.startsWith('$')) {
    const value = parseInteger(text.slice(1));
    return located(value !== undefined ? { kind: 'imm', value } : failAt(pos, `'${text}' is not a number`));
  }
  const memory = /^([^()]*)\((.*)\)$/.exec(text);
  if (memory) return located(parseMemory(memory[1].trim(), memory[2], pos));
  if (IDENTIFIER.test(text)) return located({ kind: 'label', name: text });
  return failAt(pos, `'${text}' is not an X86_64 operand: expected a register (%eax), an immediate ($1) or a memory operand ((x))`);
}

/**
 * `disp(base,index,scale)`: base a register or a location, disp a number or a
 * location, the index register multiplied by scale (1, 2, 4 or 8; default 1).
 */
function parseMemory(displacement: string, inner: string, pos: SourcePos): MemoryOperand {
  const mem: MemoryOperand = { kind: 'mem', registers: [], offset: 0n };
  const addLocation = (name: string) => {
    if (mem.location !== undefined) failAt(pos, 'a memory operand names at most one location');
    mem.location = name;
  };
  const offset = parseInteger(displacement);
  if (offset !== undefined) mem.offset = offset;
  else if (IDENTIFIER.test(displacement)) addLocation(displacement);
  else if (displacement !== '') failAt(pos, `'${displacement}' is not a displacement: expected a number or a location`);
  const [base, index, scaleText, ...extra] = inner.split(',').map((s) => s.trim());
  if (extra.length > 0) failAt(pos, 'a memory operand is (base), (base,index) or (base,index,scale)');
  const scale = scaleText === undefined ? 1n : parseInteger(scaleText);
  if (scale === undefined || ![1n, 2n, 4n, 8n].includes(scale)) {
    failAt(pos, `'${scaleText}' is not a scale: expected 1, 2, 4 or 8`);
  }
  for (const [part, factor] of [[base, 1n], [index, scale]] as const) {
    if (part === undefined || part === '') continue;
    const reg = registerOperand(part);
    if (reg && part.startsWith('%')) mem.registers.push({ reg: reg.reg, scale: factor });
    else if (IDENTIFIER.test(part) && factor === 1n) addLocation(part);
    else failAt(pos, `'${part}' cannot ${factor === 1n ? 'address memory' : 'be scaled'}: expected a register such as %rax${factor === 1n ? ' or a location' : ''}`);
  }
  return mem;
}
