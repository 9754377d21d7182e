import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { launch, watchErrors } from '../../scripts/chromium.mjs';
import { openWidget, playUntil, tensorCount } from './widgets';

// Issue 14's bar for real data: the embedded trainer on the handwritten digits, with the
// dataset's defaults (64-32-10, batches of 32), passes 90 % test accuracy with Adam and with
// SGD at the dataset's own learning rate. By step 600, as the unit test finds in Node
// (tests/unit/train/groups.test.ts): the same seed gives the same numbers in the page's
// Worker. The time it takes is the bench's to report, not a test's to assert.
let browser: Awaited<ReturnType<typeof launch>>;
let page: Page;
let errors: string[];
beforeAll(async () => {
  browser = await launch();
  page = await browser.context.newPage();
  errors = watchErrors(page);
});
afterAll(() => browser.close());

const accuracy = (text: string) => Number(/test accuracy ([\d.]+) %/.exec(text)?.[1] ?? NaN);

it.each(['adam', 'sgd'])('/embed/trainer/?dataset=digits&optimizer=%s passes 90 %% test accuracy by step 600', async (optimizer) => {
  await page.goto(`${inject('baseURL')}/embed/trainer/?dataset=digits&optimizer=${optimizer}`, { waitUntil: 'networkidle' });
  const trainer = await openWidget(page, 'descent-trainer');
  const count = await tensorCount(trainer);
  const status = await playUntil(trainer, (s) => s.step >= 600);
  expect(accuracy(status.text), status.text).toBeGreaterThan(90);
  // It trained in the Worker, leaking nothing.
  expect(await page.evaluate(() => (globalThis as { __descentEngineWhere?: string }).__descentEngineWhere)).toBe('worker');
  expect(await tensorCount(trainer)).toBe(count);
  expect(errors).toEqual([]);
});
