// How deep a test or a model may nest. The parsers descend recursively, and
// so do the passes over the trees they build (condition evaluation and
// printing, cat compilation and evaluation): a text nested a few hundred
// deep used to overflow the stack (issue 16). Both limits are checked before
// the recursion starts, so the user gets a located error instead.

import { type IToken, type TokenType, tokenMatcher } from 'chevrotain';

/**
 * Nesting levels a parser may descend: an open parenthesis or bracket, a
 * prefix operator (`~`, `not`) and each `=>` of a chain (right-associative)
 * is one level. herd7's own tests and models nest less than ten deep.
 */
export const MAX_NESTING = 64;

/**
 * The depth a syntax tree may reach once built: a chain of n terms joined by
 * `/\` (or `;` in a model) is n deep, as every pass walks it one term at a time.
 */
export const MAX_TREE_DEPTH = 1000;

/** Which tokens of a grammar open and close a level, and which make one. */
export interface NestingTokens {
  opens: TokenType[];
  closes: TokenType[];
  /** Prefix operators: each in a row is a level, until the operand. */
  prefixes: TokenType[];
  /** Right-associative binary operators: each in a chain is a level. */
  rightAssociative: TokenType[];
  /** Operators of lower precedence that end such a chain. */
  chainEnds: TokenType[];
}

const matches = (token: IToken, types: TokenType[]): boolean => types.some((type) => tokenMatcher(token, type));

/**
 * The first token at which `tokens` nest deeper than MAX_NESTING levels (as
 * `kinds` defines them), or undefined. Linear in the number of tokens.
 */
export function firstTooDeep(tokens: IToken[], kinds: NestingTokens): IToken | undefined {
  // One frame per open parenthesis: the prefix operators before it and the => chain inside it stay on the parser's stack.
  const frames: { prefixesBefore: number; chain: number }[] = [{ prefixesBefore: 0, chain: 0 }];
  let depth = 0; // levels held by the frames (each open counts one)
  let prefixes = 0; // prefix operators in a row before the current operand
  for (const token of tokens) {
    const top = frames[frames.length - 1];
    if (matches(token, kinds.opens)) {
      frames.push({ prefixesBefore: prefixes, chain: 0 });
      depth += 1 + prefixes;
      prefixes = 0;
    } else if (matches(token, kinds.closes)) {
      if (frames.length > 1) {
        frames.pop();
        depth -= 1 + top.prefixesBefore + top.chain;
      }
      prefixes = 0;
    } else if (matches(token, kinds.prefixes)) {
      prefixes++;
    } else if (matches(token, kinds.rightAssociative)) {
      top.chain++;
      depth++;
      prefixes = 0;
    } else {
      if (matches(token, kinds.chainEnds)) {
        depth -= top.chain;
        top.chain = 0;
      }
      prefixes = 0;
    }
    if (depth + prefixes > MAX_NESTING) return token;
  }
  return undefined;
}

/**
 * The first node, in depth-first order, found deeper than MAX_TREE_DEPTH
 * below `root`, or undefined. Iterative, so any depth is measured safely.
 */
export function firstTooDeepNode<N>(root: N, children: (node: N) => readonly N[]): N | undefined {
  const stack: { node: N; depth: number }[] = [{ node: root, depth: 1 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (depth > MAX_TREE_DEPTH) return node;
    for (const child of children(node)) stack.push({ node: child, depth: depth + 1 });
  }
  return undefined;
}
