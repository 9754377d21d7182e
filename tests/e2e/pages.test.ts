import AxeBuilder from '@axe-core/playwright';
import { afterAll, beforeAll, describe, inject, it } from 'vitest';
import { pagePaths } from '../../scripts/built-site.mjs';
import { WIDGETS } from '../../scripts/bench/weight.mjs';
import { launch, watchErrors } from '../../scripts/chromium.mjs';
import { startWidget } from './widgets';

const pages = pagePaths();

let browser: Awaited<ReturnType<typeof launch>>;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());

// Desktop in the light theme and a phone in the dark theme: both layouts and both colour schemes get checked.
const views = [
  { name: 'desktop, light', width: 1280, height: 900, theme: 'light' },
  { name: 'phone, dark', width: 375, height: 812, theme: 'dark' },
];

// Each page in one of the two views, alternating down the list, so that both layouts and both
// colour schemes are checked across the site at half the cost of every page in both (CI time).
// Two pages at a time (maxConcurrency): most of a page's time is axe, which keeps one core busy.
describe.concurrent.each(pages.map((path, i) => ({ path, view: views[i % views.length] })))('page $path', ({ path, view }) => {
  // A long chapter's axe run takes a minute on a busy machine.
  it(`${view.name}: loads with no console or page error, every widget starts, and axe finds nothing serious`, { timeout: 300_000 }, async ({ expect }) => {
    const { width, height, theme } = view;
    const page = await browser.context.newPage();
    await page.setViewportSize({ width, height });
    // In every frame, sandboxed ones too, where storage throws.
    await page.addInitScript((t) => {
      try {
        localStorage.setItem('starlight-theme', t);
      } catch {}
    }, theme);
    const errors = watchErrors(page);
    // A page of many embeds takes more than Playwright's default 30 s to go quiet on a busy 2-core machine.
    await page.goto(inject('baseURL') + path, { waitUntil: 'networkidle', timeout: 120_000 });
    // Bring each widget into view so its lazy code runs before the checks.
    for (const widget of await page.locator(WIDGETS).all()) await startWidget(widget);
    // Formulas in their final fonts: whether one scrolls sideways (and so needs a tab stop) depends on them.
    await page.evaluate(() => document.fonts.ready);
    // KaTeX's HTML is aria-hidden (readers get the MathML beside it) and drawn in the text's colour,
    // checked already; its thousands of spans a chapter would be much of axe's work.
    const { violations } = await new AxeBuilder({ page }).exclude('.katex-html').options({ resultTypes: ['violations'] }).analyze();
    const serious = violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(serious).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
