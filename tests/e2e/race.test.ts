import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { launch } from '../../scripts/chromium.mjs';
import { DIVERGED_LOSS_RATIO } from '../../src/train/trainer';
import { openOnPage, playUntil, press, readStatus, tensorCount, waitForStatus } from './widgets';

let browser: Awaited<ReturnType<typeof launch>>;
let page: Page;
let errors: string[];
let race: Locator;

beforeAll(async () => {
  // Many more steps than the page's 1,500, which a fast machine plays before a test can press Pause.
  ({ browser, page, errors, widget: race } = await openOnPage('/lab/?lab-race-moons.steps=100000', 'descent-race'));
});
afterAll(() => browser.close());

const click = (name: string) => press(race, name);

describe('<descent-race>', () => {
  it('starts every runner from the same weights: equal initial losses', async () => {
    const items = await race.locator('ol.board li').allTextContents();
    expect(items).toHaveLength(4);
    // A runner whose line does not parse reads NaN, which fails here rather than matching the others.
    const losses = items.map((t) => Number(/train (\S+),/.exec(t)?.[1]));
    for (const loss of losses) expect(loss).toBeGreaterThan(0);
    expect(new Set(losses).size).toBe(1);
  });

  it('races in lock-step with a live leaderboard, and Reset gives identical numbers', async () => {
    for (let i = 0; i < 3; i++) await click('Step');
    const after3 = await race.locator('ol.board').textContent();
    expect((await readStatus(race)).step).toBe(3);
    await click('Reset');
    await waitForStatus(race, (s) => s.step === 0);
    for (let i = 0; i < 3; i++) await click('Step');
    expect(await race.locator('ol.board').textContent()).toBe(after3);
  });

  it('plays to a lower loss with a flat tensor count', async () => {
    const before = await readStatus(race);
    const count = await tensorCount(race);
    const later = await playUntil(race, (s) => s.step > 300);
    expect(later.loss).toBeLessThan(before.loss * 0.7);
    expect(later.text).toMatch(/leader: /);
    expect(await tensorCount(race)).toBe(count);
  });

  it('reports a runner that diverges and keeps the others racing; Reset recovers', async () => {
    await race.getByLabel('Dataset').selectOption('sine');
    const lr = race.getByLabel('SGD 1: learning rate η');
    await lr.focus();
    await page.keyboard.press('End');
    await click('Play');
    // The status shows the loss it stopped at: NaN, ∞, or finite but past the limit (how far past depends on
    // how many steps each frame took, which depends on the machine).
    const s = await waitForStatus(race, (x) => /SGD \(η 10\) diverged \(loss (∞|NaN|[\d.]+(e\d+)?)\)/.test(x.text));
    const loss = /SGD \(η 10\) diverged \(loss (\S+)\)/.exec(s.text)![1];
    if (loss !== 'NaN' && loss !== '∞') expect(Number(loss)).toBeGreaterThan(DIVERGED_LOSS_RATIO * 0.5); // sine: regression, know-nothing loss ½
    expect(s.text).toMatch(/leader: (?!SGD \(η 10\))/);
    await click('Pause');
    await lr.focus();
    await page.keyboard.press('Home');
    await click('Reset');
    expect((await waitForStatus(race, (x) => x.step === 0)).text).not.toMatch(/diverged/);
    expect(errors).toEqual([]);
  });

  it('over 3 seeds, draws each run’s mean over a band and reads mean ± spread', async () => {
    const seeds = race.getByLabel('seeds', { exact: true });
    await seeds.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await waitForStatus(race, (x) => x.step === 0 && /\(3 seeds\)/.test(x.text));
    for (let i = 0; i < 5; i++) await click('Step');
    const s = await waitForStatus(race, (x) => x.step === 5);
    expect(s.text).toMatch(/loss [\d.]+ ± [\d.e-]+ \(3 seeds\) · leader: /);
    // One band per run: Plot draws an area mark's fill-opacity on its group.
    await expect.poll(() => race.locator('.plot svg g[fill-opacity] path').count()).toBe(4);
    expect(await race.locator('.band-note').textContent()).toMatch(/mean over 3 seeds/);
    expect(errors).toEqual([]);
  });
});
