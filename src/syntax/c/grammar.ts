// The C litmus grammar (chevrotain, embedded actions): the header, a C init
// block, thread functions and their statements, and the macros of a .def
// file. The condition after the threads is left to the assembly grammar
// (see parse.ts). grammar/c.ebnf is the same grammar written by hand.

import { EmbeddedActionsParser, type IToken, type TokenType } from 'chevrotain';
import type { Diagnostic, SourcePos } from '../../errors.js';
import type { InitItem, ValueLit } from '../ast.js';
import { posOf } from '../grammar.js';
import { skipGrammarChecks } from '../grammar-checks.js';
import { lazyLookahead } from '../lazy-lookahead.js';
import { MAX_NESTING } from '../nesting.js';
import { litmusErrorMessages } from '../messages.js';
import * as A from '../tokens.js';
import type { CBinaryOp, CExpr, CMacro, CStmt, CThread, CType } from './ast.js';
import { cTokens } from './tokens.js';

/** What the grammar reads of a C test before its condition. */
export interface CTestSyntax {
  arch: IToken;
  name: IToken;
  doc?: string;
  metadata: Array<{ image: string }>;
  init: InitItem[];
  threads: CThread[];
  /** The condition part, left to the assembly grammar; absent when the test has none. */
  tail?: IToken;
}

const THREAD_NAME = /^P(\d+)$/;


/** Thrown out of the parser at a token where the text nests deeper than MAX_NESTING (parse.ts reports it). */
export class NestedTooDeeply extends Error {
  constructor(readonly token: IToken) {
    super('nested too deeply');
  }
}

export class CParser extends EmbeddedActionsParser {
  private source = '';
  problems: Diagnostic[] = [];
  /** Statements, parentheses and prefix operators the parser is inside (each a recursive descent). */
  private depth = 0;
  /** The C tokens (tokens.ts), made when the first parser is: not at every start (issue 11). */
  private readonly T = cTokens();
  /** Operators a .def primitive takes as an argument (`__atomic_op(X,&~,V)`). */
  private readonly operatorArguments: TokenType[] = [this.T.Plus, this.T.Minus, this.T.Amp, this.T.Pipe, this.T.Caret];

  constructor() {
    super(cTokens().vocabulary, {
      maxLookahead: 3,
      lookaheadStrategy: lazyLookahead(3),
      errorMessageProvider: litmusErrorMessages,
      skipValidations: skipGrammarChecks(),
    });
    this.performSelfAnalysis();
  }

  /** Prepares a fresh parse of `tokens` lexed from `source`. */
  load(source: string, tokens: IToken[]): void {
    this.source = source;
    this.problems = [];
    this.depth = 0;
    this.input = tokens;
  }

  /**
   * Runs `body` one level deeper; past MAX_NESTING, stops the parse at the
   * current token (the stack would overflow long before a test needs it).
   */
  private nested<T>(body: () => T): T {
    if (++this.depth > MAX_NESTING) throw new NestedTooDeeply(this.LA(1));
    try {
      return body();
    } finally {
      this.depth--;
    }
  }

  /** The source from the start of `first` to the end of `last`, spaces squeezed. */
  private textBetween(first: IToken, last: IToken | undefined): string {
    // While chevrotain records the grammar, rules return placeholders: there is no text yet.
    if (last === undefined || !Number.isFinite(first.startOffset) || !Number.isFinite(last.startOffset)) return '';
    return this.source.slice(first.startOffset, (last.endOffset ?? last.startOffset) + 1).replace(/\s+/g, ' ');
  }

  // ---- whole test ---------------------------------------------------------

  public test = this.RULE('test', (): CTestSyntax => {
    const arch = this.CONSUME(A.ArchName);
    const name = this.CONSUME(A.TestName);
    this.OPTION(() => this.CONSUME(A.TexName));
    let doc: string | undefined;
    const metadata: Array<{ image: string }> = [];
    this.MANY(() => {
      this.OR([
        { ALT: () => { const d = this.CONSUME(A.DocString); doc ??= d.image.slice(1, -1); } },
        { ALT: () => { metadata.push(this.CONSUME(A.MetaLine)); } },
      ]);
    });
    this.CONSUME(this.T.InitOpen);
    const init: InitItem[] = [];
    this.MANY2(() => {
      this.OR2([
        { ALT: () => this.CONSUME(this.T.Semi) },
        { ALT: () => { init.push(this.SUBRULE(this.initItem)); } },
      ]);
    });
    this.CONSUME(this.T.RBrace);
    const threads: CThread[] = [];
    this.MANY3(() => threads.push(this.SUBRULE(this.thread)));
    let tail: IToken | undefined;
    this.OPTION2(() => { tail = this.CONSUME(this.T.Tail); });
    return { arch, name, ...(doc !== undefined ? { doc } : {}), metadata, init, threads, ...(tail ? { tail } : {}) };
  });

  /** A type: its words and stars, `const volatile int *` → `int*` (qualifiers dropped). */
  private type = this.RULE('type', (): CType => {
    const words: string[] = [];
    this.AT_LEAST_ONE(() => this.OR([
      { ALT: () => words.push(this.CONSUME(this.T.TypeWord).image) },
      // `struct srcu_struct *s`: the struct's name is the type's word.
      { ALT: () => { this.CONSUME(this.T.Struct); words.push(`struct ${this.CONSUME(this.T.Ident).image}`); } },
    ]));
    let stars = '';
    this.MANY(() => { this.CONSUME(this.T.Star); stars += '*'; });
    const kept = words.filter((w) => w !== 'const' && w !== 'volatile' && w !== '_Atomic');
    return (kept.length > 0 ? kept.join(' ') : 'int') + stars;
  });

  // ---- init block ---------------------------------------------------------

  /** `int x = 1;`, `x = 1`, `int *p = &x;`, `atomic_t v = ATOMIC_INIT(0);`, `int t[2] = {1,2};`. */
  private initItem = this.RULE('cInitItem', (): InitItem => {
    const start = this.LA(1);
    let type: string | undefined;
    this.OPTION(() => { type = this.SUBRULE(this.type); });
    let stars = '';
    this.MANY(() => { this.CONSUME(this.T.Star); stars += '*'; });
    const name = this.CONSUME(this.T.Ident);
    let length: number | undefined;
    this.OPTION2(() => {
      this.CONSUME(this.T.LBracket);
      const n = this.CONSUME(this.T.Int);
      this.CONSUME(this.T.RBracket);
      length = Number(n.image);
    });
    let value: ValueLit | null = null;
    let values: ValueLit[] | undefined;
    this.OPTION3(() => {
      this.CONSUME(this.T.Assign);
      this.OR([
        {
          ALT: () => {
            this.CONSUME(this.T.LBrace);
            values = [];
            this.MANY_SEP({ SEP: this.T.Comma, DEF: () => values!.push(this.SUBRULE(this.initValue)) });
            this.CONSUME(this.T.RBrace);
          },
        },
        { ALT: () => { value = this.SUBRULE2(this.initValue); } },
      ]);
    });
    this.OPTION4(() => this.CONSUME(this.T.Semi));
    return this.ACTION((): InitItem => {
      const fullType = type !== undefined ? type + stars : stars !== '' ? `int${stars}` : undefined;
      const typed = fullType !== undefined ? { type: fullType } : {};
      const pos = posOf(start);
      const arrayLength = length ?? values?.length;
      if (arrayLength !== undefined && (length !== undefined || values !== undefined)) {
        return { kind: 'mem', loc: { name: name.image }, value: null, ...typed, pos, array: { length: arrayLength, values: values ?? [] } };
      }
      return { kind: 'mem', loc: { name: name.image }, value, ...typed, pos };
    });
  });

  /** A number, `&x` or `x` (the address of x, as herd7 reads `p=x`), or `ATOMIC_INIT(n)`. */
  private initValue = this.RULE('cInitValue', (): ValueLit => this.OR([
    { ALT: () => { const n = this.CONSUME(this.T.Int); return this.ACTION(() => ({ kind: 'int' as const, value: BigInt(n.image) })); } },
    { ALT: () => { this.CONSUME(this.T.Minus); const n = this.CONSUME2(this.T.Int); return this.ACTION(() => ({ kind: 'int' as const, value: -BigInt(n.image) })); } },
    { ALT: () => { this.CONSUME(this.T.Amp); return { kind: 'loc' as const, name: this.CONSUME(this.T.Ident).image }; } },
    {
      ALT: () => {
        const name = this.CONSUME2(this.T.Ident);
        let inner: ValueLit | undefined;
        // ATOMIC_INIT(n) and the like: the value inside.
        this.OPTION(() => {
          this.CONSUME(this.T.LParen);
          inner = this.SUBRULE(this.initValue);
          this.CONSUME(this.T.RParen);
        });
        return inner ?? { kind: 'loc' as const, name: name.image };
      },
    },
  ]));

  // ---- threads ------------------------------------------------------------

  private thread = this.RULE('thread', (): CThread => {
    const name = this.CONSUME(this.T.Ident);
    this.CONSUME(this.T.LParen);
    const params: CThread['params'] = [];
    this.MANY_SEP({
      SEP: this.T.Comma,
      DEF: () => {
        const type = this.SUBRULE(this.type);
        const param = this.CONSUME2(this.T.Ident);
        params.push({ name: param.image, type, pos: posOf(param) });
      },
    });
    this.CONSUME(this.T.RParen);
    const body = this.SUBRULE(this.block);
    return this.ACTION(() => {
      const match = THREAD_NAME.exec(name.image);
      if (!match) this.problems.push({ pos: posOf(name), message: `a thread is a function named P0, P1, …, not '${name.image}'` });
      return { id: match ? Number(match[1]) : -1, name: name.image, pos: posOf(name), params, body: body.body };
    });
  });

  private block = this.RULE('block', (): { body: CStmt[]; last: IToken } => {
    this.CONSUME(this.T.LBrace);
    const body: CStmt[] = [];
    this.MANY(() => {
      const stmt = this.SUBRULE(this.statement);
      this.ACTION(() => body.push(...stmt));
    });
    const last = this.CONSUME(this.T.RBrace);
    return { body, last };
  });

  /** One statement; a declaration of several names gives several. */
  private statement = this.RULE('statement', (): CStmt[] => this.nested(() => {
    const start = this.LA(1);
    return this.OR<CStmt[]>([
      { ALT: () => { this.CONSUME(this.T.Semi); return []; } },
      {
        ALT: () => {
          const { body, last } = this.SUBRULE(this.block);
          return [{ kind: 'block', body, pos: posOf(start), text: this.textBetween(start, last) }];
        },
      },
      {
        ALT: () => {
          this.CONSUME(this.T.If);
          this.CONSUME(this.T.LParen);
          const cond = this.SUBRULE(this.expression);
          const close = this.CONSUME(this.T.RParen);
          const then = this.SUBRULE2(this.statement);
          let otherwise: CStmt[] | undefined;
          this.OPTION(() => {
            this.CONSUME(this.T.Else);
            otherwise = this.SUBRULE3(this.statement);
          });
          return [{ kind: 'if', cond, then, ...(otherwise ? { else: otherwise } : {}), pos: posOf(start), text: this.textBetween(start, close) }];
        },
      },
      {
        ALT: () => {
          this.CONSUME(this.T.While);
          this.CONSUME2(this.T.LParen);
          const cond = this.SUBRULE2(this.expression);
          const close = this.CONSUME2(this.T.RParen);
          const body = this.SUBRULE4(this.statement);
          return [{ kind: 'while', cond, body, pos: posOf(start), text: this.textBetween(start, close) }];
        },
      },
      { ALT: () => this.SUBRULE(this.declaration) },
      {
        ALT: () => {
          const expr = this.SUBRULE3(this.expression);
          const end = this.CONSUME2(this.T.Semi);
          return [{ kind: 'expr', expr, pos: posOf(start), text: this.textBetween(start, end) }];
        },
      },
    ]);
  }));

  /** `int r0;`, `int r1 = READ_ONCE(*x), r2;`, `int *r0;`. */
  private declaration = this.RULE('declaration', (): CStmt[] => {
    const type = this.SUBRULE(this.type);
    const decls: Array<{ name: IToken; stars: string; init?: CExpr }> = [];
    this.AT_LEAST_ONE_SEP({
      SEP: this.T.Comma,
      DEF: () => {
        let stars = '';
        this.MANY(() => { this.CONSUME(this.T.Star); stars += '*'; });
        const name = this.CONSUME(this.T.Ident);
        let init: CExpr | undefined;
        this.OPTION(() => {
          this.CONSUME(this.T.Assign);
          init = this.SUBRULE(this.assignment);
        });
        decls.push({ name, stars, ...(init ? { init } : {}) });
      },
    });
    const end = this.CONSUME(this.T.Semi);
    return this.ACTION(() => decls.map((d): CStmt => ({
      kind: 'decl', type: type + d.stars, name: d.name.image, ...(d.init ? { init: d.init } : {}),
      pos: posOf(d.name), text: this.textBetween(d.name, end).replace(/,$/, ''),
    })));
  });

  // ---- expressions --------------------------------------------------------

  public expression = this.RULE('expression', (): CExpr => this.SUBRULE(this.assignment));

  private assignment = this.RULE('assignment', (): CExpr => this.nested(() => {
    const target = this.SUBRULE(this.logicalOr);
    let value: CExpr | undefined;
    this.OPTION(() => {
      this.CONSUME(this.T.Assign);
      value = this.SUBRULE(this.assignment);
    });
    return value ? { kind: 'assign', target, value, pos: target.pos } : target;
  }));

  /** A left-associative level: operands (the first from `first`, the others from `next`: chevrotain numbers each use) joined by `operator`. */
  private leftAssociative(operator: TokenType, first: () => CExpr, next: () => CExpr): CExpr {
    let left = first();
    this.MANY(() => {
      const op = this.CONSUME(operator);
      const right = next();
      left = { kind: 'binary', op: op.image as CBinaryOp, left, right, pos: left.pos };
    });
    return left;
  }

  private logicalOr = this.RULE('logicalOr', (): CExpr =>
    this.leftAssociative(this.T.OrOr, () => this.SUBRULE(this.logicalAnd), () => this.SUBRULE2(this.logicalAnd)));
  private logicalAnd = this.RULE('logicalAnd', (): CExpr =>
    this.leftAssociative(this.T.AndAnd, () => this.SUBRULE(this.bitOr), () => this.SUBRULE2(this.bitOr)));
  private bitOr = this.RULE('bitOr', (): CExpr =>
    this.leftAssociative(this.T.Pipe, () => this.SUBRULE(this.bitXor), () => this.SUBRULE2(this.bitXor)));
  private bitXor = this.RULE('bitXor', (): CExpr =>
    this.leftAssociative(this.T.Caret, () => this.SUBRULE(this.bitAnd), () => this.SUBRULE2(this.bitAnd)));
  private bitAnd = this.RULE('bitAnd', (): CExpr =>
    this.leftAssociative(this.T.Amp, () => this.SUBRULE(this.equality), () => this.SUBRULE2(this.equality)));
  private equality = this.RULE('equality', (): CExpr =>
    this.leftAssociative(this.T.Equality, () => this.SUBRULE(this.relational), () => this.SUBRULE2(this.relational)));
  private relational = this.RULE('relational', (): CExpr =>
    this.leftAssociative(this.T.Relational, () => this.SUBRULE(this.shift), () => this.SUBRULE2(this.shift)));
  private shift = this.RULE('shift', (): CExpr =>
    this.leftAssociative(this.T.Shift, () => this.SUBRULE(this.additive), () => this.SUBRULE2(this.additive)));
  private additive = this.RULE('additive', (): CExpr =>
    this.leftAssociative(this.T.Additive, () => this.SUBRULE(this.multiplicative), () => this.SUBRULE2(this.multiplicative)));
  private multiplicative = this.RULE('multiplicative', (): CExpr =>
    this.leftAssociative(this.T.Multiplicative, () => this.SUBRULE(this.unary), () => this.SUBRULE2(this.unary)));

  private unary = this.RULE('unary', (): CExpr => this.nested(() => this.OR<CExpr>([
    { ALT: () => { const t = this.CONSUME(this.T.Star); return { kind: 'deref', arg: this.SUBRULE(this.unary), pos: posOf(t) }; } },
    { ALT: () => { const t = this.CONSUME(this.T.Amp); return { kind: 'addr', arg: this.SUBRULE2(this.unary), pos: posOf(t) }; } },
    { ALT: () => { const t = this.CONSUME(this.T.Minus); return { kind: 'unary', op: '-', arg: this.SUBRULE3(this.unary), pos: posOf(t) }; } },
    { ALT: () => { const t = this.CONSUME(this.T.Bang); return { kind: 'unary', op: '!', arg: this.SUBRULE4(this.unary), pos: posOf(t) }; } },
    { ALT: () => { const t = this.CONSUME(this.T.Tilde); return { kind: 'unary', op: '~', arg: this.SUBRULE5(this.unary), pos: posOf(t) }; } },
    {
      // A cast, `(int *) p`: the value as it is.
      GATE: () => this.LA(2).tokenType === this.T.TypeWord,
      ALT: () => {
        this.CONSUME(this.T.LParen);
        this.SUBRULE(this.type);
        this.CONSUME(this.T.RParen);
        return this.SUBRULE6(this.unary);
      },
    },
    { ALT: () => this.SUBRULE(this.primary) },
  ])));

  private primary = this.RULE('cPrimary', (): CExpr => this.OR<CExpr>([
    { ALT: () => { const n = this.CONSUME(this.T.Int); return this.ACTION((): CExpr => ({ kind: 'int', value: BigInt(n.image), pos: posOf(n) })); } },
    {
      ALT: () => {
        const name = this.CONSUME(this.T.Ident);
        let call: { annotation?: string; args: CExpr[] } | undefined;
        // `name{ANNOTATION}` is a call even without parentheses (herd7's `__fence{MB}`).
        this.OPTION(() => { call = { annotation: this.CONSUME(this.T.Annotation).image.slice(1, -1), args: [] }; });
        this.OPTION2(() => {
          this.CONSUME(this.T.LParen);
          const args: CExpr[] = [];
          this.MANY_SEP({ SEP: this.T.Comma, DEF: () => args.push(this.SUBRULE(this.argument)) });
          this.CONSUME(this.T.RParen);
          call = { ...call, args };
        });
        const pos = posOf(name);
        return call ? { kind: 'call', name: name.image, ...call, pos } : { kind: 'name', name: name.image, pos };
      },
    },
    {
      ALT: () => {
        this.CONSUME2(this.T.LParen);
        const inner = this.SUBRULE(this.expression);
        this.CONSUME2(this.T.RParen);
        return inner;
      },
    },
  ]));

  /** A call's argument: an expression, or in a .def body an operator (`+`, `&~`). */
  private argument = this.RULE('argument', (): CExpr => this.OR<CExpr>([
    {
      GATE: () => this.operatorArguments.includes(this.LA(1).tokenType) && operatorEnds(this.LA(2), this.LA(3)),
      ALT: () => {
        const first = this.OR2(this.operatorArguments.map((t) => ({ ALT: () => this.CONSUME(t) })));
        let op = first.image;
        this.OPTION(() => { this.CONSUME(this.T.Tilde); op += '~'; });
        return { kind: 'operator', op, pos: posOf(first) };
      },
    },
    { ALT: () => this.SUBRULE(this.assignment) },
  ]));

  // ---- .def files ---------------------------------------------------------

  /** A .def file: `NAME(PARAMS) BODY` lines, the body an expression or a `{ … }` block. */
  public macros = this.RULE('macros', (): CMacro[] => {
    const macros: CMacro[] = [];
    this.MANY(() => {
      const name = this.CONSUME(this.T.Ident);
      this.CONSUME(this.T.LParen);
      const params: string[] = [];
      this.MANY_SEP({ SEP: this.T.Comma, DEF: () => params.push(this.CONSUME2(this.T.Ident).image) });
      this.CONSUME(this.T.RParen);
      const body = this.OR<CMacro['body']>([
        { ALT: () => ({ kind: 'block', body: this.SUBRULE(this.block).body }) },
        { ALT: () => ({ kind: 'expr', expr: this.SUBRULE(this.expression) }) },
      ]);
      macros.push({ name: name.image, params, body, pos: posOf(name) });
    });
    return macros;
  });
}

/** An operator argument ends at ',' or ')' (`&~` takes one token more). */
function operatorEnds(second: IToken, third: IToken): boolean {
  const T = cTokens();
  const ends = (t: IToken) => t.tokenType === T.Comma || t.tokenType === T.RParen;
  return ends(second) || (second.tokenType === T.Tilde && ends(third));
}

let shared: CParser | undefined;

/** The C parser, built on first use and reused. */
export function sharedCParser(): CParser {
  shared ??= new CParser();
  return shared;
}

/** A position for messages about the whole of something. */
export type { SourcePos };
