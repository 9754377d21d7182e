import { createHash } from 'node:crypto';
import { parse, type DefaultTreeAdapterTypes as T } from 'parse5';
import type { OfflineFile, OfflineManifest } from './offline-status';

/**
 * What the service worker may store, decided from the built files. A first
 * visit stores only the shell (the styles and scripts every page loads) and the
 * pages the reader opens; the rest waits for the reader to ask for the full
 * copy ("Save the guide for offline"), whose list and size are decided here.
 */
export interface BuiltFile {
  /** path inside the build folder, with forward slashes, e.g. "adam/index.html" */
  path: string;
  /** what the file costs to download: its gzipped size where a host compresses it */
  bytes: number;
  /** a digest of the file's content */
  hash: string;
}

/**
 * In the full copy: every page, the bundled assets in /_astro/ (styles, fonts,
 * scripts and the chunks widgets import lazily), the files of public/ and the
 * search index with the interface Starlight uses. Left out: Pagefind's other
 * two interfaces and its highlighter, which no page loads, the versioned copy
 * of the widgets for other sites (the pages use their own chunks in /_astro/),
 * sitemaps and the worker itself; also the KaTeX fonts in formats older than
 * woff2, which every browser with service workers prefers and so never fetches.
 */
export function inFullCopy(path: string, publicFiles: ReadonlySet<string>): boolean {
  if (publicFiles.has(path)) return true;
  if (path.startsWith('_astro/')) return !/\/KaTeX_[^/]*\.(woff|ttf)$/.test(path);
  if (path.startsWith('pagefind/')) return !/^pagefind\/pagefind-(component-ui|modular-ui|highlight)\./.test(path);
  return path.endsWith('.html');
}

/** The URL a file is requested at: a page's folder ("adam/index.html" → "/adam/"), anything else its path. */
export function urlOf(path: string, base = '/'): string {
  const prefix = base.endsWith('/') ? base : `${base}/`;
  return prefix + path.replace(/(^|\/)index\.html$/, '$1');
}

const isElement = (n: T.ChildNode): n is T.Element => 'tagName' in n;
function* elements(node: T.ParentNode): Generator<T.Element> {
  for (const child of node.childNodes) {
    if (!isElement(child)) continue;
    yield child;
    yield* elements(child);
  }
}
const attr = (el: T.Element, name: string) => el.attrs.find((a) => a.name === name)?.value;

/** The files a page loads as it opens: stylesheets, icons, preloads and scripts with a src, as written in it. */
export function loadedBy(html: string): string[] {
  const found = new Set<string>();
  for (const el of elements(parse(html))) {
    const url = el.tagName === 'script' ? attr(el, 'src') : el.tagName === 'link' ? attr(el, 'href') : undefined;
    const rel = attr(el, 'rel')?.split(/\s+/) ?? [];
    if (url && (el.tagName === 'script' || rel.some((r) => ['stylesheet', 'icon', 'modulepreload', 'preload'].includes(r)))) found.add(url);
  }
  return [...found];
}

/**
 * The shell: what every page of the guide loads (embed pages, made for other
 * sites' frames, aside), so that the page a reader opens next, offline, has
 * its styles and scripts even when the worker arrived after the first page had
 * already loaded them.
 */
export function shellOf(pages: ReadonlyMap<string, string>, known: ReadonlySet<string>): string[] {
  const guide = [...pages].filter(([url]) => !/\/embed\//.test(url)).map(([, html]) => new Set(loadedBy(html)));
  if (guide.length === 0) return [];
  return [...guide[0]].filter((url) => known.has(url) && guide.every((loads) => loads.has(url))).sort();
}

/**
 * A cache name that changes whenever any file of the full copy does, so that
 * every deploy that changes the site yields a different sw.js, which browsers
 * install as an update.
 */
export function cacheName(files: readonly BuiltFile[]): string {
  const digest = createHash('sha256');
  for (const f of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) digest.update(`${f.path}\0${f.hash}\n`);
  return `descent-${digest.digest('hex').slice(0, 16)}`;
}

/** How many hex digits of a file's digest the worker gets: enough to tell two versions of one file apart. */
export const shortHash = (hash: string) => hash.slice(0, 16);

/**
 * The worker's manifest: its version, the shell and every file of the full
 * copy with its download size and digest. Pages are listed with their HTML so
 * the shell can be read from them.
 */
export function manifest(files: readonly BuiltFile[], publicFiles: ReadonlySet<string>, pages: ReadonlyMap<string, string>, base = '/'): OfflineManifest {
  const kept = files.filter((f) => inFullCopy(f.path, publicFiles));
  const listed: OfflineFile[] = kept
    .map((f) => ({ url: urlOf(f.path, base), bytes: f.bytes, hash: shortHash(f.hash) }))
    .sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
  const byUrl = new Map([...pages].map(([path, html]) => [urlOf(path, base), html]));
  return {
    version: cacheName(kept),
    shell: shellOf(byUrl, new Set(listed.map((f) => f.url))),
    files: listed,
  };
}
