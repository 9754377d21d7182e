/**
 * How the service worker answers a request and what it keeps. Pages come from
 * the network while there is one, so online readers always get the current
 * text, and from the cache when there is not. Files in /_astro/ carry a content
 * hash in their names and never change, so the cached copy is always right.
 */
export type Strategy = 'network-first' | 'cache-first' | 'network';

export interface RequestLike {
  method: string;
  url: string;
  mode: string;
}

/** Astro names what it bundles into /_astro/ by a hash of the content: such a file never changes. */
export function hashedName(url: string): boolean {
  return /\/_astro\/[^/]+$/.test(new URL(url, 'http://x').pathname);
}

/**
 * Where a file is stored: "/adam", "/adam/index.html" and "/adam/?trainer=…"
 * are the page stored as "/adam/". Query strings (a widget's permalink
 * settings, Pagefind's cache busting) are the page's business, not the
 * cache's, so they are dropped.
 */
export function pageKey(pathname: string): string {
  if (pathname.endsWith('/index.html')) return pathname.slice(0, -'index.html'.length);
  const last = pathname.slice(pathname.lastIndexOf('/') + 1);
  return last === '' || last.includes('.') ? pathname : `${pathname}/`;
}

/** The stored form of a request's URL (see pageKey), or undefined for another origin. */
export function keyOf(url: string, origin: string): string | undefined {
  const parsed = new URL(url);
  return parsed.origin === origin ? pageKey(parsed.pathname) : undefined;
}

/** Only files of this deploy are answered from (and kept in) the cache; the rest goes to the network untouched. */
export function strategyFor(request: RequestLike, origin: string, known: ReadonlySet<string>): Strategy {
  if (request.method !== 'GET') return 'network';
  const key = keyOf(request.url, origin);
  if (key === undefined) return 'network';
  if (request.mode === 'navigate') return 'network-first';
  if (!known.has(key)) return 'network';
  return hashedName(key) ? 'cache-first' : 'network-first';
}

/**
 * On an update, what the new version keeps of what the old one stored: the
 * files it still has. A hashed name, or a file whose digest is unchanged, is
 * copied from the old cache; a changed one is downloaded again.
 */
export function carryOver(
  stored: readonly string[],
  oldHashes: ReadonlyMap<string, string>,
  newHashes: ReadonlyMap<string, string>,
): { copy: string[]; fetch: string[] } {
  const copy: string[] = [];
  const fetch: string[] = [];
  for (const url of stored) {
    const hash = newHashes.get(url);
    if (hash === undefined) continue;
    (hashedName(url) || oldHashes.get(url) === hash ? copy : fetch).push(url);
  }
  return { copy, fetch };
}
