// Entry point: text of a .litmus file in, LitmusTest out, or a LitmusError
// listing every problem found (lexing, grammar, grid checks) with positions.

import type { ILexingResult, IRecognitionException, IToken } from 'chevrotain';
import { LitmusError, type Diagnostic, type SourcePos } from '../errors.js';
import type { LitmusTest } from './ast.js';
import { posOf, sharedLitmusParser } from './grammar.js';
import { InitClose, InitOpen, litmusLexer } from './tokens.js';

/** Parses a .litmus test. `file` is recorded in the result and in diagnostics. */
export function parseLitmus(text: string, file?: string): LitmusTest {
  const lexed = litmusLexer().tokenize(text);
  const lexProblems = lexingProblems(lexed, text);
  const p = sharedLitmusParser();
  p.load(text, lexed.tokens);
  const test = p.litmus();
  const problems = [...lexProblems, ...p.errors.map(grammarProblem), ...p.problems];
  const reported = keepIndependent(problems, lexProblems);
  if (reported.length > 0) {
    throw new LitmusError(reported.map((problem): Diagnostic => ({ ...(file !== undefined ? { file } : {}), ...problem })));
  }
  return file !== undefined ? { ...test, file } : test;
}

function lexingProblems(lexed: ILexingResult, text: string): Diagnostic[] {
  const unclosedComments = lexed.groups['unclosed'] ?? [];
  const open = lexed.tokens.find((t) => t.tokenType === InitOpen);
  const initUnclosed = open !== undefined && unclosedComments.length === 0
    && !lexed.tokens.some((t) => t.tokenType === InitClose);
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

/** Where a grammar error belongs: a missing terminator sits at the end of the line before. */
function grammarProblem(error: IRecognitionException): Diagnostic {
  const found = error.token;
  const previous = (error as { previousToken?: IToken }).previousToken;
  const missingAtLineEnd = previous && previous.endLine !== undefined && !Number.isNaN(previous.endLine)
    && (Number.isNaN(found.startLine) || (found.startLine ?? 0) > previous.endLine);
  const pos: SourcePos = missingAtLineEnd ? justAfter(previous) : posOf(found);
  return { pos, message: error.message };
}

/** The column after a token's last visible character (cell text may end in spaces). */
function justAfter(token: IToken): SourcePos {
  const image = token.image.trimEnd();
  if (image.includes('\n') || token.startColumn === undefined) return { line: token.endLine ?? 0, column: (token.endColumn ?? 0) + 1 };
  return { line: token.startLine ?? 0, column: token.startColumn + image.length };
}

/**
 * Once lexing went wrong, later grammar errors are mostly echoes of it; keep
 * the lexing problems and whatever comes before the first of them.
 */
function keepIndependent(problems: Diagnostic[], lexProblems: Diagnostic[]): Diagnostic[] {
  const before = (a: SourcePos, b: SourcePos) => a.line < b.line || (a.line === b.line && a.column < b.column);
  const firstLexProblem = lexProblems.map((p) => p.pos).sort((a, b) => (before(a, b) ? -1 : 1))[0];
  const kept = firstLexProblem
    ? problems.filter((p) => lexProblems.includes(p) || before(p.pos, firstLexProblem))
    : problems;
  const seen = new Set<string>();
  return kept
    .sort((a, b) => (before(a.pos, b.pos) ? -1 : before(b.pos, a.pos) ? 1 : 0))
    .filter((p) => {
      const key = `${p.pos.line}:${p.pos.column}:${p.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}
