// Limits on how deep the part of a test after its code nests (conditions,
// filters, values), shared by the assembly and C formats, which read that
// part with one grammar (syntax/grammar.ts).

import type { Diagnostic } from '../errors.js';
import type { LitmusTest, Prop } from './ast.js';
import { firstTooDeepNode, MAX_TREE_DEPTH, type NestingTokens } from './nesting.js';
import * as T from './tokens.js';

/** What nests in a .litmus file: parentheses in conditions and values, `~`/`not`, chains of `=>` (ended by `/\` and `\/`). */
export const NESTING: NestingTokens = {
  opens: [T.LParen, T.LBracket],
  closes: [T.RParen, T.RBracket],
  prefixes: [T.Tilde, T.NotWord],
  rightAssociative: [T.Implies],
  chainEnds: [T.And, T.Or],
};

/** A condition or filter deeper than MAX_TREE_DEPTH (a chain of that many `/\` or `\/` terms), at its deepest term. */
export function treeDepthProblems(test: LitmusTest | undefined): Diagnostic[] {
  const children = (p: Prop): Prop[] => (p.kind === 'not' ? [p.arg] : 'left' in p ? [p.left, p.right] : []);
  return [test?.filter, test?.condition?.prop].flatMap((prop) => {
    const deep = prop && firstTooDeepNode(prop, children);
    return deep ? [{ pos: deep.pos, message: `this condition is nested too deeply: more than ${MAX_TREE_DEPTH} levels (a chain of n '/\\' or '\\/' terms counts n; the limit)` }] : [];
  });
}
