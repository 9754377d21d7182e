// A reader's walk through a built page, top to bottom: the page is scrolled to
// each widget in turn and waits until it has loaded and drawn (its `ready`),
// then on to the end. Layout shifts not caused by input are recorded from the
// first paint, and the walk returns the page's cumulative layout shift. Every
// wait is for an event (a widget's `ready`, the fonts, a frame), so the score
// does not depend on the machine's speed. Shared by the page walk
// (tests/e2e/pages.test.ts) and `npm run bench`.

/** CLS "good" (web.dev): at most this. */
export const GOOD_CLS = 0.1;

/**
 * An init script (`page.addInitScript(observeShifts)`): collects the page's layout shifts, from its first paint on.
 * Runs in every frame, embedded ones too; only the top frame's are read.
 */
export function observeShifts() {
  const w = /** @type {Window & { shifts: { value: number, time: number }[] }} */ (/** @type {unknown} */ (window));
  w.shifts = [];
  new PerformanceObserver((list) => {
    for (const e of /** @type {any[]} */ (list.getEntries())) if (!e.hadRecentInput) w.shifts.push({ value: e.value, time: e.startTime });
  }).observe({ type: 'layout-shift', buffered: true });
}

/**
 * Walks the page (already loaded, with `observeShifts` installed) and returns its CLS: the largest
 * session window of shifts (shifts less than 1 s apart, a window at most 5 s long), to 3 decimals.
 * @param {import('playwright-core').Page} page
 * @returns {Promise<{ widgets: number, cls: number }>}
 */
export async function readThrough(page) {
  const { widgets, shifts } = await page.evaluate(async () => {
    /** @typedef {HTMLElement & { ready: Promise<void> }} Widget */
    const widgets = /** @type {Widget[]} */ ([...document.querySelectorAll('*')].filter((el) => el.localName.startsWith('descent-') && 'ready' in el));
    const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    // Every widget that has started loading (they start 200 px before they come into view), drawn.
    const settle = async () => {
      await document.fonts.ready;
      const near = widgets.filter((el) => {
        const r = el.getBoundingClientRect();
        return r.bottom > -200 && r.top < innerHeight + 200;
      });
      await Promise.all(near.map((el) => el.ready));
      await frame();
    };
    await settle();
    for (const el of widgets) {
      scrollTo(0, scrollY + el.getBoundingClientRect().top - innerHeight / 4);
      await settle();
    }
    for (let y = scrollY; y < document.documentElement.scrollHeight; y += innerHeight / 2) {
      scrollTo(0, y);
      await settle();
    }
    return { widgets: widgets.length, shifts: /** @type {any} */ (window).shifts ?? [] };
  });
  let worst = 0;
  let sum = 0;
  let start = -Infinity;
  let last = -Infinity;
  for (const { value, time } of /** @type {{ value: number, time: number }[]} */ (shifts)) {
    if (time - last < 1000 && time - start < 5000) sum += value;
    else [sum, start] = [value, time];
    last = time;
    worst = Math.max(worst, sum);
  }
  return { widgets, cls: Number(worst.toFixed(3)) };
}
