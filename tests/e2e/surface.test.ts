import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { launch } from '../../scripts/chromium.mjs';
import { openOnPage, readStatus, tensorCount, waitForStatus, press } from './widgets';

let browser: Awaited<ReturnType<typeof launch>>;
let page: Page;
let errors: string[];
let surface: Locator;

beforeAll(async () => {
  ({ browser, page, errors, widget: surface } = await openOnPage('/gradient-descent/', 'descent-surface'));
});
afterAll(() => browser.close());

describe('<descent-surface>', () => {
  it('starts at step 0 and Step advances one step at a time', async () => {
    expect((await readStatus(surface)).step).toBe(0);
    await press(surface, 'Step');
    await press(surface, 'Step');
    expect((await readStatus(surface)).step).toBe(2);
  });

  it('plays to the end with a falling loss, reports the diverged run, and Reset gives the same numbers again', async () => {
    const before = await readStatus(surface);
    await surface.getByRole('button', { name: 'Play' }).click();
    const end = await waitForStatus(surface, (s) => s.step === 150);
    expect(end.loss).toBeLessThan(before.loss / 100);
    expect(end.text).toMatch(/η 0\.21\) diverged \(loss (∞|NaN|[\d.]+e\d+)\)/); // overflowed, or flown past 1e6
    await expect.poll(() => surface.getByRole('button', { name: 'Play' }).count()).toBe(1);
    await surface.getByRole('button', { name: 'Reset' }).click();
    expect((await readStatus(surface)).step).toBe(0);
    await surface.getByRole('button', { name: 'Play' }).click();
    expect((await waitForStatus(surface, (s) => s.step === 150)).text).toBe(end.text);
  });

  it('diverges cleanly when every learning rate is too large, and Reset recovers', async () => {
    for (const i of [1, 2, 3]) {
      const lr = surface.getByLabel(`SGD ${i}: learning rate η`);
      await lr.focus();
      await page.keyboard.press('End');
    }
    await surface.getByRole('button', { name: 'Play' }).click();
    const s = await waitForStatus(surface, (x) => /diverged/.test(x.text) && x.loss === Infinity);
    expect(s.text).toMatch(/loss ∞ — diverged/);
    for (const i of [1, 2, 3]) {
      const lr = surface.getByLabel(`SGD ${i}: learning rate η`);
      await lr.focus();
      await page.keyboard.press('Home');
    }
    await surface.getByRole('button', { name: 'Reset' }).click();
    expect(await readStatus(surface)).toMatchObject({ step: 0 });
    expect((await readStatus(surface)).text).not.toMatch(/diverged/);
  });

  it('moves the start point with the keyboard and by clicking the plot', async () => {
    const stage = surface.locator('.stage');
    const label = await stage.getAttribute('aria-label');
    await stage.focus();
    await page.keyboard.press('ArrowRight');
    const moved = await stage.getAttribute('aria-label');
    expect(moved).not.toBe(label);
    expect(moved).toMatch(/Start point \(-3\.1, 1\.5\)/);
    const box = (await stage.locator('svg').first().boundingBox())!;
    await page.mouse.click(box.x + box.width * 0.6, box.y + box.height * 0.5);
    expect(await stage.getAttribute('aria-label')).not.toBe(moved);
  });

  it('changes function from the select, and keeps the tensor count flat while it runs', async () => {
    await surface.getByLabel('Function', { exact: true }).selectOption('rosenbrock');
    const count = await tensorCount(surface);
    for (let i = 0; i < 3; i++) {
      await surface.getByRole('button', { name: 'Reset' }).click();
      await surface.getByRole('button', { name: 'Play' }).click();
      await waitForStatus(surface, (s) => s.step === 150 || /diverged/.test(s.text));
      await expect.poll(() => surface.getByRole('button', { name: 'Play' }).count()).toBe(1);
    }
    expect(await tensorCount(surface)).toBe(count);
    expect(errors).toEqual([]);
  });
});
