// Tokens of the cat language. Names may contain `.` and `-` (po-loc,
// DMB.ISH, dmb.full): cat has no subtraction, so `a-b` is one name.

import { createToken, Lexer, type IToken, type TokenType } from 'chevrotain';
import { skipGrammarChecks } from '../syntax/grammar-checks.js';

/** `(* … *)`, nesting like OCaml's; an unclosed comment runs to the end and is reported by the lexer. */
function matchComment(text: string, offset: number): RegExpExecArray | null {
  if (!text.startsWith('(*', offset)) return null;
  let depth = 0;
  let i = offset;
  while (i < text.length) {
    if (text.startsWith('(*', i)) {
      depth++;
      i += 2;
    } else if (text.startsWith('*)', i)) {
      depth--;
      i += 2;
      if (depth === 0) {
        const match = [text.slice(offset, i)] as unknown as RegExpExecArray;
        return match;
      }
    } else i++;
  }
  return null;
}

/** `text` with its comments removed and every run of spaces made one space. */
export function compactSource(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; ) {
    const comment = matchComment(text, i);
    if (comment) {
      out += ' ';
      i += comment[0].length;
    } else out += text[i++];
  }
  return out.replace(/\s+/g, ' ').trim();
}

/**
 * Makes the cat tokens. Not at start-up: making them is a few milliseconds
 * that a run under a stock model (compiled at build time) never needs (issue 11).
 */
function makeTokens() {
  const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /\s+/, group: Lexer.SKIPPED });
  const Comment = createToken({
    name: 'Comment',
    pattern: { exec: matchComment },
    line_breaks: true,
    group: Lexer.SKIPPED,
    start_chars_hint: ['('],
  });
  /** `// …` to the end of the line, as herd7 reads it (the kernel's model files start with one). */
  const LineComment = createToken({ name: 'LineComment', pattern: /\/\/[^\n]*/, group: Lexer.SKIPPED });
  /** What is left of the file after a `(*` that is never closed; the parser reports it. */
  const UnclosedComment = createToken({ name: 'UnclosedComment', pattern: /\(\*[\s\S]*/, line_breaks: true });
  const StringLiteral = createToken({ name: 'StringLiteral', pattern: /"[^"\n]*"/ });
  const Identifier = createToken({ name: 'Identifier', pattern: /[A-Za-z_][A-Za-z0-9_.\-]*/ });

  const keyword = (word: string): TokenType =>
    createToken({ name: word.charAt(0).toUpperCase() + word.slice(1), pattern: new RegExp(word), longer_alt: Identifier });

  const Let = keyword('let');
  const Rec = keyword('rec');
  const And = keyword('and');
  const As = keyword('as');
  const Include = keyword('include');
  const Acyclic = keyword('acyclic');
  const Irreflexive = keyword('irreflexive');
  const Empty = keyword('empty');
  const Flag = keyword('flag');
  const UndefinedUnless = keyword('undefined_unless');
  const Show = keyword('show');
  const Unshow = keyword('unshow');
  const In = keyword('in');
  const If = keyword('if');
  const Then = keyword('then');
  const Else = keyword('else');
  const Try = keyword('try');
  const With = keyword('with');
  const Enum = keyword('enum');
  const Instructions = keyword('instructions');
  /** herd7's `with x from S`. */
  const From = keyword('from');
  /** An annotation in a bell file's `enum` (`'ONCE`, `'rcu-lock`): the model names its events as a set, first letter upper-cased. */
  const Tag = createToken({ name: 'Tag', pattern: /'[A-Za-z0-9_][A-Za-z0-9_.\-]*/ });
  /** `||`, between an enum's annotations. */
  const Bars = createToken({ name: 'Bars', pattern: /\|\|/ });

  const Zero = createToken({ name: 'Zero', pattern: /0/ });
  const Inverse = createToken({ name: 'Inverse', pattern: /\^-1/ });
  const CaretPlus = createToken({ name: 'CaretPlus', pattern: /\^\+/ });
  const CaretStar = createToken({ name: 'CaretStar', pattern: /\^\*/ });
  const Union = createToken({ name: 'Union', pattern: /\|/ });
  const Inter = createToken({ name: 'Inter', pattern: /&/ });
  const Diff = createToken({ name: 'Diff', pattern: /\\/ });
  const Semi = createToken({ name: 'Semi', pattern: /;/ });
  const Star = createToken({ name: 'Star', pattern: /\*/ });
  /** `++`, herd7's adding of a value to a set. */
  const PlusPlus = createToken({ name: 'PlusPlus', pattern: /\+\+/ });
  const Plus = createToken({ name: 'Plus', pattern: /\+/ });
  const Question = createToken({ name: 'Question', pattern: /\?/ });
  const Tilde = createToken({ name: 'Tilde', pattern: /~/ });
  const LParen = createToken({ name: 'LParen', pattern: /\(/ });
  const RParen = createToken({ name: 'RParen', pattern: /\)/ });
  const LBracket = createToken({ name: 'LBracket', pattern: /\[/ });
  const RBracket = createToken({ name: 'RBracket', pattern: /\]/ });
  const LBrace = createToken({ name: 'LBrace', pattern: /\{/ });
  const RBrace = createToken({ name: 'RBrace', pattern: /\}/ });
  const Comma = createToken({ name: 'Comma', pattern: /,/ });
  const Equals = createToken({ name: 'Equals', pattern: /=/ });

  const all: TokenType[] = [
    WhiteSpace,
    Comment,
    LineComment,
    UnclosedComment,
    StringLiteral,
    Let, Rec, And, As, Include, Acyclic, Irreflexive, Empty, Flag, UndefinedUnless, Show, Unshow,
    Instructions, In, If, Then, Else, Try, With, Enum, From,
    Identifier, Tag,
    Zero, Inverse, CaretPlus, CaretStar,
    Bars, Union, Inter, Diff, Semi, Star, PlusPlus, Plus, Question, Tilde,
    LParen, RParen, LBracket, RBracket, LBrace, RBrace, Comma, Equals,
  ];
  return { WhiteSpace, Comment, LineComment, UnclosedComment, StringLiteral, Identifier, Let, Rec, And, As, Include, Acyclic, Irreflexive, Empty, Flag, UndefinedUnless, Show, Unshow, In, If, Then, Else, Try, With, Enum, Instructions, From, Tag, Bars, Zero, Inverse, CaretPlus, CaretStar, Union, Inter, Diff, Semi, Star, PlusPlus, Plus, Question, Tilde, LParen, RParen, LBracket, RBracket, LBrace, RBrace, Comma, Equals, all };
}

/** The cat tokens by name, with `all` in the lexer's order. */
export type CatTokens = ReturnType<typeof makeTokens>;

let tokens: CatTokens | undefined;

/** The cat tokens, made on first use. */
export function catTokens(): CatTokens {
  return (tokens ??= makeTokens());
}

let lexer: Lexer | undefined;

/** The .cat lexer, built on first use (not at start-up: a stock model may never need it). */
export function catLexer(): Lexer {
  lexer ??= new Lexer(catTokens().all, { positionTracking: 'full', ensureOptimizations: false, skipValidations: skipGrammarChecks() });
  return lexer;
}

export type { IToken };
