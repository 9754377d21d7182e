import { expect, it } from 'vitest';
import { pageKey, strategyFor } from '../../src/site/sw-routes';

const origin = 'https://descent.example.org';
const precached = new Set(['/', '/adam/', '/_astro/tf.9FemAD6K.js']);
const get = (path: string, mode = 'cors') => ({ method: 'GET', url: origin + path, mode });

it('fetches pages from the network first, so online readers get the current text', () => {
  expect(strategyFor(get('/adam/', 'navigate'), origin, precached)).toBe('network-first');
  expect(strategyFor(get('/adam/?trainer=lr%3D0.1', 'navigate'), origin, precached)).toBe('network-first');
  // A page not in the list still gets the network, and the cache's answer when it fails.
  expect(strategyFor(get('/new-chapter/', 'navigate'), origin, precached)).toBe('network-first');
});

it('serves stored assets from the cache: their names change with their content', () => {
  expect(strategyFor(get('/_astro/tf.9FemAD6K.js'), origin, precached)).toBe('cache-first');
  expect(strategyFor(get('/_astro/tf.9FemAD6K.js', 'no-cors'), origin, precached)).toBe('cache-first');
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
