import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launch, watchErrors } from '../../scripts/chromium.mjs';
import { readStatus } from './widgets';

// The landing page's first screen: a live race in the hero, and a theme control on phones.
let browser: Awaited<ReturnType<typeof launch>>;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());

async function open(width: number, reducedMotion: 'reduce' | 'no-preference' = 'no-preference'): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  await page.setViewportSize({ width, height: width < 800 ? 812 : 900 });
  await page.emulateMedia({ reducedMotion });
  await page.goto(inject('baseURL') + '/', { waitUntil: 'domcontentloaded' });
  return { page, errors };
}

const hero = (page: Page) => page.locator('.live-hero descent-surface');
const ready = (page: Page) => hero(page).evaluate((e) => (e as HTMLElement & { ready: Promise<void> }).ready);

describe('the landing page', () => {
  it('plays a race of three optimizers in the hero on its own, pausable, without moving the text', async () => {
    const { page, errors } = await open(1280);
    const title = page.locator('.hero h1');
    const before = (await title.boundingBox())!;
    await ready(page);
    const widget = hero(page);
    expect(await widget.locator('.legend li .swatch').count()).toBe(3); // the runs; the legend also keys the minimum and the start
    await expect.poll(async () => (await readStatus(widget)).step, { timeout: 30_000 }).toBeGreaterThan(5);
    // Beside the text on desktop, and the text stays where it was before the widget loaded.
    const box = (await widget.boundingBox())!;
    expect(box.x).toBeGreaterThan(before.x + before.width);
    expect(Math.abs((await title.boundingBox())!.y - before.y)).toBeLessThan(4);
    await widget.getByRole('button', { name: 'Pause' }).click();
    const paused = (await readStatus(widget)).step;
    await page.waitForTimeout(500);
    expect((await readStatus(widget)).step).toBe(paused);
    expect(await widget.getByRole('button', { name: 'Play' }).count()).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('waits for Play when the reader asks for reduced motion', async () => {
    const { page } = await open(1280, 'reduce');
    await ready(page);
    await page.waitForTimeout(500);
    expect((await readStatus(hero(page))).step).toBe(0);
    await hero(page).getByRole('button', { name: 'Play' }).click();
    await expect.poll(async () => (await readStatus(hero(page))).step, { timeout: 30_000 }).toBeGreaterThan(0);
    await page.close();
  });

  it('offers the theme on a phone, where there is no sidebar menu, and the race sits under the promise', async () => {
    const { page, errors } = await open(375);
    const select = page.locator('header starlight-theme-select select');
    await expect.poll(() => select.filter({ visible: true }).count()).toBe(1);
    await select.filter({ visible: true }).selectOption('dark');
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    const tagline = (await page.locator('.hero .tagline').boundingBox())!;
    expect((await hero(page).boundingBox())!.y).toBeGreaterThan(tagline.y + tagline.height);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('leaves a chapter’s phone header as it was: the theme is in its menu', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 375, height: 812 });
    await page.goto(inject('baseURL') + '/adam/', { waitUntil: 'domcontentloaded' });
    expect(await page.locator('header starlight-theme-select select').filter({ visible: true }).count()).toBe(0);
    await page.close();
  });
});
