// What a repair changes in a test's text: the edits, for grid tests
// (edit.ts) and C tests (edit-c.ts) alike.

/** One change, at an instruction cell of a thread (indices into `test.threads[thread].cells`). */
export type Edit =
  /** A row of its own just before the cell, holding `text` in the thread's column; labels on the cell move onto it, so every jump to the cell passes it. */
  | { kind: 'insert'; thread: number; cell: number; text: string }
  /** The cell's instruction text becomes `text`; '' removes it (a row left with nothing in it goes too). */
  | { kind: 'replace'; thread: number; cell: number; text: string };

/** Thrown when an edit does not fit the text (an instruction split by a comment): the move is then not offered. */
export class EditError extends Error {}
