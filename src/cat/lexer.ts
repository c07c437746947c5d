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

export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /\s+/, group: Lexer.SKIPPED });
export const Comment = createToken({
  name: 'Comment',
  pattern: { exec: matchComment },
  line_breaks: true,
  group: Lexer.SKIPPED,
  start_chars_hint: ['('],
});
/** `// …` to the end of the line, as herd7 reads it (the kernel's model files start with one). */
export const LineComment = createToken({ name: 'LineComment', pattern: /\/\/[^\n]*/, group: Lexer.SKIPPED });
/** What is left of the file after a `(*` that is never closed; the parser reports it. */
export const UnclosedComment = createToken({ name: 'UnclosedComment', pattern: /\(\*[\s\S]*/, line_breaks: true });
export const StringLiteral = createToken({ name: 'StringLiteral', pattern: /"[^"\n]*"/ });
export const Identifier = createToken({ name: 'Identifier', pattern: /[A-Za-z_][A-Za-z0-9_.\-]*/ });

function keyword(word: string): TokenType {
  return createToken({ name: word.charAt(0).toUpperCase() + word.slice(1), pattern: new RegExp(word), longer_alt: Identifier });
}

export const Let = keyword('let');
export const Rec = keyword('rec');
export const And = keyword('and');
export const As = keyword('as');
export const Include = keyword('include');
export const Acyclic = keyword('acyclic');
export const Irreflexive = keyword('irreflexive');
export const Empty = keyword('empty');
export const Flag = keyword('flag');
export const UndefinedUnless = keyword('undefined_unless');
export const Show = keyword('show');
export const Unshow = keyword('unshow');
export const In = keyword('in');
export const If = keyword('if');
export const Then = keyword('then');
export const Else = keyword('else');
export const Try = keyword('try');
export const With = keyword('with');
export const Enum = keyword('enum');
export const Instructions = keyword('instructions');
/** herd7's `with x from S`. */
export const From = keyword('from');
/** An annotation in a bell file's `enum` (`'ONCE`, `'rcu-lock`): the model names its events as a set, first letter upper-cased. */
export const Tag = createToken({ name: 'Tag', pattern: /'[A-Za-z0-9_][A-Za-z0-9_.\-]*/ });
/** `||`, between an enum's annotations. */
export const Bars = createToken({ name: 'Bars', pattern: /\|\|/ });

export const Zero = createToken({ name: 'Zero', pattern: /0/ });
export const Inverse = createToken({ name: 'Inverse', pattern: /\^-1/ });
export const CaretPlus = createToken({ name: 'CaretPlus', pattern: /\^\+/ });
export const CaretStar = createToken({ name: 'CaretStar', pattern: /\^\*/ });
export const Union = createToken({ name: 'Union', pattern: /\|/ });
export const Inter = createToken({ name: 'Inter', pattern: /&/ });
export const Diff = createToken({ name: 'Diff', pattern: /\\/ });
export const Semi = createToken({ name: 'Semi', pattern: /;/ });
export const Star = createToken({ name: 'Star', pattern: /\*/ });
/** `++`, herd7's adding of a value to a set. */
export const PlusPlus = createToken({ name: 'PlusPlus', pattern: /\+\+/ });
export const Plus = createToken({ name: 'Plus', pattern: /\+/ });
export const Question = createToken({ name: 'Question', pattern: /\?/ });
export const Tilde = createToken({ name: 'Tilde', pattern: /~/ });
export const LParen = createToken({ name: 'LParen', pattern: /\(/ });
export const RParen = createToken({ name: 'RParen', pattern: /\)/ });
export const LBracket = createToken({ name: 'LBracket', pattern: /\[/ });
export const RBracket = createToken({ name: 'RBracket', pattern: /\]/ });
export const LBrace = createToken({ name: 'LBrace', pattern: /\{/ });
export const RBrace = createToken({ name: 'RBrace', pattern: /\}/ });
export const Comma = createToken({ name: 'Comma', pattern: /,/ });
export const Equals = createToken({ name: 'Equals', pattern: /=/ });

export const catTokens: TokenType[] = [
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

let lexer: Lexer | undefined;

/** The .cat lexer, built on first use (not at start-up: a stock model may never need it). */
export function catLexer(): Lexer {
  lexer ??= new Lexer(catTokens, { positionTracking: 'full', ensureOptimizations: false, skipValidations: skipGrammarChecks() });
  return lexer;
}

export type { IToken };
