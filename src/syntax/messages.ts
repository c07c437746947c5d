// Parse-error sentences for people writing litmus tests: they name what was
// expected in the words of the format, not chevrotain's token names.

import { EOF, type IParserErrorMessageProvider, type IToken, type TokenType } from 'chevrotain';
import { InitClose, InitOpen, Semi, TestName } from './tokens.js';

/** What a token looks like to a user: its text, or 'the end of the file'. */
export function describeToken(token: IToken): string {
  if (token.tokenType === EOF) return 'the end of the file';
  // One line of it at most (a C test's condition is one token to its end), so the message stays on one line.
  const line = token.image.split(/\r?\n/)[0];
  const text = line.length > 30 || line.length < token.image.length ? `${line.slice(0, 30).trimEnd()}…` : line;
  return `'${text}'`;
}

function label(type: TokenType): string {
  if (type === EOF) return 'the end of the file';
  return type.LABEL ?? type.name;
}

/** Context words for a rule name, used in "expected … in the init block". */
const RULE_PLACES: Record<string, string> = {
  initBlock: 'in the init block',
  initItem: 'in the init block',
  initTarget: 'in the init block',
  initValue: 'in an init value',
  gridRow: 'in the program',
  program: 'in the program',
  locationsList: "in 'locations'",
  stateRef: 'in the condition',
  atom: 'in the condition',
  primary: 'in the condition',
  conditionValue: 'in the condition',
  condition: 'in the condition',
  prop: 'in the condition',
  disjunction: 'in the condition',
  conjunction: 'in the condition',
  negation: 'in the condition',
};

function place(ruleName: string): string {
  const where = RULE_PLACES[ruleName];
  return where ? ` ${where}` : '';
}

function uniqueFirstTokens(paths: TokenType[][][]): string[] {
  const firsts = new Set<string>();
  for (const alt of paths) for (const path of alt) if (path[0]) firsts.add(label(path[0]));
  return [...firsts];
}

function oneOf(labels: string[]): string {
  if (labels.length <= 1) return labels[0] ?? 'something else';
  return `${labels.slice(0, -1).join(', ')} or ${labels[labels.length - 1]}`;
}

export const litmusErrorMessages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage({ expected, actual, ruleName }) {
    if (expected === Semi && ruleName === 'gridRow') return "expected ';' at the end of the program row";
    if (expected === TestName) return 'expected the test name after the architecture';
    if (expected === InitOpen) return `expected '{' to start the init block, found ${describeToken(actual)}`;
    if (expected === InitClose) return `expected '}' to close the init block, found ${describeToken(actual)}`;
    return `expected ${label(expected)}${place(ruleName)}, found ${describeToken(actual)}`;
  },
  buildNotAllInputParsedMessage({ firstRedundant }) {
    return `unexpected ${describeToken(firstRedundant)} after the condition`;
  },
  buildNoViableAltMessage({ expectedPathsPerAlt, actual, customUserDescription, ruleName }) {
    const found = actual[0] ? describeToken(actual[0]) : 'nothing';
    const wanted = customUserDescription ?? oneOf(uniqueFirstTokens(expectedPathsPerAlt));
    return `expected ${wanted}${place(ruleName)}, found ${found}`;
  },
  buildEarlyExitMessage({ expectedIterationPaths, actual, customUserDescription, ruleName }) {
    const found = actual[0] ? describeToken(actual[0]) : 'nothing';
    const wanted = customUserDescription ?? oneOf(uniqueFirstTokens([expectedIterationPaths]));
    return `expected ${wanted}${place(ruleName)}, found ${found}`;
  },
};
