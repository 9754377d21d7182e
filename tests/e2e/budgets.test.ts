import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { pagePaths } from '../../scripts/built-site.mjs';
import { launch } from '../../scripts/chromium.mjs';
import { BUDGETS } from '../../scripts/bench/budgets.mjs';
import { audit, MACHINE_INDEPENDENT } from '../../scripts/bench/lighthouse.mjs';
import { measureWeight, totalBytes } from '../../scripts/bench/weight.mjs';

// The budgets of scripts/bench/budgets.mjs that do not depend on the machine's
// speed: bytes, fonts, and Lighthouse's accessibility, best-practices and SEO
// scores. Lighthouse's performance score scales with the CPU that runs it, and
// frame rates and build time are wall-clock: they live in `npm run bench`.

const pages = pagePaths();

let browser: Awaited<ReturnType<typeof launch>>;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;

// Two pages at a time (maxConcurrency): a page's weight is mostly waiting for the network and the browser to go idle.
describe.concurrent.each(pages)('page weight of %s', (path) => {
  it('stays within the JavaScript budgets and fetches only the KaTeX fonts its formulas use', async ({ expect }) => {
    const weight = await measureWeight(browser.context, inject('baseURL') + path);
    const list = (scripts: { url: string; bytes: number }[]) => scripts.map((s) => `${kb(s.bytes)} ${new URL(s.url).pathname}`).join('\n');
    expect(totalBytes(weight.textFirst), `text first:\n${list(weight.textFirst)}`).toBeLessThanOrEqual(BUDGETS.textFirstJs);
    expect(totalBytes(weight.everything), `every widget started:\n${list(weight.everything)}`).toBeLessThanOrEqual(BUDGETS.allJs);
    expect(totalBytes(weight.worker), `in Workers:\n${list(weight.worker)}`).toBeLessThanOrEqual(BUDGETS.workerJs);
    expect(totalBytes(weight.data), `data:\n${list(weight.data)}`).toBeLessThanOrEqual(BUDGETS.dataJs);
    // TF.js and Plot arrive with the first widget, not before (and do arrive: the widgets did start).
    const engine = (scripts: { url: string }[]) => scripts.filter((s) => /\/(tf|plots)\.[\w-]+\.js$/.test(s.url)).length;
    expect(engine(weight.textFirst)).toBe(0);
    if (weight.widgets > 0) expect(engine(weight.everything)).toBeGreaterThan(0);
    for (const font of weight.fontsFetched) expect(weight.fontsUsed).toContain(font);
  });
});

describe('Lighthouse (mobile)', () => {
  // One run each: these scores judge the page's markup, not the machine's speed.
  let audits: Awaited<ReturnType<typeof audit>>;
  beforeAll(async () => {
    audits = await audit(BUDGETS.lighthousePages.map((path) => inject('baseURL') + path), { categories: MACHINE_INDEPENDENT });
  }, 300_000);

  it.each(BUDGETS.lighthousePages.map((path, i) => [path, i] as const))(`%s meets the ${MACHINE_INDEPENDENT.join(', ')} budgets`, (_, i) => {
    const { scores, failing } = audits[i];
    for (const c of MACHINE_INDEPENDENT) {
      expect(scores[c], `${c}; failing audits: ${failing.join('; ') || 'none'}`).toBeGreaterThanOrEqual(BUDGETS.lighthouse[c]);
    }
  });
});
