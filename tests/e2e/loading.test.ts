import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, watchErrors } from '../../scripts/chromium.mjs';
import { openWidget } from './widgets';

let browser: Awaited<ReturnType<typeof launch>>;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());

describe('widget loading', () => {
  it('fetches TensorFlow.js and Plot only when the first widget comes into view', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    const scripts: { url: string; bytes: number }[] = [];
    page.on('response', async (r) => {
      if (!r.url().endsWith('.js')) return;
      // A chunk still arriving when the test closes the page has no body left to read.
      const body = await r.body().catch(() => undefined);
      if (body) scripts.push({ url: r.url(), bytes: body.length });
    });
    await page.goto(inject('baseURL') + '/adam/', { waitUntil: 'networkidle' });
    await page.waitForTimeout(500);
    const upFront = scripts.reduce((sum, s) => sum + s.bytes, 0);
    expect(scripts.filter((s) => /\/tf\.[\w-]+\.js$/.test(s.url))).toEqual([]);
    // Uncompressed: Starlight's search UI (≈94 KB, fetched when idle) and a few small modules; no engine, no Plot.
    expect(upFront).toBeLessThan(120_000);
    await openWidget(page, 'descent-inspector');
    await expect.poll(() => scripts.some((s) => /\/tf\.[\w-]+\.js$/.test(s.url))).toBe(true);
    expect(scripts.reduce((sum, s) => sum + s.bytes, 0)).toBeGreaterThan(upFront + 300_000);
    await page.close();
  });

  it('shows a note for each bad attribute, renders anyway, and injects no markup', async () => {
    const page = await browser.context.newPage();
    const errors = watchErrors(page);
    await page.goto(inject('baseURL') + '/adam/', { waitUntil: 'networkidle' });
    await page.evaluate(() => {
      const el = document.createElement('descent-trainer');
      el.setAttribute('lr', 'abc');
      el.setAttribute('hidden', '999,999,999');
      el.setAttribute('optimizer', '<img src=x onerror=alert(1)>');
      el.id = 'hostile';
      document.querySelector('main')!.prepend(el);
    });
    const widget = await openWidget(page, '#hostile');
    const notes = await widget.locator('.notes p').allTextContents();
    expect(notes).toEqual([
      expect.stringMatching(/^optimizer: “<img src=x onerror=alert\(1\)>” is not one of/),
      expect.stringMatching(/^lr: “abc” is not a number$/),
      ...Array(3).fill(expect.stringMatching(/^hidden: “999” is outside 1–64; using 64$/)),
    ]);
    expect(await widget.locator('img').count()).toBe(0);
    expect(await widget.locator('[role=status]').textContent()).toMatch(/^step 0 · loss/);
    expect(errors).toEqual([]);
    await page.close();
  });
});
