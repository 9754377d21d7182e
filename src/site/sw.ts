/// <reference lib="webworker" />
/**
 * Descent's service worker (built to /sw.js by ./offline.ts, which fills in the
 * manifest below). It installs with the shell only, then keeps the pages the
 * reader opens (and what they load) in the version's cache; the full copy, the
 * search index with it, is downloaded into a second cache only when the reader
 * asks (see ./offline-copy.ts). A new version installs beside the old one,
 * carrying over what the reader had, and then waits until the reader agrees to
 * reload (see ./sw-client.ts), so that a page never mixes the code of two deploys.
 */
import type { OfflineManifest, OfflineStatus, Problem, ToWorker, FromWorker } from './offline-status';
import { carryOver, hashedName, keyOf, strategyFor } from './sw-routes';

declare const self: ServiceWorkerGlobalScope;
declare const __DESCENT_MANIFEST__: OfflineManifest;

const manifest = __DESCENT_MANIFEST__;
/** The shell and the pages read, with what they loaded. */
const VISITED = manifest.version;
/** The full copy, once the reader asks for it; "Remove the offline copy" deletes it. */
const SAVED = `${manifest.version}-saved`;
const hashes = new Map(manifest.files.map((f) => [f.url, f.hash]));
const known = new Set(hashes.keys());
/** The version's digests, stored beside its files, so that the next version can tell which of them changed. */
const HASHES = new URL('offline-hashes.json', self.registration.scope).pathname;
const origin = self.location.origin;

async function digest(response: Response): Promise<string> {
  const bytes = new Uint8Array(await crypto.subtle.digest('SHA-256', await response.clone().arrayBuffer()));
  return [...bytes.subarray(0, 8)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Stores a response if it is this version's file: a page fetched while a newer
 * deploy is online belongs to that deploy, whose styles and scripts this
 * version does not know, so it is not kept.
 */
async function keep(cache: Cache, key: string, response: Response): Promise<boolean> {
  if (!response.ok || response.redirected || response.type !== 'basic') return false;
  if (!hashedName(key) && (await digest(response)) !== hashes.get(key)) return false;
  await cache.put(key, response);
  return true;
}

/**
 * Stores one file of this version: copied from the cache `from` when it has it,
 * else downloaded. `http` is how the browser's HTTP cache may answer: a hashed
 * name never changes, so any copy there is right; other files are revalidated.
 */
async function store(cache: Cache, key: string, from?: string, http: RequestCache = hashedName(key) ? 'default' : 'no-cache'): Promise<void> {
  const copy = from === undefined ? undefined : await caches.match(key, { cacheName: from });
  const response = copy ?? (await fetch(new Request(key, { cache: http })));
  if (!(await keep(cache, key, response))) throw new Error(`${key}: HTTP ${response.status}, or not this version`);
}

/** The stored keys of a cache, without creating it. */
async function keysIn(name: string): Promise<string[]> {
  if (!(await caches.has(name))) return [];
  return (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname);
}

/** Stores each file, four at a time (after `before`, which may stop it); the first failure stops the rest and is thrown. */
async function storeAll(cache: Cache, keys: readonly string[], from: (key: string) => string | undefined, after: (key: string) => Promise<void> | void = () => {}, before: () => boolean = () => true): Promise<void> {
  const queue = [...keys];
  let failure: unknown;
  const worker = async () => {
    for (let key = queue.shift(); key !== undefined && failure === undefined && before(); key = queue.shift()) {
      try {
        await store(cache, key, from(key));
        await after(key);
      } catch (error) {
        failure ??= error;
      }
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  if (failure !== undefined) throw failure;
}

/** Stores these files of this version, copying from the cache `from` those the old version (`oldHashes`) had unchanged. */
function carry(target: Cache, keys: readonly string[], oldHashes: ReadonlyMap<string, string>, from?: string): Promise<void> {
  const { copy, fetch } = carryOver(keys, oldHashes, hashes);
  const copied = new Set(copy);
  return storeAll(target, [...copy, ...fetch], (key) => (copied.has(key) ? from : undefined));
}

/**
 * Installs the shell, then carries over what the previous version stored: the
 * pages read, and the full copy if the reader saved one (a complete copy stays
 * complete: files new in this version are downloaded too). Unchanged files are
 * copied, changed ones downloaded. Only the shell must succeed; what could not
 * be carried shows as a partly saved copy, which the reader can continue.
 */
async function install(): Promise<void> {
  const old = (await caches.keys()).filter((n) => /^descent-[0-9a-f]+$/.test(n) && n !== VISITED).at(-1);
  const oldHashes = new Map<string, string>(old ? Object.entries((await (await caches.match(HASHES, { cacheName: old }))?.json()) ?? {}) : []);
  const visited = await caches.open(VISITED);
  await visited.put(HASHES, new Response(JSON.stringify(Object.fromEntries(hashes)), { headers: { 'Content-Type': 'application/json' } }));
  await carry(visited, manifest.shell, oldHashes, old);
  if (!old) return;
  const shell = new Set(manifest.shell);
  // A version with no digests (the one before offline asked first, which stored the whole site unasked)
  // hands over only its hashed files: copying them costs nothing, downloading its pages again would.
  const read = (await keysIn(old)).filter((key) => !shell.has(key) && (oldHashes.size > 0 || hashedName(key)));
  await carry(visited, read, oldHashes, old).catch(() => undefined);

  const had = await keysIn(`${old}-saved`);
  if (had.length === 0) return;
  const complete = oldHashes.size > 0 && [...oldHashes.keys()].every((key) => had.includes(key));
  await carry(await caches.open(SAVED), complete ? [...known] : had, oldHashes, `${old}-saved`).catch(() => undefined);
}

self.addEventListener('install', (event) => event.waitUntil(install()));

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(names.filter((n) => n.startsWith('descent-') && n !== VISITED && n !== SAVED).map((n) => caches.delete(n)));
      // Take over the pages open since the first visit, so their widgets' lazy chunks are served from here too.
      await self.clients.claim();
    })(),
  );
});

async function stored(key: string): Promise<Response | undefined> {
  return (await caches.match(key, { cacheName: VISITED })) ?? (await caches.match(key, { cacheName: SAVED }));
}

/** Keeps what the reader opened: in the saved copy if that has the file, so that it stays current, else with the pages read. */
async function remember(key: string, response: Response): Promise<void> {
  const cache = await caches.open((await caches.match(key, { cacheName: SAVED })) ? SAVED : VISITED);
  await keep(cache, key, response).catch(() => false);
}

/** What an unsaved page reads offline: a plain note, with no script and nothing to load. */
function notSaved(): Response {
  const home = new URL(self.registration.scope).pathname;
  const html = `<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Not saved for offline — Descent</title>
<style>body{font:1.1rem/1.6 system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem}@media (prefers-color-scheme:dark){body{background:#17181c;color:#e6e6e6}a{color:#9cf}}</style>
<h1>This page is not saved for offline reading</h1>
<p>You are offline, and this page has not been opened on this device. The pages you have opened before still read offline; start again from the <a href="${home}">home page</a>.</p>
<p>Back online, <strong>Save the guide for offline</strong>, at the foot of every page, keeps all of it.</p>`;
  return new Response(html, {
    status: 503,
    headers: { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'" },
  });
}

async function fromCacheFirst(event: FetchEvent, key: string): Promise<Response> {
  const hit = await stored(key);
  if (hit) return hit;
  const response = await fetch(event.request);
  event.waitUntil(remember(key, response.clone()));
  return response;
}

async function fromNetworkFirst(event: FetchEvent, key: string): Promise<Response> {
  try {
    const response = await fetch(event.request);
    if (known.has(key)) event.waitUntil(remember(key, response.clone()));
    return response;
  } catch (offline) {
    const hit = await stored(key);
    if (hit) return hit;
    if (event.request.mode === 'navigate') return notSaved();
    throw offline;
  }
}

self.addEventListener('fetch', (event) => {
  const strategy = strategyFor(event.request, origin, known);
  const key = keyOf(event.request.url, origin);
  if (strategy === 'network' || key === undefined) return;
  event.respondWith(strategy === 'cache-first' ? fromCacheFirst(event, key) : fromNetworkFirst(event, key));
});

/**
 * The page the reader opened first, and what it loaded, arrived before this
 * worker did: the page lists them, and they are stored from the browser's HTTP
 * cache, which has them all (force-cache), so nothing is downloaded twice.
 */
async function keepOpened(urls: readonly string[]): Promise<void> {
  const cache = await caches.open(VISITED);
  for (const url of urls) {
    const key = keyOf(url, origin);
    if (key === undefined || !known.has(key) || (await stored(key))) continue;
    await store(cache, key, undefined, 'force-cache').catch(() => undefined);
  }
}

// Saving the full copy. One at a time across every open page: they all see its progress.
let saving: Promise<void> | undefined;
let cancelled = false;
let problem: Problem | undefined;

async function status(): Promise<OfflineStatus> {
  const saved = new Set(await keysIn(SAVED));
  const have = manifest.files.filter((f) => saved.has(f.url));
  return {
    version: manifest.version,
    files: manifest.files.length,
    bytes: manifest.files.reduce((sum, f) => sum + f.bytes, 0),
    savedFiles: have.length,
    savedBytes: have.reduce((sum, f) => sum + f.bytes, 0),
    saving: saving !== undefined,
    problem,
  };
}

async function tell(to: Client | MessagePort | ServiceWorker | null | undefined, current?: OfflineStatus): Promise<void> {
  const message: FromWorker = { type: 'offline-status', status: current ?? (await status()) };
  if (to) to.postMessage(message);
  else for (const client of await self.clients.matchAll({ type: 'window', includeUncontrolled: true })) client.postMessage(message);
}

function problemOf(error: unknown): Problem {
  if (error instanceof DOMException && error.name === 'QuotaExceededError') return 'quota';
  return error instanceof TypeError || (error instanceof Error && error.message.includes('HTTP')) ? 'network' : 'storage';
}

async function save(): Promise<void> {
  if (saving) return saving;
  cancelled = false;
  problem = undefined;
  saving = (async () => {
    const current = await status();
    await tell(undefined, current);
    const have = new Set(await keysIn(SAVED));
    const bytes = new Map(manifest.files.map((f) => [f.url, f.bytes]));
    const after = (key: string) => {
      current.savedFiles++;
      current.savedBytes += bytes.get(key) ?? 0;
      return tell(undefined, current);
    };
    // What the reader has opened is this version's file already: copied, not downloaded again.
    await storeAll(await caches.open(SAVED), [...known].filter((k) => !have.has(k)), () => VISITED, after, () => !cancelled).catch((error: unknown) => {
      problem = problemOf(error);
    });
  })().finally(() => {
    saving = undefined;
  });
  await saving;
  await tell(undefined);
}

async function remove(): Promise<void> {
  cancelled = true;
  await saving;
  await caches.delete(SAVED);
  problem = undefined;
  await tell(undefined);
}

self.addEventListener('message', (event) => {
  const message = event.data as ToWorker | null;
  if (message?.type === 'skip-waiting') void self.skipWaiting();
  else if (message?.type === 'keep') event.waitUntil(keepOpened(message.urls));
  else if (message?.type === 'offline-status') event.waitUntil(tell(event.source as Client | null));
  else if (message?.type === 'offline-save') event.waitUntil(save());
  else if (message?.type === 'offline-cancel') cancelled = true;
  else if (message?.type === 'offline-remove') event.waitUntil(remove());
});
