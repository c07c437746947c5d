// Prints a condition the way herd7 normalises it: `exists (1:X0=1 /\ [x]=0)`.

import type { Arch } from '../exec/types.js';
import { type Condition, locationText, type Prop, type StateRef } from '../syntax/ast.js';
import { formatLiteral } from './observe.js';

/** A condition as herd7's `Condition` line prints it: `exists (…)`; constants in hexadecimal when `hexa` (herd7's -hexa). */
export function conditionText(condition: Condition, arch: Arch, hexa = false): string {
  return `${condition.quantifier} (${propText(condition.prop, arch, 'top', hexa)})`;
}

/** The operator a proposition is printed under, for herd7's parenthesis rule. */
type Context = 'top' | 'and' | 'or' | 'implies';

/**
 * Whether herd7 parenthesises a `here` operator printed under `above`
 * (herd7's lib/constrGen.ml printer): a conjunction inside a disjunction
 * stays bare, a disjunction or implication inside a conjunction does not,
 * and the operands of `=>` are bracketed unless they are themselves `=>`.
 * This is herd7's choice, reproduced for its `Condition` line, not ours.
 */
function needsParentheses(above: Context, here: Exclude<Context, 'top'>): boolean {
  switch (above) {
    case 'top': return false;
    case 'implies': return here !== 'implies';
    case 'and': return here !== 'and';
    case 'or': return here === 'implies';
  }
}

/**
 * A proposition as herd7 prints it: `not (P)` for a negation (and for
 * `r != v`), ` /\ `, ` \/ `, ` => `, only the parentheses herd7's printer
 * puts (see needsParentheses).
 */
export function propText(prop: Prop, arch: Arch, above: Context = 'top', hexa = false): string {
  const wrap = (here: Exclude<Context, 'top'>, text: string) => (needsParentheses(above, here) ? `(${text})` : text);
  switch (prop.kind) {
    case 'true':
      return 'true';
    case 'false':
      return 'false';
    case 'not':
      return `not (${propText(prop.arg, arch, 'top', hexa)})`;
    case 'and':
      return wrap('and', `${propText(prop.left, arch, 'and', hexa)} /\\ ${propText(prop.right, arch, 'and', hexa)}`);
    case 'or':
      return wrap('or', `${propText(prop.left, arch, 'or', hexa)} \\/ ${propText(prop.right, arch, 'or', hexa)}`);
    case 'implies':
      return wrap('implies', `${propText(prop.left, arch, 'implies', hexa)} => ${propText(prop.right, arch, 'implies', hexa)}`);
    case 'atom': {
      const value = formatLiteral(prop.value, hexa);
      // herd7 writes a whole array bare: x={1,2}.
      const ref = prop.value.kind === 'array' && prop.ref.kind === 'mem' ? locationText(prop.ref.loc) : refText(prop.ref, arch);
      return prop.op === '=' ? `${ref}=${value}` : `not (${ref}=${value})`;
    }
  }
}

function refText(ref: StateRef, arch: Arch): string {
  // herd7 writes a location [x], an array element as is (t[1]).
  if (ref.kind === 'mem') return ref.loc.index !== undefined ? locationText(ref.loc) : `[${ref.loc.name}]`;
  return `${ref.thread}:${arch.canonicalRegister(ref.reg) ?? ref.reg}`;
}
