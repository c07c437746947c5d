// Entry point: text of a .litmus file in, LitmusTest out, or a LitmusError
// listing every problem found (lexing, grammar, grid checks) with positions.

import type { IRecognitionException, IToken } from 'chevrotain';
import { LitmusError, type Diagnostic, type SourcePos } from '../errors.js';
import type { LitmusTest } from './ast.js';
import { parseTokens, posOf } from './grammar.js';
import { firstTooDeep, MAX_NESTING } from './nesting.js';
import { NESTING, treeDepthProblems } from './condition-checks.js';
import { lexingProblems } from './lexing-problems.js';
import * as T from './tokens.js';
import { isCTest, parseCLitmus } from './c/parse.js';


/** Parses a .litmus test (assembly, or C: syntax/c/). `file` is recorded in the result and in diagnostics. */
export function parseLitmus(text: string, file?: string): LitmusTest {
  if (isCTest(text)) return parseCLitmus(text, file);
  const lexed = T.litmusLexer().tokenize(text);
  const lexProblems = lexingProblems(lexed, text);
  const tooDeep = firstTooDeep(lexed.tokens, NESTING);
  if (tooDeep) {
    const message = `nested too deeply here: more than ${MAX_NESTING} levels of parentheses, '~' or '=>' (the limit)`;
    throw new LitmusError({ ...(file !== undefined ? { file } : {}), pos: posOf(tooDeep), message });
  }
  const { parser: p, value: test, stopped } = parseTokens(text, lexed.tokens, (parser) => parser.litmus());
  // An unclosed comment swallows the rest of the file: what the parser then
  // misses at the end of the input ("expected ';'") is an echo of it.
  const swallowed = (lexed.groups['unclosed'] ?? []).length > 0;
  const grammarErrors = swallowed ? p.errors.filter((e) => e.token.tokenType.name !== 'EOF') : p.errors;
  const problems = [...lexProblems, ...grammarErrors.map(grammarProblem), ...p.problems, ...treeDepthProblems(test), ...stopped];
  const reported = keepIndependent(problems, lexProblems);
  if (reported.length > 0) {
    throw new LitmusError(reported.map((problem): Diagnostic => ({ ...(file !== undefined ? { file } : {}), ...problem })));
  }
  if (!test) throw new Error('internal: the parser stopped without a reason');
  return file !== undefined ? { ...test, file } : test;
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
