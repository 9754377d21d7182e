import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dist, htmlFiles } from '../../scripts/built-site.mjs';

// Every internal link and asset reference in the built site resolves: to a file,
// and for a #fragment to an element with that id on the target page.
const pages = htmlFiles();
const site = 'http://site.invalid/';

function fileFor(pathname: string): string | undefined {
  const path = join(dist, decodeURIComponent(pathname));
  if (existsSync(path) && statSync(path).isFile()) return path;
  if (existsSync(join(path, 'index.html'))) return join(path, 'index.html');
  return undefined;
}

const ids = new Map<string, Set<string>>();
function idsOf(file: string): Set<string> {
  if (!ids.has(file)) ids.set(file, new Set([...readFileSync(file, 'utf8').matchAll(/\sid="([^"]+)"/g)].map((m) => m[1])));
  return ids.get(file)!;
}

describe.each(pages)('%s', (page) => {
  it('links only to pages, files and fragments that exist', () => {
    const html = readFileSync(join(dist, page), 'utf8');
    const base = new URL(page.replace(/index\.html$/, ''), site);
    const broken: string[] = [];
    for (const [, attr, raw] of html.matchAll(/\s(href|src)="([^"]*)"/g)) {
      const value = raw.replace(/&amp;/g, '&').replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)));
      if (/^(https?:|mailto:|data:|blob:|javascript:)/.test(value) && !value.startsWith(site)) continue;
      const url = new URL(value, base);
      if (url.origin !== new URL(site).origin) continue;
      const file = fileFor(url.pathname);
      if (!file) broken.push(`${attr}=${value}`);
      else if (url.hash && file.endsWith('.html') && !idsOf(file).has(decodeURIComponent(url.hash.slice(1)))) broken.push(`${attr}=${value} (no such id)`);
    }
    expect(broken).toEqual([]);
  });
});
