// The grammar in the form chevrotain's railroad-diagram renderer reads
// (used by scripts/grammar.mjs to draw grammar/litmus.html).

import type { ISerializedGast } from 'chevrotain';
import { recoveringParser } from './grammar.js';

/** The parser's rules, serialized for `createSyntaxDiagramsCode`. */
export function getSerializedLitmusGrammar(): ISerializedGast[] {
  return recoveringParser().getSerializedGastProductions();
}
