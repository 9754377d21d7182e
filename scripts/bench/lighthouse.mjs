// Lighthouse 12 (13 needs Node 22) on built pages, driving Debian's Chromium with
// Lighthouse's default mobile settings: a mid-range phone, simulated slow 4G and
// a 4× slower CPU. Shared by the budget test and `npm run bench`.
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { findChromium } from '../chromium.mjs';

export const CATEGORIES = /** @type {const} */ (['performance', 'accessibility', 'best-practices', 'seo']);

/**
 * @typedef {{
 *   scores: Record<typeof CATEGORIES[number], number>,
 *   metrics: { fcp: number, lcp: number, tbt: number, cls: number },
 *   failing: string[],
 * }} Audit
 * scores are 0–100; metrics in ms (cls unitless); failing lists the audits that
 * cost points outside performance, for a readable failure message.
 */

/**
 * Audits each URL in one Chromium.
 * @param {string[]} urls
 * @returns {Promise<Audit[]>}
 */
export async function audit(urls) {
  const chrome = await chromeLauncher.launch({
    chromePath: findChromium(),
    // The same networking flags as scripts/chromium.mjs: with no internet, Chromium otherwise stalls.
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const audits = [];
    for (const url of urls) {
      const result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: [...CATEGORIES] });
      if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
      const { categories, audits: items } = result.lhr;
      const scores = /** @type {Audit['scores']} */ (Object.fromEntries(CATEGORIES.map((c) => [c, Math.round((categories[c]?.score ?? 0) * 100)])));
      const failing = CATEGORIES.filter((c) => c !== 'performance')
        .flatMap((c) => categories[c]?.auditRefs ?? [])
        .filter((ref) => ref.weight > 0 && items[ref.id]?.score !== null && (items[ref.id]?.score ?? 1) < 1)
        .map((ref) => `${ref.id}: ${items[ref.id]?.title}`);
      const metric = (id) => items[id]?.numericValue ?? NaN;
      audits.push({
        scores,
        metrics: { fcp: metric('first-contentful-paint'), lcp: metric('largest-contentful-paint'), tbt: metric('total-blocking-time'), cls: metric('cumulative-layout-shift') },
        failing,
      });
    }
    return audits;
  } finally {
    chrome.kill();
  }
}
