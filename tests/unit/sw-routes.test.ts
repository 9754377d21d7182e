import { expect, it } from 'vitest';
import { carryOver, hashedName, keyOf, pageKey, strategyFor } from '../../src/site/sw-routes';

const origin = 'https://descent.example.org';
const known = new Set(['/', '/adam/', '/_astro/tf.9FemAD6K.js', '/favicon.svg', '/pagefind/pagefind-entry.json']);
const get = (path: string, mode = 'cors') => ({ method: 'GET', url: origin + path, mode });

it('fetches pages from the network first, so online readers get the current text', () => {
  expect(strategyFor(get('/adam/', 'navigate'), origin, known)).toBe('network-first');
  expect(strategyFor(get('/adam/?trainer=lr%3D0.1', 'navigate'), origin, known)).toBe('network-first');
  // A page the worker does not know still gets the network, and a note when it fails.
  expect(strategyFor(get('/new-chapter/', 'navigate'), origin, known)).toBe('network-first');
});

it('serves known assets from the cache when their names change with their content, and others from the network first', () => {
  expect(strategyFor(get('/_astro/tf.9FemAD6K.js'), origin, known)).toBe('cache-first');
  expect(strategyFor(get('/_astro/tf.9FemAD6K.js', 'no-cors'), origin, known)).toBe('cache-first');
  expect(strategyFor(get('/favicon.svg', 'no-cors'), origin, known)).toBe('network-first');
  // Pagefind asks for its entry file with a cache-busting query.
  expect(strategyFor(get('/pagefind/pagefind-entry.json?ts=1700000000000'), origin, known)).toBe('network-first');
});

it("knows Astro's hashed bundle files by their folder", () => {
  expect(hashedName('/_astro/tf.9FemAD6K.js')).toBe(true);
  expect(hashedName('https://descent.example.org/descent/_astro/KaTeX_Main-Regular.B22Nviop.woff2')).toBe(true);
  expect(hashedName('/favicon.svg')).toBe(false);
  expect(hashedName('/adam/')).toBe(false);
  expect(hashedName('/_astro/')).toBe(false);
});

it('leaves alone what this deploy does not have, other origins and anything but GET', () => {
  expect(strategyFor(get('/_astro/other.Xyz12345.js'), origin, known)).toBe('network');
  expect(strategyFor(get('/pagefind/pagefind-modular-ui.js'), origin, known)).toBe('network');
  expect(strategyFor({ method: 'GET', url: 'https://cdn.example.com/_astro/tf.9FemAD6K.js', mode: 'cors' }, origin, known)).toBe('network');
  expect(strategyFor({ method: 'GET', url: 'https://cdn.example.com/adam/', mode: 'navigate' }, origin, known)).toBe('network');
  expect(strategyFor({ method: 'POST', url: origin + '/_astro/tf.9FemAD6K.js', mode: 'cors' }, origin, known)).toBe('network');
});

it('stores a page by its folder whatever form the path takes, and drops query strings', () => {
  expect(pageKey('/')).toBe('/');
  expect(pageKey('/adam/')).toBe('/adam/');
  expect(pageKey('/adam')).toBe('/adam/');
  expect(pageKey('/adam/index.html')).toBe('/adam/');
  expect(pageKey('/index.html')).toBe('/');
  expect(pageKey('/embed/trainer')).toBe('/embed/trainer/');
  expect(pageKey('/404.html')).toBe('/404.html');
  expect(keyOf(`${origin}/adam?race=steps%3D400#update`, origin)).toBe('/adam/');
  expect(keyOf(`${origin}/descent/pagefind/pagefind-entry.json?ts=1`, origin)).toBe('/descent/pagefind/pagefind-entry.json');
  expect(keyOf('https://cdn.example.com/adam/', origin)).toBeUndefined();
});

it('carries over to a new version what the old one stored: copies hashed and unchanged files, downloads changed ones, drops removed ones', () => {
  const oldHashes = new Map([['/', 'a1'], ['/adam/', 'b1'], ['/gone/', 'c1'], ['/_astro/tf.9FemAD6K.js', 'd1']]);
  const newHashes = new Map([['/', 'a1'], ['/adam/', 'b2'], ['/_astro/tf.9FemAD6K.js', 'd1'], ['/_astro/new.Abc.js', 'e1'], ['/lion/', 'f1']]);
  expect(carryOver(['/', '/adam/', '/gone/', '/_astro/tf.9FemAD6K.js'], oldHashes, newHashes)).toEqual({ copy: ['/', '/_astro/tf.9FemAD6K.js'], fetch: ['/adam/'] });
  // A complete copy asks for every new file: what the old version never had is downloaded (a hashed one is looked for first).
  expect(carryOver([...newHashes.keys()], oldHashes, newHashes)).toEqual({ copy: ['/', '/_astro/tf.9FemAD6K.js', '/_astro/new.Abc.js'], fetch: ['/adam/', '/lion/'] });
  // With no record of the old digests (a first install), every page is downloaded.
  expect(carryOver(['/', '/adam/'], new Map(), newHashes)).toEqual({ copy: [], fetch: ['/', '/adam/'] });
});
