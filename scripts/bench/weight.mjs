// Page weight of a built page in headless Chromium: the JavaScript a reader
// downloads before any widget is on screen, all of it once every widget on the
// page has started, and the KaTeX fonts fetched against those the page's
// formulas use. Shared by the page walk (tests/e2e/pages.test.ts) and
// `npm run bench`. Sizes are of the gzipped bodies, computed here, so that the
// figures do not depend on the server or on the browser's cache.
import { gzipSync } from 'node:zlib';
import { readThrough } from './read-through.mjs';

/**
 * @typedef {{ url: string, bytes: number }} Script   a script and its gzipped size
 * @typedef {{
 *   textFirst: Script[],
 *   everything: Script[],
 *   worker: Script[],
 *   data: Script[],
 *   fontsFetched: string[],
 *   fontsUsed: string[],
 * }} Weight
 */

/**
 * The page's weight in a 1280 × 900 window: `textFirst` from a load of its own, the rest
 * from a second load walked through to the end (`readThrough`) so that every widget starts.
 * @param {import('playwright-core').BrowserContext} context
 * @param {string} url
 * @returns {Promise<Weight>}
 */
export async function measureWeight(context, url) {
  const textFirst = await textFirstScripts(context, url);
  const page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  const watched = watchResources(page);
  await page.goto(url, { waitUntil: 'networkidle' });
  await readThrough(page);
  const weight = await weigh(page, watched, textFirst);
  await page.close();
  return weight;
}

/**
 * The scripts every reader pays for: the page loaded with widgets that never see themselves
 * come into view (IntersectionObserver never reports), whatever is on screen; counted once the
 * network is idle and the browser's idle work (such as Starlight's search UI) is done.
 * @param {import('playwright-core').BrowserContext} context
 * @param {string} url
 * @returns {Promise<Script[]>}
 */
export async function textFirstScripts(context, url) {
  const page = await context.newPage();
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
  const watched = watchResources(page);
  // The page's module scripts run before `load`; what they fetch later, on idle, networkidle catches.
  await page.goto(url, { waitUntil: 'load' });
  await page.evaluate(() => new Promise((resolve) => requestIdleCallback(() => setTimeout(resolve, 500))));
  await page.waitForLoadState('networkidle');
  await page.close();
  return (await watched.sized()).scripts.filter(isCode);
}

/**
 * Records the scripts and fonts a page fetches from now on; `sized()` gives their gzipped sizes.
 * @param {import('playwright-core').Page} page
 */
export function watchResources(page) {
  /** @type {Map<string, Promise<number>>} */
  const scripts = new Map();
  /** @type {Set<string>} */
  const fonts = new Set();
  page.on('response', (response) => {
    const path = new URL(response.url()).pathname;
    if (/\.m?js$/.test(path) && !scripts.has(response.url())) scripts.set(response.url(), response.body().then((body) => gzipSync(body, { level: 9 }).length));
    if (response.request().resourceType() === 'font') fonts.add(fontName(path.split('/').pop() ?? ''));
  });
  return {
    async sized() {
      const sized = await Promise.all([...scripts].map(async ([url, bytes]) => ({ url, bytes: await bytes })));
      return { scripts: sized, fonts: [...fonts].sort() };
    },
  };
}

/**
 * The weight of a page whose widgets have all started (walked through), given its text-first scripts.
 * @param {import('playwright-core').Page} page
 * @param {ReturnType<typeof watchResources>} watched
 * @param {Script[]} textFirst
 * @returns {Promise<Weight>}
 */
export async function weigh(page, watched, textFirst) {
  await page.waitForLoadState('networkidle');
  const fontsUsed = await page.evaluate(usedKatexFonts);
  const { scripts, fonts } = await watched.sized();
  return { textFirst, everything: scripts.filter(isCode), worker: scripts.filter(inWorker), data: scripts.filter(isData), fontsFetched: fonts, fontsUsed };
}

// Datasets shipped as modules (the digits) are data, not code: counted apart.
// The Workers' scripts (built as _astro/worker-…, see astro.config.mjs) run off the page's thread: a budget of their own.
/** @param {Script} s */
const isData = (s) => /\/_astro\/(worker-)?digits-data-[^/]+\.js$/.test(s.url);
/** @param {Script} s */
const inWorker = (s) => /\/_astro\/worker-[^/]+\.js$/.test(s.url) && !isData(s);
/** @param {Script} s */
const isCode = (s) => !inWorker(s) && !isData(s);

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
