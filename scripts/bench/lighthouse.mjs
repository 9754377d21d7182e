// Lighthouse 12 (13 needs Node 22) on built pages, driving Debian's Chromium with
// Lighthouse's default mobile settings: a mid-range phone, simulated slow 4G and
// a CPU 4× slower than the machine running it. Shared by the budget test (the
// categories that do not depend on the machine's speed) and `npm run bench` (all).
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { defaultSettings } from 'lighthouse/core/config/constants.js';
import { findChromium } from '../chromium.mjs';

export const CATEGORIES = /** @type {const} */ (['performance', 'accessibility', 'best-practices', 'seo']);
/** What a page is, not how fast the machine auditing it is: these may gate CI. */
export const MACHINE_INDEPENDENT = CATEGORIES.filter((c) => c !== 'performance');
/** How many times slower than the machine Lighthouse's mobile CPU is (4). */
export const PHONE_CPU_SLOWDOWN = defaultSettings.throttling.cpuSlowdownMultiplier;

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
 * @param {{ categories?: readonly (typeof CATEGORIES[number])[], cpuSlowdown?: number }} [options]
 *   the categories to score (the others read 0), and the simulated CPU's slowdown
 * @returns {Promise<Audit[]>}
 */
export async function audit(urls, { categories = CATEGORIES, cpuSlowdown = PHONE_CPU_SLOWDOWN } = {}) {
  const chrome = await chromeLauncher.launch({
    chromePath: findChromium(),
    // The same networking flags as scripts/chromium.mjs: with no internet, Chromium otherwise stalls.
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const audits = [];
    for (const url of urls) {
      const result = await lighthouse(url, {
        port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: [...categories], throttling: { cpuSlowdownMultiplier: cpuSlowdown },
      });
      if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
      const { categories: scored, audits: items } = result.lhr;
      const scores = /** @type {Audit['scores']} */ (Object.fromEntries(CATEGORIES.map((c) => [c, Math.round((scored[c]?.score ?? 0) * 100)])));
      const failing = CATEGORIES.filter((c) => c !== 'performance')
        .flatMap((c) => scored[c]?.auditRefs ?? [])
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
