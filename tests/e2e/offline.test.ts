import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dist } from '../../scripts/built-site.mjs';
import { launch, watchErrors } from '../../scripts/chromium.mjs';
import { serveStatic } from '../../scripts/serve.mjs';
import { openWidget, readStatus, waitForStatus } from './widgets';

// A server of its own, on a copy of the build: the test takes it down to go offline,
// then brings it back on the same origin with a new sw.js, as a deploy would.
const root = mkdtempSync(join(tmpdir(), 'descent-offline-'));
let server: Server;
let url: string;
let browser: Awaited<ReturnType<typeof launch>>;
let page: Page;
let errors: string[];

async function serve(port = 0) {
  ({ server, url } = await serveStatic(root, port));
}
function stopServing() {
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
}
const port = () => Number(new URL(url).port);

/** The cache names and how many entries each holds, as the page sees them. */
const caches = (p: Page) =>
  p.evaluate(async () => Promise.all((await window.caches.keys()).map(async (name) => [name, (await (await window.caches.open(name)).keys()).length] as const)));

beforeAll(async () => {
  cpSync(dist, root, { recursive: true });
  await serve();
  browser = await launch();
  page = await browser.context.newPage();
  errors = watchErrors(page);
});
afterAll(async () => {
  await browser.close();
  await stopServing();
  rmSync(root, { recursive: true, force: true });
});

const sw = () => readFileSync(join(root, 'sw.js'), 'utf8');
const cacheName = (source: string) => /descent-[0-9a-f]{16}/.exec(source)?.[0];
const precacheCount = (source: string) => (/\[("\/[^\]]*)\]/.exec(source)?.[1].split(',').length ?? 0);

describe('offline reading', () => {
  it('stores the whole site on the first visit, in one cache named after its content', async () => {
    await page.goto(`${url}/why-optimizers/`, { waitUntil: 'load' });
    // Activation follows a finished install; claim() then hands this page to the worker.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 60_000 });
    expect(await caches(page)).toEqual([[cacheName(sw()), precacheCount(sw())]]);
    expect(precacheCount(sw())).toBeGreaterThan(50);
  });

  it('then reads other chapters with no network: text, typeset formulas, a widget that trains and draws', async () => {
    await stopServing();
    await browser.context.setOffline(true);
    await page.goto(`${url}/adam/`);
    expect(await page.locator('h1').textContent()).toBe('Adam');
    expect(await page.locator('.katex').count()).toBeGreaterThan(5);
    // The KaTeX fonts come from the cache too.
    expect(await page.evaluate(async () => (await document.fonts.ready, document.fonts.check('16px KaTeX_Main')))).toBe(true);
    expect(await page.evaluate(() => [...document.fonts].some((f) => f.family.includes('KaTeX_Main') && f.status === 'loaded'))).toBe(true);

    const trainer = await openWidget(page, 'descent-trainer');
    expect((await readStatus(trainer)).step).toBe(0);
    await trainer.getByRole('button', { name: 'Play', exact: true }).click();
    const later = await waitForStatus(trainer, (s) => s.step > 300);
    await trainer.getByRole('button', { name: 'Pause', exact: true }).click();
    expect(later.loss).toBeLessThan(Infinity);
    // Observable Plot drew the decision boundary and the loss curve.
    expect(await trainer.locator('svg[role=img]').count()).toBe(2);
    expect(await trainer.locator('svg[role=img] path').count()).toBeGreaterThan(0);

    // A permalink (settings in the query) still finds the stored page.
    await page.goto(`${url}/momentum/?race=steps%3D400`);
    expect(await page.locator('h1').textContent()).toBe('Momentum');
    const race = await openWidget(page, 'descent-race');
    expect(await race.locator('svg[role=img]').count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });

  it('offers a new version when one is deployed, and Reload (from the keyboard) hands the page to it', async () => {
    const before = sw();
    const next = before.replaceAll(cacheName(before)!, 'descent-0000000000000002');
    writeFileSync(join(root, 'sw.js'), next);
    await serve(port());
    await browser.context.setOffline(false);
    await page.goto(`${url}/sgd/`);
    const notice = page.locator('.update-notice');
    expect(await notice.isVisible()).toBe(false);

    const requested: string[] = [];
    server.on('request', (request) => requested.push((request.url ?? '').slice(new URL(url).pathname.length))); // paths within the base
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
    await expect.poll(() => notice.textContent(), { timeout: 60_000 }).toMatch(/A new version of Descent is available/);
    // The update downloaded the pages again but took the hashed bundle files from the old cache.
    expect(requested).toContain('/sw.js');
    expect(requested).toContain('/adam/');
    expect(requested.filter((u) => u.startsWith('/_astro/'))).toEqual([]);
    expect(await notice.getAttribute('role')).toBe('status');
    // Until the reader agrees, the old version keeps the page.
    expect(await caches(page)).toHaveLength(2);

    let navigations = 0;
    page.on('framenavigated', (f) => f === page.mainFrame() && navigations++);
    const reload = page.getByRole('button', { name: 'Reload' });
    await reload.focus();
    await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    const state = await page.evaluate(async () => {
      const registration = (await navigator.serviceWorker.getRegistration())!;
      return { waiting: registration.waiting, controls: registration.active === navigator.serviceWorker.controller };
    });
    expect(state).toEqual({ waiting: null, controls: true });
    // The new worker is the one in charge: it removed the old version's cache on taking over.
    expect(await caches(page)).toEqual([['descent-0000000000000002', precacheCount(next)]]);
    expect(await notice.isVisible()).toBe(false);
    await page.waitForTimeout(500);
    expect(navigations).toBe(1);
    expect(errors).toEqual([]);
  });
});
