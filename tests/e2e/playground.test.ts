import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { decodeSource, encodeSource } from '../../src/lab/share-code';
import { starters } from '../../src/lab/starters';
import { surfaces } from '../../src/train/surfaces';
import { openOnPage, openWidget, press, readStatus, setCode, waitForStatus } from './widgets';

let browser: Awaited<ReturnType<typeof openOnPage>>['browser'];
let page: Page;
let errors: string[];
let playground: Locator;

const SELECTOR = 'descent-playground#lab-playground';
const status = () => playground.locator('[role=status]').textContent().then((t) => t ?? '');
const run = (code: string) => setCode(playground, code).then(() => playground.getByRole('button', { name: 'Run', exact: true }).click());
const program = (body: string) => `const hp = { lr: 0.1 };\nfunction init(param) {\n  return {};\n}\nfunction update(param, grad, state, { lr }, t) {\n${body}\n  return [sub(param, mul(lr, grad)), state];\n}\n`;

beforeAll(async () => {
  ({ browser, page, errors, widget: playground } = await openOnPage('/lab/', SELECTOR));
});
afterAll(() => browser.close());

describe('<descent-playground>', () => {
  it('runs nothing before Run, then races the reader’s SGD, labelled “Your optimizer”, and its loss falls', async () => {
    expect(await status()).toMatch(/^Press Run/);
    await run(starters.sgd.source);
    await waitForStatus(playground, (s) => s.step > 0);
    // Reset: the same code, back at step 0, where the loss to beat is.
    await press(playground, 'Pause');
    await press(playground, 'Reset');
    const start = await readStatus(playground);
    expect(start.text).toMatch(/^Your optimizer · step 0 · loss [\d.]+/);
    await press(playground, 'Play');
    const later = await waitForStatus(playground, (s) => s.step >= 200);
    await press(playground, 'Pause');
    expect(later.text).toMatch(/^Your optimizer · step \d+ · loss [\d.]+/);
    expect(later.loss).toBeLessThan(start.loss * 0.8);
    const legend = await playground.locator('ol.board li').allTextContents();
    expect(legend.some((t) => t.startsWith('Your optimizer: train'))).toBe(true);
    expect(legend.some((t) => t.startsWith('SGD (η 0.1)'))).toBe(true);
  });

  it('stops an update that never returns with “timed out”, and the page stays responsive meanwhile', async () => {
    await run(program('  if (t > 1) while (true) {}'));
    // Built and drawn at step 0: the first slice of training now hangs in the Worker.
    await expect.poll(status, { timeout: 20_000 }).toMatch(/^Your optimizer · step 0 · loss/);
    // The reader's loop holds the Worker, not the page: the page answers and its controls work.
    const details = playground.locator('details');
    await details.locator('summary').click();
    expect(await details.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    expect(await status()).not.toMatch(/timed out/); // all of that happened while the loop ran
    await expect.poll(status, { timeout: 20_000 }).toMatch(/^Your optimizer · step \d+ · timed out: your optimizer did not return within 3 s/);
    await details.locator('summary').click();
    expect(await playground.getByRole('button', { name: 'Run', exact: true }).isEnabled()).toBe(true);
  });

  it('an exception shows its message and line', async () => {
    await run(program('  if (t === 3) grad.nope();'));
    await expect.poll(status, { timeout: 20_000 }).toMatch(/^Your optimizer · step \d+ · TypeError: .*nope.* \(line 6\)/);
  });

  it('code reaching for document, localStorage or fetch gets an error, and the page is untouched', async () => {
    await run(program("  document.body.innerHTML = '';"));
    await expect.poll(status, { timeout: 20_000 }).toMatch(/cannot run: ReferenceError: document is not available to your optimizer.* \(line 6\)/);
    expect(await page.locator('h1').count()).toBeGreaterThan(0);
    expect(await page.evaluate(() => document.body.childElementCount)).toBeGreaterThan(0);
    await run(program("  localStorage.setItem('x', 'y');"));
    await expect.poll(status, { timeout: 20_000 }).toMatch(/cannot run: ReferenceError: localStorage is not available/);
    await run(program("  self.fetch('/');"));
    await expect.poll(status, { timeout: 20_000 }).toMatch(/cannot run: ReferenceError: fetch is not available/);
    expect(await page.evaluate(() => localStorage.getItem('x'))).toBeNull();
  });

  it('a shared link shows the code and starts nothing until Run', async () => {
    const code = starters.sign.source.replace('const hp = { lr: 0.01 }', 'const hp = { lr: 0.02 }');
    const context = page.context();
    const other = await context.newPage();
    // Count the Workers the page starts, by name.
    await other.addInitScript(() => {
      const W = window.Worker;
      const started: string[] = ((window as unknown as { __workers: string[] }).__workers = []);
      window.Worker = class extends W {
        constructor(url: string | URL, options?: WorkerOptions) {
          super(url, options);
          started.push(options?.name ?? '');
        }
      };
    });
    await other.goto(`${inject('baseURL')}/lab/#lab-playground:code=${await encodeSource(code)}`, { waitUntil: 'networkidle' });
    const shared = await openWidget(other, SELECTOR);
    expect(await shared.evaluate((el) => (el as HTMLElement & { value: string }).value)).toBe(code);
    expect(await shared.locator('[role=status]').textContent()).toMatch(/came with the link and has not run/);
    expect(await shared.getByLabel('your learning rate η').getAttribute('aria-valuetext')).toBe('0.02');
    const workers = () => other.evaluate(() => (window as unknown as { __workers: string[] }).__workers);
    expect(await workers()).not.toContain('descent-playground');
    await shared.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(workers).toContain('descent-playground');
    await expect.poll(() => shared.locator('[role=status]').textContent(), { timeout: 30_000 }).toMatch(/^Your optimizer · step \d+ · loss/);
    await other.close();
  });

  it('Copy link puts the code into the link’s fragment', async () => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await setCode(playground, starters.momentum.source);
    await playground.getByRole('button', { name: 'Copy link', exact: true }).click();
    await expect.poll(() => playground.locator('.copy-note').first().textContent()).toBe('Link copied');
    const link = await page.evaluate(() => navigator.clipboard.readText());
    expect(link).toContain('#lab-playground:code=');
    expect(await decodeSource(link.split('code=')[1])).toBe(starters.momentum.source);
  });

  it('“Start from…” fills in a frontier rule’s program, and lists Shampoo, disabled, with why', async () => {
    const menu = playground.getByLabel('Start from…');
    await menu.selectOption('rule:muon');
    await expect.poll(() => playground.evaluate((el) => (el as HTMLElement & { value: string }).value)).toContain("const scope = 'matrix';");
    expect(await playground.getByLabel('your Nesterov look-ahead nesterov').isChecked()).toBe(true); // Muon's 0/1 switch, as on the built-in
    const shampoo = menu.locator('option', { hasText: 'Shampoo' });
    expect(await shampoo.isDisabled()).toBe(true);
    expect(await shampoo.textContent()).toMatch(/^Shampoo: its inverse matrix roots need an eigendecomposition/);
  });

  it('on a surface, races the reader’s SGD against a built-in on the contours, and its loss falls; the setting goes into the URL', async () => {
    const rotated = surfaces.rotated;
    await playground.getByLabel('Race on').selectOption('rotated');
    expect(await playground.locator('.stage [role=img]').getAttribute('aria-label')).toMatch(/^Contour plot of the Rotated quadratic function/);
    expect(await playground.getByLabel('Dataset').isVisible()).toBe(false);
    await expect.poll(() => page.url()).toContain('lab-playground.surface=rotated');
    await run(starters.sgd.source);
    // A walk of 1,000 steps may well have finished by now: read it as it stands, without pausing.
    const later = await waitForStatus(playground, (st) => st.step >= 100);
    expect(later.text).toMatch(/^Your optimizer · step \d+ · loss [\d.e-]+ · leader: /);
    expect(later.loss).toBeLessThan(rotated.f(...rotated.start, 10) * 0.01);
    const legend = await playground.locator('ul.legend li').allTextContents();
    expect(legend.some((t) => /^Your optimizer: [\d.e-]+$/.test(t))).toBe(true);
    expect(legend.some((t) => t.startsWith('SGD (η 0.1): '))).toBe(true);
    // The walkers' paths are drawn: the reader's, the two built-ins'.
    const paths = await playground.locator('.stage svg g[clip-path] path').evaluateAll((ps) => ps.map((p) => p.getAttribute('d') ?? ''));
    expect(paths).toHaveLength(3);
    expect(paths.every((d) => d.split('L').length > 50)).toBe(true);
    expect(await playground.locator('details table').textContent()).toContain('rate per step');
  });

  it('on a surface, an update that never returns is stopped with “timed out”, and the page stays responsive meanwhile', async () => {
    await run(program('  if (t > 1) while (true) {}'));
    await expect.poll(status, { timeout: 20_000 }).toMatch(/^Your optimizer · step [01] · loss/);
    const details = playground.locator('details');
    await details.locator('summary').click();
    expect(await details.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    expect(await status()).not.toMatch(/timed out/);
    await expect.poll(status, { timeout: 20_000 }).toMatch(/^Your optimizer · step \d+ · timed out: your optimizer did not return within 3 s/);
    await details.locator('summary').click();
    expect(await playground.getByRole('button', { name: 'Run', exact: true }).isEnabled()).toBe(true);
    expect(await playground.locator('[role=status]').getAttribute('class')).toMatch(/diverged/);
  });

  it('on a surface, an update that sends the point off to infinity counts as diverged', async () => {
    await playground.getByLabel('Race on').selectOption('rosenbrock');
    await run(starters.sgd.source); // η = 0.1 on Rosenbrock's steep walls
    await expect.poll(status, { timeout: 20_000 }).toMatch(/^Your optimizer · step \d+ · diverged \(loss .+\): NaN, ∞ or a loss that blew up/);
    expect(await playground.locator('ul.legend li').first().textContent()).toBe('Your optimizer: diverged');
    await playground.getByLabel('Race on').selectOption('none');
  });

  it('logs no errors', () => {
    expect(errors).toEqual([]);
  });
});
