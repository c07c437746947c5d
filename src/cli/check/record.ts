// What `litmus check` found for one test under one model: the line each
// report (terminal, JUnit, JSON) is written from.

/** One test × model: the verdict, what was expected, and why it failed when it did. */
export interface CheckRecord {
  name: string;
  file: string;
  line: number;
  model: string;
  verdict: string;
  expected: string;
  pass: boolean;
  error?: string;
  explanation: string[];
  seconds: number;
}
