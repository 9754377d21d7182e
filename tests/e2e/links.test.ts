import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtBase, builtRoot, dist, htmlFiles } from '../../scripts/built-site.mjs';

// Every internal link and asset reference in the built site resolves: to a file,
// and for a #fragment to an element with that id on the target page. The build
// may be made for a base path (`npm test` builds for /descent/): then a link
// must carry it, and one that does not (a chapter's "/adam/") is broken, as it
// would be on the host. Absolute links to the site's own address (canonical
// links, the sitemap) are checked the same way.
const pages = htmlFiles();
const base = builtBase();
const origin = new URL(builtRoot() ?? 'http://site.invalid/').origin;
const root = new URL(base, origin);

function fileFor(pathname: string): string | undefined {
  if (!`${pathname}/`.startsWith(base)) return undefined;
  const path = join(dist, decodeURIComponent(pathname.slice(base.length - 1)));
  if (existsSync(path) && statSync(path).isFile()) return path;
  if (existsSync(join(path, 'index.html'))) return join(path, 'index.html');
  return undefined;
}

const ids = new Map<string, Set<string>>();
function idsOf(file: string): Set<string> {
  if (!ids.has(file)) ids.set(file, new Set([...readFileSync(file, 'utf8').matchAll(/\sid="([^"]+)"/g)].map((m) => m[1])));
  return ids.get(file)!;
}

/** The references among these that do not resolve, each as `label`. */
function broken(refs: Iterable<{ label: string; value: string }>, from: URL): string[] {
  const found: string[] = [];
  for (const { label, value } of refs) {
    if (/^(mailto:|data:|blob:|javascript:)/.test(value)) continue;
    const url = new URL(value, from);
    if (url.origin !== origin) continue;
    const file = fileFor(url.pathname);
    if (!file) found.push(label);
    else if (url.hash && file.endsWith('.html') && !idsOf(file).has(decodeURIComponent(url.hash.slice(1)))) found.push(`${label} (no such id)`);
  }
  return found;
}

describe.each(pages)('%s', (page) => {
  it('links only to pages, files and fragments that exist', () => {
    const html = readFileSync(join(dist, page), 'utf8');
    const refs = [...html.matchAll(/\s(href|src)="([^"]*)"/g)].map(([, attr, raw]) => {
      const value = raw.replace(/&amp;/g, '&').replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)));
      return { label: `${attr}=${value}`, value };
    });
    // Starlight gives the 404 page a canonical address of /404/, which only that page itself names.
    const own = page === '404.html' ? new URL('404/', root).href : undefined;
    expect(broken(refs.filter((r) => r.value !== own), new URL(page.replace(/index\.html$/, ''), root))).toEqual([]);
  });
});

describe('stylesheets and sitemap', () => {
  it('every url() in the built CSS names a file that exists', () => {
    const sheets = readdirSync(join(dist, '_astro')).filter((f) => f.endsWith('.css'));
    expect(sheets.length).toBeGreaterThan(0);
    const refs = sheets.flatMap((sheet) =>
      [...readFileSync(join(dist, '_astro', sheet), 'utf8').matchAll(/url\((["']?)([^)"']+)\1\)/g)].map(([, , value]) => ({ label: `${sheet}: ${value}`, value })),
    );
    expect(broken(refs, new URL('_astro/', root))).toEqual([]);
  });

  it('the sitemap lists every page, each at an address that exists', () => {
    const sitemaps = readdirSync(dist).filter((f) => /^sitemap-\d+\.xml$/.test(f));
    const locs = sitemaps.flatMap((f) => [...readFileSync(join(dist, f), 'utf8').matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]));
    expect(locs.length).toBeGreaterThan(20);
    expect(locs.every((loc) => loc.startsWith(root.href))).toBe(true);
    expect(broken(locs.map((value) => ({ label: value, value })), root)).toEqual([]);
  });
});
