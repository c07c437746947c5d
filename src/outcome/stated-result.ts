// The answer a test states for itself, as the Linux kernel's litmus tests
// do: a line `Result: Never`, `Result: Sometimes` or `Result: Always` in a
// comment (tools/memory-model/litmus-tests), which herd7's Observation line
// must then show. `litmus check` uses it when no kinds file lists the test.

import type { Verdict } from './result.js';

/** The Observation a test's text states (`Result: …` in a comment), with its line; undefined when it states none. */
export function statedResult(text: string): { observation: Verdict; line: number } | undefined {
  const match = /^[ \t(*]*Result:[ \t]*(Never|Sometimes|Always)\b/m.exec(text);
  if (!match) return undefined;
  return { observation: match[1] as Verdict, line: text.slice(0, match.index).split('\n').length };
}

/** A `Result:` line whose word is none of Never, Sometimes, Always (a typo, which would be ignored silently), with its line. */
export function misstatedResult(text: string): { word: string; line: number } | undefined {
  const match = /^[ \t(*]*Result:[ \t]*(\S*)/m.exec(text);
  if (!match || /^(Never|Sometimes|Always)\b/.test(match[1])) return undefined;
  return { word: match[1], line: text.slice(0, match.index).split('\n').length };
}
