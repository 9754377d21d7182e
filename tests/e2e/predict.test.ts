import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
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

describe('<Predict> with a number to type (/lion/, predict-lion-cosine)', () => {
  let numeric: Locator;
  let lion: Page;
  beforeAll(async () => {
    lion = await browser.context.newPage();
    await lion.goto(inject('baseURL') + '/lion/', { waitUntil: 'networkidle' });
    numeric = lion.locator('descent-predict#predict-lion-cosine');
    await startWidget(numeric.locator('descent-race'));
  });
  afterAll(() => lion.close());

  const numericPlay = () => numeric.locator('descent-race').getByRole('button', { name: 'Play', exact: true });

  it('refuses what is not a number, then commits one typed and entered by keyboard', async () => {
    const input = numeric.getByRole('textbox', { name: /Your answer: the training loss/ });
    expect(await input.getAttribute('aria-describedby')).toContain('predict-lion-cosine-rule');
    expect(await numeric.locator('.predict__rule').textContent()).toBe("Answers within ±25 % of the run's training loss count as right.");
    await input.focus();
    await lion.keyboard.press('Enter'); // nothing typed
    await expect.poll(() => numeric.locator('.predict__hint').textContent()).toBe('Type a number first.');
    await lion.keyboard.type('a lot');
    await lion.keyboard.press('Enter');
    await expect.poll(() => numeric.locator('.predict__hint').textContent()).toMatch(/is not a number/);
    expect(await input.getAttribute('aria-invalid')).toBe('true');
    expect(await numericPlay().isDisabled()).toBe(true);
    await input.fill('');
    await lion.keyboard.type('0.004');
    await lion.keyboard.press('Enter');
    await expect.poll(() => numericPlay().isDisabled()).toBe(false);
    expect(await numeric.locator('.predict__hint').textContent()).toMatch(/^Your answer: 0\.004\. Now press Play/);
    expect(await input.isDisabled()).toBe(true);
    expect(new URL(lion.url()).searchParams.get('predict-lion-cosine.answer')).toBe('0.004');
  });

  it('after the run, sets the typed number beside the run\'s and reads out both with the explanation', async () => {
    await numericPlay().click();
    const outcome = numeric.locator('.predict__outcome');
    await expect.poll(() => outcome.textContent(), { timeout: 180_000, interval: 250 }).toMatch(/^You said 0\.004 · the run says [\d.e-]+ — (right: anything|anything) from [\d.e-]+ to [\d.e-]+ (counts|would have counted)\.$/);
    expect(await numeric.locator('.predict__explanation').isVisible()).toBe(true);
    const spoken = (await numeric.getByRole('status').filter({ hasText: 'You said' }).textContent()) ?? '';
    expect(spoken.startsWith((await outcome.textContent())!)).toBe(true);
    expect(spoken).toMatch(/A decaying schedule gets both the fast start/);
    const { violations } = await new AxeBuilder({ page: lion }).include('descent-predict#predict-lion-cosine').analyze();
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  }, 200_000);
});

