// The test editor: CodeMirror with .litmus highlighting, the engine's
// diagnostics underlined, and a way for the graph to point at an instruction.

import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { linter, lintGutter } from '@codemirror/lint';
import { Compartment, EditorState, StateEffect, StateField } from '@codemirror/state';
import { Decoration, type DecorationSet, EditorView } from '@codemirror/view';
import { tags } from '@lezer/highlight';
import { basicSetup } from 'codemirror';
import { checkTest, toEditorDiagnostic } from './diagnostics.js';
import { litmusLanguage } from './litmus-language.js';

export interface InstructionRef {
  line: number;
  column: number;
  text: string;
}

const showInstruction = StateEffect.define<InstructionRef | null>();

/** The instruction an event came from, highlighted while the user hovers the event. */
const instructionHighlight = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(decorations, transaction) {
    for (const effect of transaction.effects) {
      if (effect.is(showInstruction)) return effect.value ? decorate(transaction.state, effect.value) : Decoration.none;
    }
    return transaction.docChanged ? Decoration.none : decorations;
  },
  provide: (field) => EditorView.decorations.from(field),
});

function decorate(state: EditorState, ref: InstructionRef): DecorationSet {
  if (ref.line < 1 || ref.line > state.doc.lines) return Decoration.none;
  const line = state.doc.line(ref.line);
  const from = Math.min(line.from + ref.column - 1, line.to);
  const to = Math.min(from + Math.max(ref.text.length, 1), line.to);
  const ranges = [Decoration.line({ class: 'cm-event-line' }).range(line.from)];
  if (to > from) ranges.push(Decoration.mark({ class: 'cm-event-instruction' }).range(from, to));
  return Decoration.set(ranges);
}

const litmusHighlight = HighlightStyle.define([
  { tag: tags.comment, color: '#7a8190', fontStyle: 'italic' },
  { tag: tags.string, color: '#6a7a3a' },
  { tag: tags.keyword, color: '#7b2fbf', fontWeight: '600' },
  { tag: tags.heading, color: '#0b5cad', fontWeight: '700' },
  { tag: tags.labelName, color: '#b35c00' },
  { tag: tags.number, color: '#b3261e' },
  { tag: tags.variableName, color: '#1d5f5f' },
  { tag: tags.typeName, color: '#0b5cad' },
  { tag: tags.operator, color: '#7b2fbf' },
  { tag: tags.meta, color: '#7a8190' },
  { tag: [tags.punctuation, tags.brace], color: '#9aa0aa' },
]);

export interface TestEditor {
  setText(text: string): void;
  highlightInstruction(ref: InstructionRef | null): void;
  /** Wraps long lines (a long comment no longer hides the next thread's column), or not (the grid's columns stay aligned). */
  wrapLines(on: boolean): void;
}

const wrapping = new Compartment();

export function createTestEditor(parent: HTMLElement, initialText: string, onChange: (text: string) => void): TestEditor {
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: initialText,
      extensions: [
        basicSetup,
        litmusLanguage,
        syntaxHighlighting(litmusHighlight),
        lintGutter(),
        linter((v) => checkTest(v.state.doc.toString()).map((d) => ({ ...toEditorDiagnostic(v.state.doc, d), severity: 'error' as const })), { delay: 300 }),
        instructionHighlight,
        // Off by default (wrapping breaks the grid's columns); on, long comments (the QEMU tests') no longer push P1 off-screen.
        wrapping.of([]),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) onChange(update.state.doc.toString());
        }),
      ],
    }),
  });
  return {
    setText(text) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
    },
    highlightInstruction(ref) {
      view.dispatch({ effects: showInstruction.of(ref) });
    },
    wrapLines(on) {
      view.dispatch({ effects: wrapping.reconfigure(on ? EditorView.lineWrapping : []) });
    },
  };
}
