import { button, h, nextId } from './dom';
import { siteRoot, version } from './site';
import { kindOfTag, widgetKinds } from './kinds';

/** The HTML that embeds this widget with these attributes: an iframe, or one script and the element. */
export function snippets(tag: string, attributes: Record<string, string>): { iframe: string; script: string } {
  const kind = kindOfTag(tag)!;
  const root = siteRoot();
  const query = new URLSearchParams(attributes).toString();
  const escape = (v: string) => v.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  const attrs = Object.entries(attributes).map(([k, v]) => ` ${k}="${escape(v)}"`).join('');
  return {
    iframe:
      `<iframe src="${escape(`${root}embed/${kind}/${query ? `?${query}` : ''}`)}" title="Descent: ${widgetKinds[kind].title}"` +
      ` height="760" style="width:100%;border:0" loading="lazy" sandbox="allow-scripts"></iframe>`,
    script: `<script type="module" src="${root}widgets/${version}/widgets.js"></script>\n<${tag}${attrs}></${tag}>`,
  };
}

/**
 * The "Embed" button and its dialog: both snippets, reproducing the widget's
 * current settings, each with a Copy button.
 */
export function embedButton(host: HTMLElement, root: ShadowRoot, current: () => Record<string, string>): HTMLButtonElement {
  const titleId = nextId('embed-title');
  const dialog = h('dialog', { 'aria-labelledby': titleId });
  const open = () => {
    const { iframe, script } = snippets(host.localName, current());
    const block = (label: string, text: string) => {
      const id = nextId('snippet');
      const rows = text.split('\n').reduce((n, line) => n + Math.ceil((line.length + 1) / 64), 0);
      const area = h('textarea', { id, rows, readonly: true, spellcheck: 'false' });
      area.value = text;
      const done = h('span', { 'aria-live': 'polite' });
      const copy = button('Copy', async () => {
        try {
          await navigator.clipboard.writeText(text);
          done.textContent = 'Copied.';
        } catch {
          area.select(); // no clipboard access (e.g. a sandboxed frame): leave it selected for Ctrl+C
          done.textContent = 'Selected: press Ctrl+C (⌘C) to copy.';
        }
      });
      copy.setAttribute('aria-describedby', id);
      return [h('h3', {}, h('label', { for: id }, label)), area, h('div', { class: 'snippet-actions' }, copy, done)];
    };
    dialog.replaceChildren(
      h('h2', { id: titleId }, 'Embed this widget'),
      h('p', {}, 'Both snippets reproduce the widget as it is set up now.'),
      ...block('In an iframe', iframe),
      ...block('With one script tag', script),
      h('p', {}, 'The embed page tells its parent the height it needs: see ', h('a', { href: `${siteRoot()}embedding/`, target: '_blank', rel: 'noopener' }, 'Embedding'), '.'),
      button('Close', () => dialog.close(), { class: 'dialog-close' }),
    );
    dialog.showModal();
  };
  root.append(dialog);
  return button('Embed', open, { 'aria-haspopup': 'dialog' });
}
