// Tokens of a C litmus test (herd7's C format). The header and preamble are
// the assembly format's (same tokens, same modes); the first '{' enters the
// C vocabulary, which covers the init block and the thread functions. The
// part after the threads (`locations`, `filter`, the condition) is one Tail
// token here: it is read by the assembly format's own condition grammar
// (syntax/grammar.ts), so both formats share one reading of conditions.

import { createToken, Lexer, type ITokenConfig, type TokenType } from 'chevrotain';
import { skipGrammarChecks } from '../grammar-checks.js';
import * as A from '../tokens.js';

const token = (config: ITokenConfig): TokenType => createToken({ line_breaks: false, ...config });

const LineComment = token({ name: 'CLineComment', pattern: /\/\/[^\r\n]*/, group: Lexer.SKIPPED });
const BlockComment = token({ name: 'CBlockComment', pattern: /\/\*[\s\S]*?\*\//, group: Lexer.SKIPPED, line_breaks: true });
/** herd7's `regions:` line after the threads (memory regions for other tools): ignored, as herd7 does here. */
const Regions = token({ name: 'CRegions', pattern: /regions[ \t]*:[^\r\n]*/, group: Lexer.SKIPPED });

/**
 * Everything from the condition's first keyword on, at the start of a line
 * (so a local named `filter` is a name): handed to the condition grammar.
 */
export const Tail = token({
  name: 'CTail',
  label: "the condition ('exists', '~exists', 'forall', 'filter' or 'locations')",
  pattern: /(?<=\n[ \t]*)(?:~\s*exists|exists|forall|filter|locations)\b[\s\S]*/,
  line_breaks: true,
});

export const Ident = token({ name: 'CIdent', label: 'a name', pattern: /[A-Za-z_]\w*/ });
/**
 * A word of a type (`int`, `const`, `_Atomic`, `atomic_int`, `spinlock_t`):
 * it starts a declaration. Names ending in `_t` are types, as in the C
 * library and the kernel.
 */
export const TypeWord = token({
  name: 'CTypeWord',
  label: 'a type',
  pattern: /(?:const|volatile|_Atomic|unsigned|signed|int|long|short|char|_Bool|bool|void|__int128|atomic_(?:int|uint|long|ulong|llong|ullong|bool|char|short|ushort)|[A-Za-z_]\w*_t)\b/,
  longer_alt: Ident,
});
const keyword = (word: string): TokenType => token({ name: `C_${word}`, label: `'${word}'`, pattern: new RegExp(`${word}\\b`), longer_alt: Ident });
/**
 * C that litmus's C tests do not take, each with what to write instead:
 * lexed so that parse.ts can say so at its place rather than report a
 * puzzling syntax error.
 */
export const UNSUPPORTED_C: ReadonlyArray<readonly [RegExp, string]> = [
  [/^(?:for|do)$/, "C's '{word}' loops are not read in litmus tests: write a while loop"],
  [/^(?:return|break|continue|goto|switch|case|default)$/, "C's '{word}' is not read in litmus tests: a thread's code runs to its end, with if/else and while"],
  [/^(?:\+\+|--)$/, "C's '{word}' is not read in litmus tests: write r = r + 1"],
  [/^(?:[-+*/%&|^]|<<|>>)=$/, "C's compound assignment '{word}' is not read in litmus tests: write r = r op v"],
  [/^(?:->|\.)$/, "structs and their members ('{word}') are not read in litmus tests: a location is a parameter"],
  [/^[?:]$/, "C's conditional operator '?:' is not read in litmus tests: write an if"],
];
/** A word or an operator of UNSUPPORTED_C. */
export const Unsupported = token({
  name: 'CUnsupported',
  label: 'C litmus tests do not take',
  pattern: /(?:for|do|return|break|continue|goto|switch|case|default)\b|\+\+|--|(?:[-+*/%&|^]|<<|>>)=|->|[?:]/,
});
export const If = keyword('if');
export const Struct = keyword('struct');
export const Else = keyword('else');
export const While = keyword('while');

export const Int = token({ name: 'CInt', label: 'a number', pattern: /0[xX][0-9a-fA-F]+|\d+/ });
/** herd7's annotation of a primitive, right after its name: `__load{ONCE}(…)`, `__fence{MB}`. */
export const Annotation = token({ name: 'CAnnotation', label: 'an annotation such as {ONCE}', pattern: /(?<=\w)\{[\w-]+\}/ });
export const LBrace = token({ name: 'CLBrace', label: "'{'", pattern: /\{/ });
export const RBrace = token({ name: 'CRBrace', label: "'}'", pattern: /\}/ });
export const LParen = token({ name: 'CLParen', label: "'('", pattern: /\(/ });
export const RParen = token({ name: 'CRParen', label: "')'", pattern: /\)/ });
export const LBracket = token({ name: 'CLBracket', label: "'['", pattern: /\[/ });
export const RBracket = token({ name: 'CRBracket', label: "']'", pattern: /\]/ });
export const Semi = token({ name: 'CSemi', label: "';'", pattern: /;/ });
export const Comma = token({ name: 'CComma', label: "','", pattern: /,/ });

/** Binary operators, one token type per precedence level (categories), longest first. */
const category = (name: string): TokenType => createToken({ name, pattern: Lexer.NA });
export const OrOr = token({ name: 'COrOr', label: "'||'", pattern: /\|\|/ });
export const AndAnd = token({ name: 'CAndAnd', label: "'&&'", pattern: /&&/ });
export const Equality = category('CEquality');
export const Relational = category('CRelational');
export const Shift = category('CShift');
export const Additive = category('CAdditive');
export const Multiplicative = category('CMultiplicative');
export const EqEq = token({ name: 'CEqEq', label: "'=='", pattern: /==/, categories: [Equality] });
export const NotEq = token({ name: 'CNotEq', label: "'!='", pattern: /!=/, categories: [Equality] });
export const LessEq = token({ name: 'CLessEq', label: "'<='", pattern: /<=/, categories: [Relational] });
export const GreaterEq = token({ name: 'CGreaterEq', label: "'>='", pattern: />=/, categories: [Relational] });
export const ShiftLeft = token({ name: 'CShiftLeft', label: "'<<'", pattern: /<</, categories: [Shift] });
export const ShiftRight = token({ name: 'CShiftRight', label: "'>>'", pattern: />>/, categories: [Shift] });
export const Less = token({ name: 'CLess', label: "'<'", pattern: /</, categories: [Relational] });
export const Greater = token({ name: 'CGreater', label: "'>'", pattern: />/, categories: [Relational] });
export const Assign = token({ name: 'CAssign', label: "'='", pattern: /=/ });
export const Plus = token({ name: 'CPlus', label: "'+'", pattern: /\+/, categories: [Additive] });
export const Minus = token({ name: 'CMinus', label: "'-'", pattern: /-/, categories: [Additive] });
export const Star = token({ name: 'CStar', label: "'*'", pattern: /\*/, categories: [Multiplicative] });
export const Slash = token({ name: 'CSlash', label: "'/'", pattern: /\//, categories: [Multiplicative] });
export const Percent = token({ name: 'CPercent', label: "'%'", pattern: /%/, categories: [Multiplicative] });
export const Amp = token({ name: 'CAmp', label: "'&'", pattern: /&/ });
export const Pipe = token({ name: 'CPipe', label: "'|'", pattern: /\|/ });
export const Caret = token({ name: 'CCaret', label: "'^'", pattern: /\^/ });
export const Bang = token({ name: 'CBang', label: "'!'", pattern: /!/ });
export const Tilde = token({ name: 'CTilde', label: "'~'", pattern: /~/ });

/**
 * herd's comments `(* … *)` in C code: only with a space after `(*`, since
 * `WRITE_ONCE(*x, 1)` opens no comment.
 */
const SpacedComment = token({ name: 'CSpacedComment', pattern: /\(\*(?=\s)[\s\S]*?\*\)/, group: Lexer.SKIPPED, line_breaks: true });
const skipped = [A.Whitespace, A.Comment, A.UnclosedComment, LineComment, BlockComment];
const cSkipped = [A.Whitespace, SpacedComment, LineComment, BlockComment];

/** The C vocabulary, in matching order (longer operators before their prefixes). */
const cTokens = [
  ...cSkipped, Regions, Tail, Annotation,
  If, Else, While, Struct, Unsupported, TypeWord, Ident, Int,
  LBrace, RBrace, LParen, RParen, LBracket, RBracket, Semi, Comma,
  OrOr, AndAnd, EqEq, NotEq, LessEq, GreaterEq, ShiftLeft, ShiftRight, Less, Greater, Assign,
  Plus, Minus, Star, Slash, Percent, Amp, Pipe, Caret, Bang, Tilde,
];

/** The '{' that opens the init block: from there on, C. */
export const InitOpen = token({ name: 'CInitOpen', label: "'{'", pattern: /\{/, push_mode: 'c' });

const cLexerDefinition = {
  defaultMode: 'arch',
  modes: {
    arch: [...skipped, A.ArchName],
    name: [A.Comment, A.UnclosedComment, ...litmusNameMode()],
    preamble: [...skipped, A.TexName, A.DocString, A.MetaLine, InitOpen, A.StrayLine],
    c: cTokens,
  },
};

/** The assembly format's test-name mode, shared (its tokens end the header line). */
function litmusNameMode(): TokenType[] {
  return A.litmusLexerDefinition.modes.name.filter((t) => t !== A.Comment && t !== A.UnclosedComment);
}

/** Every token a C test may hold, for the C parser's vocabulary. */
export const cTokenVocabulary: TokenType[] = [
  ...new Set([...Object.values(cLexerDefinition.modes).flat(), Equality, Relational, Shift, Additive, Multiplicative]),
];

let lexer: Lexer | undefined;

/** The C litmus lexer, built on first use. */
export function cLitmusLexer(): Lexer {
  lexer ??= new Lexer(cLexerDefinition, { positionTracking: 'full', ensureOptimizations: false, skipValidations: skipGrammarChecks() });
  return lexer;
}

let macrosLexer: Lexer | undefined;

/** A lexer of a .def file (macros of primitives): C from the start. */
export function defLexer(): Lexer {
  macrosLexer ??= new Lexer({ ...cLexerDefinition, defaultMode: 'c' }, { positionTracking: 'full', ensureOptimizations: false, skipValidations: skipGrammarChecks() });
  return macrosLexer;
}
