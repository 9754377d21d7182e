import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtBase, dist, pagePaths } from '../../scripts/built-site.mjs';
import { launch, watchErrors } from '../../scripts/chromium.mjs';
import { serveStatic } from '../../scripts/serve.mjs';
import { aboutBytes } from '../../src/site/offline-status';
import { openWidget, readStatus, waitForStatus } from './widgets';

// A server of its own, on a copy of the build: the test takes it down to go offline,
// then brings it back on the same origin with a new sw.js, as a deploy would. It
// records every request, and can hold some back to watch a download midway.
const root = mkdtempSync(join(tmpdir(), 'descent-offline-'));
let server: Server;
let url: string;
let browser: Awaited<ReturnType<typeof launch>>;
let page: Page;
let errors: string[];
const requested: string[] = [];
// Paths are compared within the base the build was made for: /descent/adam/ → /adam/.
const base = builtBase().replace(/\/$/, '');
const within = (path: string) => (path.startsWith(`${base}/`) ? path.slice(base.length) : path);
let hold: ((path: string) => boolean) | undefined;
const held: (() => void)[] = [];

async function serve(port = 0) {
  ({ server, url } = await serveStatic(root, port));
  const [handle] = server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const path = within(req.url ?? '');
    requested.push(path);
    if (hold?.(path)) held.push(() => handle(req, res));
    else handle(req, res);
  });
}
function release() {
  hold = undefined;
  for (const go of held.splice(0)) go();
}
function stopServing() {
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
}
const port = () => Number(new URL(url).port);
async function goOffline() {
  await stopServing();
  await browser.context.setOffline(true);
}
async function goOnline() {
  await serve(port());
  await browser.context.setOffline(false);
}

/** What the worker knows, read from the built sw.js. */
function manifestOf(source: string) {
  // The minifier may write a size as 2e3.
  const files = [...source.matchAll(/\{url:"([^"]+)",bytes:([\d.e+]+),hash:"([0-9a-f]+)"\}/g)].map(([, url, bytes, hash]) => ({ url: within(url), bytes: Number(bytes), hash }));
  return {
    version: /descent-[0-9a-f]{16}/.exec(source)![0],
    shell: (JSON.parse(/shell:(\[[^\]]*\])/.exec(source)![1]) as string[]).map(within),
    files,
    bytes: files.reduce((sum, f) => sum + f.bytes, 0),
  };
}
const sw = () => readFileSync(join(root, 'sw.js'), 'utf8');

/** Each cache's stored paths, as the page sees them. */
const cached = async (p: Page) =>
  Object.fromEntries(
    Object.entries(
      await p.evaluate(async () =>
        Object.fromEntries(await Promise.all((await caches.keys()).map(async (name) => [name, (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname)] as const))),
      ),
    ).map(([name, paths]) => [name, paths.map(within).sort()]),
  );

const control = () => page.locator('.offline-copy');
const said = () => control().locator('.offline-copy-text').textContent();
const button = (name: string) => control().getByRole('button', { name, exact: true });

beforeAll(async () => {
  cpSync(dist, root, { recursive: true });
  await serve();
  browser = await launch();
  page = await browser.context.newPage();
  errors = watchErrors(page);
});
afterAll(async () => {
  release();
  await browser.close();
  await stopServing();
  rmSync(root, { recursive: true, force: true });
});

describe('offline reading that asks first', () => {
  const site = manifestOf(readFileSync(join(dist, 'sw.js'), 'utf8'));
  const size = aboutBytes(site.bytes);
  const savedText = (version: string) => `Saved for offline — version ${version.slice('descent-'.length, 'descent-'.length + 7)}, ${size}.`;
  let title = '';

  it('a first visit stores only the shell and the page read, taken from what the page loaded', async () => {
    expect(site.files.length).toBeGreaterThan(100);
    expect(site.shell.length).toBeGreaterThan(2);
    await page.goto(`${url}/why-optimizers/`, { waitUntil: 'load' });
    title = (await page.locator('h1').textContent()) ?? '';
    // Activation follows a finished install; claim() then hands this page to the worker, which stores the page.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 60_000 });
    await expect.poll(async () => (await cached(page))[site.version]?.includes('/why-optimizers/'), { timeout: 30_000 }).toBe(true);

    const loaded = (await page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname))).map(within);
    const stored = await cached(page);
    expect(Object.keys(stored)).toEqual([site.version]);
    expect(stored[site.version]).toEqual(expect.arrayContaining(site.shell));
    for (const path of stored[site.version]) expect([...site.shell, ...loaded, '/why-optimizers/', '/offline-hashes.json'], path).toContain(path);
    // The server saw this page once (the worker took it from the HTTP cache), the worker script, and only what the page or the shell needs.
    expect(requested.filter((u) => u === '/why-optimizers/')).toHaveLength(1);
    for (const path of requested.filter((u) => u !== '/why-optimizers/' && u !== '/sw.js')) expect([...loaded, ...site.shell], path).toContain(path);
    expect(requested.filter((u) => u.startsWith('/pagefind/'))).toEqual([]);
    // The control offers the rest, with its size.
    expect(await said()).toBe(`Keep every chapter, widget and the search on this device: about ${size} to download.`);
  });

  it('offline, the page read reads again; a page never opened says plainly that it is not saved', async () => {
    await goOffline();
    await page.reload();
    expect(await page.locator('h1').textContent()).toBe(title);
    const response = await page.goto(`${url}/lion/`);
    expect(response?.status()).toBe(503);
    expect(await page.locator('h1').textContent()).toBe('This page is not saved for offline reading');
    await page.getByRole('link', { name: 'home page' }).waitFor();
    // Chromium logs the note's status as a failed load: the one error expected here.
    expect(errors).toEqual(['console: Failed to load resource: the server responded with a status of 503 ()']);
    errors.length = 0;
  });

  it('a chapter read online reads offline later: text, typeset formulas, fonts and a widget that trains and draws', async () => {
    await goOnline();
    await page.goto(`${url}/adam/`);
    const online = await openWidget(page, 'descent-trainer');
    await online.getByRole('button', { name: 'Play', exact: true }).click();
    await waitForStatus(online, (s) => s.step > 20);
    await online.getByRole('button', { name: 'Pause', exact: true }).click();
    await page.evaluate(async () => document.fonts.ready);

    await goOffline();
    await page.goto(`${url}/adam/`);
    expect(await page.locator('h1').textContent()).toBe('Adam');
    expect(await page.locator('.katex').count()).toBeGreaterThan(5);
    expect(await page.evaluate(async () => (await document.fonts.ready, document.fonts.check('16px KaTeX_Main')))).toBe(true);
    expect(await page.evaluate(() => [...document.fonts].some((f) => f.family.includes('KaTeX_Main') && f.status === 'loaded'))).toBe(true);
    const trainer = await openWidget(page, 'descent-trainer');
    expect((await readStatus(trainer)).step).toBe(0);
    await trainer.getByRole('button', { name: 'Play', exact: true }).click();
    const later = await waitForStatus(trainer, (s) => s.step > 300);
    await trainer.getByRole('button', { name: 'Pause', exact: true }).click();
    expect(later.loss).toBeLessThan(Infinity);
    expect(await trainer.locator('svg[role=img]').count()).toBe(2);
    expect(errors).toEqual([]);
  });

  it('Save (from the keyboard) downloads the rest with visible progress; Cancel stops it; after a reload it continues where it stopped', async () => {
    await goOnline();
    await page.goto(`${url}/progress/`);
    await button('Save the guide for offline').waitFor();
    // Holding the search index back on the server keeps the download midway long enough to watch and cancel.
    hold = (path) => path.startsWith('/pagefind/');
    requested.length = 0;
    await button('Save the guide for offline').focus();
    await page.keyboard.press('Enter');
    const bar = control().locator('progress');
    await expect.poll(() => bar.evaluate((p: HTMLProgressElement) => p.value), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(await bar.evaluate((p: HTMLProgressElement) => p.max)).toBe(site.bytes);
    expect(await said()).toMatch(new RegExp(`^Saving for offline: \\d+% of ${size}…$`));
    expect(await control().locator('[role=status]').count()).toBe(1);
    // The pressed button gave way to Cancel, which has the focus.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');
    await page.keyboard.press('Enter');
    release();
    await expect.poll(said, { timeout: 30_000 }).toMatch(new RegExp(`^Partly saved for offline: \\d+% of ${size} saved\\.$`));
    const partial = (await cached(page))[`${site.version}-saved`];
    expect(partial.length).toBeGreaterThan(0);
    expect(partial.length).toBeLessThan(site.files.length);

    await page.reload();
    await expect.poll(said, { timeout: 30_000 }).toMatch(/^Partly saved/);
    await button('Continue saving').click();
    await expect.poll(said, { timeout: 60_000 }).toBe(savedText(site.version));
    expect(await bar.isVisible()).toBe(false);
    expect((await cached(page))[`${site.version}-saved`]).toEqual(site.files.map((f) => f.url).sort());
    // What the reader had opened was copied, not downloaded again, and nothing was downloaded twice.
    expect(requested).not.toContain('/why-optimizers/');
    expect(requested).not.toContain('/adam/');
    const index = requested.filter((u) => u.startsWith('/pagefind/'));
    expect(new Set(index).size).toBe(index.length);
    expect(index.length).toBe(site.files.filter((f) => f.url.startsWith('/pagefind/')).length);
    // Every page's footer says so.
    await page.goto(`${url}/sgd/`);
    await expect.poll(said, { timeout: 30_000 }).toBe(savedText(site.version));
  });

  it('once saved, every page and the search read offline, permalinks included', async () => {
    await goOffline();
    for (const path of pagePaths(root)) {
      const response = await page.goto(url + path);
      expect(response?.status(), path).toBe(200);
    }
    await page.goto(`${url}/momentum/?race=steps%3D400`);
    expect(await page.locator('h1').textContent()).toBe('Momentum');
    await page.goto(`${url}/sgd/`);
    await page.getByRole('button', { name: 'Search' }).click();
    await page.locator('.pagefind-ui__search-input').fill('bias correction');
    const results = page.locator('.pagefind-ui__result-link');
    await expect.poll(() => results.count(), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(await results.allTextContents()).toContain('Adam');
    expect(errors).toEqual([]);
  });

  it('Remove the offline copy deletes it: pages never opened no longer read offline, pages read still do', async () => {
    await page.goto(`${url}/progress/`);
    await button('Remove the offline copy').focus();
    await page.keyboard.press('Enter');
    await expect.poll(said, { timeout: 30_000 }).toBe(`Keep every chapter, widget and the search on this device: about ${size} to download.`);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Save the guide for offline');
    expect(Object.keys(await cached(page))).toEqual([site.version]);
    expect((await page.goto(`${url}/lion/`))?.status()).toBe(503);
    expect(errors.splice(0)).toHaveLength(1);
    expect((await page.goto(`${url}/why-optimizers/`))?.status()).toBe(200);
  });

  it('a deploy is offered with Reload, and a saved copy follows it, downloading only what changed', async () => {
    await goOnline();
    await page.goto(`${url}/progress/`);
    await button('Save the guide for offline').click();
    await expect.poll(said, { timeout: 60_000 }).toBe(savedText(site.version));

    // The deploy: one chapter changed, so its digest in the worker's manifest and the version change.
    const lion = join(root, 'lion/index.html');
    const before = readFileSync(lion, 'utf8');
    const after = before.replace('>Lion</h1>', '>Lion, revised</h1>');
    const digest = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);
    writeFileSync(lion, after);
    const next = sw().replaceAll(site.version, 'descent-0000000000000002').replace(`hash:"${digest(before)}"`, `hash:"${digest(after)}"`);
    expect(next).toContain(digest(after));
    writeFileSync(join(root, 'sw.js'), next);

    requested.length = 0;
    await page.goto(`${url}/sgd/`);
    const notice = page.locator('.update-notice');
    expect(await notice.isVisible()).toBe(false);
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
    await expect.poll(() => notice.textContent(), { timeout: 60_000 }).toMatch(/A new version of Descent is available/);
    expect(await notice.getAttribute('role')).toBe('status');
    // Besides what the page asked for itself (it and its icon, from the network first), the update fetched the
    // worker and the changed chapter; everything else, pages and hashed bundle files, came across from the old caches.
    expect([...new Set(requested)].filter((u) => u !== '/sgd/' && u !== '/favicon.svg').sort()).toEqual(['/lion/', '/sw.js']);
    // Until the reader agrees, the old version keeps the page.
    expect(Object.keys(await cached(page)).sort()).toEqual(['descent-0000000000000002', 'descent-0000000000000002-saved', site.version, `${site.version}-saved`].sort());

    let navigations = 0;
    page.on('framenavigated', (f) => f === page.mainFrame() && navigations++);
    await page.getByRole('button', { name: 'Reload' }).focus();
    await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    const state = await page.evaluate(async () => {
      const registration = (await navigator.serviceWorker.getRegistration())!;
      return { waiting: registration.waiting, controls: registration.active === navigator.serviceWorker.controller };
    });
    expect(state).toEqual({ waiting: null, controls: true });
    expect(navigations).toBe(1);
    expect(await notice.isVisible()).toBe(false);
    // The new worker is in charge: it removed the old version's caches on taking over, and the copy is whole.
    const stored = await cached(page);
    expect(Object.keys(stored).sort()).toEqual(['descent-0000000000000002', 'descent-0000000000000002-saved']);
    expect(stored['descent-0000000000000002-saved']).toEqual(site.files.map((f) => f.url).sort());
    await expect.poll(said, { timeout: 30_000 }).toBe(savedText('descent-0000000000000002'));

    await goOffline();
    await page.goto(`${url}/lion/`);
    expect(await page.locator('h1').textContent()).toBe('Lion, revised');
    expect(errors).toEqual([]);
  });

  it('where the page cannot reach service workers, the control says so and nothing breaks', async () => {
    const blocked = await browser.context.newPage();
    const blockedErrors = watchErrors(blocked);
    await blocked.addInitScript(() =>
      Object.defineProperty(Navigator.prototype, 'serviceWorker', {
        get() {
          throw new DOMException('The operation is insecure.', 'SecurityError');
        },
      }),
    );
    await blocked.goto(`${url}/progress/`);
    const text = blocked.locator('.offline-copy-text');
    await expect.poll(() => text.textContent(), { timeout: 30_000 }).toBe('This browser cannot keep an offline copy of the guide here.');
    expect(await blocked.locator('.offline-copy button:visible').count()).toBe(0);
    expect(blockedErrors).toEqual([]);
    await blocked.close();
  });
});
