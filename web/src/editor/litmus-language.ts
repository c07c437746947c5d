// Syntax highlighting for herd's .litmus format, as a CodeMirror stream
// language. It follows the file's sections like our lexer does (header,
// preamble, init block, program grid, condition), so a word is coloured by
// where it stands: the first word of a grid cell is an instruction.

import { StreamLanguage, type StringStream } from '@codemirror/language';

type Section = 'header' | 'preamble' | 'init' | 'grid' | 'condition';

interface LitmusLexState {
  section: Section;
  inComment: boolean;
  inDocString: boolean;
  /** At the start of a grid cell, before its instruction's mnemonic. */
  cellStart: boolean;
  /** On the header line, past the architecture word. */
  headerArchSeen: boolean;
}

const CONDITION_KEYWORDS = /^(~?exists|forall|locations|filter|true|false|not)\b/;
const PREFIXES = new Set(['LOCK', 'REP', 'REPNE']);

export const litmusLanguage = StreamLanguage.define<LitmusLexState>({
  name: 'litmus',
  startState: () => ({ section: 'header', inComment: false, inDocString: false, cellStart: true, headerArchSeen: false }),
  copyState: (state) => ({ ...state }),
  token(stream, state) {
    if (stream.sol()) {
      state.cellStart = true;
      if (state.section === 'header' && state.headerArchSeen) state.section = 'preamble';
    }
    if (state.inComment) return comment(stream, state);
    if (state.inDocString) return docString(stream, state);
    if (stream.eatSpace()) return null;
    if (stream.match('(*')) {
      state.inComment = true;
      return comment(stream, state);
    }
    switch (state.section) {
      case 'header':
        return header(stream, state);
      case 'preamble':
        return preamble(stream, state);
      case 'init':
        return init(stream, state);
      case 'grid':
        return grid(stream, state);
      case 'condition':
        return condition(stream);
    }
  },
  languageData: { commentTokens: { block: { open: '(*', close: '*)' } } },
});

function comment(stream: StringStream, state: LitmusLexState): string {
  if (stream.skipTo('*)')) {
    stream.match('*)');
    state.inComment = false;
  } else stream.skipToEnd();
  return 'comment';
}

function docString(stream: StringStream, state: LitmusLexState): string {
  if (stream.skipTo('"')) {
    stream.next();
    state.inDocString = false;
  } else stream.skipToEnd();
  return 'string';
}

function header(stream: StringStream, state: LitmusLexState): string {
  if (!state.headerArchSeen) {
    state.headerArchSeen = true;
    stream.match(/^\S+/);
    return 'keyword';
  }
  stream.skipToEnd();
  return 'heading';
}

function preamble(stream: StringStream, state: LitmusLexState): string | null {
  if (stream.eat('"')) {
    state.inDocString = true;
    return docString(stream, state);
  }
  if (stream.eat('{')) {
    state.section = 'init';
    return 'brace';
  }
  stream.skipToEnd();
  return 'meta';
}

function init(stream: StringStream, state: LitmusLexState): string | null {
  if (stream.eat('}')) {
    state.section = 'grid';
    return 'brace';
  }
  return values(stream);
}

function grid(stream: StringStream, state: LitmusLexState): string | null {
  if (stream.sol() || state.cellStart) {
    if (stream.match(CONDITION_KEYWORDS, false)) {
      state.section = 'condition';
      return condition(stream);
    }
  }
  if (stream.match(/^P\d+\b/) && state.cellStart) {
    state.cellStart = false;
    return 'heading';
  }
  if (stream.eat('|')) {
    state.cellStart = true;
    return 'punctuation';
  }
  if (stream.eat(';')) return 'punctuation';
  if (state.cellStart) {
    if (stream.match(/^[A-Za-z_][\w.]*:/)) return 'labelName';
    const word = stream.match(/^[A-Za-z][\w.]*/);
    if (word) {
      state.cellStart = PREFIXES.has((word as RegExpMatchArray)[0].toUpperCase());
      return 'keyword';
    }
  }
  state.cellStart = false;
  if (stream.match(/^[#$]?-?(0x[0-9a-fA-F]+|\d+)\b/)) return 'number';
  if (stream.match(/^[A-Za-z_][\w.]*/)) return 'variableName';
  stream.next();
  return 'punctuation';
}

function condition(stream: StringStream): string | null {
  if (stream.match(CONDITION_KEYWORDS)) return 'keyword';
  if (stream.match(/^(\/\\|\\\/|=>|~)/)) return 'operator';
  return values(stream);
}

/** Init items and condition atoms: `0:X1=x`, `[y]=2`, `int z=0`. */
function values(stream: StringStream): string | null {
  if (stream.match(/^\d+:/)) return 'labelName';
  if (stream.match(/^-?(0x[0-9a-fA-F]+|\d+)\b/)) return 'number';
  if (stream.match(/^(u?int(8|16|32|64)?(_t)?|char|long|short)\b/)) return 'typeName';
  if (stream.match(/^[A-Za-z_%][\w.%]*/)) return 'variableName';
  stream.next();
  return 'punctuation';
}
