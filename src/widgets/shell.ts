import { baseCss } from './style';
import { h } from './dom';
import { parseSettings, type Parsed, type Schema } from './schema';

export interface Shell<S extends Schema> {
  root: ShadowRoot;                   // the widget's shadow root (dialogs live here)
  frame: HTMLElement;                 // the widget's visible box
  status: HTMLElement;                // role=status: "step N · loss X"
  settings: Parsed<S>['values'];
}

/**
 * Opens the widget's shadow root, reads its settings from the element's
 * attributes, and shows a note for every value that could not be used as given.
 */
export function openShell<S extends Schema>(host: HTMLElement, schema: S, css: string, label: string): Shell<S> {
  const root = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  const { values, notes } = parseSettings(schema, (name) => host.getAttribute(name));
  const frame = h('div', { class: 'frame', role: 'group', 'aria-label': label });
  if (notes.length) frame.append(h('div', { class: 'notes', role: 'note' }, ...notes.map((n) => h('p', {}, n))));
  const status = h('p', { role: 'status', 'aria-live': 'polite' }, 'Loading…');
  const style = h('style', {}, baseCss + css);
  root.replaceChildren(style, frame);
  return { root, frame, status, settings: values };
}
