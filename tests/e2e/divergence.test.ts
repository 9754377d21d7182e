import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { optimizers } from '../../src/optimizers';
import { openPage, readStatus, tensorCount, waitForStatus } from './widgets';

// An optimizer at the top of its learning-rate slider, in the trainer widget:
// the run ends in a clean state, never an exception or a frozen page. Either the
// widget says "diverged", stops (Play and Step disabled) and Reset brings back a
// fresh run at step 0, or it trained the requested steps with finite losses.
// The whole table (every optimizer on every dataset and surface) runs in Node,
// in tests/unit/train/max-learning-rate.test.ts, which also says why not every
// such run diverges; the browser adds the widget's side, for one case of each outcome.

const STEPS = 300;
let browser: Awaited<ReturnType<typeof openPage>>['browser'];
let page: Page;
let errors: string[];

beforeAll(async () => {
  ({ browser, page, errors } = await openPage('/embed/trainer/'));
});
afterAll(() => browser.close());

/**
 * A fresh trainer replaying a run to STEPS (the permalink mechanism), in place
 * of the last one. Each has its own id: a widget's state in the page address is
 * keyed by id, and a Reset writes step 0 there.
 */
let runs = 0;
async function trainerFor(optimizer: string, dataset: string): Promise<Locator> {
  const id = `run${++runs}`;
  await page.evaluate(
    ({ optimizer, dataset, lr, steps, id }) => {
      document.querySelectorAll('descent-trainer').forEach((el) => el.remove());
      const el = document.createElement('descent-trainer');
      Object.entries({ optimizer, dataset, lr: String(lr), step: String(steps), id }).forEach(([k, v]) => el.setAttribute(k, v));
      document.body.prepend(el);
    },
    { optimizer, dataset, lr: optimizers[optimizer].hyper.lr.max, steps: STEPS, id },
  );
  const widget = page.locator(`#${id}`);
  await widget.evaluate((el) => (el as HTMLElement & { ready: Promise<void> }).ready);
  return widget;
}

const cases = [
  { optimizer: 'momentum', dataset: 'sine', outcome: 'diverged' },
  { optimizer: 'sgd', dataset: 'gaussians', outcome: 'finite' },
];

describe('at its maximum learning rate', () => {
  it.each(cases)('$optimizer on $dataset ends $outcome, cleanly', async ({ optimizer, dataset, outcome }) => {
    const widget = await trainerFor(optimizer, dataset);
    const end = await waitForStatus(widget, (s) => s.text.includes('diverged') || s.step === STEPS);
    const play = widget.getByRole('button', { name: 'Play', exact: true });
    const step = widget.getByRole('button', { name: 'Step', exact: true });
    expect(end.text.includes('diverged') ? 'diverged' : 'finite', end.text).toBe(outcome);
    if (outcome === 'diverged') {
      expect(end.text).toMatch(/^step \d+ · loss \S+ — diverged: press Reset, then lower the learning rate$/);
      expect(await play.isDisabled()).toBe(true);
      expect(await step.isDisabled()).toBe(true);
      const count = await tensorCount(widget);
      await widget.getByRole('button', { name: 'Reset', exact: true }).click();
      const fresh = await waitForStatus(widget, (s) => s.step === 0);
      expect(Number.isFinite(fresh.loss)).toBe(true);
      expect(await play.isDisabled()).toBe(false);
      expect(await tensorCount(widget)).toBe(count); // the new run holds what the old one did
    } else {
      expect(Number.isFinite(end.loss)).toBe(true);
      expect((await readStatus(widget)).text).toMatch(/test loss [\d.e+-]+ /);
    }
    expect(errors).toEqual([]);
  });
});
