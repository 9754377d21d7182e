import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, type DefaultTreeAdapterTypes as T } from 'parse5';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { dist, htmlFiles } from '../../scripts/built-site.mjs';
import { launch, watchErrors } from '../../scripts/chromium.mjs';
import { inlineScripts, scriptHash } from '../../src/site/csp';
import { check, openWidget, playUntil, press, setCode, waitForStatus } from './widgets';

const files = htmlFiles();

const elementsOf = (n: T.ParentNode) => n.childNodes.filter((c): c is T.Element => 'tagName' in c);
const attr = (el: T.Element, name: string) => el.attrs.find((a) => a.name === name)?.value;

describe.each(files)('%s', (file) => {
  it('has one strict policy in a <meta> before anything that loads or runs, allowing each of its inline scripts', () => {
    const html = readFileSync(join(dist, file), 'utf8');
    const [htmlEl] = elementsOf(parse(html));
    const head = elementsOf(htmlEl).find((e) => e.tagName === 'head')!;
    const isPolicy = (e: T.Element) => e.tagName === 'meta' && attr(e, 'http-equiv')?.toLowerCase() === 'content-security-policy';
    expect(html.match(/http-equiv="content-security-policy"/gi)).toHaveLength(1);
    // Only the charset declaration, which must stay within the first 1024 bytes, comes before it.
    const [first, second] = elementsOf(head);
    const meta = attr(first, 'charset') !== undefined ? second : first;
    expect(isPolicy(meta)).toBe(true);
    const policy = attr(meta, 'content')!;
    const script = policy.split(';').map((d) => d.trim().split(/\s+/)).find(([name]) => name === 'script-src')!;
    expect(script).toBeDefined();
    expect(script).not.toContain("'unsafe-inline'");
    expect(policy).not.toContain("'unsafe-eval'");
    expect(policy).not.toMatch(/https?:|\*/);
    for (const body of inlineScripts(html)) expect(script).toContain(scriptHash(body));
  });
});

declare global {
  interface Window {
    cspViolations: string[];
  }
}

let browser: Awaited<ReturnType<typeof launch>>;
let page: Page;
let errors: string[];

beforeAll(async () => {
  browser = await launch();
  // In every document, before its own scripts: a record of everything the policy refused.
  await browser.context.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(`${e.effectiveDirective} refused ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`));
  });
  page = await browser.context.newPage();
  errors = watchErrors(page);
});
afterAll(() => browser.close());

const violations = () => page.evaluate(() => window.cspViolations);
const visit = (path: string) => page.goto(inject('baseURL') + path, { waitUntil: 'networkidle' });
const play = async (selector: string) => playUntil(await openWidget(page, selector), (s) => s.step > 0);

const correctAdam = `function update(param, grad, { m, v }, { lr, beta1, beta2, eps }, t) {
  const m1 = add(mul(m, beta1), mul(grad, 1 - beta1));
  const v1 = add(mul(v, beta2), mul(square(grad), 1 - beta2));
  return [sub(param, div(mul(lr, div(m1, 1 - beta1 ** t)), add(sqrt(div(v1, 1 - beta2 ** t)), eps))), { m: m1, v: v1 }];
}`;

describe('under the policy, in Chromium', () => {
  it('enforces it: a script injected into the page does not run', async () => {
    // A page of its own, so that the refusal this test provokes stays out of the shared error log.
    const other = await browser.context.newPage();
    await other.goto(inject('baseURL') + '/notation/', { waitUntil: 'networkidle' });
    const ran = await other.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.injected = true';
      document.head.append(s);
      return 'injected' in window;
    });
    expect(ran).toBe(false);
    expect(await other.evaluate(() => window.cspViolations)).toEqual([expect.stringMatching(/^script-src-elem refused inline/)]);
    await other.close();
  });

  it('/adam/: the trainer, surface and inspector train and an exercise passes, with nothing refused', async () => {
    await visit('/adam/');
    await play('descent-trainer');
    await play('descent-surface');
    const inspector = await openWidget(page, 'descent-inspector');
    await press(inspector, 'Step');
    await waitForStatus(inspector, (s) => s.step === 1);
    // The student's code runs as a module from a blob: URL inside the exercise worker.
    const exercise = await openWidget(page, 'descent-exercise');
    await setCode(exercise, correctAdam);
    expect(await check(exercise)).toBe('passed: 6 of 6 cases match');
    expect(await violations()).toEqual([]);
  });

  it('/schedules/: the schedule draws and a trainer with a schedule trains, with nothing refused', async () => {
    await visit('/schedules/');
    const schedule = await openWidget(page, 'descent-schedule');
    expect(await schedule.locator('[role=status]').textContent()).toMatch(/η starts at .* after \d+ steps/);
    await play('descent-trainer');
    expect(await violations()).toEqual([]);
  });

  it('/lab/: the race runs, with nothing refused', async () => {
    await visit('/lab/');
    await play('descent-race');
    expect(await violations()).toEqual([]);
  });

  it('/gradient-descent/: the learning-rate demo runs, with nothing refused', async () => {
    await visit('/gradient-descent/');
    const demo = await openWidget(page, 'descent-lr-demo');
    await expect.poll(() => demo.locator('[role=status]').textContent()).toMatch(/after 20 steps/);
    expect(await violations()).toEqual([]);
  });

  it('/embed/trainer/: the embedded trainer trains, with nothing refused', async () => {
    await visit('/embed/trainer/?optimizer=momentum');
    await play('descent-trainer');
    expect(await violations()).toEqual([]);
  });

  it('search: Pagefind finds chapters, with nothing refused', async () => {
    await visit('/sgd/');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.locator('.pagefind-ui__search-input').fill('bias correction');
    const results = page.locator('.pagefind-ui__result-link');
    await expect.poll(() => results.count(), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(await results.allTextContents()).toContain('Adam');
    expect(await violations()).toEqual([]);
  });

  it('logs no console errors (a refusal would be one)', () => {
    expect(errors).toEqual([]);
  });
});
