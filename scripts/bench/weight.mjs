// Page weight of a built page in headless Chromium: the JavaScript a reader
// downloads before any widget is on screen, all of it once every widget on the
// page has started, and the KaTeX fonts fetched against those the page's
// formulas use. Shared by the budget test (tests/e2e/budgets.test.ts) and
// `npm run bench`. Sizes are of the gzipped bodies, computed here, so that the
// figures do not depend on the server or on the browser's cache.
import { gzipSync } from 'node:zlib';

/** Every widget element; each exposes `ready`, resolved once its engine has loaded and drawn. */
export const WIDGETS = 'descent-trainer, descent-surface, descent-race, descent-inspector, descent-schedule, descent-lr-demo, descent-exercise';

/**
 * @typedef {{ url: string, bytes: number }} Script   a script and its gzipped size
 * @typedef {{
 *   widgets: number,
 *   textFirst: Script[],
 *   everything: Script[],
 *   worker: Script[],
 *   data: Script[],
 *   fontsFetched: string[],
 *   fontsUsed: string[],
 * }} Weight
 */

/**
 * Loads `url` twice in a 1280 × 900 window:
 * - text first: widgets never see themselves come into view (IntersectionObserver
 *   never reports), so what loads is what every reader pays, whatever is on
 *   screen; counted once the network is idle and the browser's idle work (such
 *   as Starlight's search UI) is done;
 * - everything: every widget is brought into view in turn and started.
 * @param {import('playwright-core').BrowserContext} context
 * @param {string} url
 * @returns {Promise<Weight>}
 */
export async function measureWeight(context, url) {
  const first = await load(context, url, true);
  const all = await load(context, url, false);
  // The Workers' scripts (built as _astro/worker-…, see astro.config.mjs) run off the page's thread: a budget of their own.
  // Datasets shipped as modules (the digits) are data, not code: counted apart.
  const isData = (s) => /\/_astro\/(worker-)?digits-data-[^/]+\.js$/.test(s.url);
  const inWorker = (s) => /\/_astro\/worker-[^/]+\.js$/.test(s.url) && !isData(s);
  const code = (s) => !inWorker(s) && !isData(s);
  return {
    widgets: all.widgets, textFirst: first.scripts.filter(code), everything: all.scripts.filter(code),
    worker: all.scripts.filter(inWorker), data: all.scripts.filter(isData), fontsFetched: all.fonts, fontsUsed: all.fontsUsed,
  };
}

/**
 * @param {import('playwright-core').BrowserContext} context
 * @param {string} url
 * @param {boolean} textOnly
 */
async function load(context, url, textOnly) {
  const page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  if (textOnly) {
    await page.addInitScript(() => {
      window.IntersectionObserver = class {
        observe() {}
        unobserve() {}
        disconnect() {}
        takeRecords() {
          return [];
        }
      };
    });
  }
  /** @type {Map<string, Promise<number>>} */
  const scripts = new Map();
  /** @type {Set<string>} */
  const fonts = new Set();
  page.on('response', (response) => {
    const path = new URL(response.url()).pathname;
    if (/\.m?js$/.test(path) && !scripts.has(response.url())) scripts.set(response.url(), response.body().then((body) => gzipSync(body, { level: 9 }).length));
    if (response.request().resourceType() === 'font') fonts.add(fontName(path.split('/').pop() ?? ''));
  });
  await page.goto(url, { waitUntil: 'networkidle' });
  await page.evaluate(() => new Promise((resolve) => requestIdleCallback(() => setTimeout(resolve, 500))));
  await page.waitForLoadState('networkidle');
  const widgets = await page.locator(WIDGETS).all();
  if (!textOnly) {
    for (const widget of widgets) {
      await widget.scrollIntoViewIfNeeded();
      await widget.evaluate((el) => /** @type {HTMLElement & { ready: Promise<void> }} */ (el).ready);
    }
    await page.waitForLoadState('networkidle');
  }
  const fontsUsed = await page.evaluate(usedKatexFonts);
  await page.close();
  const sized = await Promise.all([...scripts].map(async ([script, bytes]) => ({ url: script, bytes: await bytes })));
  return { widgets: widgets.length, scripts: sized, fonts: [...fonts].sort(), fontsUsed };
}

/**
 * The KaTeX font files the page's rendered formulas need, named as KaTeX names
 * its files ("KaTeX_Main-Regular"): the first family of every element holding
 * text inside a formula, with its weight and style.
 */
function usedKatexFonts() {
  const used = new Set();
  for (const formula of document.querySelectorAll('.katex-html')) {
    const walker = document.createTreeWalker(formula, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent?.trim() || !node.parentElement) continue;
      const style = getComputedStyle(node.parentElement);
      const family = style.fontFamily.split(',')[0].trim().replace(/^["']|["']$/g, '');
      if (!family.startsWith('KaTeX_')) continue;
      const bold = Number(style.fontWeight) >= 600 ? 'Bold' : '';
      const italic = style.fontStyle === 'italic' ? 'Italic' : '';
      used.add(`${family}-${bold + italic || 'Regular'}`);
    }
  }
  return [...used].sort();
}

/** @param {Script[]} scripts */
export const totalBytes = (scripts) => scripts.reduce((sum, s) => sum + s.bytes, 0);

/** A KaTeX font file's name without its hash and extension: "KaTeX_Main-Regular.Dxdc4cR9.woff2" → "KaTeX_Main-Regular". */
const fontName = (file) => file.split('.')[0];
