/**
 * Widget state in the page URL. Each widget owns the query parameters that
 * start with its key and a dot (`?trainer1.lr=0.01&trainer1.step=120`), so
 * several widgets on one page keep their own state side by side.
 */
import { kindOfTag } from './kinds';

/** A widget's key in page URLs: its id attribute, or its kind and its position among widgets of that kind. */
export function widgetKey(host: HTMLElement): string {
  if (/^[\w-]{1,40}$/.test(host.id)) return host.id;
  const same = [...document.getElementsByTagName(host.localName)];
  return `${kindOfTag(host.localName) ?? host.localName}${same.indexOf(host) + 1}`;
}

/** The settings this widget's key carries in `search`, unprefixed. */
export function fromUrl(host: HTMLElement, search: string = location.search): Record<string, string> {
  const prefix = `${widgetKey(host)}.`;
  const out: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(search)) if (name.startsWith(prefix)) out[name.slice(prefix.length)] = value;
  return out;
}

/** `href` with this widget's parameters replaced by `settings` (other widgets' and other parameters kept). */
export function urlWith(host: HTMLElement, settings: Record<string, string>, href: string = location.href): string {
  const url = new URL(href);
  const prefix = `${widgetKey(host)}.`;
  for (const name of [...url.searchParams.keys()]) if (name.startsWith(prefix)) url.searchParams.delete(name);
  for (const [name, value] of Object.entries(settings)) url.searchParams.set(prefix + name, value);
  return url.href;
}

/** Puts the widget's state into the address bar, where the browser allows it (not in every sandboxed frame). */
export function syncUrl(host: HTMLElement, settings: Record<string, string>): void {
  try {
    const next = urlWith(host, settings);
    if (next !== location.href) history.replaceState(history.state, '', next);
  } catch {
    // A sandboxed or opaque-origin document may refuse; the Copy link button still works.
  }
}

/**
 * The settings that differ from the page's own setup `base` (what the element's
 * attributes say): changed values, and names reset to their default, written
 * out explicitly so the link overrides the page.
 */
export function changedFrom(base: Record<string, string>, current: Record<string, string>, defaults: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of new Set([...Object.keys(base), ...Object.keys(current)])) {
    if (current[name] !== base[name]) out[name] = current[name] ?? defaults[name];
  }
  return out;
}
