import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { launch, watchErrors } from '../../scripts/chromium.mjs';
import { openWidget } from './widgets';

let browser: Awaited<ReturnType<typeof launch>>;
let page: Page;
let errors: string[];
let exercise: Locator;

const correctAdam = `function update(param, grad, { m, v }, { lr, beta1, beta2, eps }, t) {
  const m1 = add(mul(m, beta1), mul(grad, 1 - beta1));
  const v1 = add(mul(v, beta2), mul(square(grad), 1 - beta2));
  const mHat = div(m1, 1 - beta1 ** t);
  const vHat = div(v1, 1 - beta2 ** t);
  return [sub(param, div(mul(lr, mHat), add(sqrt(vHat), eps))), { m: m1, v: v1 }];
}`;

beforeAll(async () => {
  browser = await launch();
  page = await browser.context.newPage();
  errors = watchErrors(page);
  await page.goto(inject('baseURL') + '/exercises/', { waitUntil: 'networkidle' });
  exercise = await openWidget(page, 'descent-exercise[optimizer="adam"]');
});
afterAll(() => browser.close());

const setCode = (code: string) => exercise.evaluate((el, c) => ((el as HTMLElement & { value: string }).value = c), code);
const status = () => exercise.locator('[role=status]');
async function checkAndWait(): Promise<string> {
  await exercise.getByRole('button', { name: 'Check' }).click();
  await expect.poll(async () => (await status().textContent()) ?? '', { timeout: 30_000 }).toMatch(/passed|failed|timed out/);
  return (await status().textContent()) ?? '';
}

describe('<descent-exercise>', () => {
  it('starts with a stub naming the state and hyperparameters, and hides the solution until an attempt', async () => {
    const value = await exercise.evaluate((el) => (el as HTMLElement & { value: string }).value);
    expect(value).toContain('function update(param, grad, { m, v }, { lr, beta1, beta2, eps }, t)');
    expect(value).toContain('lr = 0.001');
    await expect.poll(() => exercise.getByRole('button', { name: 'Show solution' }).count()).toBe(0);
    expect(await exercise.getByRole('textbox').getAttribute('aria-labelledby')).toBeTruthy();
  });

  it('passes a correct solution', async () => {
    await setCode(correctAdam);
    expect(await checkAndWait()).toBe('passed: 6 of 6 cases match');
  });

  it('fails a wrong one at its first differing step, shown in the table', async () => {
    await setCode(correctAdam.replace('1 - beta2 ** t', '1 - beta2'));
    const text = await checkAndWait();
    expect(text).toMatch(/^failed: case 1 differs at step 2 \(θ\[\d\]: expected .+, got .+\)$/);
    const rows = exercise.locator('table.diff tbody tr');
    expect(await rows.count()).toBe(2);
    expect(await rows.last().locator('td').first().textContent()).toBe('2');
  });

  it('shows an exception with its message and line', async () => {
    await setCode('function update(param, grad, { m, v }, hp, t) {\n  const x = 1;\n\n  return m.nope();\n}');
    expect(await checkAndWait()).toMatch(/^failed: TypeError: .*nope.* \(line 4\)/);
  });

  it('shows a syntax error with its line', async () => {
    await setCode('function update(param, grad, state, hp, t) {\n  const = 3;\n}');
    expect(await checkAndWait()).toMatch(/^failed: SyntaxError: .*\(line 2\)/);
  });

  it('stops an infinite loop', async () => {
    await setCode('function update() {\n  while (true) {}\n}');
    expect(await checkAndWait()).toBe('timed out after 3 s');
  });

  it('offers the solution after an attempt, and saves progress', async () => {
    const show = exercise.getByRole('button', { name: 'Show solution' });
    await show.click();
    expect(await exercise.locator('.solution pre').textContent()).toContain('function update(param, grad, { m, v }, { lr, beta1, beta2, eps }, t)');
    expect(await exercise.getByRole('button', { name: 'Hide solution' }).getAttribute('aria-expanded')).toBe('true');
    const saved = await page.evaluate(() => JSON.parse(localStorage.getItem('descent:exercise:adam') ?? 'null'));
    expect(saved.passed).toBe(true);
  });

  it('downloads a submission with the code and its SHA-256', async () => {
    await setCode(correctAdam);
    await checkAndWait();
    const [download] = await Promise.all([page.waitForEvent('download'), exercise.getByRole('button', { name: 'Download submission' }).click()]);
    const body = JSON.parse(await new Promise<string>((resolve, reject) => {
      download.createReadStream().then((s) => {
        let text = '';
        s.on('data', (d) => (text += d)).on('end', () => resolve(text)).on('error', reject);
      }, reject);
    }));
    expect(body.exercise).toBe('adam');
    expect(body.code).toBe(correctAdam);
    expect(body.results.passed).toBe(true);
    expect(body.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('logs no console errors', () => {
    expect(errors).toEqual([]);
  });
});
