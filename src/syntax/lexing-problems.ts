// What went wrong while lexing a test, as located problems: characters no
// token takes, and comments never closed. Shared by the assembly and the C
// formats (a C test has no assembly init block, so that check stays quiet).

import type { ILexingResult } from 'chevrotain';
import type { Diagnostic } from '../errors.js';
import { posOf } from './grammar.js';
import * as T from './tokens.js';

/** The lexing problems of `text`; an unclosed init block's '{' hides the errors after it, which are its echoes. */
export function lexingProblems(lexed: ILexingResult, text: string): Diagnostic[] {
  const unclosedComments = lexed.groups['unclosed'] ?? [];
  const open = lexed.tokens.find((t) => t.tokenType === T.InitOpen);
  const initUnclosed = open !== undefined && unclosedComments.length === 0
    && !lexed.tokens.some((t) => t.tokenType === T.InitClose);
  // Past an unclosed '{' the program is lexed as init items: those errors are echoes.
  const characterErrors = initUnclosed ? lexed.errors.filter((e) => e.offset < open.startOffset) : lexed.errors;
  const problems: Diagnostic[] = characterErrors.map((error) => ({
    pos: { line: error.line ?? 0, column: error.column ?? 0 },
    message: `unexpected character '${text.charAt(error.offset)}'`,
  }));
  for (const comment of unclosedComments) {
    problems.push({ pos: posOf(comment), message: "comment '(*' is never closed with '*)'" });
  }
  if (initUnclosed) problems.push({ pos: posOf(open), message: "the init block's '{' is never closed with '}'" });
  return problems;
}
