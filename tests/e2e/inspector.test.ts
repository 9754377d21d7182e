import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { launch } from '../../scripts/chromium.mjs';
import { openOnPage, readStatus, tensorCount, press } from './widgets';

let browser: Awaited<ReturnType<typeof launch>>;
let page: Page;
let errors: string[];
let inspector: Locator;

beforeAll(async () => {
  ({ browser, page, errors, widget: inspector } = await openOnPage('/adam/', 'descent-inspector'));
});
afterAll(() => browser.close());

const cell = (symbol: string, col: number) =>
  inspector.locator('tr', { has: page.locator(`td:nth-child(2):text-is("${symbol}")`) }).locator(`td:nth-child(${col})`);

describe('<descent-inspector>', () => {
  it('walks Adam one formula line at a time, highlighting that line in the formula and the code', async () => {
    await inspector.getByRole('button', { name: 'Next line' }).click();
    expect((await readStatus(inspector)).text).toMatch(/step 1 · loss .* showing formula line 1 of 4/);
    expect(await cell('mₜ', 3).textContent()).toBe('0.2'); // (1 − 0.9)·g, g = 2
    const block = page.locator('.update-rule[data-optimizer="adam"]');
    expect(await block.locator('.is-executing').count()).toBe(2); // formula line (1) and its code line
    // The lit line is also shown in the inspector, for when the block is off screen.
    const shown = inspector.locator('.formula-line');
    expect(await shown.locator('figcaption').textContent()).toBe('Formula line (1)');
    expect(await shown.locator('math annotation').textContent()).toBe(await block.locator('.update-rule__eq[data-eq="1"] annotation').textContent());
    await inspector.getByRole('button', { name: 'Next line' }).click();
    await inspector.getByRole('button', { name: 'Next line' }).click();
    expect(await cell('m̂ₜ', 3).textContent()).toBe('2'); // bias correction gives back g exactly
    expect(await cell('v̂ₜ', 4).textContent()).toBe('100');
    await press(inspector, 'Step'); // finish the step
    expect(await cell('θₜ', 3).textContent()).toBe('1.9');
    expect(await cell('θₜ', 4).textContent()).toBe('0.9'); // both parameters move by η = 0.1
    // The chapter's inspector compares with adam:nobias on the same gradients: its step is (1 − β₁)/√(1 − β₂) = 3.162 times as long.
    expect(await cell('Adam (no bias correction): step on the same gradients', 3).textContent()).toBe('-0.3162');
    expect(await cell('ratio of its step to this one', 3).textContent()).toBe('3.162');
    expect(await cell('ratio of its step to this one', 4).textContent()).toBe('3.162');
    expect(await block.locator('.is-executing').count()).toBe(0); // a finished step highlights nothing
    expect(await inspector.locator('.formula-line').isHidden()).toBe(true);
  });

  it('steps, resets to identical numbers, and keeps the tensor count flat', async () => {
    for (let i = 0; i < 5; i++) await press(inspector, 'Step');
    const status = await readStatus(inspector);
    expect(status.step).toBe(6);
    const count = await tensorCount(inspector);
    await inspector.getByRole('button', { name: 'Reset' }).click();
    expect((await readStatus(inspector)).step).toBe(0);
    for (let i = 0; i < 6; i++) await press(inspector, 'Step');
    expect(await readStatus(inspector)).toEqual(status);
    expect(await tensorCount(inspector)).toBe(count);
  });

  it('changes optimizer and hyperparameters, and shows divergence', async () => {
    await inspector.getByLabel('Optimizer').selectOption('sgd');
    const lr = inspector.getByLabel('learning rate η');
    await lr.focus();
    await page.keyboard.press('End'); // η = 10 on curvature 10: far past 2/λ
    for (let i = 0; i < 40; i++) {
      if (await inspector.getByRole('button', { name: 'Step' }).isDisabled()) break;
      await press(inspector, 'Step');
    }
    expect((await readStatus(inspector)).text).toMatch(/loss (∞|NaN) — diverged/);
    await page.keyboard.press('Home');
    await inspector.getByRole('button', { name: 'Reset' }).click();
    expect((await readStatus(inspector)).text).toMatch(/^step 0 · loss 7$/);
    expect(errors).toEqual([]);
  });
});
