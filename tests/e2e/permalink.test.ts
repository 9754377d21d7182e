import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, watchErrors } from '../../scripts/chromium.mjs';
import { openWidget, readStatus, press } from './widgets';

let browser: Awaited<ReturnType<typeof launch>>;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());

describe('permalinks', () => {
  it('round-trips a paused trainer through the URL: same numbers after restoring, and Play continues identically', async () => {
    const page = await browser.context.newPage();
    const errors = watchErrors(page);
    await page.goto(inject('baseURL') + '/adam/', { waitUntil: 'networkidle' });
    const trainer = await openWidget(page, 'descent-trainer');
    await trainer.getByLabel('Dataset').selectOption('moons');
    for (let i = 0; i < 37; i++) await press(trainer, 'Step');
    const original = await readStatus(trainer);
    const url = page.url();
    expect(url).toMatch(/adam-trainer\.dataset=moons/);
    expect(url).toMatch(/adam-trainer\.step=37/);

    const copy = await browser.context.newPage();
    await copy.goto(url, { waitUntil: 'networkidle' });
    const restored = await openWidget(copy, 'descent-trainer');
    // Restoring runs only while the widget is on screen: keep it there while other widgets load above it.
    await expect
      .poll(async () => {
        await restored.scrollIntoViewIfNeeded();
        return (await readStatus(restored)).text;
      }, { timeout: 30_000 })
      .toMatch(/^step 37 /);
    const again = await readStatus(restored);
    expect(again.text).toBe(original.text);
    expect(await restored.getByLabel('Dataset').inputValue()).toBe('moons');
    expect(await restored.getByRole('button', { name: 'Play' }).count()).toBe(1); // paused

    for (const t of [trainer, restored]) for (let i = 0; i < 5; i++) await press(t, 'Step');
    expect((await readStatus(restored)).text).toBe((await readStatus(trainer)).text);
    expect(errors).toEqual([]);
    await page.close();
    await copy.close();
  });

  it('keeps each widget’s state under its own key', async () => {
    const page = await browser.context.newPage();
    await page.goto(inject('baseURL') + '/adam/', { waitUntil: 'networkidle' });
    const inspector = await openWidget(page, 'descent-inspector');
    for (let i = 0; i < 3; i++) await press(inspector, 'Step');
    const surface = await openWidget(page, 'descent-surface');
    await surface.getByLabel('Function', { exact: true }).selectOption('beale');
    const url = new URL(page.url());
    expect(url.searchParams.get('adam-inspector.step')).toBe('3');
    expect(url.searchParams.get('adam-surface.fn')).toBe('beale');
    const statusBefore = await readStatus(inspector);

    await page.goto(url.href, { waitUntil: 'networkidle' });
    const inspector2 = await openWidget(page, 'descent-inspector');
    expect((await readStatus(inspector2)).text).toBe(statusBefore.text);
    const surface2 = await openWidget(page, 'descent-surface');
    expect(await surface2.getByLabel('Function', { exact: true }).inputValue()).toBe('beale');
    await page.close();
  });

  it('applies instructor presets from attributes or the URL (here under an old position key): hidden and locked controls', async () => {
    const page = await browser.context.newPage();
    await page.goto(inject('baseURL') + '/adam/?trainer1.hide=optimizer,dataset&trainer1.lock=lr,batch', { waitUntil: 'networkidle' });
    const trainer = await openWidget(page, 'descent-trainer');
    expect(await trainer.getByLabel('Optimizer').isVisible()).toBe(false);
    expect(await trainer.getByLabel('Dataset').isVisible()).toBe(false);
    expect(await trainer.getByLabel('learning rate η').isDisabled()).toBe(true);
    expect(await trainer.getByLabel('batch size').isDisabled()).toBe(true);
    expect(await trainer.getByLabel('Activation').isDisabled()).toBe(false);
    // The presets survive into the links the widget writes.
    await trainer.getByRole('button', { name: 'Embed' }).click();
    expect(await trainer.getByLabel('With one script tag').inputValue()).toMatch(/hide="optimizer,dataset" lock="lr,batch"/);
    await page.close();
  });
});
