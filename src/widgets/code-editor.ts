import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { typescriptLanguage } from '@codemirror/lang-javascript';
import { bracketMatching, HighlightStyle, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { EditorState } from '@codemirror/state';
import { drawSelection, EditorView, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers } from '@codemirror/view';
import { tags } from '@lezer/highlight';

// The exercise's code editor: CodeMirror 6 with only what writing one short
// function needs (no completion, search or lint panels, which would double its
// size). Tab is left to move focus out, so the editor never traps the keyboard.

// Colours from the theme's custom properties, so that the code reads in light and dark
// (the accent is mixed with the text colour: the accent alone is too faint on a dark page).
const codeColour = 'color-mix(in srgb, var(--_accent) 60%, var(--_fg))';
const highlight = HighlightStyle.define([
  { tag: [tags.keyword, tags.controlKeyword, tags.definitionKeyword, tags.moduleKeyword], color: codeColour, fontWeight: '600' },
  { tag: [tags.comment, tags.lineComment, tags.blockComment], color: 'var(--_muted)', fontStyle: 'italic' },
  { tag: [tags.number, tags.bool, tags.string], color: codeColour },
  { tag: [tags.function(tags.variableName), tags.function(tags.propertyName)], textDecoration: 'underline', textDecorationColor: 'var(--_border)' },
]);
const theme = EditorView.theme({
  '&': { color: 'var(--_fg)', backgroundColor: 'var(--_bg)', fontSize: '13px' },
  '.cm-content': { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace', caretColor: 'var(--_fg)' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--_fg)' },
  '&.cm-focused': { outline: '2px solid var(--_accent)', outlineOffset: '-2px' },
  '.cm-gutters': { backgroundColor: 'var(--_bg)', color: 'var(--_muted)', borderRight: '1px solid var(--_border)' },
  '.cm-activeLine, .cm-activeLineGutter': { backgroundColor: 'color-mix(in srgb, var(--_accent) 8%, transparent)' },
  '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, ::selection': { backgroundColor: 'color-mix(in srgb, var(--_accent) 30%, transparent)' },
});

export interface CodeEditor {
  value: string;
  focus(): void;
  destroy(): void;
}

export interface EditorOptions {
  parent: HTMLElement;
  root: ShadowRoot;
  doc: string;
  selection: { anchor: number; head: number };
  labelledBy: string;
  describedBy: string;
  /** Ctrl+Enter (⌘+Enter): check the code. */
  onSubmit: () => void;
}

export function createEditor({ parent, root, doc, selection, labelledBy, describedBy, onSubmit }: EditorOptions): CodeEditor {
  const view = new EditorView({
    state: EditorState.create({
      doc,
      selection,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        history(),
        drawSelection(),
        indentOnInput(),
        bracketMatching(),
        highlightActiveLine(),
        keymap.of([{ key: 'Mod-Enter', run: () => (onSubmit(), true) }, ...defaultKeymap, ...historyKeymap]),
        typescriptLanguage,
        syntaxHighlighting(highlight),
        theme,
        EditorView.lineWrapping, // no horizontal scrolling region (and the code stays readable on phones)
        EditorView.contentAttributes.of({ 'aria-labelledby': labelledBy, 'aria-describedby': describedBy }),
      ],
    }),
    parent,
    root,
  });
  return {
    get value() {
      return view.state.doc.toString();
    },
    set value(text: string) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
    },
    focus: () => view.focus(),
    destroy: () => view.destroy(),
  };
}
