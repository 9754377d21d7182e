import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { launch } from '../../scripts/chromium.mjs';
import { DIVERGED_LOSS_RATIO } from '../../src/train/trainer';
import { openOnPage, playUntil, press, readStatus, tensorCount, waitForStatus } from './widgets';

let browser: Awaited<ReturnType<typeof launch>>;
let page: Page;
let errors: string[];
let trainer: Locator;

beforeAll(async () => {
  ({ browser, page, errors, widget: trainer } = await openOnPage('/adam/', 'descent-trainer'));
});
afterAll(() => browser.close());

const click = (name: string) => press(trainer, name);

describe('<descent-trainer>', () => {
  it('steps one batch at a time and Reset reproduces the same numbers (seeded)', async () => {
    const start = await readStatus(trainer);
    expect(start.step).toBe(0);
    for (let i = 0; i < 5; i++) await click('Step');
    const after5 = await readStatus(trainer);
    expect(after5.step).toBe(5);
    await click('Reset');
    await waitForStatus(trainer, (s) => s.step === 0);
    expect((await readStatus(trainer)).text).toBe(start.text);
    for (let i = 0; i < 5; i++) await click('Step');
    expect((await readStatus(trainer)).text).toBe(after5.text);
  });

  it('plays: the step count rises, the loss falls, and the tensor count stays flat', async () => {
    const before = await readStatus(trainer);
    const count = await tensorCount(trainer);
    const later = await playUntil(trainer, (s) => s.step > 3000);
    expect(later.loss).toBeLessThan(before.loss * 0.8);
    expect(await tensorCount(trainer)).toBe(count);
    expect(await trainer.locator('svg[role=img]').count()).toBe(2);
    // It trained in the engine's Worker: the page only drew.
    expect(await page.evaluate(() => (globalThis as { __descentEngineWhere?: string }).__descentEngineWhere)).toBe('worker');
  });

  it('changes dataset and optimizer from the controls: the plot, the sliders and the numbers follow', async () => {
    await trainer.getByLabel('Dataset').selectOption('sine');
    const start = await waitForStatus(trainer, (s) => s.step === 0);
    expect(await trainer.locator('svg[role=img]').first().getAttribute('aria-label')).toMatch(/fitted curve.*Sine/);
    const beta1 = trainer.getByLabel('first-moment decay β₁');
    expect(await beta1.count()).toBe(1);
    for (let i = 0; i < 5; i++) await click('Step');
    const adam = await readStatus(trainer);
    await trainer.getByLabel('Optimizer').selectOption('sgd');
    // The same weights and batches under another rule: the same start, other numbers five steps later.
    expect((await waitForStatus(trainer, (s) => s.step === 0)).text).toBe(start.text);
    expect(await beta1.count()).toBe(0); // SGD has no moments
    for (let i = 0; i < 5; i++) await click('Step');
    const sgd = await readStatus(trainer);
    expect(sgd.step).toBe(5);
    expect(sgd.loss).not.toBe(adam.loss);
    await playUntil(trainer, (s) => s.step > 200);
  });

  it('diverges cleanly at an absurd learning rate, and Reset recovers', async () => {
    // Regression has an unbounded loss: SGD at the largest learning rate overflows within a few steps.
    await trainer.getByLabel('Dataset').selectOption('sine');
    const lr = trainer.getByLabel('learning rate η');
    await lr.focus();
    await page.keyboard.press('End');
    await click('Play');
    const s = await waitForStatus(trainer, (x) => /diverged/.test(x.text));
    // Non-finite, or finite and past the limit (how far past depends on how many steps each frame took).
    const loss = /loss (∞|NaN|[\d.]+(?:e\d+)?) — diverged/.exec(s.text)?.[1];
    expect(loss).toBeDefined();
    if (loss !== 'NaN' && loss !== '∞') expect(Number(loss)).toBeGreaterThan(DIVERGED_LOSS_RATIO * 0.5); // sine: know-nothing loss ½
    expect(await trainer.getByRole('button', { name: 'Play' }).isDisabled()).toBe(true);
    await lr.focus();
    await page.keyboard.press('Home');
    await click('Reset');
    const back = await waitForStatus(trainer, (x) => x.step === 0);
    expect(back.text).not.toMatch(/diverged/);
    await click('Step');
    expect((await readStatus(trainer)).step).toBe(1);
    expect(errors).toEqual([]);
  });
});
