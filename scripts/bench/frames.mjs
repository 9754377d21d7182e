// Frame rate and long tasks of built chapter pages while a widget trains, in headless Chromium.
import { launch } from '../chromium.mjs';
import { serveStatic } from '../serve.mjs';
import { BUDGETS } from './budgets.mjs';

/** The digits race of scripts/bench/rows.ts (DIGITS_RACE), played on a built page. */
const DIGITS_RACE = ['sgd', 'momentum', 'nesterov', 'rmsprop', 'adam', 'adamw'];

const SECONDS = 6;

/** Plays one widget on a page and measures frames (requestAnimationFrame), long tasks and training steps. */
async function measure(context, url, selector) {
  const page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(url, { waitUntil: 'networkidle' });
  const widget = page.locator(selector).first();
  await widget.scrollIntoViewIfNeeded();
  await widget.evaluate((el) => el.ready);
  await widget.getByRole('button', { name: 'Play', exact: true }).click();
  await page.waitForTimeout(1000); // warm-up: code compiled, first plots drawn
  // The status's step is sampled in the page every frame: a short run may finish inside the window,
  // and its speed is then the steps it took over the time it took them.
  // The widget's status line may sit in its shadow root: the locator finds it there.
  const statusLine = await widget.locator('[role=status]').first().elementHandle();
  const result = await page.evaluate(
    ({ status, seconds }) =>
      new Promise((resolve) => {
        const frames = [];
        const longTasks = [];
        const steps = [];
        new PerformanceObserver((list) => longTasks.push(...list.getEntries().map((e) => e.duration))).observe({ type: 'longtask' });
        const end = performance.now() + seconds * 1000;
        const tick = (t) => {
          frames.push(t);
          const step = Number(/step (\d+)/.exec(status?.textContent ?? '')?.[1] ?? 0);
          if (!steps.length || step !== steps.at(-1).step) steps.push({ t, step });
          if (t < end) requestAnimationFrame(tick);
          else resolve({ frames, longTasks, steps });
        };
        requestAnimationFrame(tick);
      }),
    { status: statusLine, seconds: SECONDS },
  );
  await page.close();
  const [first, last] = [result.steps[0], result.steps.at(-1)];
  const steps = last && last.t > first.t ? (last.step - first.step) / ((last.t - first.t) / 1000) : 0;
  const gaps = result.frames.slice(1).map((t, i) => t - result.frames[i]);
  const fps = gaps.length / (gaps.reduce((a, b) => a + b, 0) / 1000);
  return { fps, longest: Math.max(0, ...result.longTasks), longTasks: result.longTasks.length, steps };
}

/**
 * Table lines for the frame-rate part of `npm run bench`.
 * @param {string} dist a production build
 */
export async function frameRates(dist) {
  const { server, url } = await serveStatic(dist);
  const browser = await launch();
  try {
    const lines = [];
    for (const [label, path, selector] of [
      ['chapter page, trainer playing (Adam, spiral, batch 10)', '/adam/', 'descent-trainer'],
      ['lab page, race of the 7 Adam-family rules on the spiral playing', '/lab/', '#lab-race-spiral'],
      ['chapter page, surface of 3 optimizers playing (Nesterov, κ = 50)', '/nesterov/', 'descent-surface'],
      // Its 3,000 steps would end inside the warm-up: the permalink asks for more.
      ['chapter page, race of 7 optimizers playing (choosing)', '/choosing/?lr-grid-race.steps=100000', 'descent-race'],
      ['embedded race of 6 optimizers on the digits playing', `/embed/race/?dataset=digits&steps=100000&optimizers=${DIGITS_RACE.join(',')}`, 'descent-race'],
    ]) {
      const m = await measure(browser.context, url + path, selector);
      lines.push({ label: `${label}: frame rate`, unit: 'fps', chromium: m.fps, budget: `≥ ${BUDGETS.fps}`, met: m.fps >= BUDGETS.fps });
      lines.push({
        label: `${label}: long tasks (> ${BUDGETS.longTaskMs} ms)`, unit: 'count', chromium: m.longTasks, budget: '0', met: m.longTasks === 0,
        note: m.longTasks ? `longest ${m.longest.toFixed(0)} ms` : undefined,
      });
      lines.push({ label: `${label}: training speed (per run)`, unit: 'steps/s', chromium: m.steps });
    }
    return lines;
  } finally {
    await browser.close();
    server.close();
  }
}
