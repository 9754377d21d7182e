import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, watchErrors } from '../../scripts/chromium.mjs';
import { check, openWidget, playUntil, startWidget } from './widgets';

// The engine runs TensorFlow.js on its CPU backend only (src/train/tf.ts), so a
// browser without WebGL (old GPUs, drivers Chromium refuses, some VMs) or without
// WebAssembly (Safari's Lockdown Mode, browsers run with the JIT off) loses
// nothing. V8 without its JIT has no WebAssembly, which is how this test takes it
// away: Chromium 156 no longer honours the V8 flag that only hid it.
let browser: Awaited<ReturnType<typeof launch>>;
let page: Page;
let errors: string[];

beforeAll(async () => {
  browser = await launch({}, ['--disable-webgl', '--disable-3d-apis', '--js-flags=--jitless']);
  page = await browser.context.newPage();
  errors = watchErrors(page);
  await page.goto(inject('baseURL') + '/adam/', { waitUntil: 'networkidle' });
});
afterAll(() => browser.close());

describe('a browser with neither WebGL nor WebAssembly', () => {
  it('really has neither', async () => {
    const platform = await page.evaluate(() => ({
      wasm: typeof WebAssembly,
      webgl: document.createElement('canvas').getContext('webgl'),
      webgl2: document.createElement('canvas').getContext('webgl2'),
    }));
    expect(platform).toEqual({ wasm: 'undefined', webgl: null, webgl2: null });
    // Workers too (the exercises grade in one). A blank page, since the site's policy refuses blob: workers.
    const blank = await browser.context.newPage();
    const inWorker = await blank.evaluate(
      () =>
        new Promise((resolve) => {
          const url = URL.createObjectURL(new Blob(['postMessage(typeof WebAssembly)'], { type: 'text/javascript' }));
          new Worker(url).onmessage = (e) => resolve(e.data);
        }),
    );
    await blank.close();
    expect(inWorker).toBe('undefined');
  });

  it("runs the chapter's widgets: every one loads, the trainer trains, the exercise is graded (in a worker, which has no WebAssembly either)", async () => {
    for (const widget of await page.locator('descent-trainer, descent-surface, descent-inspector, descent-exercise').all()) await startWidget(widget);
    const trainer = await openWidget(page, 'descent-trainer');
    const later = await playUntil(trainer, (s) => s.step > 300);
    expect(later.loss).toBeLessThan(Infinity);
    expect(await trainer.locator('svg[role=img]').count()).toBe(2);

    const exercise = await openWidget(page, 'descent-exercise');
    expect(await check(exercise)).toMatch(/^failed: case 1 differs/);
    expect(errors).toEqual([]);
  });
});
