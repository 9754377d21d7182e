import AxeBuilder from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { pagePaths } from '../../scripts/built-site.mjs';
import { launch, watchErrors } from '../../scripts/chromium.mjs';

const pages = pagePaths();

let browser: Awaited<ReturnType<typeof launch>>;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());

// Desktop in the light theme and a phone in the dark theme: both layouts and both colour schemes get checked.
const views = [
  { name: 'desktop, light', width: 1280, height: 900, theme: 'light' },
  { name: 'phone, dark', width: 375, height: 812, theme: 'dark' },
];

describe.each(pages)('page %s', (path) => {
  it.each(views)('$name: loads with no console or page error, every widget starts, and axe finds nothing serious', async ({ width, height, theme }) => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width, height });
    // In every frame, sandboxed ones too, where storage throws.
    await page.addInitScript((t) => {
      try {
        localStorage.setItem('starlight-theme', t);
      } catch {}
    }, theme);
    const errors = watchErrors(page);
    await page.goto(inject('baseURL') + path, { waitUntil: 'networkidle' });
    // Bring each widget into view so its lazy code runs before the checks.
    for (const widget of await page.locator('descent-trainer, descent-surface, descent-race, descent-inspector, descent-schedule, descent-lr-demo, descent-exercise').all()) {
      await widget.scrollIntoViewIfNeeded();
      await expect.poll(() => widget.locator('[role=status]').textContent()).not.toMatch(/Loading/);
    }
    const { violations } = await new AxeBuilder({ page }).analyze();
    const serious = violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(serious).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
