import { createHash } from 'node:crypto';

/**
 * What the service worker stores on install, decided from the built files: every
 * page and everything a page can load, so that after one visit the whole site
 * reads offline, widgets included (their lazily imported chunks are in /_astro/).
 */
export interface BuiltFile {
  /** path inside the build folder, with forward slashes, e.g. "adam/index.html" */
  path: string;
  bytes: number;
  /** a digest of the file's content */
  hash: string;
}

/**
 * Stored: every page, the bundled assets in /_astro/ (styles, fonts, scripts and
 * the chunks widgets import lazily) and the files of public/. Left out by that
 * rule: the search index (about 1 MB, already compressed, that would nearly
 * double what a first visit downloads for a feature many readers never use;
 * offline, search finds nothing), the versioned copy of the widgets for other
 * sites (the pages use their own chunks in /_astro/), sitemaps and the worker
 * itself. Also left out: the KaTeX fonts in formats older than woff2, which
 * every browser with service workers prefers and so never fetches.
 */
export function precacheable(path: string, publicFiles: ReadonlySet<string>): boolean {
  if (publicFiles.has(path)) return true;
  if (path.startsWith('_astro/')) return !/\/KaTeX_[^/]*\.(woff|ttf)$/.test(path);
  return path.endsWith('.html');
}

/** The URL a file is requested at: a page's folder ("adam/index.html" → "/adam/"), anything else its path. */
export function urlOf(path: string, base = '/'): string {
  const prefix = base.endsWith('/') ? base : `${base}/`;
  return prefix + path.replace(/(^|\/)index\.html$/, '$1');
}

/**
 * A cache name that changes whenever any precached file does, so that every
 * deploy that changes the site yields a different sw.js, which browsers install
 * as an update.
 */
export function cacheName(files: readonly BuiltFile[]): string {
  const digest = createHash('sha256');
  for (const f of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) digest.update(`${f.path}\0${f.hash}\n`);
  return `descent-${digest.digest('hex').slice(0, 16)}`;
}

export interface Precache {
  cache: string;
  urls: string[];
  bytes: number;
}

export function precache(files: readonly BuiltFile[], publicFiles: ReadonlySet<string>, base = '/'): Precache {
  const kept = files.filter((f) => precacheable(f.path, publicFiles));
  return {
    cache: cacheName(kept),
    urls: kept.map((f) => urlOf(f.path, base)).sort(),
    bytes: kept.reduce((sum, f) => sum + f.bytes, 0),
  };
}
