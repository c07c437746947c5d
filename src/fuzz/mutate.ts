// Mutations of a test's or a model's text, for the fuzz suite (issue 16).
// Each mutation is plain data (which operation, at which place, how much),
// so that fast-check can generate, shrink and print them, and a failing
// input is rebuilt exactly from its seed. They aim at what broke before:
// deep nesting, long chains and rows, huge numbers and sizes, truncation,
// stray and non-ASCII characters, lines repeated thousands of times.

/** One edit of a text; positions and counts are taken modulo the text's length where they must fit. */
export type Mutation =
  | { op: 'delete'; at: number; length: number }
  | { op: 'duplicate'; at: number; length: number; times: number }
  | { op: 'insert'; at: number; piece: number }
  | { op: 'nest'; at: number; length: number; depth: number; style: number }
  | { op: 'number'; which: number; value: number }
  | { op: 'repeatLine'; line: number; times: number }
  | { op: 'truncate'; at: number }
  | { op: 'swapLines'; a: number; b: number }
  | { op: 'chain'; at: number; terms: number; style: number };

/** Text that means something to a lexer or parser of ours, inserted whole. */
export const PIECES = [
  '(', ')', '(*', '*)', '{', '}', '[', ']', '|', ';', ':', ',', '=', '~', 'not ', '/\\', '\\/', '=>', '!=', '"', '\n', ' ', '\t', '\r\n',
  'exists ', '~exists ', 'forall ', 'filter ', 'locations ', 'P0', 'P1', 'P99', 'X0', 'W1', 'EAX', '[x]', '0:X0=1', '1:X9=1', 'z=1',
  'int t[100000000];', 'int t[0];', 'uint64_t x;', 'x=&y;', 'LDR W0,[X1]', 'STR W0,[X1]', 'DMB ISH', 'B L0', 'L0:', 'CBNZ W0,L0',
  'MOV [x],$1', 'MFENCE', 'LOCK ', 'let r = ', 'let rec a = b and b = a', 'acyclic po as a', 'include "cos.cat"', 'procedure',
  '\u0000', '\u00e9', '\u2192', '\ud83d\ude00', '\ufffd', '-', '0x', '99999999999999999999', '-9223372036854775809',
];

/** Numbers that probe widths and limits. */
export const NUMBERS = ['0', '-1', '1', '255', '2147483647', '2147483648', '4294967296', '9223372036854775807', '18446744073709551616', '-9223372036854775809', '99999999999', '0xffffffffffffffff', '9'.repeat(400)];

const clamp = (n: number, max: number): number => (max <= 0 ? 0 : n % (max + 1));

/** Applies `mutation` to `text`. */
export function mutate(text: string, mutation: Mutation): string {
  const at = (n: number) => clamp(n, text.length);
  switch (mutation.op) {
    case 'delete': {
      const start = at(mutation.at);
      return text.slice(0, start) + text.slice(start + mutation.length);
    }
    case 'duplicate': {
      const start = at(mutation.at);
      const piece = text.slice(start, start + mutation.length);
      return text.slice(0, start) + piece.repeat(mutation.times) + text.slice(start);
    }
    case 'insert': {
      const start = at(mutation.at);
      return text.slice(0, start) + PIECES[mutation.piece % PIECES.length] + text.slice(start);
    }
    case 'nest': {
      // Parentheses (or '~', or '=>' chains) around a span: the shape that overflowed the stack.
      const start = at(mutation.at);
      const end = Math.min(text.length, start + mutation.length);
      const [open, close] = [['(', ')'], ['~', ''], ['[', ']'], ['not (', ')'], ['domain(', ')']][mutation.style % 5];
      return text.slice(0, start) + open.repeat(mutation.depth) + text.slice(start, end) + close.repeat(mutation.depth) + text.slice(end);
    }
    case 'number': {
      const numbers = [...text.matchAll(/-?\d+/g)];
      if (numbers.length === 0) return text;
      const m = numbers[mutation.which % numbers.length];
      return text.slice(0, m.index) + NUMBERS[mutation.value % NUMBERS.length] + text.slice(m.index! + m[0].length);
    }
    case 'repeatLine': {
      const lines = text.split('\n');
      const i = mutation.line % lines.length;
      lines.splice(i, 0, ...Array<string>(mutation.times).fill(lines[i]));
      return lines.join('\n');
    }
    case 'truncate':
      return text.slice(0, at(mutation.at));
    case 'swapLines': {
      const lines = text.split('\n');
      const a = mutation.a % lines.length, b = mutation.b % lines.length;
      [lines[a], lines[b]] = [lines[b], lines[a]];
      return lines.join('\n');
    }
    case 'chain': {
      // A long flat chain of one operator: deep trees with no nesting at all.
      const operator = [' /\\ ', ' \\/ ', ' => ', ';', '|', ' & '][mutation.style % 6];
      const term = ['0:X0=0', '1:X0=1', 'po', 'rf', 'x=1'][mutation.style % 5];
      const start = at(mutation.at);
      return text.slice(0, start) + Array<string>(mutation.terms).fill(term).join(operator) + text.slice(start);
    }
  }
}

/** Applies `mutations` in order. */
export function mutateAll(text: string, mutations: readonly Mutation[]): string {
  // A mutation that would grow the text past MAX_MUTANT_BYTES is skipped: chained mutations (a long chain,
  // then its line repeated thousands of times) made texts of hundreds of megabytes, which exhausted the fuzz
  // runner's own heap before litmus read them. Limits on inputs that large are the reliability specs' matter.
  return mutations.reduce((current, mutation) => {
    const next = mutate(current, mutation);
    return next.length > MAX_MUTANT_BYTES ? current : next;
  }, text);
}

/** The largest text a mutation may make (bytes as UTF-16 units): beyond every file limit litmus has, so those are still reached. */
export const MAX_MUTANT_BYTES = 16 * 2 ** 20;
