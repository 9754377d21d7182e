import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { FrameLocator, Page } from 'playwright-core';
import { launch, watchErrors } from '../../scripts/chromium.mjs';
import { readStatus, waitForStatus } from './widgets';

const hostile = '* { font-size: 40px !important; box-sizing: content-box } button { display: none } descent-surface { color: red }';

/** A foreign page on another origin: one widget by iframe (sandboxed), one by script tag, under a hostile stylesheet. */
function foreignPage(site: string, query: string, extra: string) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A foreign blog</title>
<style>${hostile}</style>
<script type="module" src="${site}/widgets.js"></script></head><body>
<h1>My post</h1>
<iframe id="frame" title="Descent trainer" sandbox="allow-scripts" src="${site}/embed/trainer/${query}" style="width:100%;height:900px;border:0"></iframe>
<descent-surface fn="quadratic" optimizers="sgd(lr=0.1),adam(lr=0.1)" steps="100"></descent-surface>
${extra}
<script>window.heights = []; addEventListener('message', (e) => { if (e.data && e.data.type === 'descent:resize') window.heights.push(e.data.height); });</script>
</body></html>`;
}

let browser: Awaited<ReturnType<typeof launch>>;
let foreign: Server;
let foreignUrl: string;
let query = '';
let extra = '';

beforeAll(async () => {
  browser = await launch();
  foreign = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(foreignPage(inject('baseURL'), query, extra));
  });
  await new Promise<void>((r) => foreign.listen(0, '127.0.0.1', r));
  const address = foreign.address();
  foreignUrl = `http://localhost:${typeof address === 'object' && address ? address.port : 0}/`; // localhost ≠ 127.0.0.1: another origin
});
afterAll(async () => {
  foreign.close();
  await browser.close();
});

async function open(q: string, more = ''): Promise<{ page: Page; frame: FrameLocator; errors: string[] }> {
  query = q;
  extra = more;
  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  await page.goto(foreignUrl, { waitUntil: 'networkidle' });
  return { page, frame: page.frameLocator('#frame'), errors };
}

describe('embedding on another origin', () => {
  it('trains in a sandboxed iframe with the settings from the URL, and reports its height', async () => {
    const { page, frame, errors } = await open('?optimizer=adam&lr=0.003&dataset=spiral&hidden=8,8&seed=7');
    const widget = frame.locator('descent-trainer');
    await expect.poll(() => widget.locator('[role=status]').textContent(), { timeout: 30_000 }).toMatch(/^step 0 · loss/);
    expect(await widget.getByLabel('Dataset').inputValue()).toBe('spiral');
    expect(await widget.getByLabel('learning rate η').inputValue()).not.toBe('');
    const before = await readStatus(widget);
    await widget.getByRole('button', { name: 'Play' }).click();
    const later = await waitForStatus(widget, (s) => s.step > 2000);
    expect(later.loss).toBeLessThan(before.loss);
    expect(await page.evaluate(() => (window as unknown as { heights: number[] }).heights.length)).toBeGreaterThan(0);
    expect(await page.evaluate(() => Math.max(...(window as unknown as { heights: number[] }).heights))).toBeGreaterThan(300);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('trains in a Worker from one script tag and on the page in a sandboxed iframe (no Worker there), to identical numbers', async () => {
    const setup = 'dataset=moons&optimizer=adam&lr=0.01&seed=5&step=37';
    const { page, frame, errors } = await open(`?${setup}`, `<descent-trainer ${setup.replaceAll('&', ' ')}></descent-trainer>`);
    const scripted = page.locator('descent-trainer');
    await scripted.scrollIntoViewIfNeeded();
    const inFrame = frame.locator('descent-trainer');
    const there = await waitForStatus(inFrame, (s) => s.step === 37);
    const here = await waitForStatus(scripted, (s) => s.step === 37);
    expect(here.text).toBe(there.text);
    expect(await page.evaluate(() => (globalThis as { __descentEngineWhere?: string }).__descentEngineWhere)).toBe('worker');
    const sandboxed = page.frames().find((f) => f.url().includes('/embed/trainer/'))!;
    expect(await sandboxed.evaluate(() => (globalThis as { __descentEngineWhere?: string }).__descentEngineWhere)).toBe('page');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('runs a widget loaded by one script tag, unbroken by the host page’s stylesheet', async () => {
    const { page, errors } = await open('');
    const widget = page.locator('descent-surface');
    await widget.scrollIntoViewIfNeeded();
    await expect.poll(() => widget.locator('[role=status]').textContent(), { timeout: 30_000 }).toMatch(/^step 0 · loss/);
    const play = widget.getByRole('button', { name: 'Play' });
    expect(await play.isVisible()).toBe(true);
    expect(await play.evaluate((b) => getComputedStyle(b).fontSize)).toBe('14px');
    const before = await readStatus(widget);
    // Scroll the button itself into view first: Playwright's scroll-and-click can miss on this page (its sandboxed iframe).
    await play.scrollIntoViewIfNeeded();
    await play.click();
    const end = await waitForStatus(widget, (s) => s.step === 100);
    expect(end.loss).toBeLessThan(before.loss);
    // Its chunks came from the site, not from the host page's origin.
    const scripts = await page.evaluate(() => performance.getEntriesByType('resource').map((r) => r.name).filter((n) => n.endsWith('.js')));
    expect(scripts.length).toBeGreaterThan(3);
    expect(scripts.every((s) => s.startsWith(inject('baseURL')))).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('handles malformed parameters with notes, without errors and without injected markup', async () => {
    const q = '?' + ['lr=abc', 'lr=1e999', 'hidden=999,999,999', 'optimizer=' + encodeURIComponent('<img src=x onerror=alert(1)>'), 'bogus=<b>1</b>'].join('&');
    const { page, frame, errors } = await open(q);
    const widget = frame.locator('descent-trainer');
    await expect.poll(() => widget.locator('[role=status]').textContent(), { timeout: 30_000 }).toMatch(/^step 0 · loss/);
    const notes = (await widget.locator('.notes p').allTextContents()).join('\n');
    expect(notes).toMatch(/optimizer: “<img src=x onerror=alert\(1\)>” is not one of/);
    expect(notes).toMatch(/lr: “1e999” is outside/); // the last lr wins
    expect(notes).toMatch(/hidden: “999” is outside 1–64; using 64/);
    expect(await frame.locator('main > .notes').textContent()).toMatch(/Unknown parameter “bogus” ignored/);
    expect(await frame.locator('img').count()).toBe(0);
    expect(await widget.locator('img').count()).toBe(0);
    expect(await frame.locator('b').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('the Embed button', () => {
  it('writes an iframe and a script snippet that reproduce the widget’s current settings', async () => {
    const page = await browser.context.newPage();
    const errors = watchErrors(page);
    await page.goto(inject('baseURL') + '/adam/', { waitUntil: 'networkidle' });
    const widget = page.locator('descent-trainer');
    await widget.scrollIntoViewIfNeeded();
    await widget.evaluate((el) => (el as HTMLElement & { ready: Promise<void> }).ready);
    await widget.getByLabel('Dataset').selectOption('moons');
    await widget.getByRole('button', { name: 'Embed' }).click();
    const dialog = widget.getByRole('dialog', { name: 'Embed this widget' });
    expect(await dialog.isVisible()).toBe(true);
    const iframe = await dialog.getByLabel('In an iframe').inputValue();
    const script = await dialog.getByLabel('With one script tag').inputValue();
    expect(script).toMatch(new RegExp(`^<script type="module" src="${inject('baseURL')}/widgets/[\\w.]+/widgets\\.js"></script>`));
    expect(script).toMatch(/<descent-trainer [^>]*dataset="moons"/);
    const src = /src="([^"]+)"/.exec(iframe)![1].replace(/&amp;/g, '&');
    await page.keyboard.press('Escape');
    expect(await dialog.isVisible()).toBe(false);

    await page.goto(src, { waitUntil: 'networkidle' });
    const embedded = page.locator('descent-trainer');
    await expect.poll(() => embedded.locator('[role=status]').textContent()).toMatch(/^step 0/);
    expect(await embedded.getByLabel('Dataset').inputValue()).toBe('moons');
    expect(await embedded.getByLabel('learning rate η').evaluate((el) => el.getAttribute('aria-valuetext'))).toBe('0.01');
    expect(errors).toEqual([]);
    await page.close();
  });
});
