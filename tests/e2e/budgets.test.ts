import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { pagePaths } from '../../scripts/built-site.mjs';
import { launch } from '../../scripts/chromium.mjs';
import { BUDGETS, LIGHTHOUSE_RUNS, median } from '../../scripts/bench/budgets.mjs';
import { audit, CATEGORIES } from '../../scripts/bench/lighthouse.mjs';
import { measureWeight, totalBytes } from '../../scripts/bench/weight.mjs';

// The budgets of scripts/bench/budgets.mjs that do not depend on the machine's
// speed (bytes, fonts) and Lighthouse's scores, whose simulated throttling
// mostly does not; frame rates and build time are wall-clock and live in `npm run bench`.

const pages = pagePaths();

let browser: Awaited<ReturnType<typeof launch>>;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;

describe.each(pages)('page weight of %s', (path) => {
  it('stays within the JavaScript budgets and fetches only the KaTeX fonts its formulas use', async () => {
    const weight = await measureWeight(browser.context, inject('baseURL') + path);
    const list = (scripts: { url: string; bytes: number }[]) => scripts.map((s) => `${kb(s.bytes)} ${new URL(s.url).pathname}`).join('\n');
    expect(totalBytes(weight.textFirst), `text first:\n${list(weight.textFirst)}`).toBeLessThanOrEqual(BUDGETS.textFirstJs);
    expect(totalBytes(weight.everything), `every widget started:\n${list(weight.everything)}`).toBeLessThanOrEqual(BUDGETS.allJs);
    // TF.js and Plot arrive with the first widget, not before (and do arrive: the widgets did start).
    const engine = (scripts: { url: string }[]) => scripts.filter((s) => /\/(tf|plots)\.[\w-]+\.js$/.test(s.url)).length;
    expect(engine(weight.textFirst)).toBe(0);
    if (weight.widgets > 0) expect(engine(weight.everything)).toBeGreaterThan(0);
    for (const font of weight.fontsFetched) expect(weight.fontsUsed).toContain(font);
  });
});

describe('Lighthouse (mobile)', () => {
  it.each(BUDGETS.lighthousePages)(`%s meets the category budgets (median of ${LIGHTHOUSE_RUNS} runs)`, async (path) => {
    const runs = await audit(Array(LIGHTHOUSE_RUNS).fill(inject('baseURL') + path));
    const scores = Object.fromEntries(CATEGORIES.map((c) => [c, median(runs.map((r) => r.scores[c]))]));
    const failing = [...new Set(runs.flatMap((r) => r.failing))];
    for (const c of CATEGORIES) {
      expect(scores[c], `${c}: ${runs.map((r) => r.scores[c]).join(', ')}; failing audits: ${failing.join('; ') || 'none'}`).toBeGreaterThanOrEqual(BUDGETS.lighthouse[c]);
    }
  }, 300_000);
});
