// Errors are values with places: every problem with user input carries the
// file, line and column it concerns, so the CLI can print FILE:LINE:COL and the
// browser can underline it.

/** A position in a source text; line and column count from 1. */
export interface SourcePos {
  line: number;
  column: number;
}

/** One problem found in user input (a .litmus test, a .cat model, an index file). */
export interface Diagnostic {
  file?: string;
  pos: SourcePos;
  message: string;
}

/** Thrown for bad input; carries one or more located diagnostics. */
export class LitmusError extends Error {
  readonly diagnostics: Diagnostic[];

  constructor(diagnostics: Diagnostic | Diagnostic[]) {
    const list = Array.isArray(diagnostics) ? diagnostics : [diagnostics];
    super(list.map(formatDiagnostic).join('\n'));
    this.name = 'LitmusError';
    this.diagnostics = list;
  }

  /** The same errors, attributed to `file` where they have no file yet. */
  inFile(file: string): LitmusError {
    return new LitmusError(this.diagnostics.map((d) => ({ ...d, file: d.file ?? file })));
  }
}

/** Shorthand for throwing a single located error. */
export function failAt(pos: SourcePos, message: string): never {
  throw new LitmusError({ pos, message });
}

/** `FILE:LINE:COLUMN: message`. */
export function formatDiagnostic(d: Diagnostic): string {
  return printable(`${d.file ?? '<input>'}:${d.pos.line}:${d.pos.column}: ${d.message}`);
}

/**
 * `text` with its control characters (but tabs and line breaks) written as
 * escapes (`\x1b`): a message quotes the input, and a byte of it must not
 * drive the terminal it is printed on (clear the screen, ring, move).
 */
export function printable(text: string): string {
  return text.replace(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** A command line that asks for something that is not there (no file position to give): exit 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Thrown when a search stops at a documented limit (candidates, time). */
export class LimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LimitError';
  }
}
