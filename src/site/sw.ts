/// <reference lib="webworker" />
/**
 * Descent's service worker (built to /sw.js by ./offline.ts, which fills in the
 * two constants below). On install it stores every page and asset in one cache
 * named after their content; the new version then waits until the reader
 * agrees to reload (see ./sw-client.ts), so that a page never mixes the code
 * of two deploys.
 */
import { hashedName, pageKey, strategyFor } from './sw-routes';

declare const self: ServiceWorkerGlobalScope;
declare const __DESCENT_CACHE__: string;
declare const __DESCENT_PRECACHE__: string[];

const CACHE = __DESCENT_CACHE__;
const precached = new Set(__DESCENT_PRECACHE__);

/**
 * Stores the site one file at a time: slower than all at once, but it leaves the
 * reader's page (often busy starting a widget) the processor and the network.
 * A file whose name carries its content hash is copied from an older version's
 * cache when there, so an update downloads only what changed.
 */
async function precache(): Promise<void> {
  const cache = await caches.open(CACHE);
  for (const url of __DESCENT_PRECACHE__) {
    const kept = hashedName(url) ? await caches.match(url) : undefined;
    // no-cache: revalidate with the server, so the snapshot is this deploy's even where the HTTP cache holds older pages.
    const response = kept ?? (await fetch(new Request(url, { cache: 'no-cache' })));
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    await cache.put(url, response);
  }
}

self.addEventListener('install', (event) => event.waitUntil(precache()));

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(names.filter((n) => n.startsWith('descent-') && n !== CACHE).map((n) => caches.delete(n)));
      // Take over the pages open since the first visit, so their widgets' lazy chunks are served from here too.
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'skip-waiting') void self.skipWaiting();
});

async function fromCacheFirst(request: Request): Promise<Response> {
  return (await caches.match(request, { cacheName: CACHE })) ?? fetch(request);
}

async function fromNetworkFirst(request: Request): Promise<Response> {
  try {
    return await fetch(request);
  } catch (offline) {
    const cached = await caches.match(pageKey(new URL(request.url).pathname), { cacheName: CACHE });
    if (cached) return cached;
    throw offline;
  }
}

self.addEventListener('fetch', (event) => {
  const strategy = strategyFor(event.request, self.location.origin, precached);
  if (strategy === 'cache-first') event.respondWith(fromCacheFirst(event.request));
  else if (strategy === 'network-first') event.respondWith(fromNetworkFirst(event.request));
});
