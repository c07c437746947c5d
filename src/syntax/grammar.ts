// The .litmus grammar as a chevrotain parser with embedded actions: each rule
// returns its piece of the AST directly. Checks that need more than the
// grammar (thread headers, cells per row) are collected in `problems`.
// grammar/litmus.ebnf is the same grammar written by hand; keep them in step.

import { EmbeddedActionsParser, EMPTY_ALT, type IRecognitionException, type IToken } from 'chevrotain';
import type { Diagnostic, SourcePos } from '../errors.js';
import {
  type Condition, type InitItem, type InstructionCell, type LitmusTest, type LocationRef, locationText, type Prop,
  type Quantifier, type StateRef, type ThreadCode, type ValueLit,
} from './ast.js';
import { cellFromTokens, threadsFromGrid, type GridRow } from './grid.js';
import { skipGrammarChecks } from './grammar-checks.js';
import { lazyLookahead } from './lazy-lookahead.js';
import { litmusErrorMessages } from './messages.js';
import * as T from './tokens.js';


type InitTarget =
  | { kind: 'reg'; thread: number | null; reg: string }
  | { kind: 'mem'; loc: LocationRef; arrayLength?: number };

type InitValue = { value: ValueLit } | { array: ValueLit[] };

/** A token's position; the end-of-input token has none (NaN), so it is placed at 1:1. */
export function posOf(token: IToken): SourcePos {
  const line = token.startLine;
  const column = token.startColumn;
  if (line === undefined || column === undefined || Number.isNaN(line) || Number.isNaN(column)) return { line: 1, column: 1 };
  return { line, column };
}

function intLit(token: IToken): ValueLit {
  const text = token.image;
  const negative = text.startsWith('-');
  const magnitude = BigInt(negative ? text.slice(1) : text);
  return { kind: 'int', value: negative ? -magnitude : magnitude };
}

// What a rule returns when recovery gives up on it; the test is rejected
// anyway, this only lets the parse go on to find further errors.
const NO_POS: SourcePos = { line: 0, column: 0 };
const NO_PROP: Prop = { kind: 'true', pos: NO_POS };
const ZERO: ValueLit = { kind: 'int', value: 0n };
const RECOVERY_PLACEHOLDERS: Record<string, (e: IRecognitionException) => unknown> = {
  initBlock: () => [],
  initItem: () => ({ kind: 'mem', loc: '', value: null, pos: NO_POS }),
  initTarget: () => ({ kind: 'mem', loc: { name: '' } }),
  initValue: () => ({ value: ZERO }),
  simpleValue: () => ZERO,
  value: () => ZERO,
  parenthesised: (e) => e.token,
  program: () => [],
  gridRow: () => ({ cells: [], pos: NO_POS }),
  cell: () => null,
  afterProgram: () => ({ locations: [] }),
  locationsList: () => [],
  condition: () => ({ quantifier: 'exists', prop: NO_PROP, pos: NO_POS }),
  prop: () => NO_PROP,
  disjunction: () => NO_PROP,
  conjunction: () => NO_PROP,
  implication: () => NO_PROP,
  negation: () => NO_PROP,
  primary: () => NO_PROP,
  atom: () => NO_PROP,
  conditionValue: () => ZERO,
  stateRef: () => ({ kind: 'mem', loc: { name: '' } }),
  registerRef: () => ({ kind: 'reg', thread: 0, reg: '' }),
  locationName: () => ({ name: '' }),
};

/** `text` as a whole number of at most `digits` digits (no sign), or undefined: indices and thread numbers, which must not round. */
function wholeNumber(text: string, digits: number): number | undefined {
  return new RegExp(`^\\d{1,${digits}}$`).test(text) ? Number(text) : undefined;
}

/** Syntax errors reported for one test before parsing stops (herd7 stops at the first). */
export const MAX_SYNTAX_ERRORS = 50;

/** Thrown out of the parser once MAX_SYNTAX_ERRORS are recorded. */
export class TooManySyntaxErrors extends Error {}

/**
 * Elements an array of a test may declare (`int t[N]`), checked when the
 * test is read, before anything is allocated. One the test uses has a lower
 * limit (MAX_USED_ARRAY_LENGTH, exec/program.ts).
 */
export const MAX_ARRAY_LENGTH = 65_536;

/**
 * The .litmus grammar (chevrotain, embedded actions): tokens in, LitmusTest
 * out; with `recover`, it goes on past errors so that several are found at
 * once (see parseTokens).
 */
export class LitmusParser extends EmbeddedActionsParser {
  /** The text being parsed, for values kept as written (e.g. `instr:"NOP"`). */
  private source = '';
  problems: Diagnostic[] = [];

  constructor(recover: boolean) {
    super(T.allTokens, {
      recoveryEnabled: recover,
      maxLookahead: 3,
      lookaheadStrategy: lazyLookahead(3),
      errorMessageProvider: litmusErrorMessages,
      skipValidations: skipGrammarChecks(),
    });
    this.performSelfAnalysis();
  }

  /** A rule that, when error recovery skips it, yields a harmless placeholder. */
  private rule<F extends (...args: never[]) => unknown>(name: string, implementation: F) {
    const placeholder = RECOVERY_PLACEHOLDERS[name] as ((e: IRecognitionException) => ReturnType<F>) | undefined;
    return this.RULE(name, implementation, placeholder ? { recoveryValueFunc: placeholder } : {});
  }

  /** An array index written `text` (`t[1]`): a whole number from 0, else a problem at `at` quoting it as written (never a rounded value). */
  private elementIndex(text: string, at: IToken): number {
    const index = wholeNumber(text, 9);
    if (index === undefined) this.problems.push({ pos: posOf(at), message: `'${text}' is no index of an array element (they count from 0)` });
    return index ?? 0;
  }

  /** Prepares a fresh parse of `tokens` lexed from `source`. */
  load(source: string, tokens: IToken[]): void {
    this.source = source;
    this.problems = [];
    this.savedErrors = 0;
    this.input = tokens;
  }

  private savedErrors = 0;

  /**
   * chevrotain records each syntax error here (an internal method of its
   * parser, overridden). Recovering from one costs a follow-set computation,
   * so a file of garbage took seconds per hundred kilobytes, past --timeout;
   * after MAX_SYNTAX_ERRORS the rest is noise, and parsing stops.
   */
  SAVE_ERROR(error: IRecognitionException): IRecognitionException {
    if (++this.savedErrors > MAX_SYNTAX_ERRORS) throw new TooManySyntaxErrors();
    return (EmbeddedActionsParser.prototype as unknown as { SAVE_ERROR(e: IRecognitionException): IRecognitionException }).SAVE_ERROR.call(this, error);
  }

  /** The source text from the start of `first` to the end of `last`, spaces squeezed. */
  private textBetween(first: IToken, last: IToken): string {
    return this.source.slice(first.startOffset, (last.endOffset ?? last.startOffset) + 1).replace(/\s+/g, ' ');
  }

  // ---- whole test ---------------------------------------------------------

  public litmus = this.rule('litmus', (): LitmusTest => {
    const arch = this.CONSUME(T.ArchName);
    const name = this.CONSUME(T.TestName);
    this.OPTION(() => this.CONSUME(T.TexName));
    let doc: string | undefined;
    const metadata: Record<string, string> = {};
    this.MANY(() => {
      this.OR([
        { ALT: () => { const d = this.CONSUME(T.DocString); doc ??= d.image.slice(1, -1); } },
        { ALT: () => { const m = this.CONSUME(T.MetaLine); this.ACTION(() => addMetadata(metadata, m.image)); } },
      ]);
    });
    const init = this.SUBRULE(this.initBlock);
    const threads = this.SUBRULE(this.program);
    const tail = this.SUBRULE(this.afterProgram);
    return this.ACTION(() => {
      const pos = posOf(arch);
      return {
        arch: arch.image,
        // herd7 names a test written `NAME.litmus` NAME (see its recorded answers).
        name: name.image.replace(/\.litmus$/, ''),
        ...(doc !== undefined ? { doc } : {}),
        metadata,
        init,
        threads,
        locations: tail.locations,
        ...(tail.filter ? { filter: tail.filter } : {}),
        condition: tail.condition ?? { quantifier: 'forall', prop: { kind: 'true', pos }, pos, implicit: true },
        pos,
      };
    });
  });

  // ---- init block ---------------------------------------------------------

  private initBlock = this.rule('initBlock', (): InitItem[] => {
    const items: InitItem[] = [];
    this.CONSUME(T.InitOpen);
    this.MANY(() => {
      this.OR([
        { ALT: () => this.CONSUME(T.Semi) },
        {
          ALT: () => {
            items.push(this.SUBRULE(this.initItem));
            this.OR2({
              DEF: [
                { ALT: () => this.CONSUME2(T.Semi) },
                { GATE: () => this.LA(1).tokenType === T.InitClose, ALT: EMPTY_ALT() },
              ],
              ERR_MSG: "';' between init items",
            });
          },
        },
      ]);
    });
    this.CONSUME(T.InitClose);
    return items;
  });

  /** `[type] target [= value]`, e.g. `0:X1=x`, `int x=1`, `uint64_t 0:X0`, `[x]=2`, `int t[2]={1,2}`. */
  private initItem = this.rule('initItem', (): InitItem => {
    const start = this.LA(1);
    let type: string | undefined;
    this.OPTION({
      // A type is a name followed by what can start a target (not by '=' or ':').
      GATE: () => this.LA(1).tokenType === T.Ident && [T.Ident, T.Int, T.Star].includes(this.LA(2).tokenType),
      DEF: () => {
        const word = this.CONSUME(T.Ident);
        let stars = '';
        this.MANY(() => { this.CONSUME(T.Star); stars += '*'; });
        type = word.image + stars;
      },
    });
    const target = this.SUBRULE(this.initTarget);
    let init: InitValue | undefined;
    this.OPTION2(() => {
      this.CONSUME(T.Equals);
      init = this.SUBRULE(this.initValue);
    });
    return this.ACTION((): InitItem => {
      const pos = posOf(start);
      const typed = type !== undefined ? { type } : {};
      const value = init && 'value' in init ? init.value : null;
      if (target.kind === 'reg') return { kind: 'reg', thread: target.thread, reg: target.reg, value, ...typed, pos };
      const array = init && 'array' in init ? init.array : undefined;
      const length = target.arrayLength ?? array?.length;
      return {
        kind: 'mem', loc: target.loc, value, ...typed, pos,
        ...(length !== undefined ? { array: { length, values: array ?? [] } } : {}),
      };
    });
  });

  private initTarget = this.rule('initTarget', (): InitTarget => this.OR<InitTarget>([
    { ALT: () => this.SUBRULE(this.registerRef) },
    {
      ALT: () => {
        this.CONSUME(T.LBracket);
        const loc = this.SUBRULE(this.locationName);
        this.CONSUME(T.RBracket);
        return { kind: 'mem' as const, loc };
      },
    },
    {
      ALT: () => {
        this.OPTION(() => this.CONSUME(T.Star));
        const first = this.CONSUME(T.Ident);
        let bracketed: number | undefined;
        let sizeText = '';
        let tag: string | undefined;
        this.OPTION2(() => {
          this.CONSUME2(T.LBracket);
          const size = this.CONSUME(T.Int);
          this.CONSUME2(T.RBracket);
          this.ACTION(() => {
            sizeText = size.image;
            bracketed = wholeNumber(size.image, 9) ?? (size.image.startsWith('-') ? -1 : Number.MAX_SAFE_INTEGER);
          });
        });
        this.OPTION3(() => { this.CONSUME(T.Colon); tag = this.CONSUME2(T.Ident).image; }); // a tagged location, x:red
        return this.ACTION((): InitTarget => {
          // `int t[2]` and `t[2]={1,2}` declare an array; `t[1]=3` names an element.
          const next = this.LA(1).tokenType;
          const declaresArray = bracketed !== undefined && tag === undefined
            && (next !== T.Equals || this.LA(2).tokenType === T.ArrayOpen);
          if (declaresArray) {
            // Checked before anything is allocated for it: each element is a location.
            if (bracketed! < 1 || bracketed! > MAX_ARRAY_LENGTH) {
              const message = bracketed! < 1 ? 'an array needs at least one element' : `an array of ${sizeText} elements is over the limit of ${MAX_ARRAY_LENGTH}`;
              this.problems.push({ pos: posOf(first), message });
              return { kind: 'mem', loc: { name: first.image }, arrayLength: 1 };
            }
            return { kind: 'mem', loc: { name: first.image }, arrayLength: bracketed };
          }
          // herd7's symbolic register, `%name`: one for every thread that names it.
          if (bracketed === undefined && tag === undefined && first.image.startsWith('%')) return { kind: 'reg', thread: null, reg: first.image };
          const name = tag === undefined ? first.image : `${first.image}:${tag}`;
          return { kind: 'mem', loc: bracketed === undefined ? { name } : { name, index: this.elementIndex(sizeText, first) } };
        });
      },
    },
  ]));

  private initValue = this.rule('initValue', (): InitValue => this.OR([
    {
      ALT: () => {
        const values: ValueLit[] = [];
        this.CONSUME(T.ArrayOpen);
        this.MANY_SEP({ SEP: T.Comma, DEF: () => values.push(this.SUBRULE(this.simpleValue)) });
        this.CONSUME(T.ArrayClose);
        return { array: values };
      },
    },
    { ALT: () => ({ value: this.SUBRULE(this.value) }) },
  ]));

  /** A number or a name. */
  private simpleValue = this.rule('simpleValue', (): ValueLit => this.OR([
    { ALT: () => { const n = this.CONSUME(T.Int); return this.ACTION(() => intLit(n)); } },
    { ALT: () => ({ kind: 'loc' as const, name: this.CONSUME(T.Ident).image }) },
  ]));

  /**
   * A value in the init block or a condition. Forms beyond a number or a
   * name (`P1:L0`, `x:red`, `instr:"NOP"`, `PTE(x)`, `(oa:PA(x))`) are kept
   * as a location named by their text, for the architecture to interpret;
   * `label:"0:L0"` becomes `P0:L0`.
   */
  private value = this.rule('value', (): ValueLit => this.OR([
    { ALT: () => { const n = this.CONSUME(T.Int); return this.ACTION(() => intLit(n)); } },
    { ALT: () => { this.CONSUME(T.Amp); return { kind: 'loc' as const, name: this.CONSUME(T.Ident).image }; } },
    {
      // `P0:L0`: the address of label L0 of thread 0.
      ALT: () => {
        const thread = this.CONSUME(T.ProcName);
        this.CONSUME2(T.Colon);
        const label = this.CONSUME4(T.Ident);
        return { kind: 'loc' as const, name: `${thread.image}:${label.image}` };
      },
    },
    {
      ALT: () => {
        const first = this.CONSUME2(T.Ident);
        let last = first;
        this.OPTION(() => {
          this.OR2([
            {
              ALT: () => {
                this.CONSUME(T.Colon);
                last = this.OR3([
                  { ALT: () => this.CONSUME3(T.Ident) },
                  { ALT: () => this.CONSUME(T.StringLit) },
                  { ALT: () => this.CONSUME2(T.Int) },
                ]);
              },
            },
            {
              ALT: () => {
                this.CONSUME(T.LBracket);
                this.CONSUME3(T.Int);
                last = this.CONSUME(T.RBracket);
              },
            },
            { ALT: () => { last = this.SUBRULE(this.parenthesised); } },
          ]);
        });
        return this.ACTION(() => ({ kind: 'loc' as const, name: codeLabelName(first, last) ?? this.textBetween(first, last) }));
      },
    },
    {
      ALT: () => {
        const first = this.LA(1);
        const last = this.SUBRULE2(this.parenthesised);
        return this.ACTION(() => ({ kind: 'loc' as const, name: this.textBetween(first, last) }));
      },
    },
  ]));

  /** A balanced `( … )` kept as text; returns its closing token. */
  private parenthesised = this.rule('parenthesised', (): IToken => {
    this.CONSUME(T.LParen);
    this.MANY(() => {
      this.OR([
        { ALT: () => this.SUBRULE(this.parenthesised) },
        { ALT: () => this.CONSUME(T.Ident) },
        { ALT: () => this.CONSUME(T.ProcName) },
        { ALT: () => this.CONSUME(T.Int) },
        { ALT: () => this.CONSUME(T.Colon) },
        { ALT: () => this.CONSUME(T.Comma) },
      ]);
    });
    return this.CONSUME(T.RParen);
  });

  // ---- program grid -------------------------------------------------------

  private program = this.rule('program', (): ThreadCode[] => {
    const header = this.SUBRULE(this.gridRow);
    const rows: GridRow[] = [];
    this.MANY(() => rows.push(this.SUBRULE2(this.gridRow)));
    return this.ACTION(() => threadsFromGrid(header, rows, this.problems));
  });

  /** `cell | cell | … ;` */
  private gridRow = this.rule('gridRow', (): GridRow => {
    const start = this.LA(1);
    const cells: (InstructionCell | null)[] = [this.SUBRULE(this.cell)];
    this.MANY(() => {
      this.CONSUME(T.Pipe);
      cells.push(this.SUBRULE2(this.cell));
    });
    this.CONSUME(T.Semi);
    return { cells, pos: posOf(start) };
  });

  /** A cell's text; a comment may split it, but it never runs onto the next line. */
  private cell = this.rule('cell', (): InstructionCell | null => {
    const parts: IToken[] = [];
    this.MANY({
      GATE: () => parts.length === 0 || this.LA(1).startLine === parts[parts.length - 1]!.endLine,
      DEF: () => { parts.push(this.CONSUME(T.CellText)); },
    });
    return this.ACTION(() => cellFromTokens(parts));
  });

  // ---- after the program --------------------------------------------------

  /** `locations`, `filter` and the condition; public so the C format reads its own with it (syntax/c/parse.ts). */
  public afterProgram = this.rule('afterProgram', () => {
    let locations: StateRef[] = [];
    let filter: Prop | undefined;
    let condition: Condition | undefined;
    this.OPTION(() => { locations = this.SUBRULE(this.locationsList); });
    this.OPTION2(() => {
      this.CONSUME(T.Filter);
      filter = this.SUBRULE(this.prop);
    });
    this.OPTION3(() => { condition = this.SUBRULE(this.condition); });
    this.OPTION4(() => this.CONSUME(T.Semi)); // herd tolerates a ';' after the condition
    return { locations, filter, condition };
  });

  /** `locations [x; 1:X2;]`, the last ';' optional. */
  private locationsList = this.rule('locationsList', (): StateRef[] => {
    const refs: StateRef[] = [];
    this.CONSUME(T.Locations);
    this.CONSUME(T.LBracket);
    this.MANY(() => {
      refs.push(this.SUBRULE(this.stateRef));
      this.OPTION(() => this.CONSUME(T.Semi));
    });
    this.CONSUME(T.RBracket);
    return refs;
  });

  private condition = this.rule('condition', (): Condition => {
    const start = this.LA(1);
    let quantifier: Quantifier = 'exists';
    this.OPTION(() => {
      this.OR([
        { ALT: () => { this.CONSUME(T.Exists); quantifier = 'exists'; } },
        { ALT: () => { this.CONSUME(T.NotExists); quantifier = '~exists'; } },
        { ALT: () => { this.CONSUME(T.Forall); quantifier = 'forall'; } },
      ]);
    });
    const prop = this.SUBRULE(this.prop);
    return { quantifier, prop, pos: posOf(start) };
  });

  // ---- propositions, with herd7's precedence (lib/stateParser.mly): '~'/'not'
  // binds tightest, then '=>' (right-associative), then '/\', then '\/'
  // (both left-associative). So `a => b /\ c` is `(a => b) /\ c`.

  private prop = this.rule('prop', (): Prop => this.SUBRULE(this.disjunction));

  private disjunction = this.rule('disjunction', (): Prop => {
    let result = this.SUBRULE(this.conjunction);
    this.MANY(() => {
      this.CONSUME(T.Or);
      const right = this.SUBRULE2(this.conjunction);
      result = this.ACTION(() => ({ kind: 'or' as const, left: result, right, pos: result.pos }));
    });
    return result;
  });

  private conjunction = this.rule('conjunction', (): Prop => {
    let result = this.SUBRULE(this.implication);
    this.MANY(() => {
      this.CONSUME(T.And);
      const right = this.SUBRULE2(this.implication);
      result = this.ACTION(() => ({ kind: 'and' as const, left: result, right, pos: result.pos }));
    });
    return result;
  });

  private implication = this.rule('implication', (): Prop => {
    const left = this.SUBRULE(this.negation);
    let result = left;
    this.OPTION(() => {
      this.CONSUME(T.Implies);
      const right = this.SUBRULE(this.implication);
      result = this.ACTION(() => ({ kind: 'implies' as const, left, right, pos: left.pos }));
    });
    return result;
  });

  private negation = this.rule('negation', (): Prop => this.OR([
    {
      ALT: () => {
        const op = this.OR2([{ ALT: () => this.CONSUME(T.Tilde) }, { ALT: () => this.CONSUME(T.NotWord) }]);
        const arg = this.SUBRULE(this.negation);
        return this.ACTION(() => ({ kind: 'not' as const, arg, pos: posOf(op) }));
      },
    },
    { ALT: () => this.SUBRULE(this.primary) },
  ]));

  private primary = this.rule('primary', (): Prop => this.OR([
    { ALT: () => ({ kind: 'true' as const, pos: posOf(this.CONSUME(T.True)) }) },
    { ALT: () => ({ kind: 'false' as const, pos: posOf(this.CONSUME(T.False)) }) },
    {
      ALT: () => {
        this.CONSUME(T.LParen);
        const inner = this.SUBRULE(this.prop);
        this.CONSUME(T.RParen);
        return inner;
      },
    },
    { ALT: () => this.SUBRULE(this.atom) },
  ]));

  /**
   * `ref = value`, `ref == value`, `ref != value`; `x={1,2}` compares an
   * array element-wise. A bare predicate such as `Fault(P0:L0,…)` stands for
   * `Fault(P0:L0,…) = 1`, for the architecture to interpret.
   */
  private atom = this.rule('atom', (): Prop => {
    const start = this.LA(1);
    const ref = this.SUBRULE(this.stateRef);
    let comparison: { op: '=' | '!='; value: ValueLit | ValueLit[] } | undefined;
    this.OPTION(() => {
      const op = this.OR([
        { ALT: () => { this.CONSUME(T.Equals); return '=' as const; } },
        { ALT: () => { this.CONSUME(T.NotEquals); return '!=' as const; } },
      ]);
      comparison = { op, value: this.SUBRULE(this.conditionValue) };
    });
    return this.ACTION(() => {
      const pos = posOf(start);
      if (comparison) return atomProp(ref, comparison.op, comparison.value, pos);
      if (!(ref.kind === 'mem' && ref.loc.name.endsWith(')'))) {
        this.problems.push({ pos: posOf(this.LA(1)), message: `expected '=' or '!=' after '${describeRef(ref)}'` });
      }
      return { kind: 'atom' as const, ref, op: '=' as const, value: { kind: 'int' as const, value: 1n }, pos };
    });
  });

  private conditionValue = this.rule('conditionValue', (): ValueLit | ValueLit[] => this.OR([
    {
      ALT: () => {
        const values: ValueLit[] = [];
        this.CONSUME(T.CondOpenBrace);
        this.MANY_SEP({ SEP: T.Comma, DEF: () => values.push(this.SUBRULE(this.simpleValue)) });
        this.CONSUME(T.CondCloseBrace);
        return values;
      },
    },
    { ALT: () => this.SUBRULE(this.value) },
  ]));

  /** `T:REG`, `x`, `[x]`, `x[1]`. */
  private stateRef = this.rule('stateRef', (): StateRef => this.OR([
    { ALT: () => this.SUBRULE(this.registerRef) },
    {
      ALT: () => {
        this.CONSUME(T.LBracket);
        const loc = this.SUBRULE(this.locationName);
        this.CONSUME(T.RBracket);
        return { kind: 'mem' as const, loc };
      },
    },
    { ALT: () => ({ kind: 'mem' as const, loc: this.SUBRULE2(this.locationName) }) },
  ]));

  /** `0:X1` or, in older tests, `P0:EAX` — a thread, ':' and the register as written. */
  private registerRef = this.rule('registerRef', () => {
    const token = this.OR([
      { ALT: () => this.CONSUME(T.Int) },
      { ALT: () => this.CONSUME(T.ProcName) },
    ]);
    this.CONSUME(T.Colon);
    const reg = this.CONSUME(T.Ident);
    return this.ACTION(() => {
      const digits = token.tokenType === T.ProcName ? token.image.slice(1) : token.image;
      // A thread number as written, never a rounded or infinite one.
      const thread = wholeNumber(digits, 6);
      if (thread === undefined) this.problems.push({ pos: posOf(token), message: `'${token.image}' is no thread of this test (threads are P0, P1, …)` });
      return { kind: 'reg' as const, thread: thread ?? -1, reg: reg.image };
    });
  });

  /** `x`, an array element `x[1]`, or a constructed address `PTE(x)` (kept as text). */
  private locationName = this.rule('locationName', (): LocationRef => {
    const first = this.CONSUME(T.Ident);
    return this.OR([
      {
        ALT: () => {
          this.CONSUME(T.LBracket);
          const index = this.CONSUME(T.Int);
          this.CONSUME(T.RBracket);
          return this.ACTION(() => ({ name: first.image, index: this.elementIndex(index.image, index) }));
        },
      },
      {
        ALT: () => {
          const last = this.SUBRULE(this.parenthesised);
          return this.ACTION(() => ({ name: this.textBetween(first, last).replace(/ /g, '') }));
        },
      },
      { ALT: () => ({ name: first.image }) },
    ]);
  });
}

// Building a chevrotain parser analyses the grammar; do it once per kind and
// reuse it (parsing is synchronous, so sharing is safe).
const sharedParsers: { quick?: LitmusParser; recovering?: LitmusParser } = {};

/** The parser that stops at the first error, made on first use. */
function quickParser(): LitmusParser {
  return (sharedParsers.quick ??= new LitmusParser(false));
}

/** The parser that recovers from errors, made on first use. */
export function recoveringParser(): LitmusParser {
  return (sharedParsers.recovering ??= new LitmusParser(true));
}

/**
 * What parseTokens found: the parser that decided (its `errors` and
 * `problems`), the rule's value (absent when parsing stopped) and, when it
 * stopped at MAX_SYNTAX_ERRORS, a diagnostic saying where.
 */
export interface Parsed<R> {
  parser: LitmusParser;
  value: R | undefined;
  stopped: Diagnostic[];
}

/**
 * Parses `tokens`, lexed from `text`, with `rule`. First with a parser that
 * stops at the first error: making it skips chevrotain's follow sets, which
 * only recovery needs (about 5 ms and their memory at every start, issue 11).
 * Only when that parser meets an error is the text parsed again with the
 * recovering one, which goes on so that every error is reported. On a valid
 * text both take the same path, so the value is the same. Errors raised by
 * the rule's actions (LitmusError, LimitError) pass through.
 */
export function parseTokens<R>(text: string, tokens: IToken[], rule: (parser: LitmusParser) => R): Parsed<R> {
  const quick = quickParser();
  quick.load(text, tokens);
  const value = rule(quick);
  if (quick.errors.length === 0) return { parser: quick, value, stopped: [] };
  const recovering = recoveringParser();
  recovering.load(text, tokens);
  try {
    return { parser: recovering, value: rule(recovering), stopped: [] };
  } catch (e) {
    if (!(e instanceof TooManySyntaxErrors)) throw e;
    const at = recovering.errors[recovering.errors.length - 1]?.token ?? tokens[0];
    return { parser: recovering, value: undefined, stopped: at ? [{ pos: posOf(at), message: `more than ${MAX_SYNTAX_ERRORS} syntax errors; reading stopped here` }] : [] };
  }
}

/**
 * `label:"0:L0"` and `label:"P0:L0"` name the address of label L0 of thread 0,
 * which the init block writes `P0:L0`; use that one spelling.
 */
function codeLabelName(first: IToken, last: IToken): string | undefined {
  if (first.image !== 'label' || last.tokenType !== T.StringLit) return undefined;
  const match = /^"P?(\d+):(\w+)"$/.exec(last.image);
  return match ? `P${match[1]}:${match[2]}` : undefined;
}

function describeRef(ref: StateRef): string {
  return ref.kind === 'reg' ? `${ref.thread}:${ref.reg}` : locationText(ref.loc);
}

export function addMetadata(metadata: Record<string, string>, line: string): void {
  const eq = line.indexOf('=');
  metadata[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
}

/**
 * One atom; a location compared with an array value (`x={3,2}`) stays one
 * atom, as herd7 shows it; a register compared with one is the conjunction of
 * its elements' atoms.
 */
function atomProp(ref: StateRef, op: '=' | '!=', value: ValueLit | ValueLit[], pos: SourcePos): Prop {
  if (!Array.isArray(value)) return { kind: 'atom', ref, op, value, pos };
  if (ref.kind === 'mem') return { kind: 'atom', ref, op, value: { kind: 'array', values: value }, pos };
  const base = `${ref.thread}:${ref.reg}`;
  const atoms: Prop[] = value.map((element, i) => ({
    kind: 'atom', ref: { kind: 'mem', loc: { name: base, index: i } }, op, value: element, pos,
  }));
  if (atoms.length === 0) return { kind: 'true', pos };
  return atoms.reduce((left, right) => ({ kind: op === '=' ? 'and' : 'or', left, right, pos }));
}
