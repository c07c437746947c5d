// The .litmus parser (src/syntax): whole tests, conditions, init blocks, the
// program grid, located errors, and herd's corpora parsed as herd7 reads them.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusAvailable, SHARED_DIR } from '../src/bench/corpus.js';
import { LitmusError } from '../src/errors.js';
import { type ArrayLit, locationText, type Prop, type StateRef, type ValueLit } from '../src/syntax/ast.js';
import { parseLitmus } from '../src/syntax/parse.js';
import { allTokens } from '../src/syntax/tokens.js';

/** The diagnostics a bad test produces, as "line:column message". */
function problemsIn(text: string): string[] {
  try {
    parseLitmus(text, 'bad.litmus');
  } catch (error) {
    expect(error).toBeInstanceOf(LitmusError);
    const diagnostics = (error as LitmusError).diagnostics;
    for (const d of diagnostics) expect(d.file).toBe('bad.litmus');
    return diagnostics.map((d) => `${d.pos.line}:${d.pos.column} ${d.message}`);
  }
  throw new Error('expected the test to be rejected');
}

/** Compact infix rendering with full parentheses, to check the tree's shape. */
function show(prop: Prop): string {
  switch (prop.kind) {
    case 'true': return 'T';
    case 'false': return 'F';
    case 'not': return `~${show(prop.arg)}`;
    case 'and': return `(${show(prop.left)} & ${show(prop.right)})`;
    case 'or': return `(${show(prop.left)} | ${show(prop.right)})`;
    case 'implies': return `(${show(prop.left)} -> ${show(prop.right)})`;
    case 'atom': return `${showRef(prop.ref)}${prop.op}${showValue(prop.value)}`;
  }
}
const showRef = (ref: StateRef) => (ref.kind === 'reg' ? `${ref.thread}:${ref.reg}` : locationText(ref.loc));
const showValue = (value: ValueLit | ArrayLit): string =>
  value.kind === 'array' ? `{${value.values.map(showValue).join(',')}}` : value.kind === 'int' ? value.value.toString() : value.name;

const MP = `AArch64 MP+dmb.sy
"DMB.SYdWW Rfe DMB.SYdRR Fre"
Cycle=Rfe DMB.SYdRR Fre DMB.SYdWW
Prefetch=0:x=F,0:y=W,1:y=F,1:x=T
{
0:X1=x; 0:X3=y;
1:X1=y; 1:X3=x;
}
 P0          | P1          ;
 MOV W0,#1   | LDR W0,[X1] ;
 STR W0,[X1] | DMB SY      ;
 DMB SY      | LDR W2,[X3] ;
 MOV W2,#1   |             ;
 STR W2,[X3] |             ;
exists (1:X0=1 /\\ 1:X2=0)
`;

/** A one-thread test around a given condition section. */
const withCondition = (tail: string) => `AArch64 T\n{ 0:X1=x; }\n P0 ;\n LDR W0,[X1] ;\n${tail}\n`;
const conditionOf = (tail: string) => parseLitmus(withCondition(tail)).condition;

describe('parseLitmus: a whole test', () => {
  const test = parseLitmus(MP, 'MP.litmus');

  it('reads the header, doc string and metadata', () => {
    expect(test.arch).toBe('AArch64');
    expect(test.name).toBe('MP+dmb.sy');
    expect(test.doc).toBe('DMB.SYdWW Rfe DMB.SYdRR Fre');
    expect(test.metadata).toEqual({ Cycle: 'Rfe DMB.SYdRR Fre DMB.SYdWW', Prefetch: '0:x=F,0:y=W,1:y=F,1:x=T' });
    expect(test.file).toBe('MP.litmus');
    expect(test.pos).toEqual({ line: 1, column: 1 });
  });

  it('reads register inits with their positions', () => {
    expect(test.init.map((i) => [i.kind === 'reg' ? `${i.thread}:${i.reg}` : i.loc, i.value && showValue(i.value), i.pos.line, i.pos.column]))
      .toEqual([['0:X1', 'x', 6, 1], ['0:X3', 'y', 6, 9], ['1:X1', 'y', 7, 1], ['1:X3', 'x', 7, 9]]);
  });

  it('splits the grid into threads, skipping empty cells, with exact positions', () => {
    expect(test.threads.map((t) => [t.id, t.name, t.pos.line, t.pos.column])).toEqual([[0, 'P0', 9, 2], [1, 'P1', 9, 16]]);
    expect(test.threads[0]!.cells.map((c) => c.text)).toEqual(['MOV W0,#1', 'STR W0,[X1]', 'DMB SY', 'MOV W2,#1', 'STR W2,[X3]']);
    expect(test.threads[1]!.cells.map((c) => c.text)).toEqual(['LDR W0,[X1]', 'DMB SY', 'LDR W2,[X3]']);
    expect(test.threads[1]!.cells[2]!.pos).toEqual({ line: 12, column: 16 });
    expect(test.threads[0]!.cells[4]!.pos).toEqual({ line: 14, column: 2 });
  });

  it('reads the condition', () => {
    expect(test.condition.quantifier).toBe('exists');
    expect(test.condition.pos).toEqual({ line: 15, column: 1 });
    expect(show(test.condition.prop)).toBe('(1:X0=1 & 1:X2=0)');
    expect(test.condition.prop.pos).toEqual({ line: 15, column: 9 });
    expect(test.condition.implicit).toBeUndefined();
    expect(test.locations).toEqual([]);
    expect(test.filter).toBeUndefined();
  });
});

describe('parseLitmus: conditions', () => {
  // herd7's lib/stateParser.mly: %left OR, %left AND, %right IMPLIES, %nonassoc NOT.
  it('gives ~ precedence over =>, => over /\\, and /\\ over \\/, as herd7 does', () => {
    expect(show(conditionOf('exists (x=1 \\/ x=2 /\\ ~x=3 => x=4)').prop)).toBe('(x=1 | (x=2 & (~x=3 -> x=4)))');
    expect(show(conditionOf('exists (0:X0=1 => 0:X2=1 /\\ x=1)').prop)).toBe('((0:X0=1 -> 0:X2=1) & x=1)');
    expect(show(conditionOf('exists (x=1 /\\ x=2 => x=3 \\/ x=4)').prop)).toBe('((x=1 & (x=2 -> x=3)) | x=4)');
    expect(show(conditionOf('exists (not x=1 => x=2)').prop)).toBe('(~x=1 -> x=2)');
  });

  it('makes => right-associative and /\\ left-associative', () => {
    expect(show(conditionOf('exists x=1 => x=2 => x=3').prop)).toBe('(x=1 -> (x=2 -> x=3))');
    expect(show(conditionOf('exists x=1 /\\ x=2 /\\ x=3').prop)).toBe('((x=1 & x=2) & x=3)');
  });

  it('honours parentheses and `not`', () => {
    expect(show(conditionOf('exists not (x=1 \\/ x=2) /\\ true').prop)).toBe('(~(x=1 | x=2) & T)');
    expect(show(conditionOf('forall ~false').prop)).toBe('~F');
  });

  it('reads the quantifiers, including a bare (PROP) meaning exists', () => {
    expect(conditionOf('~exists (x=1)').quantifier).toBe('~exists');
    expect(conditionOf('~ exists (x=1)').quantifier).toBe('~exists');
    expect(conditionOf('forall (x=1)').quantifier).toBe('forall');
    const bare = conditionOf('(0:X0=1 /\\ x=1)');
    expect(bare.quantifier).toBe('exists');
    expect(show(bare.prop)).toBe('(0:X0=1 & x=1)');
    expect(bare.pos).toEqual({ line: 5, column: 1 });
  });

  it('reads atom forms: registers, [x], ==, !=, <>, hex and negative values, pointers', () => {
    const prop = conditionOf('exists (0: X0 = 0x10 /\\ [y]==-2 /\\ x!=y /\\ 1:W2<>3 /\\ z[1]=4)').prop;
    expect(show(prop)).toBe('((((0:X0=16 & y=-2) & x!=y) & 1:W2!=3) & z[1]=4)');
  });

  it('keeps a location compared with an array value as one atom, as herd7 shows it', () => {
    expect(show(conditionOf('exists (x={1,2})').prop)).toBe('x={1,2}');
  });

  it('without a condition means forall (true), marked implicit', () => {
    const test = parseLitmus(withCondition(''));
    expect(test.condition.quantifier).toBe('forall');
    expect(test.condition.prop.kind).toBe('true');
    expect(test.condition.implicit).toBe(true);
  });

  it('gives locations structure: a name, and an index for an array element', () => {
    const atom = conditionOf('exists (t[1]=2 /\\ [x]=1 /\\ PTE(y)=0)').prop;
    const refs: unknown[] = [];
    const walk = (p: Prop): void => {
      if (p.kind === 'atom') refs.push(p.ref);
      else if (p.kind === 'and') { walk(p.left); walk(p.right); }
    };
    walk(atom);
    expect(refs).toEqual([
      { kind: 'mem', loc: { name: 't', index: 1 } },
      { kind: 'mem', loc: { name: 'x' } },
      { kind: 'mem', loc: { name: 'PTE(y)' } },
    ]);
  });

  it('reads locations and filter before the condition', () => {
    const test = parseLitmus(withCondition('locations [x; 0:X1; [y]]\nfilter 0:X0=1\nexists (x=1);'));
    expect(test.locations).toEqual([{ kind: 'mem', loc: { name: 'x' } }, { kind: 'reg', thread: 0, reg: 'X1' }, { kind: 'mem', loc: { name: 'y' } }]);
    expect(show(test.filter!)).toBe('0:X0=1');
    expect(show(test.condition.prop)).toBe('x=1');
  });

  it('accepts comments after the condition', () => {
    expect(conditionOf('exists (x=1) (* the end *)\n(* really *)').quantifier).toBe('exists');
  });
});

describe('parseLitmus: init block', () => {
  const initOf = (items: string) => parseLitmus(`X86 T\n{ ${items} }\n P0 ;\n MFENCE ;\nexists (x=1)`).init;

  it('reads register, memory and typed items', () => {
    const init = initOf('0:EAX=1; x=-1; [y]=0x20; int z=2; uint64_t 0:X0; int64_t w = y; uint8_t v;');
    expect(init.map((i) => [i.kind, i.kind === 'reg' ? `${i.thread}:${i.reg}` : locationText(i.loc), i.value && showValue(i.value), i.type]))
      .toEqual([
        ['reg', '0:EAX', '1', undefined],
        ['mem', 'x', '-1', undefined],
        ['mem', 'y', '32', undefined],
        ['mem', 'z', '2', 'int'],
        ['reg', '0:X0', null, 'uint64_t'],
        ['mem', 'w', 'y', 'int64_t'],
        ['mem', 'v', null, 'uint8_t'],
      ]);
    expect(init[1]!.pos).toEqual({ line: 2, column: 12 }); // after '{ 0:EAX=1; '
  });

  it('reads pointers, arrays and the empty block', () => {
    const init = initOf('int *p = &x; int t[2] = {1,-2}; int u[3]');
    expect(init[0]).toMatchObject({ kind: 'mem', loc: { name: 'p' }, type: 'int*', value: { kind: 'loc', name: 'x' } });
    expect(init[1]).toMatchObject({ kind: 'mem', loc: { name: 't' }, value: null, array: { length: 2, values: [{ value: 1n }, { value: -2n }] } });
    expect(init[2]).toMatchObject({ kind: 'mem', loc: { name: 'u' }, array: { length: 3, values: [] } });
    expect(initOf('')).toEqual([]);
  });

  it('keeps the wider value forms as written, for the architecture', () => {
    const init = initOf('0:X0=P1:L0; 0:X2=instr:"B .+4"; 0:X3=x:red');
    expect(init.map((i) => i.value && showValue(i.value))).toEqual(['P1:L0', 'instr:"B .+4"', 'x:red']);
  });
});

describe('parseLitmus: the program grid', () => {
  const grid = (rows: string) => parseLitmus(`AArch64 G\n{}\n${rows}\nexists (x=1)`).threads;

  it('splits labels from instructions and keeps label-only cells', () => {
    const threads = grid(' P0       | P1 ;\n L1: B L2 | Fail0: ;\nL2:       | NOP ;');
    expect(threads[0]!.cells).toEqual([
      { labels: ['L1'], text: 'B L2', pos: { line: 4, column: 6 } },
      { labels: ['L2'], text: '', pos: { line: 5, column: 1 } },
    ]);
    expect(threads[1]!.cells).toEqual([
      { labels: ['Fail0'], text: '', pos: { line: 4, column: 13 } },
      { labels: [], text: 'NOP', pos: { line: 5, column: 13 } },
    ]);
  });

  it('drops comments in cells and at row ends', () => {
    const threads = grid('P0 (* first *) | P1 ;\n MOV W0,#1 (* one *) | (* nothing *) ;(* end *)\n| LDR W0,[X1] ;');
    expect(threads.map((t) => t.cells.map((c) => c.text))).toEqual([['MOV W0,#1'], ['LDR W0,[X1]']]);
    expect(threads[1]!.cells[0]!.pos).toEqual({ line: 5, column: 3 });
  });

  it('accepts a header without spaces and Intel or AT&T syntax cells', () => {
    expect(grid('P0;\nMOV [x],$1;').map((t) => t.cells.map((c) => c.text))).toEqual([['MOV [x],$1']]);
    expect(grid('P0 ;\n movl $1,(x) ;')[0]!.cells[0]!.text).toBe('movl $1,(x)');
  });
});

describe('parseLitmus: errors are located', () => {
  it('reports a missing ; at the end of a program row where it belongs', () => {
    const text = MP.replace(' MOV W0,#1   | LDR W0,[X1] ;', ' MOV W0,#1   | LDR W0,[X1]');
    // " MOV W0,#1   | LDR W0,[X1]" ends at column 26 of line 10.
    expect(problemsIn(text)).toEqual(["10:27 expected ';' at the end of the program row"]);
    const spaced = MP.replace(' DMB SY      | LDR W2,[X3] ;', ' DMB SY      | LDR W2,[X3]    ');
    expect(problemsIn(spaced)).toEqual(["12:27 expected ';' at the end of the program row"]);
  });

  it('reports an unterminated comment where it opens', () => {
    const text = MP.replace(' DMB SY      | LDR W2,[X3] ;', ' DMB SY      | LDR W2,[X3] ; (* oops');
    expect(problemsIn(text)).toEqual(["12:30 comment '(*' is never closed with '*)'"]);
  });

  it('reports an unknown or out-of-order thread header', () => {
    expect(problemsIn(MP.replace(' P0          | P1', ' P0          | Q1'))).toEqual(["9:16 expected thread header P1, found 'Q1'"]);
    expect(problemsIn(MP.replace(' P0          | P1', ' P0          | P2'))).toEqual(['9:16 thread header P2 out of order: expected P1']);
  });

  it('reports a row with the wrong number of cells', () => {
    const text = MP.replace(' MOV W2,#1   |             ;', ' MOV W2,#1   |      |       ;');
    expect(problemsIn(text)).toEqual(['13:2 row has 3 cells but there are 2 threads']);
  });

  it('reports garbage after the condition', () => {
    const text = MP.replace('exists (1:X0=1 /\\ 1:X2=0)', 'exists (1:X0=1 /\\ 1:X2=0) foo bar');
    expect(problemsIn(text)).toEqual(["15:27 unexpected 'foo' after the condition"]);
  });

  it('reports an unterminated init block at its opening brace', () => {
    const text = MP.replace('1:X1=y; 1:X3=x;\n}', '1:X1=y; 1:X3=x;');
    expect(problemsIn(text)).toEqual(["5:1 the init block's '{' is never closed with '}'"]);
  });

  it('reports a missing test name and a missing init block', () => {
    expect(problemsIn('AArch64\n{}\nP0;\nNOP;\n')[0]).toBe('1:8 expected the test name after the architecture');
    expect(problemsIn('AArch64 T\n"doc"\n')).toEqual(["2:6 expected '{' to start the init block, found the end of the file"]);
  });

  it('reports every problem it can recover from, in order', () => {
    const text = MP.replace(' P0          | P1', ' P0          | P7').replace('exists (1:X0=1 /\\ 1:X2=0)', 'exists (1:X0=1 /\\ )');
    expect(problemsIn(text)).toEqual([
      '9:16 thread header P7 out of order: expected P1',
      "15:19 expected '~', 'not', 'true', 'false', '(', a number, a thread such as P0, '[' or a name in the condition, found ')'",
    ]);
  });

  it('reports two grammar errors, the second one past where a parser that does not recover stops', () => {
    // parseTokens reads valid text with a parser that stops at the first error, then reads again with recovery.
    const text = MP.replace(' MOV W0,#1   | LDR W0,[X1] ;', ' MOV W0,#1   | LDR W0,[X1]').replace('exists (1:X0=1 /\\ 1:X2=0)', 'exists (1:X0=1 /\\ )');
    expect(problemsIn(text)).toEqual([
      "10:27 expected ';' at the end of the program row",
      "15:19 expected '~', 'not', 'true', 'false', '(', a number, a thread such as P0, '[' or a name in the condition, found ')'",
    ]);
    // The parsers are shared: a valid text read next is read whole again.
    expect(parseLitmus(MP).threads).toHaveLength(2);
  });

  it('reports a bad condition atom and a stray character', () => {
    expect(problemsIn(withCondition('exists (0:X0)'))).toEqual(["5:13 expected '=' or '!=' after '0:X0'"]);
    expect(problemsIn(withCondition('exists (0:X0=1 # 2)'))).toEqual(["5:16 unexpected character '#'"]);
  });
});

describe('the .litmus lexer', () => {
  /**
   * Whether a pattern's text lets it match a line terminator: \\s, \\n, \\r
   * (or \\S, \\W, \\D) outside a negated set, or a negated set that does not
   * exclude them. ('.' never matches one.)
   * Our one-line tokens are simple enough for this reading of their source.
   */
  function mayMatchLineBreak(pattern: RegExp): boolean {
    const source = pattern.source;
    const negatedSets = source.match(/\[\^(?:\\.|[^\]])*\]/g) ?? [];
    // A negated set matches a line terminator unless it excludes both \r and \n (or all of \s).
    if (negatedSets.some((set) => !/\\s/.test(set) && !(/\\n/.test(set) && /\\r/.test(set)))) return true;
    const outside = source.replace(/\[\^(?:\\.|[^\]])*\]/g, '');
    return /\\[snrSWD]/.test(outside);
  }

  it('marks every token that can match a line terminator as spanning lines', () => {
    const oneLine = allTokens.filter((t) => t.LINE_BREAKS !== true);
    expect(oneLine.length).toBeGreaterThan(30);
    for (const t of oneLine) expect([t.name, mayMatchLineBreak(t.PATTERN as RegExp)]).toEqual([t.name, false]);
    // The check itself sees the patterns that do span lines.
    for (const name of ['Whitespace', 'Comment', 'NotExists', 'DocString']) {
      const t = allTokens.find((x) => x.name === name)!;
      expect([name, t.LINE_BREAKS, mayMatchLineBreak(t.PATTERN as RegExp)]).toEqual([name, true, true]);
    }
  });

  it('counts lines across a ~exists split over two lines', () => {
    const text = 'AArch64 T\n{ }\n P0 ;\n NOP ;\n~\nexists (0:X0=1 /\\ 0:X9 = 2)';
    const test = parseLitmus(text, 't.litmus');
    expect(test.condition.quantifier).toBe('~exists');
    expect(problemsIn(`${text} junk`)[0]).toMatch(/^6:/);
  });
});

// ---- the corpora --------------------------------------------------------

const SHARED = SHARED_DIR;
const CORPUS_DIRS = ['conformance/herd/aarch64', 'conformance/herd/x86', 'conformance/herd/x86_64', 'perf'];
const INSTRUCTIONS_DIR = 'conformance/herd/instructions-aarch64';

function litmusFilesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return litmusFilesUnder(path);
    return entry.name.endsWith('.litmus') ? [path] : [];
  });
}

/** herd7's recorded answer for a corpus test, if there is one. */
function recordedAnswer(file: string): string | undefined {
  const beside = `${file}.expected`;
  if (existsSync(beside)) return readFileSync(beside, 'utf8');
  const match = /conformance\/herd\/([^/]+)\/([^/]+)\.litmus$/.exec(file);
  const out = match && join(SHARED, 'conformance/expected/herd7', match[1]!, `${match[2]}.out`);
  return out && existsSync(out) ? readFileSync(out, 'utf8') : undefined;
}

/** herd7 prints a register as 0:X0, a location as [x] and an array element as t[1]. */
function herdRef(ref: StateRef): string {
  if (ref.kind === 'reg') return `${ref.thread}:${ref.reg}`;
  return ref.loc.index !== undefined ? locationText(ref.loc) : `[${ref.loc.name}]`;
}

/** The atoms of a condition as herd7 prints them (`0:X0=1`, `[x]=2`). */
function atomsOf(prop: Prop): string[] {
  switch (prop.kind) {
    case 'atom': {
      // A bare predicate, read as `Fault(…)=1`; herd7 prints it as `fault(…)`.
      if (prop.ref.kind === 'mem' && prop.ref.loc.name.endsWith(')')) return [prop.ref.loc.name.charAt(0).toLowerCase() + prop.ref.loc.name.slice(1)];
      // herd7 prints values as signed 64-bit numbers (0xffffffffffffffff as -1).
      // A whole array: herd7 writes x={1,2}.
      if (prop.value.kind === 'array' && prop.ref.kind === 'mem') return [`${locationText(prop.ref.loc)}=${showValue(prop.value)}`];
      const value = prop.value.kind === 'int' ? BigInt.asIntN(64, prop.value.value).toString() : showValue(prop.value);
      return [`${herdRef(prop.ref)}=${value}`]; // herd7 writes x!=v as not (x=v)
    }
    case 'not': return atomsOf(prop.arg);
    case 'and': case 'or': case 'implies': return [...atomsOf(prop.left), ...atomsOf(prop.right)];
    default: return [];
  }
}

describe.skipIf(!corpusAvailable())('parseLitmus: the herd7 corpora (needs the shared corpus)', () => {
  const files = corpusAvailable() ? CORPUS_DIRS.flatMap((dir) => litmusFilesUnder(join(SHARED, dir))) : [];
  const instructionTests = corpusAvailable() ? litmusFilesUnder(join(SHARED, INSTRUCTIONS_DIR)) : [];
  const herdRejects = (file: string) => existsSync(`${file}.expected-failure`);

  it('parses every catalogue and perf test', () => {
    expect(files.length).toBeGreaterThan(100);
    const failures = files.flatMap((file) => {
      try {
        parseLitmus(readFileSync(file, 'utf8'), file);
        return [];
      } catch (error) {
        return [(error as Error).message];
      }
    });
    expect(failures).toEqual([]);
  });

  it('parses every instruction test that herd7 accepts', () => {
    const accepted = instructionTests.filter((file) => !herdRejects(file));
    expect(accepted.length).toBeGreaterThan(200);
    const failures = accepted.flatMap((file) => {
      try {
        parseLitmus(readFileSync(file, 'utf8'), file);
        return [];
      } catch (error) {
        return [(error as Error).message];
      }
    });
    expect(failures).toEqual([]);
  });

  it('agrees with herd7 on each test name, quantifier and condition atoms', () => {
    let compared = 0;
    for (const file of [...files, ...instructionTests.filter((f) => !herdRejects(f))]) {
      const answer = recordedAnswer(file);
      const condition = answer && /^Condition (~?exists|forall) (.*)$/m.exec(answer);
      if (!answer || !condition) continue;
      const test = parseLitmus(readFileSync(file, 'utf8'), file);
      expect(/^Test (\S+)/m.exec(answer)?.[1], file).toBe(test.name);
      expect(test.condition.quantifier, file).toBe(condition[1]);
      // We read label:"P0:L0" as P0:L0.
      const herdText = condition[2]!.replace(/label:"([^"]*)"/g, '$1');
      const herdAtoms = herdText.match(/\w+\([^()]*\)|[^\s()~/\\]+?(?:!=|=)(?:\w+:"[^"]*"|\{[^}]*\}|[^\s()/\\]+)/g) ?? [];
      expect(atomsOf(test.condition.prop).sort(), file).toEqual(herdAtoms.sort());
      compared++;
    }
    expect(compared).toBeGreaterThan(300);
  });

});
