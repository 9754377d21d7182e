import { baseCss } from './style';
import { h } from './dom';
import { changedFrom, fromUrl, linkTo, syncUrl } from './permalink';
import { formatField, parseSettings, toAttributes, type Parsed, type Schema } from './schema';
import { copyButton, embedButton, shareCss, type Presets, type PytorchSetup } from './share';

/** What a widget's sharing controls offer beyond its settings. */
export interface ShareExtras {
  pytorch?: () => PytorchSetup;                     // a training widget's setup, for the PyTorch script
  withData?: (link: string) => Promise<string>;     // the copied link with what the settings do not hold
}

export interface Shell<S extends Schema> {
  root: ShadowRoot;                   // the widget's shadow root (dialogs live here)
  frame: HTMLElement;                 // the widget's visible box
  status: HTMLElement;                // role=status: "step N · loss X"
  settings: Parsed<S>['values'];      // the page's setup, overridden by the page URL's settings for this widget
  /**
   * Wires the sharing controls to the widget's current settings (a function
   * returning them as values of the schema): returns the "Copy link" (with its
   * confirmation) and "Embed" buttons, and `save` puts the state into the page URL.
   * `more.withData` adds what the settings do not hold to the copied link (the playground's code);
   * `more.pytorch` gives the Embed dialog a PyTorch script.
   */
  share(current: () => Partial<Parsed<S>['values']>, more?: ShareExtras): { buttons: HTMLElement[]; save: () => void };
}

/**
 * Opens the widget's shadow root and reads its settings: the element's
 * attributes, overridden by this widget's parameters in the page URL. Shows a
 * note for every value that could not be used as given, and applies the
 * instructor presets (`hide`, `lock`) to the controls the widget builds.
 */
export function openShell<S extends Schema>(host: HTMLElement, schema: S, css: string, label: string): Shell<S> {
  const root = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  const linked = fromUrl(host);
  const { values, notes } = parseSettings(schema, (name) => linked[name] ?? host.getAttribute(name));
  // Focusable from script only: a permalink's reader arrives here (see arrival.ts).
  const frame = h('div', { class: 'frame', role: 'group', 'aria-label': label, tabindex: -1 });
  if (notes.length) frame.append(h('div', { class: 'notes', role: 'note' }, ...notes.map((n) => h('p', {}, n))));
  const status = h('p', { role: 'status', 'aria-live': 'polite' }, 'Loading…');
  const hidden = (values as { hide?: string[] }).hide ?? [];
  const locked = new Set((values as { lock?: string[] }).lock ?? []);
  const presetCss = hidden.map((name) => `[data-setting="${name}"] { display: none !important; }`).join('\n');
  root.replaceChildren(h('style', {}, baseCss + shareCss + css + presetCss), frame);
  if (locked.size) lockControls(frame, locked);

  const page = toAttributes(schema, parseSettings(schema, (name) => host.getAttribute(name)).values);
  const defaults = Object.fromEntries(Object.entries(schema).map(([name, field]) => [name, formatField(field, field.default)]));
  // On paper a widget becomes a note with the link to its exact setup.
  const printNote = h('p', { class: 'print-note' }, `${label}: interactive, see ${location.href}`);
  frame.append(printNote);
  return {
    root,
    frame,
    status,
    settings: values,
    share(current, { pytorch, withData } = {}) {
      const own: Presets = { hide: hidden, lock: [...locked] };
      const attributes = (presets = own) => toAttributes(schema, { ...current(), ...presets } as Partial<Record<keyof S, unknown>>);
      const changes = (presets = own) => changedFrom(page, attributes(presets), defaults);
      const save = () => syncUrl(host, changes());
      // The settings the widget shows a control for, in the order it shows them.
      const settings = (): [string, string][] =>
        [...new Set([...frame.querySelectorAll<HTMLElement>('[data-setting]')].map((el) => el.dataset.setting!))]
          .filter((name) => name in schema && name !== 'hide' && name !== 'lock')
          .map((name) => [name, schema[name].label]);
      const copy = copyButton({
        label: 'Copy link',
        copied: 'Link copied',
        text: () => {
          save();
          const link = linkTo(host, changes());
          return withData ? withData(link) : link;
        },
        refused: () => `Not copied: the browser refused. ${window.top === window ? 'The link is in the address bar.' : 'Embed shows the link.'}`,
      });
      const embed = embedButton(host, root, { presets: own, settings, attributes, link: (presets) => linkTo(host, changes(presets)), pytorch });
      addEventListener('beforeprint', () => (printNote.textContent = `${label} (interactive): open ${linkTo(host, changes())} to use it with the settings shown here.`));
      return { buttons: [copy, embed], save };
    },
  };
}

/** Disables the controls of locked settings, now and whenever the widget rebuilds them. */
function lockControls(frame: HTMLElement, locked: Set<string>) {
  const apply = () => {
    for (const el of frame.querySelectorAll<HTMLElement>('[data-setting]')) {
      if (!locked.has(el.dataset.setting!)) continue;
      for (const input of el.querySelectorAll<HTMLInputElement | HTMLSelectElement>('input, select')) {
        input.disabled = true;
        input.title = 'Locked by the page';
      }
    }
  };
  new MutationObserver(apply).observe(frame, { childList: true, subtree: true });
  apply();
}
