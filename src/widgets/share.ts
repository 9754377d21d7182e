import { button, h, nextId } from './dom';
import { siteRoot, version } from './site';
import { kindOfTag, widgetKinds } from './kinds';
import type { ExportRun, ReaderCode } from '../export/pytorch';

/** What a training widget exports to PyTorch: its runs as trainer configs, the step to train to, and the playground's code. */
export interface PytorchSetup {
  runs: ExportRun[];
  steps: number;
  reader?: ReaderCode;
  /** Why this setup has no script (say, a race on a 2-D surface: no network, no data). */
  unavailable?: string;
}

/** The sharing controls' CSS, part of every widget shell's. */
export const shareCss = `
.copy { position: relative; display: inline-flex; }
.copy-note {
  position: absolute; top: calc(100% + 4px); left: 0; z-index: 1; width: max-content; max-width: 16em;
  padding: 2px 8px; border-radius: 4px; font-size: 12px; background: var(--_fg); color: var(--_bg); pointer-events: none;
}
.copy-note:empty { padding: 0; }
dialog h4 { font-size: 13px; margin: 8px 0 4px; }
dialog table { margin: 4px 0 8px; }
dialog th, dialog td { text-align: left; padding: 2px 16px 2px 0; font-size: 13px; }
dialog tbody th { font-weight: normal; }
dialog td input { margin: 0; width: 18px; height: 18px; accent-color: var(--_accent); }
`;

/** The instructor presets: settings whose controls are hidden, or shown but locked. */
export interface Presets {
  hide: string[];
  lock: string[];
}

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
 * A Copy button and its confirmation: copies `text()` and says `copied` beside
 * the button for 2 s, visibly and to screen readers; when the browser refuses
 * the clipboard, it says `refused()` (what to do instead) for longer.
 */
export function copyButton(o: { label: string; copied: string; text: () => string | Promise<string>; refused: () => string; describedBy?: string }): HTMLElement {
  const note = h('span', { class: 'copy-note', 'aria-live': 'polite' });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const say = (message: string, ms: number) => {
    clearTimeout(timer);
    note.textContent = message;
    timer = setTimeout(() => (note.textContent = ''), ms);
  };
  const copy = button(o.label, async () => {
    try {
      await navigator.clipboard.writeText(await o.text());
      say(o.copied, 2000);
    } catch {
      say(o.refused(), 8000);
    }
  }, { 'aria-describedby': o.describedBy });
  return h('span', { class: 'copy' }, copy, note);
}

/** What the Embed dialog shows a widget through. */
export interface EmbedSource {
  presets: Presets;                          // the widget's own hide and lock
  settings: () => [name: string, label: string][]; // the settings it shows controls for, in order
  attributes: (presets: Presets) => Record<string, string>; // its current settings, with these presets
  link: (presets: Presets) => string;        // the page's link to it, with these presets
  pytorch?: () => PytorchSetup;              // a training widget's setup, for the PyTorch script
}

/**
 * The "Embed" button and its dialog: both snippets, reproducing the widget's
 * current settings, and, for instructors, a hide and a lock checkbox per
 * control, which the snippets and a link to the page follow as they are ticked.
 */
export function embedButton(host: HTMLElement, root: ShadowRoot, source: EmbedSource): HTMLButtonElement {
  const titleId = nextId('embed-title');
  const dialog = h('dialog', { 'aria-labelledby': titleId });
  const open = () => {
    const settings = source.settings();
    const ticked = { hide: new Set(source.presets.hide), lock: new Set(source.presets.lock) };
    const presets = (): Presets => ({
      hide: settings.map(([name]) => name).filter((name) => ticked.hide.has(name)),
      lock: settings.map(([name]) => name).filter((name) => ticked.lock.has(name)),
    });
    const iframe = block('In an iframe', 'Copied');
    const script = block('With one script tag', 'Copied');
    const link = block('Link to this page', 'Link copied', 'h4');
    const fill = () => {
      const shown = snippets(host.localName, source.attributes(presets()));
      iframe.show(shown.iframe);
      script.show(shown.script);
      link.show(source.link(presets()));
    };
    const box = (preset: keyof Presets, name: string, label: string) => {
      const input = h('input', { type: 'checkbox', 'aria-label': `${preset === 'hide' ? 'Hide' : 'Lock'} ${label}` });
      input.checked = ticked[preset].has(name);
      input.addEventListener('change', () => {
        if (input.checked) ticked[preset].add(name);
        else ticked[preset].delete(name);
        fill();
      });
      return h('td', {}, input);
    };
    const instructorId = nextId('instructor');
    fill();
    const torch = source.pytorch ? pytorchSection(source.pytorch()) : [];
    dialog.replaceChildren(
      h('h2', { id: titleId }, 'Embed this widget'),
      h('p', {}, 'Both snippets reproduce the widget as it is set up now.'),
      ...iframe.els,
      ...script.els,
      h('section', { 'aria-labelledby': instructorId },
        h('h3', { id: instructorId }, 'For instructors: hide or lock controls'),
        h('p', {}, 'A hidden control is not shown; a locked one is shown but cannot be changed. Both snippets above and the link below follow your ticks.'),
        h('table', {},
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Control'), h('th', { scope: 'col' }, 'Hide'), h('th', { scope: 'col' }, 'Lock'))),
          h('tbody', {}, ...settings.map(([name, label]) => h('tr', {}, h('th', { scope: 'row' }, label), box('hide', name, label), box('lock', name, label)))),
        ),
        ...link.els,
      ),
      ...torch,
      h('p', {}, 'The embed page tells its parent the height it needs: see ', h('a', { href: `${siteRoot()}embedding/`, target: '_blank', rel: 'noopener' }, 'Embedding'), '.'),
      button('Close', () => dialog.close(), { class: 'dialog-close' }),
    );
    dialog.showModal();
  };
  // Emptied on closing, so that its checkboxes ("Hide dataset") do not stand beside the widget's own controls.
  dialog.addEventListener('close', () => dialog.replaceChildren());
  root.append(dialog);
  return button('Embed', open, { 'aria-haspopup': 'dialog' });
}

/**
 * "Run it in PyTorch": the setup as one script (src/export/pytorch.ts, loaded
 * when the dialog opens), with Copy and Download, or why it cannot be exported.
 */
function pytorchSection(setup: PytorchSetup): HTMLElement[] {
  const id = nextId('pytorch');
  const script = block('The script', 'Script copied', 'h4', 16);
  const note = h('p', { 'aria-live': 'polite' }, 'Writing the script…');
  let text = '';
  const download = button('Download .py', () => {
    const a = h('a', { href: URL.createObjectURL(new Blob([text], { type: 'text/x-python' })), download: 'descent.py' });
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  });
  const body = h('div', { hidden: true }, ...script.els, download);
  // The playground's own optimizer is translated when it can be; else this says what stopped it, and the script has the built-ins.
  const left = h('p', { hidden: true });
  const section = h('section', { 'aria-labelledby': id }, h('h3', { id }, 'Run it in PyTorch'), left, note, body);
  if (setup.unavailable) {
    note.textContent = `Not exported: ${setup.unavailable}`;
    return [section];
  }
  void import('../export/pytorch').then(async ({ notExportable, pytorchScript, translatableRuns }) => {
    const { runs, note: leftOut } = translatableRuns(setup.runs, setup.reader);
    left.textContent = leftOut ?? '';
    left.hidden = !leftOut;
    const reason = runs.length ? notExportable(runs, setup.reader) : leftOut && 'no run left to export.';
    if (reason) {
      note.textContent = `Not exported: ${reason}`;
      return;
    }
    text = await pytorchScript(runs, setup.steps, setup.reader);
    script.show(text);
    body.hidden = false;
    note.textContent =
      `One Python file for torch ≥ 1.13 and numpy: the same data, split, initial weights and batches, trained for ${setup.steps.toLocaleString('en')} steps ` +
      '(the step the widget stands at, or 1,000 before it has run). It prints the initial and final training loss of every run, which ' +
      'agree with the widget\'s to about six digits but not bit for bit: PyTorch adds numbers up in another order than TensorFlow.js.';
  }).catch((e: Error) => (note.textContent = `Not exported: ${e.message}`));
  return [section];
}

/** A labelled read-only text box with a Copy button; `show` replaces its text. */
function block(label: string, copied: string, heading: 'h3' | 'h4' = 'h3', maxRows = Infinity) {
  const id = nextId('snippet');
  const area = h('textarea', { id, readonly: true, spellcheck: 'false' });
  const copy = copyButton({
    label: 'Copy',
    copied,
    text: () => area.value,
    refused: () => {
      area.select(); // no clipboard access (e.g. a sandboxed frame): leave it selected for Ctrl+C
      return 'Selected: press Ctrl+C (⌘C) to copy.';
    },
    describedBy: id,
  });
  return {
    els: [h(heading, {}, h('label', { for: id }, label)), area, h('div', { class: 'snippet-actions' }, copy)],
    show(text: string) {
      area.value = text;
      area.rows = Math.min(maxRows, text.split('\n').reduce((n, line) => n + Math.ceil((line.length + 1) / 64), 0));
    },
  };
}
