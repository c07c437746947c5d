// Prints a condition the way herd7 normalises it: `exists (1:X0=1 /\ [x]=0)`.

import type { Arch } from '../exec/types.js';
import type { Condition, Prop, StateRef } from '../syntax/ast.js';
import { formatLiteral } from './observe.js';

export function conditionText(condition: Condition, arch: Arch): string {
  return `${condition.quantifier} (${propText(condition.prop, arch)})`;
}

export function propText(prop: Prop, arch: Arch): string {
  const nested = (child: Prop, parent: Prop['kind']): string => {
    const text = propText(child, arch);
    const binary = child.kind === 'and' || child.kind === 'or' || child.kind === 'implies';
    return binary && child.kind !== parent ? `(${text})` : text;
  };
  switch (prop.kind) {
    case 'true':
      return 'true';
    case 'false':
      return 'false';
    case 'not':
      return `~${nested(prop.arg, 'not')}`;
    case 'and':
      return `${nested(prop.left, 'and')} /\\ ${nested(prop.right, 'and')}`;
    case 'or':
      return `${nested(prop.left, 'or')} \\/ ${nested(prop.right, 'or')}`;
    case 'implies':
      return `${nested(prop.left, 'not')} => ${nested(prop.right, 'not')}`;
    case 'atom': {
      const value = formatLiteral(prop.value);
      // herd7 writes a whole array bare: x={1,2}.
      const ref = prop.value.kind === 'array' && prop.ref.kind === 'mem' ? prop.ref.loc : refText(prop.ref, arch);
      return prop.op === '=' ? `${ref}=${value}` : `~(${ref}=${value})`;
    }
  }
}

function refText(ref: StateRef, arch: Arch): string {
  // herd7 writes a location [x], an array element as is (t[1]).
  if (ref.kind === 'mem') return /\[\d+\]$/.test(ref.loc) ? ref.loc : `[${ref.loc}]`;
  return `${ref.thread}:${arch.canonicalRegister(ref.reg) ?? ref.reg}`;
}
