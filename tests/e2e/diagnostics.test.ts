import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { launch } from '../../scripts/chromium.mjs';
import { openOnPage, playUntil, readStatus, tensorCount } from './widgets';

// The documented edge-of-stability setup (src/train/diagnostics.ts, EDGE_OF_STABILITY): sine, noise 0.1,
// 1-16-16-1 tanh, seed 1, SGD at η = 0.15 on all 100 training points every step (batch=100 is full batch).
const setup = 'dataset=sine&layers=16,16&activation=tanh&noise=0.1&seed=1&batch=100&optimizer=sgd&lr=0.15&diagnostics=on';

let browser: Awaited<ReturnType<typeof launch>>;
let page: Page;
let errors: string[];
let trainer: Locator;

beforeAll(async () => {
  ({ browser, page, errors, widget: trainer } = await openOnPage(`/embed/trainer/?${setup}`, 'descent-trainer'));
});
afterAll(() => browser.close());

/** The sharpness plot's data table, as numbers: [step, λ_max, 2/η, ratio, loss] per row. */
async function sharpnessRows(): Promise<number[][]> {
  const rows = await trainer.locator('.diagnostics figure').first().locator('table tr').evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')),
  );
  return rows.filter((r) => r.length).map((r) => r.map(Number));
}

describe('<descent-trainer diagnostics="on">, the edge-of-stability setup', () => {
  it('shows λ_max rising to 2/η and staying there, in its data table, with the tensor count flat', async () => {
    const panel = trainer.locator('.diagnostics');
    await expect.poll(() => panel.locator('.summary').textContent()).toMatch(/^step 0 · λ_max [\d.]+ · 2\/η 13\.33 · below the edge of stability$/);
    const count = await tensorCount(trainer);
    const [start] = await sharpnessRows();
    expect(start[0]).toBe(0);
    expect(start[3]).toBeLessThan(0.6); // 0.43 in Node

    await playUntil(trainer, (s) => s.step >= 1050);
    const status = await readStatus(trainer);
    await expect.poll(async () => (await sharpnessRows()).at(-1)![0]).toBeGreaterThanOrEqual(1000);
    const rows = await sharpnessRows();
    const late = rows.filter((r) => r[0] >= 1000);
    expect(late.length).toBeGreaterThan(0);
    for (const [, lambda, edge, ratio] of late) {
      expect(edge).toBeCloseTo(13.33, 2);
      expect(lambda / edge).toBeGreaterThan(0.85);
      expect(lambda / edge).toBeLessThan(1.15);
      expect(ratio).toBeCloseTo(lambda / edge, 2);
    }
    expect(rows.at(-1)![0]).toBeLessThanOrEqual(status.step);
    expect(await tensorCount(trainer)).toBe(count);

    // Plots with text alternatives: the boundary, the loss curves, λ_max, the effective steps.
    expect(await trainer.locator('svg[role=img]').count()).toBe(4);
    expect(await panel.locator('[role=img]').first().getAttribute('aria-label')).toMatch(/beside the line 2\/η = 13\.33; now at the edge of stability/);
    expect(await panel.getByRole('region', { name: /Per tensor at step \d+/ }).locator('tbody tr').count()).toBe(6); // 3 layers × weight, bias
    expect(await page.evaluate(() => (globalThis as { __descentEngineWhere?: string }).__descentEngineWhere)).toBe('worker');
    expect(errors).toEqual([]);
  });
});
