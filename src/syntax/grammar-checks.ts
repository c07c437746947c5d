// Whether chevrotain checks a grammar when it builds a lexer or a parser:
// yes while developing and testing, where a grammar mistake shows; no in the
// bundled command line (scripts/bundle.mjs sets globalThis.LITMUS_BUNDLED
// before anything runs), where the checks cost a tenth of a second at every
// start (issue 11). The grammars are the same either way.

/** chevrotain's `skipValidations`, for every lexer and parser of the project. */
export function skipGrammarChecks(): boolean {
  return (globalThis as { LITMUS_BUNDLED?: boolean }).LITMUS_BUNDLED === true;
}
