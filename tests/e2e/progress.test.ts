import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, watchErrors } from '../../scripts/chromium.mjs';
import { chapters } from '../../src/curriculum';

let browser: Awaited<ReturnType<typeof launch>>;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());

describe('reading progress', () => {
  it('marks a chapter read at its end, ticks it in the sidebar, lists it on the Progress page, and resets', async () => {
    const page = await browser.context.newPage();
    const errors = watchErrors(page);
    await page.goto(inject('baseURL') + '/why-optimizers/', { waitUntil: 'networkidle' });
    const link = page.locator('nav.sidebar a[href$="/why-optimizers/"]');
    expect(await link.getAttribute('class')).not.toMatch(/is-read/);
    await page.locator('.chapter-end').scrollIntoViewIfNeeded();
    await expect.poll(() => link.getAttribute('class')).toMatch(/is-read/);
    expect(await link.textContent()).toMatch(/\(read\)/);

    // A passed exercise (as the exercise widget stores it) stars its chapter in the sidebar.
    await page.evaluate(() => localStorage.setItem('descent:exercise:adam', JSON.stringify({ passed: true, code: '' })));
    await page.reload({ waitUntil: 'networkidle' });
    const adam = page.locator('nav.sidebar a[href$="/adam/"]');
    expect(await adam.getAttribute('class')).toMatch(/is-solved/);
    expect(await adam.textContent()).toMatch(/\(exercises passed\)/);

    await page.goto(inject('baseURL') + '/progress/', { waitUntil: 'networkidle' });
    expect(await page.locator('[data-chapter="why-optimizers"] .state').textContent()).toBe('read');
    expect(await page.locator('[data-exercise="adam"] .state').textContent()).toBe('passed');
    expect(await page.locator('[data-chapter="momentum"] .state').textContent()).toBe('not read yet');
    const exercises = chapters.flatMap((c) => c.exercises ?? []).length;
    expect(await page.locator('.progress-summary').textContent()).toMatch(new RegExp(`read 1 of ${chapters.length} chapters and passed 1 of ${exercises} exercises`));
    page.once('dialog', (d) => d.accept());
    await page.getByRole('button', { name: 'Reset my progress' }).click();
    expect(await page.locator('.progress-summary').textContent()).toMatch(new RegExp(`read 0 of ${chapters.length} chapters`));
    expect(errors).toEqual([]);
    await page.close();
  });

  // Only Descent's own keys refuse here; tests/e2e/storage.test.ts refuses every key, Starlight's too.
  it('degrades quietly when storage refuses our writes (a full quota, some private modes)', async () => {
    const page = await browser.context.newPage();
    const errors = watchErrors(page);
    await page.addInitScript(() => {
      const setItem = Storage.prototype.setItem;
      Storage.prototype.setItem = function (key: string, value: string) {
        if (key.startsWith('descent:')) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return setItem.call(this, key, value);
      };
    });
    await page.goto(inject('baseURL') + '/progress/', { waitUntil: 'networkidle' });
    expect(await page.locator('.progress-summary').textContent()).toMatch(new RegExp(`read 0 of ${chapters.length}`));
    await page.goto(inject('baseURL') + '/sgd/', { waitUntil: 'networkidle' });
    await page.locator('.chapter-end').scrollIntoViewIfNeeded();
    await page.waitForTimeout(300);
    expect(errors).toEqual([]);
    await page.close();
  });
});
