import AxeBuilder from '@axe-core/playwright';
import { afterAll, beforeAll, describe, inject, it } from 'vitest';
import { pagePaths } from '../../scripts/built-site.mjs';
import { BUDGETS } from '../../scripts/bench/budgets.mjs';
import { GOOD_CLS, observeShifts, readThrough } from '../../scripts/bench/read-through.mjs';
import { textFirstScripts, totalBytes, watchResources, weigh } from '../../scripts/bench/weight.mjs';
import { launch, watchErrors } from '../../scripts/chromium.mjs';

// One walk through every built page checks what a reader meets there, so that
// each page is loaded and its widgets started once for all of these (CI time):
// - no console or page error, and every widget starts;
// - axe finds nothing serious;
// - it does not jump while read top to bottom (CLS ≤ 0.1, "good"): the reader
//   arrives at each widget before its code has loaded, then waits for it; and
//   each display formula keeps its laid-out height while off screen;
// - its JavaScript stays within the budgets of scripts/bench/budgets.mjs that
//   do not depend on the machine's speed, and it fetches only the KaTeX fonts
//   its formulas use.
// Lighthouse's machine-independent scores are in budgets.test.ts.

const pages = pagePaths();

let browser: Awaited<ReturnType<typeof launch>>;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());

// Desktop in the light theme and a phone in the dark theme, alternating down the list of pages, so
// that both layouts and both colour schemes are checked across the site (and every kind of widget
// in both) at half the cost of every page in both.
const views = [
  { name: 'desktop, light', width: 1280, height: 900, theme: 'light' },
  { name: 'phone, dark', width: 375, height: 812, theme: 'dark' },
];

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;
const list = (scripts: { url: string; bytes: number }[]) => scripts.map((s) => `${kb(s.bytes)} ${new URL(s.url).pathname}`).join('\n');
// TF.js and Plot, by their chunks' names.
const engine = (scripts: { url: string }[]) => scripts.filter((s) => /\/(tf|plots)\.[\w-]+\.js$/.test(s.url)).length;

// Two pages at a time (maxConcurrency): most of a page's time is axe, which keeps one core busy.
describe.concurrent.each(pages.map((path, i) => ({ path, view: views[i % views.length] })))('page $path', ({ path, view }) => {
  // A long chapter's axe run takes a minute on a busy machine.
  it(`${view.name}: no error, every widget starts, axe finds nothing serious, no layout shift, within budget`, { timeout: 300_000 }, async ({ expect }) => {
    const url = inject('baseURL') + path;
    const textFirst = await textFirstScripts(browser.context, url);

    const { width, height, theme } = view;
    const page = await browser.context.newPage();
    await page.setViewportSize({ width, height });
    // In every frame, sandboxed ones too, where storage throws.
    await page.addInitScript((t) => {
      try {
        localStorage.setItem('starlight-theme', t);
      } catch {}
    }, theme);
    await page.addInitScript(observeShifts);
    const errors = watchErrors(page);
    const watched = watchResources(page);
    // A page of many embeds takes more than Playwright's default 30 s to go quiet on a busy 2-core machine.
    await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
    const { widgets, cls } = await readThrough(page);
    // Off screen, a display formula keeps the height set at build time (src/site/katex-height.ts);
    // laid out, it must have that height, or the page would move when it comes near.
    const formulas = await page.evaluate(() =>
      [...document.querySelectorAll('.katex-display')]
        .map((el) => ({ style: getComputedStyle(el), height: el.getBoundingClientRect().height }))
        .filter(({ style }) => style.contentVisibility === 'auto')
        .map(({ style, height }) => ({ kept: parseFloat(style.containIntrinsicBlockSize.replace('auto', '')), height })),
    );
    const weight = await weigh(page, watched, textFirst);
    // KaTeX's HTML is aria-hidden (readers get the MathML beside it) and drawn in the text's colour,
    // checked already; its thousands of spans a chapter would be much of axe's work.
    // axe's cross-frame run finishes in a blank page it opens and fills with axe (a second or two each
    // time); a page with no frames of its own is checked as well in axe's single-frame mode.
    const { violations } = await new AxeBuilder({ page }).setLegacyMode(page.frames().length === 1).exclude('.katex-html').options({ resultTypes: ['violations'] }).analyze();
    await page.close();

    const serious = violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(serious).toEqual([]);
    expect(errors).toEqual([]);
    expect(cls, 'cumulative layout shift').toBeLessThanOrEqual(GOOD_CLS);
    for (const { kept, height } of formulas) expect(kept, 'the height a display formula keeps off screen').toBeCloseTo(height, 0);
    expect(totalBytes(textFirst), `text first:\n${list(textFirst)}`).toBeLessThanOrEqual(BUDGETS.textFirstJs);
    expect(totalBytes(weight.everything), `every widget started:\n${list(weight.everything)}`).toBeLessThanOrEqual(BUDGETS.allJs);
    expect(totalBytes(weight.worker), `in Workers:\n${list(weight.worker)}`).toBeLessThanOrEqual(BUDGETS.workerJs);
    expect(totalBytes(weight.data), `data:\n${list(weight.data)}`).toBeLessThanOrEqual(BUDGETS.dataJs);
    // TF.js and Plot arrive with the first widget, not before (and do arrive: the widgets did start).
    expect(engine(textFirst)).toBe(0);
    if (widgets > 0) expect(engine(weight.everything)).toBeGreaterThan(0);
    for (const font of weight.fontsFetched) expect(weight.fontsUsed).toContain(font);
  });
});
