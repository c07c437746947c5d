// Parser for the cat subset we support, building the syntax tree directly.
// Precedence, loosest first (as in herd): `|`, `++`, `;`, `\`, `&`, binary
// `*` (cartesian product), prefix `~`, postfix `+ * ? ^-1 ^+ ^*`, then
// application (`f(a, b)`, or by juxtaposition `f a b`).

import { EmbeddedActionsParser, type IToken, type TokenType } from 'chevrotain';
import { LitmusError } from '../errors.js';
import { skipGrammarChecks } from '../syntax/grammar-checks.js';
import { lazyLookahead } from '../syntax/lazy-lookahead.js';
import { firstTooDeep, firstTooDeepNode, MAX_NESTING, MAX_TREE_DEPTH, type NestingTokens } from '../syntax/nesting.js';
import type { BinaryOp, Binding, CatModelAst, CatPos, CheckKind, Expr, Statement } from './ast.js';
import { type CatTokens, catLexer, catTokens, compactSource } from './lexer.js';
import { UNDEFINED_FLAG } from './api.js';

/** What nests in a model: parentheses, brackets and braces, and prefix `~`. */
const nesting = (T: CatTokens): NestingTokens => ({ opens: [T.LParen, T.LBracket, T.LBrace], closes: [T.RParen, T.RBracket, T.RBrace], prefixes: [T.Tilde], rightAssociative: [], chainEnds: [] });

class CatParser extends EmbeddedActionsParser {
  file = '<model>';
  source = '';
  /** The cat tokens (lexer.ts), made when the first parser is: not at every start (issue 11). */
  private readonly T = catTokens();
  /** Tokens that can begin an operand: after an operand, `*` followed by one of them is a product. */
  private readonly operandStart: TokenType[] = [this.T.Identifier, this.T.Zero, this.T.LParen, this.T.LBracket, this.T.LBrace, this.T.Tilde];

  constructor() {
    super(catTokens().all, { recoveryEnabled: false, maxLookahead: 3, lookaheadStrategy: lazyLookahead(3), skipValidations: skipGrammarChecks() });
    this.performSelfAnalysis();
  }

  private at(token: IToken): CatPos {
    return { file: this.file, line: token.startLine ?? 1, column: token.startColumn ?? 1 };
  }

  /** The source from the start of `first` to the end of `last`, compacted (empty while chevrotain records the grammar). */
  private textFrom(first: IToken, last: IToken): string {
    const start = first.startOffset, end = last.endOffset;
    return end !== undefined && end >= start ? compactSource(this.source.slice(start, end + 1)) : '';
  }

  /** The source from the start of `first` to the last token consumed. */
  private textSince(first: IToken): string {
    return this.textFrom(first, this.LA(0));
  }

  public model = this.RULE('model', (): CatModelAst => {
    let title: string | undefined;
    const options: string[] = [];
    this.OPTION(() => {
      title = this.SUBRULE(this.title, { ARGS: [options] });
    });
    const statements: Statement[] = [];
    this.MANY(() => {
      const s = this.SUBRULE(this.statement);
      if (s) statements.push(s);
    });
    return { title, ...(options.length > 0 && { options }), statements };
  });

  /** A quoted string, or names on the first line (`X86 TSO`). */
  private title = this.RULE('title', (options?: string[]): string => {
    return this.OR([
      {
        ALT: () => {
          const title = this.CONSUME(this.T.StringLiteral);
          // herd7's model options after the title (`withco`, `withoutco`, …): how herd7 builds candidates; litmus builds them one way.
          this.MANY2({
            GATE: () => this.LA(1).tokenType === this.T.Identifier && this.LA(1).startLine === title.startLine,
            DEF: () => {
              const option = this.CONSUME3(this.T.Identifier).image;
              // No list while chevrotain records the grammar.
              options?.push(option);
            },
          });
          return title.image.slice(1, -1);
        },
      },
      {
        ALT: () => {
          const first = this.CONSUME(this.T.Identifier);
          const words = [first.image];
          this.MANY({
            GATE: () => this.LA(1).tokenType === this.T.Identifier && this.LA(1).startLine === first.startLine,
            DEF: () => {
              words.push(this.CONSUME2(this.T.Identifier).image);
            },
          });
          return words.join(' ');
        },
      },
    ]);
  });

  private statement = this.RULE('statement', (): Statement | undefined => {
    return this.OR([
      { ALT: () => this.SUBRULE(this.letStatement) },
      { ALT: () => this.SUBRULE(this.check, { ARGS: [false] }) },
      {
        ALT: () => {
          this.CONSUME(this.T.Flag);
          return this.SUBRULE2(this.check, { ARGS: [true] });
        },
      },
      {
        // herd's `undefined_unless CHECK`: an execution that fails it is allowed, with undefined behaviour (a C data race).
        ALT: () => {
          this.CONSUME(this.T.UndefinedUnless);
          const check = this.SUBRULE3(this.check, { ARGS: [true] });
          return this.ACTION((): Statement => (check.kind === 'check' ? { ...check, negated: !check.negated, name: UNDEFINED_FLAG } : check));
        },
      },
      { ALT: () => this.SUBRULE(this.enumStatement) },
      {
        ALT: () => {
          const token = this.CONSUME(this.T.Instructions);
          const event = this.CONSUME2(this.T.Identifier).image;
          this.CONSUME(this.T.LBracket);
          const enumName = this.CONSUME3(this.T.Identifier).image;
          this.CONSUME(this.T.RBracket);
          return { kind: 'instructions' as const, event, enumName, pos: this.at(token) };
        },
      },
      {
        ALT: () => {
          const token = this.CONSUME(this.T.With);
          const name = this.CONSUME4(this.T.Identifier).image;
          this.CONSUME(this.T.From);
          const from = this.SUBRULE(this.expr);
          return { kind: 'with' as const, name, from, pos: this.at(token) };
        },
      },
      {
        ALT: () => {
          const token = this.CONSUME(this.T.Include);
          const file = this.CONSUME(this.T.StringLiteral).image.slice(1, -1);
          return { kind: 'include' as const, file, pos: this.at(token) };
        },
      },
      {
        // show/unshow only matter for drawing diagrams: parsed and dropped.
        ALT: () => {
          this.OR2([{ ALT: () => this.CONSUME(this.T.Show) }, { ALT: () => this.CONSUME(this.T.Unshow) }]);
          this.SUBRULE(this.shown);
          this.MANY(() => {
            this.CONSUME(this.T.Comma);
            this.SUBRULE2(this.shown);
          });
          return undefined;
        },
      },
    ]);
  });

  /** `enum Name = 'a || 'b || …` (a bell file's annotations). */
  private enumStatement = this.RULE('enumStatement', (): Statement => {
    const token = this.CONSUME(this.T.Enum);
    const name = this.CONSUME(this.T.Identifier).image;
    this.CONSUME(this.T.Equals);
    const tags = [this.CONSUME(this.T.Tag).image.slice(1)];
    this.MANY(() => {
      this.CONSUME(this.T.Bars);
      tags.push(this.CONSUME2(this.T.Tag).image.slice(1));
    });
    return { kind: 'enum', name, tags, pos: this.at(token) };
  });

  private shown = this.RULE('shown', () => {
    this.SUBRULE(this.expr);
    this.OPTION(() => {
      this.CONSUME(this.T.As);
      this.CONSUME(this.T.Identifier);
    });
  });

  /** `let [rec] b and …` (with `in body`, the same words make an expression: see atom). */
  private letStatement = this.RULE('letStatement', (): Statement => {
    const token = this.LA(1);
    const { recursive, bindings } = this.SUBRULE(this.letBindings);
    return { kind: 'let', recursive, bindings, pos: this.at(token) };
  });

  private letBindings = this.RULE('letBindings', (): { recursive: boolean; bindings: Binding[] } => {
    this.CONSUME(this.T.Let);
    let recursive = false;
    this.OPTION(() => {
      this.CONSUME(this.T.Rec);
      recursive = true;
    });
    const bindings: Binding[] = [this.SUBRULE(this.binding)];
    this.MANY(() => {
      this.CONSUME(this.T.And);
      bindings.push(this.SUBRULE2(this.binding));
    });
    return { recursive, bindings };
  });

  private binding = this.RULE('binding', (): Binding => {
    const nameToken = this.CONSUME(this.T.Identifier);
    let params: string[] | undefined;
    this.OR([
      {
        ALT: () => {
          this.CONSUME(this.T.LParen);
          params = [this.CONSUME2(this.T.Identifier).image];
          this.MANY(() => {
            this.CONSUME(this.T.Comma);
            params!.push(this.CONSUME3(this.T.Identifier).image);
          });
          this.CONSUME(this.T.RParen);
        },
      },
      {
        // herd7 also writes `let f x = …` for `let f(x) = …` (the kernel's lock.cat).
        ALT: () => {
          params = [this.CONSUME4(this.T.Identifier).image];
        },
      },
      { ALT: () => undefined },
    ]);
    this.CONSUME(this.T.Equals);
    const body = this.SUBRULE(this.expr);
    return { name: nameToken.image, params, body, pos: this.at(nameToken) };
  });

  private check = this.RULE('check', (flag: boolean): Statement => {
    let negated = false;
    let first: IToken | undefined;
    this.OPTION(() => {
      first = this.CONSUME(this.T.Tilde);
      negated = true;
    });
    const testToken = this.OR([
      { ALT: () => this.CONSUME(this.T.Acyclic) },
      { ALT: () => this.CONSUME(this.T.Irreflexive) },
      { ALT: () => this.CONSUME(this.T.Empty) },
    ]);
    const expr = this.SUBRULE(this.expr);
    let name: string | undefined;
    this.OPTION2(() => {
      this.CONSUME(this.T.As);
      name = this.CONSUME(this.T.Identifier).image;
    });
    return {
      kind: 'check',
      test: testToken.image as CheckKind,
      negated,
      flag,
      expr,
      name,
      pos: this.at(first ?? testToken),
    };
  });

  /** The located error for an expression nested past MAX_TREE_DEPTH, at `token` (thrown by the caller). */
  tooDeep(token: IToken): LitmusError {
    const message = `this expression is nested too deeply: more than ${MAX_TREE_DEPTH} levels (a chain of n terms counts n; the limit)`;
    return new LitmusError({ file: this.file, pos: { line: token.startLine ?? 1, column: token.startColumn ?? 1 }, message });
  }

  /** One precedence level; `first` and `next` parse the operands (chevrotain needs distinct SUBRULE calls). */
  private binaryLevel(first: () => Expr, next: () => Expr, token: TokenType, op: BinaryOp, rightAssoc: boolean): Expr {
    const starts: IToken[] = [this.LA(1)];
    const operands: Expr[] = [first()];
    const ends: IToken[] = [this.LA(0)];
    const ops: IToken[] = [];
    this.MANY({
      GATE: () => op !== '*' || this.operandStart.includes(this.LA(2).tokenType),
      DEF: () => {
        ops.push(this.CONSUME(token));
        // Each node keeps its text, so a chain's texts grow with its square: stop before building them.
        if (operands.length >= MAX_TREE_DEPTH) throw this.tooDeep(ops[ops.length - 1]);
        starts.push(this.LA(1));
        operands.push(next());
        ends.push(this.LA(0));
      },
    });
    const last = operands.length - 1;
    if (rightAssoc) {
      let result = operands[last];
      for (let i = last - 1; i >= 0; i--) {
        const text = this.textFrom(starts[i], ends[last]);
        result = { kind: 'binary', op, left: operands[i], right: result, pos: this.at(ops[i]), text };
      }
      return result;
    }
    let result = operands[0];
    for (let i = 1; i <= last; i++) {
      const text = this.textFrom(starts[0], ends[i]);
      result = { kind: 'binary', op, left: result, right: operands[i], pos: this.at(ops[i - 1]), text };
    }
    return result;
  }

  public expr = this.RULE('expr', (): Expr => this.binaryLevel(() => this.SUBRULE(this.addExpr), () => this.SUBRULE2(this.addExpr), this.T.Union, '|', true));
  // herd7's `++` binds tighter than `|`, looser than `;` (its grammar's precedence declarations).
  private addExpr = this.RULE('addExpr', (): Expr => this.binaryLevel(() => this.SUBRULE(this.seqExpr), () => this.SUBRULE2(this.seqExpr), this.T.PlusPlus, '++', true));
  private seqExpr = this.RULE('seqExpr', (): Expr => this.binaryLevel(() => this.SUBRULE(this.diffExpr), () => this.SUBRULE2(this.diffExpr), this.T.Semi, ';', true));
  private diffExpr = this.RULE('diffExpr', (): Expr => this.binaryLevel(() => this.SUBRULE(this.interExpr), () => this.SUBRULE2(this.interExpr), this.T.Diff, '\\', false));
  private interExpr = this.RULE('interExpr', (): Expr => this.binaryLevel(() => this.SUBRULE(this.productExpr), () => this.SUBRULE2(this.productExpr), this.T.Inter, '&', true));
  private productExpr = this.RULE('productExpr', (): Expr => this.binaryLevel(() => this.SUBRULE(this.prefixExpr), () => this.SUBRULE2(this.prefixExpr), this.T.Star, '*', false));

  private prefixExpr = this.RULE('prefixExpr', (): Expr => {
    return this.OR([
      {
        ALT: () => {
          const token = this.CONSUME(this.T.Tilde);
          const arg = this.SUBRULE(this.prefixExpr);
          return { kind: 'unary' as const, op: '~' as const, arg, pos: this.at(token), text: this.textSince(token) };
        },
      },
      { ALT: () => this.SUBRULE(this.postfixExpr) },
    ]);
  });

  private postfixExpr = this.RULE('postfixExpr', (): Expr => {
    const start = this.LA(1);
    let result = this.SUBRULE(this.atom);
    let applied = 0;
    this.MANY({
      // A `*` that starts a product belongs to productExpr.
      GATE: () => this.LA(1).tokenType !== this.T.Star || !this.operandStart.includes(this.LA(2).tokenType),
      DEF: () => {
        const token = this.OR([
          { ALT: () => this.CONSUME(this.T.Plus) },
          { ALT: () => this.CONSUME(this.T.CaretPlus) },
          { ALT: () => this.CONSUME(this.T.Star) },
          { ALT: () => this.CONSUME(this.T.CaretStar) },
          { ALT: () => this.CONSUME(this.T.Question) },
          { ALT: () => this.CONSUME(this.T.Inverse) },
        ]);
        if (++applied >= MAX_TREE_DEPTH) throw this.tooDeep(token);
        const op = token.tokenType === this.T.Plus || token.tokenType === this.T.CaretPlus ? '+'
          : token.tokenType === this.T.Star || token.tokenType === this.T.CaretStar ? '*'
          : token.tokenType === this.T.Question ? '?' : '^-1';
        result = { kind: 'unary', op, arg: result, pos: this.at(token), text: this.textSince(start) };
      },
    });
    return result;
  });

  private atom = this.RULE('atom', (): Expr => {
    return this.OR([
      {
        ALT: () => {
          const token = this.LA(1);
          const { recursive, bindings } = this.SUBRULE(this.letBindings);
          this.CONSUME(this.T.In);
          const body = this.SUBRULE5(this.expr);
          return { kind: 'letIn' as const, recursive, bindings, body, pos: this.at(token), text: this.textSince(token) };
        },
      },
      {
        ALT: () => {
          const token = this.CONSUME(this.T.If);
          const variant = this.CONSUME(this.T.StringLiteral).image.slice(1, -1);
          this.CONSUME(this.T.Then);
          const then = this.SUBRULE6(this.expr);
          this.CONSUME(this.T.Else);
          const otherwise = this.SUBRULE7(this.expr);
          return { kind: 'if' as const, variant, then, else: otherwise, pos: this.at(token), text: this.textSince(token) };
        },
      },
      {
        ALT: () => {
          const token = this.CONSUME(this.T.Try);
          const body = this.SUBRULE8(this.expr);
          this.CONSUME(this.T.With);
          const fallback = this.SUBRULE9(this.expr);
          return { kind: 'try' as const, body, fallback, pos: this.at(token), text: this.textSince(token) };
        },
      },
      {
        ALT: () => {
          const token = this.CONSUME(this.T.Zero);
          return { kind: 'empty' as const, pos: this.at(token), text: this.textSince(token) };
        },
      },
      { ALT: () => this.SUBRULE(this.setLiteral) },
      {
        ALT: () => {
          this.CONSUME(this.T.LParen);
          const inner = this.SUBRULE(this.expr);
          this.CONSUME(this.T.RParen);
          return inner;
        },
      },
      {
        ALT: () => {
          const token = this.CONSUME(this.T.LBracket);
          const arg = this.SUBRULE2(this.expr);
          this.CONSUME(this.T.RBracket);
          return { kind: 'bracket' as const, arg, pos: this.at(token), text: this.textSince(token) };
        },
      },
      {
        ALT: () => {
          const token = this.CONSUME(this.T.Identifier);
          // Arguments: `f(a, b)`, or operands written after the name (`map f S`, `possible-rf e`), each one argument.
          const groups: Expr[][] = [];
          this.MANY4(() => groups.push(this.SUBRULE(this.argument)));
          const pos = this.at(token), text = this.textSince(token);
          if (groups.length === 0) return { kind: 'name' as const, name: token.image, pos, text };
          return { kind: 'call' as const, name: token.image, args: groups.flat(), pos, text };
        },
      },
    ]);
  });

  /** What follows a function's name: `(a, b, …)` (its arguments), or one operand (a name, 0, […], {…}). */
  private argument = this.RULE('argument', (): Expr[] => {
    return this.OR([
      {
        ALT: () => {
          this.CONSUME3(this.T.LParen);
          const args = [this.subrule(12, this.expr)];
          this.MANY5(() => {
            this.CONSUME4(this.T.Comma);
            args.push(this.subrule(13, this.expr));
          });
          this.CONSUME3(this.T.RParen);
          return args;
        },
      },
      {
        ALT: () => {
          const token = this.CONSUME5(this.T.Identifier);
          return [{ kind: 'name' as const, name: token.image, pos: this.at(token), text: this.textSince(token) }];
        },
      },
      {
        ALT: () => {
          const token = this.CONSUME2(this.T.Zero);
          return [{ kind: 'empty' as const, pos: this.at(token), text: this.textSince(token) }];
        },
      },
      {
        ALT: () => {
          const token = this.CONSUME2(this.T.LBracket);
          const arg = this.subrule(14, this.expr);
          this.CONSUME2(this.T.RBracket);
          return [{ kind: 'bracket' as const, arg, pos: this.at(token), text: this.textSince(token) }];
        },
      },
      { ALT: () => [this.SUBRULE2(this.setLiteral)] },
    ]);
  });

  /** `{a, b, …}`: the set of these values; `{}` is the empty set. */
  private setLiteral = this.RULE('setLiteral', (): Expr => {
    const token = this.CONSUME(this.T.LBrace);
    const items: Expr[] = [];
    this.OPTION(() => {
      items.push(this.SUBRULE(this.expr));
      this.MANY(() => {
        this.CONSUME(this.T.Comma);
        items.push(this.SUBRULE2(this.expr));
      });
    });
    this.CONSUME(this.T.RBrace);
    const pos = this.at(token), text = this.textSince(token);
    return items.length === 0 ? { kind: 'empty' as const, pos, text } : { kind: 'set' as const, items, pos, text };
  });
}

let parser: CatParser | undefined;

/** Parses a .cat source; throws LitmusError at the first lexical or syntax error. */
export function parseCat(source: string, file: string): CatModelAst {
  const T = catTokens();
  const lexed = catLexer().tokenize(source);
  if (lexed.errors.length > 0) {
    const e = lexed.errors[0];
    const herdOnly = herdOnlyConstruct(lexed.tokens, e.offset);
    if (herdOnly) throw new LitmusError({ file, ...herdOnly });
    const message = `unexpected character '${source.charAt(e.offset)}'`;
    throw new LitmusError({ file, pos: { line: e.line ?? 1, column: e.column ?? 1 }, message });
  }
  const unclosed = lexed.tokens.find((t) => t.tokenType === T.UnclosedComment);
  if (unclosed)
    throw new LitmusError({ file, pos: { line: unclosed.startLine ?? 1, column: unclosed.startColumn ?? 1 }, message: 'this comment is never closed (missing `*)`)' });
  const deep = firstTooDeep(lexed.tokens, nesting(T));
  if (deep) {
    const message = `nested too deeply here: more than ${MAX_NESTING} levels of parentheses, brackets or '~' (the limit)`;
    throw new LitmusError({ file, pos: { line: deep.startLine ?? 1, column: deep.startColumn ?? 1 }, message });
  }
  // Built on first use: building a parser analyses its grammar.
  parser ??= new CatParser();
  parser.file = file;
  parser.source = source;
  parser.input = lexed.tokens;
  const ast = parser.model();
  if (parser.errors.length === 0) {
    const deep = firstTooDeepExpr(ast);
    if (deep) throw parser.tooDeep({ startLine: deep.pos.line, startColumn: deep.pos.column } as IToken);
  }
  if (parser.errors.length > 0) {
    const e = parser.errors[0];
    const token = e.token;
    const herdOnly = herdOnlyConstruct(lexed.tokens, Number.isFinite(token.startOffset) ? token.startOffset : source.length);
    if (herdOnly) throw new LitmusError({ file, ...herdOnly });
    const found = token.tokenType.name === 'EOF' ? 'end of file' : `'${token.image}'`;
    const last = lexed.tokens[lexed.tokens.length - 1];
    const pos = token.tokenType.name === 'EOF'
      ? { line: last?.endLine ?? 1, column: (last?.endColumn ?? 0) + 1 }
      : { line: token.startLine ?? 1, column: token.startColumn ?? 1 };
    throw new LitmusError({ file, pos, message: `syntax error: unexpected ${found}${expectation(e.message)}` });
  }
  return ast;
}

/**
 * herd7's cat has constructs litmus's reader does not take yet, mostly of
 * bell files and of models that build candidates themselves (the kernel's
 * lock.cat). Words that open them, and what to say about them.
 */
const HERD_ONLY: Readonly<Record<string, string>> = {
  procedure: "herd7's procedures ('procedure' … 'call')",
  call: "herd7's procedures ('procedure' … 'call')",
  match: "herd7's 'match' over sets",
  fun: "herd7's functions as values ('fun')",
};

/** Tokens that begin a statement: a herd7-only word is looked for back to one of them. */
const statementStart = (T: CatTokens): TokenType[] => [T.Let, T.Include, T.Acyclic, T.Irreflexive, T.Empty, T.Flag, T.Show, T.Unshow, T.Enum, T.Instructions, T.UndefinedUnless];

/**
 * When reading stops at `offset`, a herd7-only construct where it stopped
 * (a word of HERD_ONLY on that line): the likely reason, said plainly
 * rather than as a syntax error.
 */
function herdOnlyConstruct(tokens: IToken[], offset: number): { pos: { line: number; column: number }; message: string } | undefined {
  const found = tokens.findIndex((t) => t.startOffset >= offset);
  const at = found < 0 ? tokens.length : found;
  const posOf = (t: IToken) => ({ line: t.startLine ?? 1, column: t.startColumn ?? 1 });
  const line = (tokens[at] ?? tokens[at - 1])?.startLine;
  const T = catTokens();
  const herdOnly = (t: IToken | undefined) => t?.tokenType === T.Identifier && HERD_ONLY[t.image] !== undefined;
  // On the line where reading stopped, or earlier in the statement it stopped in (`match` … `->` on the next line).
  let index = tokens.findIndex((t) => t.startLine === line && herdOnly(t));
  const starts = statementStart(T);
  for (let i = at - 1; index < 0 && i >= 0; i--) {
    if (herdOnly(tokens[i])) index = i;
    else if (starts.includes(tokens[i].tokenType)) break;
  }
  if (index < 0) return undefined;
  const word = tokens[index];
  return { pos: posOf(word), message: `${HERD_ONLY[word.image.toLowerCase()]}: litmus's cat reader does not take them yet` };
}

/** The first expression of the model found deeper than MAX_TREE_DEPTH (chains and parentheses together), if any. */
function firstTooDeepExpr(ast: CatModelAst): Expr | undefined {
  const children = (e: Expr): Expr[] =>
    e.kind === 'binary' ? [e.left, e.right] : e.kind === 'unary' || e.kind === 'bracket' ? [e.arg] : e.kind === 'call' ? e.args : e.kind === 'set' ? e.items
      : e.kind === 'letIn' ? [...e.bindings.map((b) => b.body), e.body] : e.kind === 'if' ? [e.then, e.else] : e.kind === 'try' ? [e.body, e.fallback] : [];
  for (const statement of ast.statements) {
    const roots = statement.kind === 'let' ? statement.bindings.map((b) => b.body) : statement.kind === 'check' ? [statement.expr] : statement.kind === 'with' ? [statement.from] : [];
    for (const root of roots) {
      const deep = firstTooDeepNode(root, children);
      if (deep) return deep;
    }
  }
  return undefined;
}

/** Chevrotain's messages list the expected tokens; keep a short form. */
function expectation(message: string): string {
  const m = /Expecting token of type --> (\w+) <--/.exec(message);
  if (m) return `, expected ${describeToken(m[1])}`;
  return '';
}

function describeToken(name: string): string {
  const names: Record<string, string> = {
    RParen: "')'", RBracket: "']'", RBrace: "'}'", Equals: "'='", Identifier: 'a name', StringLiteral: 'a quoted string', Tag: "an annotation such as 'ONCE", Bars: "'||'",
  };
  // Keywords (In, Else, With, Then, …) are written in lower case.
  const keyword = catTokens().all.find((t) => t.name === name && t.LONGER_ALT !== undefined);
  return names[name] ?? (keyword ? `'${name.toLowerCase()}'` : name);
}
