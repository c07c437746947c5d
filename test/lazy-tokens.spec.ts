// The cat and C tokens are made on first use, not at start-up (issue 11):
// whichever path reaches them first, an error message's included, must find
// them made. Each case imports the modules afresh, so that it is the first.

import { beforeEach, describe, expect, it, vi } from 'vitest';

beforeEach(() => {
  vi.resetModules();
});

/** The message of what `run` throws. */
function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected an error');
}

describe('the cat tokens, first reached by an error', () => {
  it('a character no token matches', async () => {
    const { parseCat } = await import('../src/cat/parser.js');
    expect(messageOf(() => parseCat('"m"\nlet a = po @ rf\n', 'm.cat'))).toContain("unexpected character '@'");
  });

  it("a construct of herd7's the reader does not take", async () => {
    const { parseCat } = await import('../src/cat/parser.js');
    expect(messageOf(() => parseCat('"m"\nprocedure p(r) = acyclic r end\n', 'm.cat'))).toContain("herd7's procedures");
  });

  it('a syntax error naming the token expected', async () => {
    const { parseCat } = await import('../src/cat/parser.js');
    expect(messageOf(() => parseCat('"m"\nlet a = (po | rf\n', 'm.cat'))).toMatch(/expected|end of file/);
  });
});

describe('the C tokens, first reached by an error', () => {
  it('C the tests do not take', async () => {
    const { parseLitmus } = await import('../src/syntax/parse.js');
    const test = 'C T\n{}\nP0(int *x) {\n  for (;;) WRITE_ONCE(*x, 1);\n}\nexists (x=1)\n';
    expect(messageOf(() => parseLitmus(test, 'T.litmus'))).toContain("C's 'for' loops are not read in litmus tests");
  });

  it('a syntax error in C', async () => {
    const { parseLitmus } = await import('../src/syntax/parse.js');
    const test = 'C T\n{}\nP0(int *x) {\n  WRITE_ONCE(*x, 1)\n}\nexists (x=1)\n';
    expect(messageOf(() => parseLitmus(test, 'T.litmus'))).toMatch(/T\.litmus:\d+:\d+/);
  });
});
