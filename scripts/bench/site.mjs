// The built site's figures for `npm run bench`: how long the build takes, the
// JavaScript and fonts each page fetches, and Lighthouse's scores, each beside
// its budget (scripts/bench/budgets.mjs).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { pagePaths } from '../built-site.mjs';
import { launch } from '../chromium.mjs';
import { serveStatic } from '../serve.mjs';
import { BUDGETS, LIGHTHOUSE_RUNS, median, SLOWER_PHONE } from './budgets.mjs';
import { audit, CATEGORIES, PHONE_CPU_SLOWDOWN } from './lighthouse.mjs';
import { measureWeight, totalBytes } from './weight.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Builds the site into `outDir` and times it.
 * @param {string} outDir
 */
export function buildSite(outDir) {
  const t0 = performance.now();
  execFileSync('npx', ['astro', 'build', '--outDir', outDir], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  const seconds = (performance.now() - t0) / 1000;
  return [{ label: 'astro build, whole site', unit: 's', node: seconds, budget: `< ${BUDGETS.buildSeconds} s`, met: seconds < BUDGETS.buildSeconds }];
}

/**
 * Page weight of every built page and Lighthouse on the budget's pages.
 * @param {string} dist
 */
export async function siteFigures(dist) {
  const pages = pagePaths(dist);
  const { server, url } = await serveStatic(dist);
  const browser = await launch();
  try {
    const weights = [];
    for (const path of pages) weights.push({ path, ...(await measureWeight(browser.context, url + path)) });
    const heaviest = (key) => weights.reduce((a, b) => (totalBytes(b[key]) > totalBytes(a[key]) ? b : a));
    const [first, all] = [heaviest('textFirst'), heaviest('everything')];
    const extraFonts = weights.flatMap((w) => w.fontsFetched.filter((f) => !w.fontsUsed.includes(f)).map((f) => `${w.path} ${f}`));
    const lines = [
      { label: `JS before any widget is on screen, heaviest of ${pages.length} pages (${first.path})`, unit: 'KB gz', chromium: totalBytes(first.textFirst) / 1000, budget: `≤ ${BUDGETS.textFirstJs / 1000}`, met: totalBytes(first.textFirst) <= BUDGETS.textFirstJs },
      { label: `JS with every widget started, heaviest page (${all.path})`, unit: 'KB gz', chromium: totalBytes(all.everything) / 1000, budget: `≤ ${BUDGETS.allJs / 1000}`, met: totalBytes(all.everything) <= BUDGETS.allJs },
      { label: 'KaTeX fonts fetched but not used, all pages', unit: 'files', chromium: extraFonts.length, budget: '0', met: extraFonts.length === 0, note: extraFonts.join(', ') || undefined },
    ];
    const timings = (runs) => {
      const m = runs.map((r) => r.metrics);
      const at = (key) => median(m.map((x) => x[key]));
      return `FCP ${Math.round(at('fcp'))} ms, LCP ${Math.round(at('lcp'))} ms, TBT ${Math.round(at('tbt'))} ms, CLS ${at('cls').toFixed(3)}`;
    };
    for (const path of BUDGETS.lighthousePages) {
      const runs = await audit(Array(LIGHTHOUSE_RUNS).fill(url + path));
      const scores = CATEGORIES.map((c) => median(runs.map((r) => r.scores[c])));
      const met = CATEGORIES.every((c, i) => scores[i] >= BUDGETS.lighthouse[c]);
      lines.push({
        label: `Lighthouse mobile ${path}: performance / accessibility / best practices / SEO`, unit: 'scores', chromium: scores.join(' / '),
        budget: CATEGORIES.map((c) => BUDGETS.lighthouse[c]).join(' / '), met,
        note: `median of ${LIGHTHOUSE_RUNS} (performance: ${runs.map((r) => r.scores.performance).join(', ')}); ${timings(runs)}`,
      });
      // What a phone SLOWER_PHONE times slower than Lighthouse's sees; the goal above is for Lighthouse's phone.
      const slowdown = PHONE_CPU_SLOWDOWN * SLOWER_PHONE;
      const slow = await audit(Array(LIGHTHOUSE_RUNS).fill(url + path), { categories: ['performance'], cpuSlowdown: slowdown });
      lines.push({
        label: `Lighthouse performance ${path}, a phone ${SLOWER_PHONE}× slower (CPU ${slowdown}× slower than this machine)`, unit: 'score',
        chromium: String(median(slow.map((r) => r.scores.performance))),
        note: `median of ${LIGHTHOUSE_RUNS} (${slow.map((r) => r.scores.performance).join(', ')}); ${timings(slow)}`,
      });
    }
    return lines;
  } finally {
    await browser.close();
    server.close();
  }
}
