import { expect, it } from 'vitest';
import { cacheName, inFullCopy, loadedBy, manifest, shellOf, urlOf, type BuiltFile } from '../../src/site/precache';

const file = (path: string, hash = 'h', bytes = 10): BuiltFile => ({ path, bytes, hash });
const publicFiles = new Set(['favicon.svg']);

it('puts pages, bundled assets, public files and the search index in the full copy, and leaves out what no page loads', () => {
  const kept = [
    'index.html', 'adam/index.html', '404.html', 'embed/trainer/index.html', '_astro/tf.9FemAD6K.js', '_astro/index.abc123.css',
    '_astro/KaTeX_Main-Regular.abc123.woff2', 'favicon.svg', 'pagefind/pagefind.js', 'pagefind/pagefind-ui.js', 'pagefind/pagefind-ui.css',
    'pagefind/pagefind-worker.js', 'pagefind/pagefind-entry.json', 'pagefind/wasm.en.pagefind', 'pagefind/fragment/en_1.pf_fragment', 'pagefind/index/en_2.pf_index',
  ];
  for (const path of kept) expect(inFullCopy(path, publicFiles), path).toBe(true);
  const left = [
    'pagefind/pagefind-component-ui.js', 'pagefind/pagefind-modular-ui.css', 'pagefind/pagefind-highlight.js', 'widgets/0.1.0/widgets.js', 'widgets.js', 'sw.js',
    'sitemap-0.xml', '_astro/KaTeX_Main-Regular.Dr94JaBh.woff', '_astro/KaTeX_Main-Regular.ypZvNtVU.ttf', 'content-modules.mjs',
  ];
  for (const path of left) expect(inFullCopy(path, publicFiles), path).toBe(false);
});

it('requests a page at its folder and anything else at its path, under the base', () => {
  expect(urlOf('index.html')).toBe('/');
  expect(urlOf('adam/index.html')).toBe('/adam/');
  expect(urlOf('embed/trainer/index.html')).toBe('/embed/trainer/');
  expect(urlOf('404.html')).toBe('/404.html');
  expect(urlOf('_astro/tf.js')).toBe('/_astro/tf.js');
  expect(urlOf('adam/index.html', '/descent')).toBe('/descent/adam/');
  expect(urlOf('index.html', '/descent/')).toBe('/descent/');
});

const page = (...loads: string[]) =>
  `<!doctype html><html><head><link rel="shortcut icon" href="/favicon.svg"><link rel="stylesheet" href="/_astro/index.css">${loads.join('')}` +
  `<link rel="alternate" href="/feed.xml"><link rel="sitemap" href="/sitemap-index.xml"></head><body><a href="/adam/">Adam</a><img src="/x.png">` +
  `<script type="module" src="/_astro/page.js"></script><script>inline()</script><template><script src="/_astro/later.js"></script></template></body></html>`;

it('reads what a page loads as it opens: stylesheets, icons, preloads and scripts, not links, images or alternates', () => {
  expect(loadedBy(page('<link rel="modulepreload" href="/_astro/chunk.js">')).sort()).toEqual(['/_astro/chunk.js', '/_astro/index.css', '/_astro/page.js', '/favicon.svg']);
});

it('makes the shell of what every page of the guide loads, embed pages aside, among the files it knows', () => {
  const known = new Set(['/favicon.svg', '/_astro/index.css', '/_astro/page.js', '/_astro/trainer.js', '/_astro/embed.js']);
  const pages = new Map([
    ['/', page()],
    ['/adam/', page('<script type="module" src="/_astro/trainer.js"></script>')],
    ['/embed/trainer/', '<html><head><script type="module" src="/_astro/embed.js"></script></head></html>'],
  ]);
  expect(shellOf(pages, known)).toEqual(['/_astro/index.css', '/_astro/page.js', '/favicon.svg']);
  expect(shellOf(pages, new Set(['/_astro/page.js']))).toEqual(['/_astro/page.js']);
  expect(shellOf(new Map(), known)).toEqual([]);
});

it('names the cache after the content: any changed, added or removed file changes it; the order of listing does not', () => {
  const site = [file('index.html', 'a'), file('_astro/x.js', 'b')];
  const name = cacheName(site);
  expect(name).toMatch(/^descent-[0-9a-f]{16}$/);
  expect(cacheName([...site].reverse())).toBe(name);
  expect(cacheName([file('index.html', 'a'), file('_astro/x.js', 'c')])).not.toBe(name);
  expect(cacheName([...site, file('adam/index.html', 'd')])).not.toBe(name);
  expect(cacheName(site.slice(1))).not.toBe(name);
  // A file renamed with the same content is a different site.
  expect(cacheName([file('index.html', 'a'), file('_astro/x.js', 'b')].map((f, i) => (i ? { ...f, path: '_astro/y.js' } : f)))).not.toBe(name);
});

it('lists the full copy sorted, with sizes and short digests, and a shell from the pages; what it leaves out does not change the version', () => {
  const site = [
    file('adam/index.html', 'a'.repeat(64), 100), file('index.html', 'b'.repeat(64), 50), file('_astro/index.css', 'c'.repeat(64), 1000),
    file('pagefind/pagefind-modular-ui.js', 'd'.repeat(64), 5000), file('favicon.svg', 'e'.repeat(64), 1), file('pagefind/index/en_1.pf_index', 'f'.repeat(64), 70),
  ];
  const pages = new Map([['index.html', page()], ['adam/index.html', page()]]);
  const result = manifest(site, publicFiles, pages);
  expect(result.files.map((f) => f.url)).toEqual(['/', '/_astro/index.css', '/adam/', '/favicon.svg', '/pagefind/index/en_1.pf_index']);
  expect(result.files.reduce((sum, f) => sum + f.bytes, 0)).toBe(1221);
  expect(result.files[0]).toEqual({ url: '/', bytes: 50, hash: 'b'.repeat(16) });
  expect(result.shell).toEqual(['/_astro/index.css', '/favicon.svg']);
  expect(manifest(site.map((f) => (f.path.includes('modular') ? { ...f, hash: 'changed' } : f)), publicFiles, pages).version).toBe(result.version);
  expect(manifest(site.map((f) => (f.path === 'index.html' ? { ...f, hash: 'changed' } : f)), publicFiles, pages).version).not.toBe(result.version);
  const under = manifest(site, publicFiles, new Map([['index.html', page().replaceAll('"/', '"/descent/')]]), '/descent/');
  expect(under.files[0].url).toBe('/descent/');
  expect(under.shell).toEqual(['/descent/_astro/index.css', '/descent/favicon.svg']);
});
