/**
 * How the service worker answers a request. Pages come from the network while
 * there is one, so online readers always get the current text, and from the
 * cache when there is not. Files in /_astro/ carry a content hash in their
 * names and never change, so the cached copy is always right.
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

export function strategyFor(request: RequestLike, origin: string, precached: ReadonlySet<string>): Strategy {
  if (request.method !== 'GET') return 'network';
  const url = new URL(request.url);
  if (url.origin !== origin) return 'network';
  if (request.mode === 'navigate') return 'network-first';
  if (!precached.has(url.pathname)) return 'network';
  return hashedName(url.pathname) ? 'cache-first' : 'network-first';
}

/**
 * The cached page for a path: "/adam" and "/adam/index.html" are the page
 * stored as "/adam/". Query strings (a widget's permalink settings) are the
 * page's business, not the cache's, so they are dropped.
 */
export function pageKey(pathname: string): string {
  if (pathname.endsWith('/index.html')) return pathname.slice(0, -'index.html'.length);
  const last = pathname.slice(pathname.lastIndexOf('/') + 1);
  return last === '' || last.includes('.') ? pathname : `${pathname}/`;
}
