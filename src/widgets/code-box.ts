import type { CodeEditor } from './code-editor';
import { h } from './dom';

/** The box's CSS, for the shadow root of a widget that has one (class `editor`). */
export const codeBoxCss = `
.editor { border: 1px solid var(--_border); border-radius: 6px; overflow: hidden; }
.editor textarea { display: block; box-sizing: border-box; width: 100%; margin: 0; border: 0; padding: 4px 6px 4px 8px; resize: vertical;
  background: var(--_bg); color: var(--_fg); font: 13px/1.4 ui-monospace, SFMono-Regular, Menlo, monospace; white-space: pre-wrap; field-sizing: content; }
.editor textarea:focus-visible { outline: 2px solid var(--_accent); outline-offset: -2px; }
`;

/**
 * The code box: a plain textarea until the student first touches it, then the
 * CodeMirror editor (code-editor.ts) in its place, with the same text, caret
 * and focus. Most readers never edit; CodeMirror is some 130 KB gzipped, more
 * than the rest of a chapter's widgets together, so it loads only for those who do.
 */
export class CodeBox {
  private readonly textarea: HTMLTextAreaElement;
  private editor: CodeEditor | undefined;
  private destroyed = false;

  constructor(
    private readonly parent: HTMLElement,
    private readonly root: ShadowRoot,
    doc: string,
    labelledBy: string,
    describedBy: string,
    private readonly onSubmit: () => void,
  ) {
    this.textarea = h('textarea', { 'aria-labelledby': labelledBy, 'aria-describedby': describedBy, spellcheck: 'false', autocapitalize: 'off', autocomplete: 'off' }) as HTMLTextAreaElement;
    this.textarea.value = doc;
    this.textarea.rows = doc.split('\n').length + 1;
    this.textarea.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        onSubmit();
      }
    });
    const upgrade = () => void this.upgrade(labelledBy, describedBy);
    this.textarea.addEventListener('focus', upgrade, { once: true });
    this.textarea.addEventListener('pointerdown', upgrade, { once: true });
    parent.append(this.textarea);
  }

  get value(): string {
    return this.editor ? this.editor.value : this.textarea.value;
  }

  set value(text: string) {
    if (this.editor) this.editor.value = text;
    else this.textarea.value = text;
  }

  focus() {
    (this.editor ?? this.textarea).focus();
  }

  destroy() {
    this.destroyed = true;
    this.editor?.destroy();
  }

  private async upgrade(labelledBy: string, describedBy: string) {
    if (this.editor) return;
    const { createEditor } = await import('./code-editor');
    if (this.editor || this.destroyed) return;
    const { textarea } = this;
    const focused = this.root.activeElement === textarea;
    this.editor = createEditor({
      parent: this.parent, root: this.root, doc: textarea.value, labelledBy, describedBy, onSubmit: this.onSubmit,
      selection: { anchor: textarea.selectionStart, head: textarea.selectionEnd },
    });
    textarea.remove();
    if (focused) this.editor.focus();
  }
}
