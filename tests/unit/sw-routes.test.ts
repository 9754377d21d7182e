import { expect, it } from 'vitest';
import { hashedName, pageKey, strategyFor } from '../../src/site/sw-routes';

const origin = 'https://descent.example.org';
const precached = new Set(['/', '/adam/', '/_astro/tf.9FemAD6K.js', '/favicon.svg']);
const get = (path: string, mode = 'cors') => ({ method: 'GET', url: origin + path, mode });

it('fetches pages from the network first, so online readers get the current text', () => {
  expect(strategyFor(get('/adam/', 'navigate'), origin, precached)).toBe('network-first');
  expect(strategyFor(get('/adam/?trainer=lr%3D0.1', 'navigate'), origin, precached)).toBe('network-first');
  // A page not in the list still gets the network, and the cache's answer when it fails.
  expect(strategyFor(get('/new-chapter/', 'navigate'), origin, precached)).toBe('network-first');
});

it('serves stored assets from the cache when their names change with their content, and others from the network first', () => {
  expect(strategyFor(get('/_astro/tf.9FemAD6K.js'), origin, precached)).toBe('cache-first');
  expect(strategyFor(get('/_astro/tf.9FemAD6K.js', 'no-cors'), origin, precached)).toBe('cache-first');
  expect(strategyFor(get('/favicon.svg', 'no-cors'), origin, precached)).toBe('network-first');
});

it("knows Astro's hashed bundle files by their folder", () => {
  expect(hashedName('/_astro/tf.9FemAD6K.js')).toBe(true);
  expect(hashedName('https://descent.example.org/descent/_astro/KaTeX_Main-Regular.B22Nviop.woff2')).toBe(true);
  expect(hashedName('/favicon.svg')).toBe(false);
  expect(hashedName('/adam/')).toBe(false);
  expect(hashedName('/_astro/')).toBe(false);
});

it('leaves alone what it did not store, other origins and anything but GET', () => {
  expect(strategyFor(get('/pagefind/pagefind.js'), origin, precached)).toBe('network');
  expect(strategyFor({ method: 'GET', url: 'https://cdn.example.com/_astro/tf.9FemAD6K.js', mode: 'cors' }, origin, precached)).toBe('network');
  expect(strategyFor({ method: 'GET', url: 'https://cdn.example.com/adam/', mode: 'navigate' }, origin, precached)).toBe('network');
  expect(strategyFor({ method: 'POST', url: origin + '/_astro/tf.9FemAD6K.js', mode: 'cors' }, origin, precached)).toBe('network');
});

it('finds a stored page by its folder whatever form the path takes', () => {
  expect(pageKey('/')).toBe('/');
  expect(pageKey('/adam/')).toBe('/adam/');
  expect(pageKey('/adam')).toBe('/adam/');
  expect(pageKey('/adam/index.html')).toBe('/adam/');
  expect(pageKey('/index.html')).toBe('/');
  expect(pageKey('/embed/trainer')).toBe('/embed/trainer/');
  expect(pageKey('/404.html')).toBe('/404.html');
});
