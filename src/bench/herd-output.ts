// Reads herd7's text output (one or more test blocks) into comparable facts,
// so our answers can be checked against herd7's recorded ones.

export interface HerdAnswer {
  name: string;
  kind: string;
  /** State lines normalised: items sorted within a line, lines sorted. */
  states: string[];
  ok: boolean;
  /** The verdict line read `Loop Ok` / `Loop No`. */
  loop: boolean;
  /** The `Condition` line's text after the word, e.g. `exists (0:X0=1)`. */
  condition: string;
  positive: number;
  negative: number;
  observation: string;
  flags: string[];
}

export function normaliseStateLine(line: string): string {
  return line
    .split(';')
    .map((item) => item.trim())
    .filter((item) => item !== '')
    .sort()
    .join('; ');
}

export function parseHerdOutput(text: string): HerdAnswer[] {
  const answers: HerdAnswer[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const header = /^Test (\S+) (\S+)/.exec(lines[i]);
    if (!header) continue;
    const count = Number(/^States (\d+)/.exec(lines[++i])?.[1] ?? NaN);
    const states = lines.slice(i + 1, i + 1 + count).map(normaliseStateLine).sort();
    i += count + 1;
    const verdict = /^(Loop )?(Ok|No)$/.exec(lines[i] ?? '');
    const answer: HerdAnswer = {
      name: header[1], kind: header[2], states, ok: verdict?.[2] === 'Ok', loop: verdict?.[1] !== undefined,
      condition: '', positive: NaN, negative: NaN, observation: '', flags: [],
    };
    for (; i < lines.length && lines[i] !== ''; i++) {
      const flag = /^Flag (\S+)/.exec(lines[i]);
      if (flag) answer.flags.push(flag[1]);
      const condition = /^Condition (.*)$/.exec(lines[i]);
      if (condition) answer.condition = condition[1];
      const observation = /^Observation \S+ (\S+) (\d+) (\d+)/.exec(lines[i]);
      if (observation) {
        answer.observation = observation[1];
        answer.positive = Number(observation[2]);
        answer.negative = Number(observation[3]);
      }
    }
    answers.push(answer);
  }
  return answers;
}
