import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { launch, watchErrors } from '../../scripts/chromium.mjs';
import { chapters } from '../../src/curriculum';

// Pages must not jump while they are read: cumulative layout shift (the largest
// burst of shifts, web.dev's definition) at most 0.1, "good", on every chapter,
// phone and desktop. A reader arrives at each widget before its code has loaded
// (as by a link to the heading above it), then waits for it; every wait is for
// an event (a widget's `ready`, the fonts), so the score does not depend on the
// machine's speed.
const GOOD = 0.1;
const viewports = { phone: { width: 375, height: 812 }, desktop: { width: 1280, height: 900 } };

let browser: Awaited<ReturnType<typeof launch>>;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());

/** Collects layout shifts not caused by input, from the page's first paint on. */
function observeShifts() {
  const w = window as unknown as { shifts: { value: number; time: number }[] };
  w.shifts = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries() as unknown as { value: number; startTime: number; hadRecentInput: boolean }[])
      if (!e.hadRecentInput) w.shifts.push({ value: e.value, time: e.startTime });
  }).observe({ type: 'layout-shift', buffered: true });
}

/** Scrolls a page top to bottom, stopping at each widget until it has drawn; returns its CLS. */
async function readThrough(page: Page, path: string): Promise<number> {
  await page.goto(inject('baseURL') + path, { waitUntil: 'load' });
  const shifts = await page.evaluate(async () => {
    type Widget = HTMLElement & { ready: Promise<void> };
    const widgets = [...document.querySelectorAll<Widget>('*')].filter((el) => el.localName.startsWith('descent-') && 'ready' in el);
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
    return (window as unknown as { shifts: { value: number; time: number }[] }).shifts;
  });
  // Session windows: shifts less than 1 s apart, at most 5 s long; CLS is the largest window's sum.
  let worst = 0;
  let sum = 0;
  let start = -Infinity;
  let last = -Infinity;
  for (const { value, time } of shifts) {
    if (time - last < 1000 && time - start < 5000) sum += value;
    else [sum, start] = [value, time];
    last = time;
    worst = Math.max(worst, sum);
  }
  return Number(worst.toFixed(3));
}

for (const [name, viewport] of Object.entries(viewports))
  it(`no chapter jumps while read top to bottom on a ${name} (CLS ≤ ${GOOD})`, async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize(viewport);
    await page.addInitScript(observeShifts);
    const errors = watchErrors(page);
    const scores: Record<string, number> = {};
    for (const path of ['/', ...chapters.map((c) => `/${c.slug}/`)]) scores[path] = await readThrough(page, path);
    await page.close();
    expect(Object.entries(scores).filter(([, cls]) => cls > GOOD), JSON.stringify(scores)).toEqual([]);
    // The widgets did draw (a page that failed to load would not shift either).
    expect(errors).toEqual([]);
    expect(Object.keys(scores)).toHaveLength(chapters.length + 1);
  });
