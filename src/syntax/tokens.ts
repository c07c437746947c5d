// Tokens of the .litmus format. A test has sections with different lexical
// rules, so the lexer walks through modes, each entered by the token that
// opens its section:
//   arch     "AArch64"                          → name
//   name     "MP+dmb.sy"                        → preamble
//   preamble doc string, Key=value lines, '{'   → init
//   init     init items; '{' of an array        → array (and back); '}' → grid
//   grid     program rows: free cell text, '|', ';'; a condition keyword → cond
//   cond     locations, filter and the final condition
// Instruction text is one opaque CellText token per cell (the architecture
// parses it later), which keeps cell positions exact.

import { createToken, Lexer, type ITokenConfig, type TokenType } from 'chevrotain';
import { skipGrammarChecks } from './grammar-checks.js';

const M = {
  arch: 'arch',
  name: 'name',
  preamble: 'preamble',
  init: 'init',
  array: 'array',
  grid: 'grid',
  cond: 'cond',
} as const;

/**
 * A token that stays on one line unless it says `line_breaks: true`. Saying
 * so spares chevrotain from analysing every pattern for line terminators when
 * the lexer is built, at each start (issue 11); a spec checks that no
 * one-line token can match one.
 */
const token = (config: ITokenConfig): TokenType => createToken({ line_breaks: false, ...config });

// ---- shared by every mode -------------------------------------------------

export const Whitespace = token({
  name: 'Whitespace',
  pattern: /[ \t\r\n\f]+/,
  group: Lexer.SKIPPED,
  line_breaks: true,
});
export const Comment = token({
  name: 'Comment',
  pattern: /\(\*[\s\S]*?\*\)/,
  group: Lexer.SKIPPED,
  line_breaks: true,
});
/** A '(*' with no matching '*)': kept aside and reported by the parser front end. */
export const UnclosedComment = token({
  name: 'UnclosedComment',
  pattern: /\(\*[\s\S]*/,
  group: 'unclosed',
  line_breaks: true,
});

// ---- header ---------------------------------------------------------------

export const ArchName = token({ name: 'ArchName', label: 'the architecture name', pattern: /[A-Za-z][\w]*/, push_mode: M.name });
/** The end of the first line when the test name is missing: lets the parser say so. */
const HeaderLineEnd = token({
  name: 'HeaderLineEnd',
  pattern: /[ \t]*\r?\n/,
  group: Lexer.SKIPPED,
  line_breaks: true,
  push_mode: M.preamble,
});
const InlineSpace = token({ name: 'InlineSpace', pattern: /[ \t]+/, group: Lexer.SKIPPED });
export const TestName = token({
  name: 'TestName',
  label: 'the test name',
  pattern: /(?:[^\s(]|\((?!\*))+/,
  push_mode: M.preamble,
});
/**
 * `(alias)` after the test name, as older tests write it (`X86 SB (sbAlias)`,
 * `(sb+mfences)`): herd7 calls it the TeX name, shows nothing of it, and
 * reads on whatever it holds; so do we.
 */
export const TexName = token({ name: 'TexName', label: "the test's alias in parentheses", pattern: /\((?!\*)[^)\r\n]*\)/ });
export const DocString = token({ name: 'DocString', label: 'a doc string', pattern: /"[^"]*"/, line_breaks: true });
export const MetaLine = token({ name: 'MetaLine', label: 'a Key=value line', pattern: /[A-Za-z_][\w.\-]*[ \t]*=[^\r\n]*/ });
/** Any other line before the init block: herd7 ignores it, and so do we. */
export const StrayLine = token({ name: 'StrayLine', pattern: /[^\s{"(][^\r\n{]*/, group: Lexer.SKIPPED });
export const InitOpen = token({ name: 'InitOpen', label: "'{'", pattern: /\{/, push_mode: M.init });

// ---- init block -----------------------------------------------------------

/** The init block's '}', with the ';' older tests put after it (`{a=0; b=0};`): herd7 skips it. */
export const InitClose = token({ name: 'InitClose', label: "'}'", pattern: /\}(?:[ \t]*;)?/, push_mode: M.grid });
export const ArrayOpen = token({ name: 'ArrayOpen', label: "'{'", pattern: /\{/, push_mode: M.array });
export const ArrayClose = token({ name: 'ArrayClose', label: "'}'", pattern: /\}/, pop_mode: true });

// ---- values, names and punctuation (init and condition) -------------------

export const Int = token({ name: 'Int', label: 'a number', pattern: /-?(?:0[xX][0-9a-fA-F]+|[0-9]+)/ });
/** A thread written `P0` before a ':' (`P0:EAX` in older tests, `P0:L0` a label's address). */
export const ProcName = token({ name: 'ProcName', label: 'a thread such as P0', pattern: /P\d+(?=[ \t]*:)/ });
export const Ident = token({ name: 'Ident', label: 'a name', pattern: /[A-Za-z_%][\w.%]*/ });
export const StringLit = token({ name: 'StringLit', label: 'a quoted string', pattern: /"[^"\r\n]*"/ });
export const Semi = token({ name: 'Semi', label: "';'", pattern: /;/ });
export const Colon = token({ name: 'Colon', label: "':'", pattern: /:/ });
export const Comma = token({ name: 'Comma', label: "','", pattern: /,/ });
export const Star = token({ name: 'Star', label: "'*'", pattern: /\*/ });
export const Amp = token({ name: 'Amp', label: "'&'", pattern: /&/ });
export const LBracket = token({ name: 'LBracket', label: "'['", pattern: /\[/ });
export const RBracket = token({ name: 'RBracket', label: "']'", pattern: /\]/ });
export const LParen = token({ name: 'LParen', label: "'('", pattern: /\(/ });
export const RParen = token({ name: 'RParen', label: "')'", pattern: /\)/ });
export const Implies = token({ name: 'Implies', label: "'=>'", pattern: /=>/ });
export const NotEquals = token({ name: 'NotEquals', label: "'!='", pattern: /!=|<>/ });
export const Equals = token({ name: 'Equals', label: "'='", pattern: /==?/ });

// ---- program grid ---------------------------------------------------------

export const Pipe = token({ name: 'Pipe', label: "'|'", pattern: /\|/ });
/**
 * The text of one cell up to '|', ';', a comment or the end of the line. An
 * x86 prefix written `LOCK;` before its instruction (`LOCK; ADD [x],$1`) is
 * part of the cell, as in herd7: its ';' does not end the row.
 */
export const CellText = token({
  name: 'CellText',
  label: 'an instruction',
  pattern: /(?:lock[ \t]*;[ \t]*(?=[^|;\s(]))?(?:[^|;\s(]|\((?!\*))(?:[^|;\r\n(]|\((?!\*))*/i,
});
/**
 * `<< … >>` after the condition: directives for other tools (herd7 ignores it,
 * to the end of the file). Only there: in code, `<<` may be a shift.
 */
const ToolDirectives = token({ name: 'ToolDirectives', pattern: /<<[\s\S]*/, group: Lexer.SKIPPED, line_breaks: true });

// ---- condition ------------------------------------------------------------
// Keywords that may start the part after the grid switch to `cond`; inside
// `cond` that push is harmless (the mode stack only grows by a few entries).
// The trailing \b keeps `notx` or `exists2` a name.

const keyword = (name: string, word: string, enter = false): TokenType =>
  token({
    name,
    label: `'${word}'`,
    pattern: new RegExp(`${word}\\b`),
    ...(enter ? { push_mode: M.cond } : {}),
  });

export const Exists = keyword('Exists', 'exists', true);
export const NotExists = token({ name: 'NotExists', label: "'~exists'", pattern: /~\s*exists\b/, line_breaks: true, push_mode: M.cond });
export const Forall = keyword('Forall', 'forall', true);
export const Filter = keyword('Filter', 'filter', true);
export const Locations = keyword('Locations', 'locations', true);
/** A bare '(' right after the grid: the condition `(PROP)` meaning exists. */
export const CondOpenParen = token({ name: 'CondOpenParen', label: "'('", pattern: /\((?!\*)/, categories: [LParen], push_mode: M.cond });
export const True = keyword('True', 'true');
export const False = keyword('False', 'false');
export const NotWord = keyword('NotWord', 'not');
export const Tilde = token({ name: 'Tilde', label: "'~'", pattern: /~/ });
export const And = token({ name: 'And', label: "'/\\'", pattern: /\/\\/ });
export const Or = token({ name: 'Or', label: "'\\/'", pattern: /\\\// });
export const CondOpenBrace = token({ name: 'CondOpenBrace', label: "'{'", pattern: /\{/ });
export const CondCloseBrace = token({ name: 'CondCloseBrace', label: "'}'", pattern: /\}/ });

const skipped = [Whitespace, Comment, UnclosedComment];
const valuePunctuation = [Semi, Colon, Comma, Star, Amp, LBracket, RBracket, LParen, RParen];

export const litmusLexerDefinition = {
  defaultMode: M.arch,
  modes: {
    [M.arch]: [...skipped, ArchName],
    [M.name]: [HeaderLineEnd, InlineSpace, Comment, UnclosedComment, TestName],
    [M.preamble]: [...skipped, TexName, DocString, MetaLine, InitOpen, StrayLine],
    [M.init]: [...skipped, InitClose, ArrayOpen, Int, ProcName, Ident, StringLit, Equals, ...valuePunctuation],
    [M.array]: [...skipped, ArrayClose, Int, Ident, Comma],
    [M.grid]: [...skipped, Pipe, Semi, NotExists, Exists, Forall, Filter, Locations, CondOpenParen, CellText],
    [M.cond]: [
      ...skipped, ToolDirectives,
      NotExists, Exists, Forall, Filter, Locations, True, False, NotWord,
      Implies, NotEquals, Equals, Tilde, And, Or, CondOpenBrace, CondCloseBrace,
      Int, ProcName, Ident, StringLit, ...valuePunctuation,
    ],
  },
};

/** Every token type the parser may see, for the parser's constructor. */
export const allTokens: TokenType[] = [
  ...new Set(Object.values(litmusLexerDefinition.modes).flat()),
];

let lexer: Lexer | undefined;

/**
 * The lexer, built on first use (building one analyses every token: not at
 * start-up). Safe mode skips the first-character index, which the grid's
 * cell token (a negated set) rules out anyway, and its cost at every start.
 */
export function litmusLexer(): Lexer {
  lexer ??= new Lexer(litmusLexerDefinition, { positionTracking: 'full', safeMode: true, ensureOptimizations: false, skipValidations: skipGrammarChecks() });
  return lexer;
}

let conditionOnlyLexer: Lexer | undefined;

/**
 * A lexer of what follows the program (`locations`, `filter`, the
 * condition) alone, for formats whose code is not a grid (C tests).
 */
export function conditionLexer(): Lexer {
  conditionOnlyLexer ??= new Lexer({ ...litmusLexerDefinition, defaultMode: M.cond }, { positionTracking: 'full', safeMode: true, ensureOptimizations: false, skipValidations: skipGrammarChecks() });
  return conditionOnlyLexer;
}
