/**
 * Soak: one trainer runs 20,000 steps in Chromium at the speed a reader gets
 * (the driver's own frame budget). Live tensors, the JavaScript heap after a
 * full GC, the widget's DOM and the loss history it plots are sampled every
 * ~1,000 steps; none may grow with the number of steps.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { launch, watchErrors } from '../../scripts/chromium.mjs';
import { readStatus, waitForStatus } from './widgets';

const STEPS = 20_000;
const EVERY = 1_000;
const WARM_UP = 1_000; // tf.js kernels, plots and caches are in place by then
/**
 * Heap after GC at the end may exceed the heap after GC at warm-up by at most
 * this much. Measured here (Chromium 156, 2 cores, two GCs before each sample):
 * 7.2 MB at step 1,100, between 6.9 and 7.3 MB up to step 20,000, 7.4 MB at the
 * end; a 76,000-step run ended at 7.8 MB. That slow drift flattens out (code and
 * caches settling); with one GC per sample the figures jitter by ±1 MB. 3 MB
 * leaves room for both, and a leak of 150 bytes a step, or one plot kept per
 * redraw, exceeds it.
 */
const HEAP_GROWTH_BYTES = 3 * 1024 * 1024;
/** LossHistory's default maximum: the loss curve may never have more points. */
const HISTORY_MAX = 400;
/** The data table shows about a dozen rows, however long the run. */
const TABLE_MAX = 13;

interface Sample {
  step: number;
  tensors: number;
  heap: number;        // bytes, after a full GC
  elements: number;    // elements in the widget's shadow root
  curvePoints: number; // vertices of the longest line in the loss plot
  tableRows: number;
}

/** In the page: a full GC, then the numbers that would grow if anything leaked. */
function sample(el: Element): Sample {
  const { gc } = window as unknown as { gc: () => void };
  gc();
  gc(); // a second pass frees what the first one's weak callbacks let go
  const root = el.shadowRoot!;
  const status = root.querySelector('[role=status]')!.textContent ?? '';
  const figures = root.querySelectorAll('.plots svg[role=img]');
  const lines = [...(figures[1]?.querySelectorAll('path') ?? [])].map((p) => (p.getAttribute('d')?.match(/[ML]/g) ?? []).length);
  return {
    step: Number(/step (\d+)/.exec(status)?.[1]),
    tensors: (el as HTMLElement & { tensorCount: number }).tensorCount,
    heap: (performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize,
    elements: root.querySelectorAll('*').length,
    curvePoints: Math.max(0, ...lines),
    tableRows: root.querySelectorAll('table tbody tr').length,
  };
}

let browser: Awaited<ReturnType<typeof launch>>;
let page: Page;
let errors: string[];
let widget: Locator;

beforeAll(async () => {
  // Precise heap figures (not bucketed) and a gc() to call before reading them.
  browser = await launch({}, ['--enable-precise-memory-info', '--js-flags=--expose-gc']);
  page = await browser.context.newPage();
  errors = watchErrors(page);
  await page.goto(`${inject('baseURL')}/embed/trainer/?optimizer=adam&lr=0.01&dataset=spiral&hidden=8,8&batch=10&seed=3`, { waitUntil: 'load' });
  widget = page.locator('#widget');
  await widget.evaluate((el) => (el as HTMLElement & { ready: Promise<void> }).ready);
});
afterAll(async () => {
  await browser?.close();
});

describe('a trainer soaked for 20,000 steps', () => {
  it('keeps its tensors, heap, DOM and plotted history flat', async () => {
    await widget.getByRole('button', { name: 'Play' }).click();
    const samples: Sample[] = [];
    for (let target = WARM_UP; target <= STEPS; target += EVERY) {
      await waitForStatus(widget, (s) => s.step >= target || /diverged/.test(s.text), 120_000);
      samples.push(await widget.evaluate(sample));
      expect((await readStatus(widget)).text).not.toMatch(/diverged/);
    }
    await widget.getByRole('button', { name: 'Pause' }).click();
    const end = await widget.evaluate(sample);
    console.table([...samples, end]);

    const [warm] = samples;
    for (const s of [...samples, end]) {
      expect(s.tensors, `tensors at step ${s.step}`).toBe(warm.tensors);
      expect(s.curvePoints, `loss-curve points at step ${s.step}`).toBeLessThanOrEqual(HISTORY_MAX);
      expect(s.curvePoints, `loss-curve points at step ${s.step}`).toBeGreaterThan(0);
      expect(s.tableRows, `table rows at step ${s.step}`).toBeLessThanOrEqual(TABLE_MAX);
      // Axis ticks and table rows come and go; nothing piles up.
      expect(s.elements, `shadow-root elements at step ${s.step}`).toBeLessThan(warm.elements * 1.1);
    }
    expect(end.step).toBeGreaterThanOrEqual(STEPS);
    expect(end.heap - warm.heap, `heap ${warm.heap} → ${end.heap} bytes`).toBeLessThan(HEAP_GROWTH_BYTES);
    expect(errors).toEqual([]);
  });
});
