import { expect, it } from 'vitest';
import { cacheName, precache, precacheable, urlOf, type BuiltFile } from '../../src/site/precache';

const file = (path: string, hash = 'h', bytes = 10): BuiltFile => ({ path, bytes, hash });
const publicFiles = new Set(['favicon.svg']);

it('stores pages, bundled assets and public files, and leaves out the search index, the widgets copy, sitemaps and old font formats', () => {
  for (const kept of ['index.html', 'adam/index.html', '404.html', 'embed/trainer/index.html', '_astro/tf.9FemAD6K.js', '_astro/index.abc123.css', '_astro/KaTeX_Main-Regular.abc123.woff2', 'favicon.svg'])
    expect(precacheable(kept, publicFiles), kept).toBe(true);
  for (const left of ['pagefind/pagefind.js', 'pagefind/fragment/en_1.pf_fragment', 'widgets/0.1.0/widgets.js', 'widgets.js', 'sw.js', 'sitemap-0.xml', '_astro/KaTeX_Main-Regular.Dr94JaBh.woff', '_astro/KaTeX_Main-Regular.ypZvNtVU.ttf', 'content-modules.mjs'])
    expect(precacheable(left, publicFiles), left).toBe(false);
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

it('names the cache after the content: any changed, added or removed file changes it; the order of listing does not', () => {
  const site = [file('index.html', 'a'), file('_astro/x.js', 'b')];
  const name = cacheName(site);
  expect(name).toMatch(/^descent-[0-9a-f]{16}$/);
  expect(cacheName([...site].reverse())).toBe(name);
  expect(cacheName([file('index.html', 'a'), file('_astro/x.js', 'c')])).not.toBe(name);
  expect(cacheName([...site, file('adam/index.html', 'd')])).not.toBe(name);
  expect(cacheName(site.slice(1))).not.toBe(name);
  // A file renamed with the same content is a different site.
  expect(cacheName([file('index.html', 'a'), file('_astro/y.js', 'b')])).not.toBe(name);
});

it('lists what it stores, sorted, with their total size; what it leaves out does not change the cache name', () => {
  const site = [file('adam/index.html', 'a', 100), file('index.html', 'b', 50), file('_astro/tf.js', 'c', 1000), file('pagefind/x.pf_index', 'd', 5000), file('favicon.svg', 'e', 1)];
  const result = precache(site, publicFiles);
  expect(result.urls).toEqual(['/', '/_astro/tf.js', '/adam/', '/favicon.svg']);
  expect(result.bytes).toBe(1151);
  expect(precache([...site.slice(0, 3), file('pagefind/x.pf_index', 'changed', 5000), site[4]], publicFiles).cache).toBe(result.cache);
  expect(precache(site, publicFiles, '/descent/').urls[0]).toBe('/descent/');
});
