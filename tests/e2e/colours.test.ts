import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { openPage, openWidget, press } from './widgets';

// One colour per run: its curve, its path and its legend swatch agree, and no two runs share one.
let opened: Awaited<ReturnType<typeof openPage>>;
beforeAll(async () => {
  opened = await openPage('/momentum/');
});
afterAll(() => opened.browser.close());

/** The colours of the swatches, in legend order, and those the widget's plots draw with. */
async function colours(widget: Locator) {
  return widget.evaluate((el) => {
    const root = el.shadowRoot!;
    const swatches = [...root.querySelectorAll<HTMLElement>('.swatch')].map((s) => s.style.background);
    const normal = (c: string) => {
      const probe = document.createElement('span');
      probe.style.color = c;
      return probe.style.color;
    };
    const drawn = new Set<string>();
    for (const svg of root.querySelectorAll('svg[role=img]'))
      for (const mark of svg.querySelectorAll('path[stroke], circle[fill], circle[stroke], g[stroke] > path, g[fill] > circle')) {
        for (const c of [mark.getAttribute('stroke'), mark.getAttribute('fill'), mark.parentElement?.getAttribute('stroke'), mark.parentElement?.getAttribute('fill')])
          if (c && /^#/.test(c)) drawn.add(normal(c));
      }
    return { swatches, drawn: [...drawn] };
  });
}

it('the PyTorch-vs-Keras race draws each run in its swatch colour, one colour per run', async () => {
  const race = await openWidget(opened.page, 'descent-race >> nth=1');
  for (let i = 0; i < 5; i++) await press(race, 'Step');
  const { swatches, drawn } = await colours(race);
  expect(swatches).toHaveLength(2);
  expect(new Set(swatches).size).toBe(2);
  expect(drawn.sort()).toEqual([...swatches].sort());
  expect(opened.errors).toEqual([]);
});

it('the surface draws each walker and its loss curve in its swatch colour', async () => {
  const surface = await openWidget(opened.page, 'descent-surface');
  for (let i = 0; i < 5; i++) await press(surface, 'Step');
  const { swatches, drawn } = await colours(surface);
  expect(swatches).toHaveLength(3);
  expect(new Set(swatches).size).toBe(3);
  // The contour background uses a colour scheme, not hex strokes, so every hex colour drawn is a run's.
  expect(drawn.sort()).toEqual([...swatches].sort());
});
