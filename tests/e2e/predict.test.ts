import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from 'playwright-core';
import { openPage, startWidget } from './widgets';

let browser: Awaited<ReturnType<typeof openPage>>['browser'];
let page: Page;
let errors: string[];
let predict: Locator;
let race: Locator;

beforeAll(async () => {
  ({ browser, page, errors } = await openPage('/momentum/'));
  predict = page.locator('descent-predict#predict-momentum');
  race = await startWidget(predict.locator('descent-race'));
});
afterAll(() => browser.close());

const play = () => race.getByRole('button', { name: 'Play', exact: true });

describe('<Predict>', () => {
  it('keeps Play and Step disabled until an answer is committed, from the keyboard', async () => {
    expect(await play().isDisabled()).toBe(true);
    expect(await race.getByRole('button', { name: 'Step', exact: true }).isDisabled()).toBe(true);
    await expect.poll(() => predict.locator('.predict__hint').textContent()).toMatch(/disabled until you commit/);
    // Committing with nothing chosen does not release the race.
    await predict.getByRole('button', { name: 'Commit my answer' }).click();
    expect(await play().isDisabled()).toBe(true);
    await predict.getByRole('radio').first().focus();
    await page.keyboard.press('ArrowDown'); // the second run: momentum
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => play().isDisabled()).toBe(false);
    expect(await predict.getByRole('radio').nth(1).isChecked()).toBe(true);
    expect(await predict.getByRole('radio').first().isDisabled()).toBe(true);
    expect(new URL(page.url()).searchParams.get('predict-momentum.answer')).toBe('1');
  });

  it('after the run, sets the answer beside the outcome and shows the explanation', async () => {
    const explanation = predict.locator('.predict__explanation');
    expect(await explanation.isVisible()).toBe(false);
    await play().click();
    await expect
      .poll(() => predict.locator('.predict__outcome').textContent(), { timeout: 180_000, interval: 250 })
      .toBe('You said SGD with momentum (η 0.01) · the run says SGD with momentum (η 0.01) — right.');
    expect(await explanation.isVisible()).toBe(true);
    expect(await explanation.textContent()).toMatch(/Momentum wins/);
  }, 200_000);

  it('keeps the committed answer and the finished run in the link', async () => {
    expect(new URL(page.url()).searchParams.get('predict-momentum-race.step')).toBe('500');
    const other = await browser.context.newPage();
    await other.goto(page.url(), { waitUntil: 'networkidle' });
    const again = other.locator('descent-predict#predict-momentum');
    await startWidget(again.locator('descent-race'));
    expect(await again.getByRole('radio').nth(1).isChecked()).toBe(true);
    // The race replays the linked run to its end, and the outcome is shown again.
    await expect
      .poll(() => again.locator('.predict__outcome').textContent(), { timeout: 180_000, interval: 250 })
      .toBe('You said SGD with momentum (η 0.01) · the run says SGD with momentum (η 0.01) — right.');
    await other.close();
  }, 200_000);

  it('does not replay a linked run before an answer is committed', async () => {
    const url = new URL(page.url());
    url.searchParams.delete('predict-momentum.answer');
    const other = await browser.context.newPage();
    await other.goto(url.href, { waitUntil: 'networkidle' });
    const held = await startWidget(other.locator('descent-predict#predict-momentum descent-race'));
    expect(await held.getByRole('button', { name: 'Play', exact: true }).isDisabled()).toBe(true);
    expect(await held.locator('[role=status]').textContent()).toMatch(/^step 0 /);
    await other.close();
  });

  it('axe finds nothing serious, and the page logs no errors', async () => {
    const { violations } = await new AxeBuilder({ page }).include('descent-predict').analyze();
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
