// Entry point for C litmus tests: text in, LitmusTest out (threads as flat
// cells carrying their parsed steps), or a LitmusError listing the problems
// with positions. The condition part is read by the assembly grammar.

import type { IToken } from 'chevrotain';
import { type Diagnostic, LitmusError } from '../../errors.js';
import type { LitmusTest } from '../ast.js';
import { addMetadata, type LitmusParser, parseTokens, posOf } from '../grammar.js';
import { conditionLexer } from '../tokens.js';
import { lexingProblems } from '../lexing-problems.js';
import { cChildren, type CExpr, type CMacro, type CStmt, type CThread } from './ast.js';
import { type CTestSyntax, NestedTooDeeply, sharedCParser } from './grammar.js';
import { firstTooDeep, firstTooDeepNode, MAX_NESTING, MAX_TREE_DEPTH } from '../nesting.js';
import { NESTING, treeDepthProblems } from '../condition-checks.js';
import { lowerThread } from './lower.js';
import { cLitmusLexer, cTokens, defLexer, UNSUPPORTED_C } from './tokens.js';

/** Whether a .litmus text is a C test: its first word (after comments) is `C`. */
export function isCTest(text: string): boolean {
  return /^(?:\s|\(\*[\s\S]*?\*\))*C\s/.test(text);
}

/** Parses a C litmus test. `file` is recorded in the result and in diagnostics. */
export function parseCLitmus(text: string, file?: string): LitmusTest {
  const located = (problems: Diagnostic[]): LitmusError =>
    new LitmusError(problems.map((p) => (file !== undefined ? { file, ...p } : p)));
  const lexed = cLitmusLexer().tokenize(text);
  const lexProblems = [...lexingProblems(lexed, text), ...unsupportedC(lexed.tokens)];
  if (lexProblems.length > 0) throw located(lexProblems);
  const p = sharedCParser();
  p.load(text, lexed.tokens);
  let syntax: CTestSyntax;
  try {
    syntax = p.test();
  } catch (e) {
    if (e instanceof NestedTooDeeply) throw located([tooDeep(e)]);
    throw e;
  }
  const grammar: Diagnostic[] = p.errors.map((e) => ({ pos: posOf(e.token), message: e.message }));
  if (grammar.length > 0 || p.problems.length > 0) throw located([...grammar, ...p.problems]);
  const deep = syntax.threads.map(deepestExpression).find((d) => d !== undefined);
  if (deep) throw located([{ pos: deep.pos, message: `this expression is nested too deeply: more than ${MAX_TREE_DEPTH} levels (a chain of n terms counts n; the limit)` }]);

  const problems: Diagnostic[] = [];
  const ids = new Set<number>();
  syntax.threads.forEach((t, i) => {
    if (t.id !== i && t.id >= 0) problems.push({ pos: t.pos, message: `thread ${t.name} is out of order: expected P${i}` });
    if (ids.has(t.id)) problems.push({ pos: t.pos, message: `thread ${t.name} is defined twice` });
    ids.add(t.id);
  });
  const threads = syntax.threads.map((t) => lowerThread(t, problems));
  const tail: ConditionPart = syntax.tail ? readTail(text, syntax.tail, problems) : { locations: [], filter: undefined, condition: undefined };
  if (problems.length > 0) throw located(problems);

  const metadata: Record<string, string> = {};
  for (const line of syntax.metadata) addMetadata(metadata, line.image);
  const pos = posOf(syntax.arch);
  const test: LitmusTest = {
    arch: syntax.arch.image,
    name: syntax.name.image.replace(/\.litmus$/, ''),
    ...(syntax.doc !== undefined ? { doc: syntax.doc } : {}),
    metadata,
    init: syntax.init,
    threads,
    locations: tail.locations,
    ...(tail.filter ? { filter: tail.filter } : {}),
    condition: tail.condition ?? { quantifier: 'forall', prop: { kind: 'true', pos }, pos, implicit: true },
    pos,
  };
  const deepCondition = treeDepthProblems(test);
  if (deepCondition.length > 0) throw located(deepCondition);
  return file !== undefined ? { ...test, file } : test;
}

type ConditionPart = ReturnType<LitmusParser['afterProgram']>;

function tooDeep(e: NestedTooDeeply): Diagnostic {
  return { pos: posOf(e.token), message: `nested too deeply here: more than ${MAX_NESTING} levels of statements, parentheses or prefix operators (the limit)` };
}

/** The first expression of a thread deeper than MAX_TREE_DEPTH (a long chain of `+`), which every later pass would recurse through. */
function deepestExpression(thread: CThread): CExpr | undefined {
  const exprs = (stmts: CStmt[]): CExpr[] => stmts.flatMap((s) =>
    s.kind === 'expr' ? [s.expr] : s.kind === 'decl' ? (s.init ? [s.init] : [])
    : s.kind === 'if' ? [s.cond, ...exprs(s.then), ...exprs(s.else ?? [])]
    : s.kind === 'while' ? [s.cond, ...exprs(s.body)] : exprs(s.body));
  for (const e of exprs(thread.body)) {
    const deep = firstTooDeepNode(e, cChildren);
    if (deep) return deep;
  }
  return undefined;
}

/** The part after the threads, read by the assembly grammar from where it starts (positions kept). */
function readTail(text: string, tail: IToken, problems: Diagnostic[]): ConditionPart {
  // Blank what comes before (newlines kept), so lines and columns stay the file's.
  const blanked = text.slice(0, tail.startOffset).replace(/[^\r\n]/g, ' ') + text.slice(tail.startOffset);
  const lexed = conditionLexer().tokenize(blanked);
  problems.push(...lexingProblems(lexed, blanked));
  const tooDeepAt = firstTooDeep(lexed.tokens, NESTING);
  if (tooDeepAt) {
    problems.push({ pos: posOf(tooDeepAt), message: `nested too deeply here: more than ${MAX_NESTING} levels of parentheses, '~' or '=>' (the limit)` });
    return { locations: [], filter: undefined, condition: undefined };
  }
  const { parser: p, value, stopped } = parseTokens(blanked, lexed.tokens, (parser) => parser.afterProgram());
  problems.push(...p.errors.map((e) => ({ pos: posOf(e.token), message: e.message })), ...p.problems, ...stopped);
  return value ?? { locations: [], filter: undefined, condition: undefined };
}

/** C the tests do not take, said plainly at the first place each kind of it is used. */
function unsupportedC(tokens: IToken[]): Diagnostic[] {
  const said = new Set<string>();
  const problems: Diagnostic[] = [];
  const unsupported = cTokens().Unsupported;
  for (const t of tokens) {
    if (t.tokenType !== unsupported) continue;
    const [, message] = UNSUPPORTED_C.find(([pattern]) => pattern.test(t.image)) ?? [undefined, "'{word}' is not read in litmus tests"];
    if (said.has(message)) continue;
    said.add(message);
    problems.push({ pos: posOf(t), message: message.replace('{word}', t.image) });
  }
  return problems;
}

/**
 * Reads a .def file (herd7's macros: `NAME(PARAMS) BODY` per line, as the
 * kernel's tools/memory-model/linux-kernel.def writes them). Throws a
 * LitmusError with positions for what it cannot read.
 */
export function parseDefFile(text: string, file?: string): CMacro[] {
  const lexed = defLexer().tokenize(text);
  const problems = lexingProblems(lexed, text);
  const p = sharedCParser();
  if (problems.length === 0) {
    p.load(text, lexed.tokens);
    let macros: CMacro[];
    try {
      macros = p.macros();
    } catch (e) {
      if (e instanceof NestedTooDeeply) throw new LitmusError({ ...(file !== undefined ? { file } : {}), ...tooDeep(e) });
      throw e;
    }
    problems.push(...p.errors.map((e) => ({ pos: posOf(e.token), message: e.message })));
    if (problems.length === 0) return file !== undefined ? macros.map((m) => ({ ...m, file })) : macros;
  }
  throw new LitmusError(problems.map((d) => (file !== undefined ? { file, ...d } : d)));
}
