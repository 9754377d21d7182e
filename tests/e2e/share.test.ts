import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, watchErrors } from '../../scripts/chromium.mjs';
import { openWidget, readStatus, waitForStatus, press } from './widgets';

let browser: Awaited<ReturnType<typeof launch>>;
beforeAll(async () => {
  browser = await launch();
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: inject('baseURL') });
  // Records every Element.animate call, so that the arrival's outline can be checked after it has faded.
  await browser.context.addInitScript(() => {
    const animate = Element.prototype.animate;
    const calls: { id: string; keyframes: unknown }[] = [];
    (window as unknown as { __animations: typeof calls }).__animations = calls;
    Element.prototype.animate = function (keyframes, options) {
      calls.push({ id: this.id, keyframes: JSON.parse(JSON.stringify(keyframes)) });
      return animate.call(this, keyframes, options);
    };
  });
});
afterAll(() => browser.close());

/** Whether the focus is on the frame inside the widget `id`, and the widget on screen. */
const arrivedAt = (page: Page, id: string) =>
  page.evaluate((id) => {
    const host = document.getElementById(id)!;
    const { top, bottom } = host.getBoundingClientRect();
    const onScreen = top < innerHeight && bottom > 0;
    const focused = document.activeElement === host && host.shadowRoot?.activeElement?.classList.contains('frame');
    const outlined = (window as unknown as { __animations: { id: string; keyframes: { outlineStyle?: string }[] }[] }).__animations.some(
      (a) => a.id === id && a.keyframes.some((k) => k.outlineStyle === 'solid'),
    );
    return { onScreen, focused, outlined, scrolled: scrollY > 0 };
  }, id);

const open = async (path: string) => {
  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  await page.goto(inject('baseURL') + path, { waitUntil: 'load' });
  return { page, errors };
};

describe('arriving by a permalink', () => {
  it('scrolls to the linked widget, outlines it and moves focus into it; the state is restored', async () => {
    const { page, errors } = await open('/adam/?adam-trainer.dataset=moons&adam-trainer.step=12');
    await expect.poll(() => arrivedAt(page, 'adam-trainer'), { timeout: 60_000 }).toEqual({ onScreen: true, focused: true, outlined: true, scrolled: true });
    const trainer = page.locator('#adam-trainer');
    expect((await waitForStatus(trainer, (s) => s.step === 12)).step).toBe(12);
    expect(await trainer.getByLabel('Dataset').inputValue()).toBe('moons');
    // Other widgets on the page were not pointed at.
    expect(await page.locator('[data-linked]').count()).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('goes to the widget a #id fragment names', async () => {
    const { page } = await open('/sgd/#noise-race');
    await expect.poll(() => arrivedAt(page, 'noise-race'), { timeout: 60_000 }).toEqual({ onScreen: true, focused: true, outlined: true, scrolled: true });
    await page.close();
  });

  it('still reads an old position key (trainer2: the page’s second trainer), and rewrites it under the id', async () => {
    const { page, errors } = await open('/sgd/?trainer2.step=5');
    await expect.poll(() => arrivedAt(page, 'full-batch-trainer'), { timeout: 60_000 }).toMatchObject({ onScreen: true, focused: true });
    const second = page.locator('#full-batch-trainer');
    await waitForStatus(second, (s) => s.step === 5);
    const first = await openWidget(page, '#batch-1-trainer');
    expect((await readStatus(first)).step).toBe(0);
    await second.scrollIntoViewIfNeeded();
    await press(second, 'Step');
    await expect.poll(() => new URL(page.url()).searchParams.get('full-batch-trainer.step')).toBe('6');
    expect(page.url()).not.toMatch(/trainer2\./);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('the instructor mode of the Embed dialog', () => {
  it('turns ticked controls into hide and lock in the link and both snippets, and the link applies them', async () => {
    const { page, errors } = await open('/adam/');
    const trainer = await openWidget(page, '#adam-trainer');
    await trainer.getByRole('button', { name: 'Embed' }).click();
    const dialog = trainer.getByRole('dialog', { name: 'Embed this widget' });
    const section = dialog.getByRole('region', { name: 'For instructors: hide or lock controls' });
    const shown = async () => ({
      link: await dialog.getByLabel('Link to this page').inputValue(),
      iframe: await dialog.getByLabel('In an iframe').inputValue(),
      script: await dialog.getByLabel('With one script tag').inputValue(),
    });
    const before = await shown();
    expect(before.link).not.toMatch(/hide|lock/);
    expect(before.script).not.toMatch(/hide=|lock=/);

    // By keyboard: focus a checkbox, tick it with Space; the focus stays in the dialog.
    await section.getByRole('checkbox', { name: 'Hide dataset' }).focus();
    await page.keyboard.press('Space');
    await section.getByRole('checkbox', { name: 'Lock optimizer' }).check();
    await section.getByRole('checkbox', { name: 'Lock learning rate η' }).check();
    expect(await dialog.evaluate((d) => d.contains(d.getRootNode() instanceof ShadowRoot ? (d.getRootNode() as ShadowRoot).activeElement : null))).toBe(true);
    const after = await shown();
    const link = new URL(after.link);
    expect(link.pathname).toBe(`${new URL(inject('baseURL')).pathname.replace(/\/$/, '')}/adam/`);
    expect(link.searchParams.get('adam-trainer.hide')).toBe('dataset');
    expect(link.searchParams.get('adam-trainer.lock')).toBe('optimizer,lr');
    expect(link.hash).toBe('#adam-trainer');
    expect(after.script).toMatch(/<descent-trainer [^>]*hide="dataset" lock="optimizer,lr"/);
    expect(after.iframe).toMatch(/hide=dataset&amp;lock=optimizer%2Clr/);

    // Unticking takes a control back out.
    await section.getByRole('checkbox', { name: 'Lock learning rate η' }).uncheck();
    expect(new URL(await dialog.getByLabel('Link to this page').inputValue()).searchParams.get('adam-trainer.lock')).toBe('optimizer');
    const finalLink = await dialog.getByLabel('Link to this page').inputValue();
    await page.keyboard.press('Escape');
    // The widget on the page itself is unchanged.
    expect(await trainer.getByLabel('Dataset').isVisible()).toBe(true);

    const student = await browser.context.newPage();
    await student.goto(finalLink, { waitUntil: 'load' });
    await expect.poll(() => arrivedAt(student, 'adam-trainer'), { timeout: 60_000 }).toMatchObject({ onScreen: true, focused: true });
    const theirs = student.locator('#adam-trainer');
    expect(await theirs.getByLabel('Dataset').isVisible()).toBe(false);
    expect(await theirs.getByLabel('Optimizer').isDisabled()).toBe(true);
    expect(await theirs.getByLabel('learning rate η').isDisabled()).toBe(false);
    expect(errors).toEqual([]);
    await student.close();
    await page.close();
  });
});

describe('copy feedback', () => {
  const note = (copy: Locator) => copy.locator('xpath=following-sibling::*[1]');

  it('Copy link says “Link copied” visibly for a moment, and the clipboard holds the link to the widget', async () => {
    const { page, errors } = await open('/adam/');
    const trainer = await openWidget(page, '#adam-trainer');
    await press(trainer, 'Step');
    const copy = trainer.getByRole('button', { name: 'Copy link' });
    await copy.click();
    const confirmation = note(copy);
    await expect.poll(() => confirmation.textContent()).toBe('Link copied');
    expect(await confirmation.isVisible()).toBe(true);
    expect(await confirmation.getAttribute('aria-live')).toBe('polite');
    const copied = new URL(await page.evaluate(() => navigator.clipboard.readText()));
    expect(copied.searchParams.get('adam-trainer.step')).toBe('1');
    expect(copied.hash).toBe('#adam-trainer');
    // Transient: it goes away by itself.
    await expect.poll(() => confirmation.textContent(), { timeout: 10_000 }).toBe('');

    // When the browser refuses the clipboard, a visible message says where the link is.
    await page.evaluate(() => (navigator.clipboard.writeText = () => Promise.reject(new DOMException('refused', 'NotAllowedError'))));
    await copy.click();
    await expect.poll(() => confirmation.textContent()).toMatch(/^Not copied: .*address bar/);
    expect(await confirmation.isVisible()).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the dialog’s Copy buttons confirm too', async () => {
    const { page } = await open('/adam/');
    const trainer = await openWidget(page, '#adam-trainer');
    await trainer.getByRole('button', { name: 'Embed' }).click();
    const dialog = trainer.getByRole('dialog', { name: 'Embed this widget' });
    // The link's own Copy (the PyTorch script below it has one too).
    const linkId = await dialog.getByLabel('Link to this page').getAttribute('id');
    const copy = dialog.locator(`button[aria-describedby="${linkId}"]`);
    await copy.click();
    await expect.poll(() => note(copy).textContent()).toBe('Link copied');
    expect(await note(copy).isVisible()).toBe(true);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await dialog.getByLabel('Link to this page').inputValue());
    await page.close();
  });
});
