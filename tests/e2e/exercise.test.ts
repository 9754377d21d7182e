import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from 'playwright-core';
import { watchErrors } from '../../scripts/chromium.mjs';
import { check, openOnPage, openWidget, setCode, verdict } from './widgets';

let browser: Awaited<ReturnType<typeof openOnPage>>['browser'];
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
  ({ browser, page, errors, widget: exercise } = await openOnPage('/exercises/', 'descent-exercise[optimizer="adam"]'));
});
afterAll(() => browser.close());

describe('<descent-exercise>', () => {
  it('starts with a stub naming the state and hyperparameters, and hides the solution until an attempt', async () => {
    const value = await exercise.evaluate((el) => (el as HTMLElement & { value: string }).value);
    expect(value).toContain('function update(param, grad, { m, v }, { lr, beta1, beta2, eps }, t)');
    expect(value).toContain('lr = 0.001');
    await expect.poll(() => exercise.getByRole('button', { name: 'Show solution' }).count()).toBe(0);
    expect(await exercise.getByRole('textbox', { name: /update/ }).getAttribute('aria-labelledby')).toBeTruthy();
  });

  it('loads the code editor only when the code is first touched, keeping the text, caret and focus', async () => {
    const editorLoaded = () => page.evaluate(() => performance.getEntriesByType('resource').some((r) => /\/code-editor\.[\w-]+\.js$/.test(r.name)));
    const box = page.locator('descent-exercise[optimizer="momentum"]');
    await openWidget(page, 'descent-exercise[optimizer="momentum"]');
    expect(await editorLoaded()).toBe(false);
    const textarea = box.locator('textarea');
    const before = await textarea.inputValue();
    await textarea.evaluate((t: HTMLTextAreaElement) => t.setSelectionRange(0, 0));
    await textarea.focus();
    await expect.poll(() => box.locator('.cm-content').count()).toBe(1);
    expect(await editorLoaded()).toBe(true);
    expect(await box.locator('textarea').count()).toBe(0);
    expect(await box.evaluate((e) => e.shadowRoot!.activeElement?.classList.contains('cm-content'))).toBe(true);
    await page.keyboard.type('// mine\n');
    expect(await box.evaluate((e) => (e as HTMLElement & { value: string }).value)).toBe('// mine\n' + before);
    // Ctrl+Enter checks from the editor.
    await page.keyboard.press('Control+Enter');
    expect(await verdict(box)).toMatch(/^failed/);
  });

  it('passes a correct solution', async () => {
    await setCode(exercise, correctAdam);
    expect(await check(exercise)).toBe('passed: 6 of 6 cases match');
  });

  it('fails a wrong one at its first differing step, shown in the table', async () => {
    await setCode(exercise, correctAdam.replace('1 - beta2 ** t', '1 - beta2'));
    const text = await check(exercise);
    expect(text).toMatch(/^failed: case 1 differs at step 2 \(θ\[\d\]: expected .+, got .+\)$/);
    const rows = exercise.locator('table.diff tbody tr');
    expect(await rows.count()).toBe(2);
    expect(await rows.last().locator('td').first().textContent()).toBe('2');
  });

  it('shows an exception with its message and line', async () => {
    await setCode(exercise, 'function update(param, grad, { m, v }, hp, t) {\n  const x = 1;\n\n  return m.nope();\n}');
    expect(await check(exercise)).toMatch(/^failed: TypeError: .*nope.* \(line 4\)/);
  });

  it('shows a syntax error with its line', async () => {
    await setCode(exercise, 'function update(param, grad, state, hp, t) {\n  const = 3;\n}');
    expect(await check(exercise)).toMatch(/^failed: SyntaxError: .*\(line 2\)/);
  });

  it('stops an infinite loop', async () => {
    await setCode(exercise, 'function update() {\n  while (true) {}\n}');
    expect(await check(exercise)).toBe('timed out after 3 s');
  });

  it('offers the solution after an attempt, and saves progress', async () => {
    const show = exercise.getByRole('button', { name: 'Show solution' });
    await show.click();
    expect(await exercise.locator('.solution pre').textContent()).toContain('function update(param, grad, { m, v }, { lr, beta1, beta2, eps }, t)');
    expect(await exercise.getByRole('button', { name: 'Hide solution' }).getAttribute('aria-expanded')).toBe('true');
    const saved = await page.evaluate(() => JSON.parse(localStorage.getItem('descent:exercise:adam') ?? 'null'));
    expect(saved.passed).toBe(true);
  });

  it('downloads a submission with the code, its SHA-256 and the student, named after the student', async () => {
    await setCode(exercise, correctAdam);
    await check(exercise);
    await exercise.getByLabel('Your name or student id').fill(' José Núñez/1 ');
    await exercise.getByLabel('Your name or student id').blur();
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
    expect(body.student).toBe('José Núñez/1');
    expect(download.suggestedFilename()).toBe('descent-adam-Jose-Nunez1.json');
    // Remembered for every exercise, on the next visit too.
    const other = await browser.context.newPage();
    await other.goto(inject('baseURL') + '/exercises/', { waitUntil: 'networkidle' });
    const sgd = await openWidget(other, 'descent-exercise[optimizer="sgd"]');
    expect(await sgd.getByLabel('Your name or student id').inputValue()).toBe('José Núñez/1');
    await other.close();
  });

  it('loads every exercise, keyboard-reachable, and axe finds nothing serious', async () => {
    const all = await page.locator('descent-exercise').all();
    expect(all.length).toBe(18);
    for (const el of all) {
      await el.scrollIntoViewIfNeeded();
      await el.evaluate((e) => (e as HTMLElement & { ready: Promise<void> }).ready);
      expect(await el.evaluate((e) => (e as HTMLElement & { value: string }).value)).toMatch(/function update\(/);
    }
    for (const theme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme: theme as 'light' | 'dark' });
      await page.evaluate((t) => (document.documentElement.dataset.theme = t), theme);
      const { violations } = await new AxeBuilder({ page }).include('descent-exercise').analyze();
      expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${theme} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    }
    // Tab goes from the editor to the Check button: the editor does not trap focus.
    const sgd = page.locator('descent-exercise[optimizer="sgd"]');
    await sgd.getByRole('textbox', { name: /update/ }).focus();
    await page.keyboard.press('Tab');
    expect(await sgd.evaluate((e) => e.shadowRoot!.activeElement?.textContent)).toBe('Check');
    await page.keyboard.press('Enter');
    expect(await verdict(sgd)).toMatch(/^failed: case 1 differs at step 1/);
  });

  it('works where localStorage throws', async () => {
    const other = await browser.context.newPage();
    const otherErrors = watchErrors(other);
    await other.goto(inject('baseURL') + '/exercises/', { waitUntil: 'networkidle' });
    // As in a sandboxed iframe, but only for the exercises (the site's theme switcher needs storage to load).
    await other.evaluate(() => {
      Storage.prototype.getItem = Storage.prototype.setItem = () => {
        throw new DOMException('denied', 'SecurityError');
      };
    });
    const ex = await openWidget(other, 'descent-exercise[optimizer="momentum"]');
    expect(await check(ex)).toMatch(/^failed/);
    expect(otherErrors).toEqual([]);
    await other.close();
  });

  it('runs the code without eval: passes under a Content-Security-Policy without unsafe-eval', async () => {
    const other = await browser.context.newPage();
    const otherErrors = watchErrors(other);
    // Every response, the worker's included, carries the policy; the page's inline scripts (Starlight's) stay allowed.
    const csp = "default-src 'self'; script-src 'self' 'unsafe-inline' blob:; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:";
    await other.route('**/*', async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': csp } });
    });
    await other.goto(inject('baseURL') + '/exercises/', { waitUntil: 'networkidle' });
    const ex = await openWidget(other, 'descent-exercise[optimizer="adam"]');
    await setCode(ex, correctAdam);
    expect(await check(ex)).toBe('passed: 6 of 6 cases match');
    expect(otherErrors).toEqual([]);
    await other.close();
  });

  it('logs no console errors', () => {
    expect(errors).toEqual([]);
  });
});
