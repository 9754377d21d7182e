import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, watchErrors } from '../../scripts/chromium.mjs';
import { chapters } from '../../src/curriculum';
import { check, openWidget, playUntil } from './widgets';

// Two ways browsers refuse storage. Each runs in every frame before any of the page's scripts.
const refusals = [
  {
    name: 'reading localStorage itself throws (Chrome with site data blocked)',
    init: () => {
      for (const name of ['localStorage', 'sessionStorage']) {
        Object.defineProperty(window, name, {
          get() {
            throw new DOMException(`Failed to read the '${name}' property from 'Window': Access is denied for this document.`, 'SecurityError');
          },
        });
      }
      // Blocked site data refuses a service worker too.
      ServiceWorkerContainer.prototype.register = () => Promise.reject(new DOMException('The user denied permission to use Service Worker.', 'SecurityError'));
    },
  },
  {
    name: 'getItem and setItem throw (private modes, a full quota)',
    init: () => {
      Storage.prototype.getItem = Storage.prototype.setItem = () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
    },
  },
];

let browser: Awaited<ReturnType<typeof launch>>;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());

/** Switches the theme with Starlight's picker and reads the theme the page shows. */
async function pickTheme(page: Page, theme: 'light' | 'dark') {
  // Pages with a sidebar have a second picker, in the phone menu.
  await page.getByLabel('Select theme').filter({ visible: true }).selectOption(theme);
  return page.evaluate(() => document.documentElement.dataset.theme);
}

describe.each(refusals)('where $name', ({ init }) => {
  let page: Page;
  let errors: string[];
  beforeAll(async () => {
    page = await browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.addInitScript(init);
    errors = watchErrors(page);
  });
  afterAll(() => page.close());

  it('the landing page loads and the theme still switches, for the page', async () => {
    await page.goto(inject('baseURL') + '/', { waitUntil: 'networkidle' });
    expect(await page.evaluate(() => Object.keys(window).includes('StarlightThemeProvider'))).toBe(true);
    expect(await pickTheme(page, 'light')).toBe('light');
    expect(await pickTheme(page, 'dark')).toBe('dark');
    expect(errors).toEqual([]);
  });

  it('a chapter: the sidebar folds, the trainer trains, reading to the end is quiet', async () => {
    await page.goto(inject('baseURL') + '/adam/', { waitUntil: 'networkidle' });
    expect(await pickTheme(page, 'light')).toBe('light');
    // Starlight remembers folded sidebar groups in sessionStorage.
    const group = page.locator('nav.sidebar details').first();
    await group.locator('summary').click();
    expect(await group.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);

    const trainer = await openWidget(page, 'descent-trainer');
    await playUntil(trainer, (s) => s.step > 200);
    expect(await trainer.locator('svg[role=img]').count()).toBe(2);

    // Reaching the end marks the chapter read; two frames let the intersection observer report it.
    await page.locator('.chapter-end').scrollIntoViewIfNeeded();
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    // Leaving the page is when Starlight saves the sidebar's state.
    await page.goto(inject('baseURL') + '/momentum/', { waitUntil: 'networkidle' });
    expect(errors).toEqual([]);
  });

  it('the Progress page says nothing is recorded', async () => {
    await page.goto(inject('baseURL') + '/progress/', { waitUntil: 'networkidle' });
    expect(await page.locator('.progress-summary').textContent()).toMatch(new RegExp(`read 0 of ${chapters.length} chapters and passed 0 of 13 exercises`));
    expect(await pickTheme(page, 'light')).toBe('light');
    expect(errors).toEqual([]);
  });

  it('an exercise checks the code', async () => {
    await page.goto(inject('baseURL') + '/exercises/', { waitUntil: 'networkidle' });
    const exercise = await openWidget(page, 'descent-exercise[optimizer="sgd"]');
    expect(await check(exercise)).toMatch(/^failed: case 1 differs/);
    expect(await pickTheme(page, 'dark')).toBe('dark');
    expect(errors).toEqual([]);
  });
});
