import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { findUpdateSource } from '../../src/site/update-source';
import { openPage } from './widgets';

let browser: Awaited<ReturnType<typeof openPage>>['browser'];
let page: Page;
let errors: string[];
beforeAll(async () => {
  ({ browser, page, errors } = await openPage('/gradient-descent/'));
});
afterAll(() => browser.close());

describe('the gradient-descent chapter', () => {
  it('shows formulas rendered by KaTeX at build time, and ships no KaTeX script', async () => {
    expect(await page.locator('.katex').count()).toBeGreaterThan(10);
    expect(await page.locator('.katex-error').count()).toBe(0);
    const scripts = await page.evaluate(() => performance.getEntriesByType('resource').map((r) => r.name));
    expect(scripts.filter((s) => /katex.*\.js/i.test(s))).toEqual([]);
  });

  it('shows the exact source of sgd.update beside its formula', async () => {
    const source = findUpdateSource(readFileSync(new URL('../../src/optimizers/sgd.ts', import.meta.url), 'utf8'), 'sgd')!;
    const block = page.locator('.update-rule[data-optimizer="sgd"]');
    expect(await block.locator('.katex-display').count()).toBe(1);
    expect(await block.locator('pre code').innerText()).toBe(source.code);
  });

  it('links a formula line and its code line on hover and on keyboard focus', async () => {
    const block = page.locator('.update-rule[data-optimizer="sgd"]');
    const codeLine = block.locator('pre [data-eq="1"]');
    await block.locator('.update-rule__eq[data-eq="1"]').hover();
    await expect.poll(() => codeLine.getAttribute('class')).toContain('is-linked');
    await page.mouse.move(0, 0);
    await expect.poll(() => codeLine.getAttribute('class')).not.toContain('is-linked');
    await codeLine.focus();
    await expect.poll(() => block.locator('.update-rule__eq[data-eq="1"]').getAttribute('class')).toContain('is-linked');
  });

  it('runs the learning-rate demo, and its slider changes what happens', async () => {
    const demo = page.locator('descent-lr-demo');
    await demo.scrollIntoViewIfNeeded();
    const status = demo.locator('[role=status]');
    await expect.poll(() => status.textContent()).toMatch(/η = 0\.1\d* · after 20 steps .* converging/);
    const slider = demo.getByLabel('Learning rate η');
    await slider.focus();
    await page.keyboard.press('End');
    await expect.poll(() => status.textContent()).toMatch(/^η = 1\.5.*diverged/);
    await slider.fill('600'); // 0.01·150^0.6 ≈ 0.2
    expect(await status.textContent()).toMatch(/converging/);
    expect(await demo.locator('svg[role=img]').count()).toBe(2);
    expect(errors).toEqual([]);
  });
});
