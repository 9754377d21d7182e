/**
 * Widget state in the page URL. Each widget owns the query parameters that
 * start with its key and a dot (`?adam-trainer.lr=0.01&adam-trainer.step=120`),
 * so several widgets on one page keep their own state side by side. The key is
 * the widget's id, set in the chapter; links made before widgets had ids name
 * them by position (`trainer3`), and those keep working.
 */
import { kindOfTag } from './tags';

/** Ids that can be keys: short, and only characters that survive a URL unescaped. */
const usableId = /^[\w-]{1,40}$/;

/**
 * The keys a widget answers to, the one it writes first: its id, where it has a
 * usable one, then its position key, kind and 1-based index among widgets of
 * that kind on the page, as links made before ids name it.
 */
export function keysOf(id: string, kind: string, index: number): string[] {
  const position = `${kind}${index}`;
  return usableId.test(id) && id !== position ? [id, position] : [position];
}

/** The parameters under the first of `keys` that `search` carries any under, unprefixed. */
export function paramsUnder(keys: string[], search: string): Record<string, string> {
  const params = [...new URLSearchParams(search)];
  for (const key of keys) {
    const prefix = `${key}.`;
    const found = params.filter(([name]) => name.startsWith(prefix));
    if (found.length) return Object.fromEntries(found.map(([name, value]) => [name.slice(prefix.length), value]));
  }
  return {};
}

/** `href` with the parameters under all of `keys` replaced by `settings` under the first (other parameters kept). */
export function withParams(keys: string[], settings: Record<string, string>, href: string): string {
  const url = new URL(href);
  for (const name of [...url.searchParams.keys()]) if (keys.some((key) => name.startsWith(`${key}.`))) url.searchParams.delete(name);
  for (const [name, value] of Object.entries(settings)) url.searchParams.set(`${keys[0]}.${name}`, value);
  return url.href;
}

/**
 * Which of a page's widgets (each given by its keys, its id first) a URL points
 * at: the one its fragment names, else the first whose parameters it carries;
 * -1 for none, or when the fragment names something else (a heading). The
 * fragment's part before a colon counts.
 */
export function linkedWidget(widgets: string[][], search: string, hash: string): number {
  // A widget may carry data after its id (the playground's code: `#id:code=…`).
  const fragment = hash.replace(/^#/, '').split(':')[0];
  if (fragment) return widgets.findIndex((keys) => keys[0] === fragment);
  return widgets.findIndex((keys) => Object.keys(paramsUnder(keys, search)).length > 0);
}

/** A widget element's keys in this page's URLs. */
export function widgetKeys(host: HTMLElement): string[] {
  const same = [...document.getElementsByTagName(host.localName)];
  return keysOf(host.id, kindOfTag(host.localName) ?? host.localName, same.indexOf(host) + 1);
}

/** The settings this widget's parameters in `search` carry, unprefixed. */
export const fromUrl = (host: HTMLElement, search: string = location.search) => paramsUnder(widgetKeys(host), search);

/** `href` with this widget's parameters replaced by `settings` (other widgets' and other parameters kept). */
export const urlWith = (host: HTMLElement, settings: Record<string, string>, href: string = location.href) => withParams(widgetKeys(host), settings, href);

/** The link to share: the page with this widget's `settings`, scrolled to the widget (its id as the fragment). */
export function linkTo(host: HTMLElement, settings: Record<string, string>): string {
  const url = new URL(urlWith(host, settings));
  if (widgetKeys(host)[0] === host.id) url.hash = host.id;
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
