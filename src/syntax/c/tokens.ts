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

/**
 * Makes the C tokens. Not at start-up: making them is a millisecond or two
 * that a run of assembly tests never needs (issue 11).
 */
function makeTokens() {
  const LineComment = token({ name: 'CLineComment', pattern: /\/\/[^\r\n]*/, group: Lexer.SKIPPED });
  const BlockComment = token({ name: 'CBlockComment', pattern: /\/\*[\s\S]*?\*\//, group: Lexer.SKIPPED, line_breaks: true });
  /** herd7's `regions:` line after the threads (memory regions for other tools): ignored, as herd7 does here. */
  const Regions = token({ name: 'CRegions', pattern: /regions[ \t]*:[^\r\n]*/, group: Lexer.SKIPPED });

  /**
   * Everything from the condition's first keyword on, at the start of a line
   * (so a local named `filter` is a name): handed to the condition grammar.
   */
  const Tail = token({
    name: 'CTail',
    label: "the condition ('exists', '~exists', 'forall', 'filter' or 'locations')",
    pattern: /(?<=\n[ \t]*)(?:~\s*exists|exists|forall|filter|locations)\b[\s\S]*/,
    line_breaks: true,
  });

  const Ident = token({ name: 'CIdent', label: 'a name', pattern: /[A-Za-z_]\w*/ });
  /**
   * A word of a type (`int`, `const`, `_Atomic`, `atomic_int`, `spinlock_t`):
   * it starts a declaration. Names ending in `_t` are types, as in the C
   * library and the kernel.
   */
  const TypeWord = token({
    name: 'CTypeWord',
    label: 'a type',
    pattern: /(?:const|volatile|_Atomic|unsigned|signed|int|long|short|char|_Bool|bool|void|__int128|atomic_(?:int|uint|long|ulong|llong|ullong|bool|char|short|ushort)|[A-Za-z_]\w*_t)\b/,
    longer_alt: Ident,
  });
  const keyword = (word: string): TokenType => token({ name: `C_${word}`, label: `'${word}'`, pattern: new RegExp(`${word}\\b`), longer_alt: Ident });
  /** A word or an operator of UNSUPPORTED_C. */
  const Unsupported = token({
    name: 'CUnsupported',
    label: 'C litmus tests do not take',
    pattern: /(?:for|do|return|break|continue|goto|switch|case|default)\b|\+\+|--|(?:[-+*/%&|^]|<<|>>)=|->|[?:]/,
  });
  const If = keyword('if');
  const Struct = keyword('struct');
  const Else = keyword('else');
  const While = keyword('while');

  const Int = token({ name: 'CInt', label: 'a number', pattern: /0[xX][0-9a-fA-F]+|\d+/ });
  /** herd7's annotation of a primitive, right after its name: `__load{ONCE}(…)`, `__fence{MB}`. */
  const Annotation = token({ name: 'CAnnotation', label: 'an annotation such as {ONCE}', pattern: /(?<=\w)\{[\w-]+\}/ });
  const LBrace = token({ name: 'CLBrace', label: "'{'", pattern: /\{/ });
  const RBrace = token({ name: 'CRBrace', label: "'}'", pattern: /\}/ });
  const LParen = token({ name: 'CLParen', label: "'('", pattern: /\(/ });
  const RParen = token({ name: 'CRParen', label: "')'", pattern: /\)/ });
  const LBracket = token({ name: 'CLBracket', label: "'['", pattern: /\[/ });
  const RBracket = token({ name: 'CRBracket', label: "']'", pattern: /\]/ });
  const Semi = token({ name: 'CSemi', label: "';'", pattern: /;/ });
  const Comma = token({ name: 'CComma', label: "','", pattern: /,/ });

  /** Binary operators, one token type per precedence level (categories), longest first. */
  const category = (name: string): TokenType => createToken({ name, pattern: Lexer.NA });
  const OrOr = token({ name: 'COrOr', label: "'||'", pattern: /\|\|/ });
  const AndAnd = token({ name: 'CAndAnd', label: "'&&'", pattern: /&&/ });
  const Equality = category('CEquality');
  const Relational = category('CRelational');
  const Shift = category('CShift');
  const Additive = category('CAdditive');
  const Multiplicative = category('CMultiplicative');
  const EqEq = token({ name: 'CEqEq', label: "'=='", pattern: /==/, categories: [Equality] });
  const NotEq = token({ name: 'CNotEq', label: "'!='", pattern: /!=/, categories: [Equality] });
  const LessEq = token({ name: 'CLessEq', label: "'<='", pattern: /<=/, categories: [Relational] });
  const GreaterEq = token({ name: 'CGreaterEq', label: "'>='", pattern: />=/, categories: [Relational] });
  const ShiftLeft = token({ name: 'CShiftLeft', label: "'<<'", pattern: /<</, categories: [Shift] });
  const ShiftRight = token({ name: 'CShiftRight', label: "'>>'", pattern: />>/, categories: [Shift] });
  const Less = token({ name: 'CLess', label: "'<'", pattern: /</, categories: [Relational] });
  const Greater = token({ name: 'CGreater', label: "'>'", pattern: />/, categories: [Relational] });
  const Assign = token({ name: 'CAssign', label: "'='", pattern: /=/ });
  const Plus = token({ name: 'CPlus', label: "'+'", pattern: /\+/, categories: [Additive] });
  const Minus = token({ name: 'CMinus', label: "'-'", pattern: /-/, categories: [Additive] });
  const Star = token({ name: 'CStar', label: "'*'", pattern: /\*/, categories: [Multiplicative] });
  const Slash = token({ name: 'CSlash', label: "'/'", pattern: /\//, categories: [Multiplicative] });
  const Percent = token({ name: 'CPercent', label: "'%'", pattern: /%/, categories: [Multiplicative] });
  const Amp = token({ name: 'CAmp', label: "'&'", pattern: /&/ });
  const Pipe = token({ name: 'CPipe', label: "'|'", pattern: /\|/ });
  const Caret = token({ name: 'CCaret', label: "'^'", pattern: /\^/ });
  const Bang = token({ name: 'CBang', label: "'!'", pattern: /!/ });
  const Tilde = token({ name: 'CTilde', label: "'~'", pattern: /~/ });

  /**
   * herd's comments `(* … *)` in C code: only with a space after `(*`, since
   * `WRITE_ONCE(*x, 1)` opens no comment.
   */
  const SpacedComment = token({ name: 'CSpacedComment', pattern: /\(\*(?=\s)[\s\S]*?\*\)/, group: Lexer.SKIPPED, line_breaks: true });
  const skipped = [A.Whitespace, A.Comment, A.UnclosedComment, LineComment, BlockComment];
  const cSkipped = [A.Whitespace, SpacedComment, LineComment, BlockComment];

  /** The C vocabulary, in matching order (longer operators before their prefixes). */
  const cMode = [
    ...cSkipped, Regions, Tail, Annotation,
    If, Else, While, Struct, Unsupported, TypeWord, Ident, Int,
    LBrace, RBrace, LParen, RParen, LBracket, RBracket, Semi, Comma,
    OrOr, AndAnd, EqEq, NotEq, LessEq, GreaterEq, ShiftLeft, ShiftRight, Less, Greater, Assign,
    Plus, Minus, Star, Slash, Percent, Amp, Pipe, Caret, Bang, Tilde,
  ];

  /** The '{' that opens the init block: from there on, C. */
  const InitOpen = token({ name: 'CInitOpen', label: "'{'", pattern: /\{/, push_mode: 'c' });

  const lexerDefinition = {
    defaultMode: 'arch',
    modes: {
      arch: [...skipped, A.ArchName],
      name: [A.Comment, A.UnclosedComment, ...litmusNameMode()],
      preamble: [...skipped, A.TexName, A.DocString, A.MetaLine, InitOpen, A.StrayLine],
      c: cMode,
    },
  };

  /** The assembly format's test-name mode, shared (its tokens end the header line). */
  function litmusNameMode(): TokenType[] {
    return A.litmusLexerDefinition.modes.name.filter((t) => t !== A.Comment && t !== A.UnclosedComment);
  }

  /** Every token a C test may hold, for the C parser's vocabulary. */
  const vocabulary: TokenType[] = [
    ...new Set([...Object.values(lexerDefinition.modes).flat(), Equality, Relational, Shift, Additive, Multiplicative]),
  ];
  return { Tail, Ident, TypeWord, Unsupported, If, Struct, Else, While, Int, Annotation, LBrace, RBrace, LParen, RParen, LBracket, RBracket, Semi, Comma, OrOr, AndAnd, Equality, Relational, Shift, Additive, Multiplicative, EqEq, NotEq, LessEq, GreaterEq, ShiftLeft, ShiftRight, Less, Greater, Assign, Plus, Minus, Star, Slash, Percent, Amp, Pipe, Caret, Bang, Tilde, InitOpen, vocabulary, lexerDefinition };
}

/** The C tokens by name, with the lexer's modes (`lexerDefinition`) and the parser's `vocabulary`. */
export type CTokens = ReturnType<typeof makeTokens>;

let tokens: CTokens | undefined;

/** The C tokens, made on first use. */
export function cTokens(): CTokens {
  return (tokens ??= makeTokens());
}

let lexer: Lexer | undefined;

/** The C litmus lexer, built on first use. */
export function cLitmusLexer(): Lexer {
  lexer ??= new Lexer(cTokens().lexerDefinition, { positionTracking: 'full', ensureOptimizations: false, skipValidations: skipGrammarChecks() });
  return lexer;
}

let macrosLexer: Lexer | undefined;

/** A lexer of a .def file (macros of primitives): C from the start. */
export function defLexer(): Lexer {
  macrosLexer ??= new Lexer({ ...cTokens().lexerDefinition, defaultMode: 'c' }, { positionTracking: 'full', ensureOptimizations: false, skipValidations: skipGrammarChecks() });
  return macrosLexer;
}
