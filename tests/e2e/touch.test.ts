import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { launch, watchErrors } from '../../scripts/chromium.mjs';
import { openWidget } from './widgets';

// On a touch phone every control of a widget is at least 44 px tall (WCAG 2.5.5),
// plots are drawn at the width they are shown at (so their text keeps its size),
// and Play keeps its width when it turns into Pause.
const TARGET = 44;
let browser: Awaited<ReturnType<typeof launch>>;
let errors: string[];
let page: Awaited<ReturnType<typeof browser.context.newPage>>;
beforeAll(async () => {
  browser = await launch({ viewport: { width: 375, height: 812 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 });
  page = await browser.context.newPage();
  errors = watchErrors(page);
});
afterAll(() => browser.close());

/** Every visible control in the widget, with the height of its box and of the box a touch hits. */
function targets(widget: Locator) {
  return widget.evaluate((el) => {
    const root = el.shadowRoot!;
    for (const d of root.querySelectorAll('details')) d.open = true;
    return [...root.querySelectorAll<HTMLElement>('button, select, input, summary')]
      .filter((c) => c.getClientRects().length > 0)
      .map((c) => ({ what: `${c.localName} ${c.textContent?.trim() || c.getAttribute('name') || c.id}`, height: Math.round(c.getBoundingClientRect().height) }));
  });
}

/** Each plot's drawn width (its viewBox) against the width it is shown at. */
function plotScales(widget: Locator) {
  return widget.evaluate((el) =>
    [...el.shadowRoot!.querySelectorAll<SVGSVGElement>('svg[role=img]')].map((svg) => svg.getBoundingClientRect().width / svg.viewBox.baseVal.width),
  );
}

for (const [path, selector] of [['/adam/', 'descent-trainer'], ['/lab/', 'descent-race'], ['/momentum/', 'descent-surface']])
  it(`${selector} on ${path}: touch targets ≥ ${TARGET} px, plots drawn at their size`, async () => {
    await page.goto(inject('baseURL') + path, { waitUntil: 'load' });
    const widget = await openWidget(page, selector);
    const small = (await targets(widget)).filter((t) => t.height < TARGET);
    expect(small).toEqual([]);
    const scales = await plotScales(widget);
    expect(scales.length).toBeGreaterThan(0);
    for (const s of scales) expect(s).toBeCloseTo(1, 1);
    expect(errors).toEqual([]);
  });

it('Play and Pause are the same width, so the toolbar does not reflow', async () => {
  await page.goto(inject('baseURL') + '/adam/', { waitUntil: 'load' });
  const widget = await openWidget(page, 'descent-trainer');
  const play = widget.locator('button.play');
  const before = await play.boundingBox();
  await play.click();
  await expect.poll(() => play.textContent()).toBe('Pause');
  const during = await play.boundingBox();
  await play.click();
  expect(during!.width).toBe(before!.width);
  expect(errors).toEqual([]);
});
