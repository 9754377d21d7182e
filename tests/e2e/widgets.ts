import type { Locator, Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import { launch, watchErrors } from '../../scripts/chromium.mjs';

/** Scrolls a widget into view and waits until it has loaded and drawn. */
export async function startWidget(widget: Locator): Promise<Locator> {
  await widget.scrollIntoViewIfNeeded();
  await widget.evaluate((el) => (el as HTMLElement & { ready: Promise<void> }).ready);
  return widget;
}

/** The first widget a selector finds on the page, started. */
export const openWidget = (page: Page, selector: string) => startWidget(page.locator(selector).first());

/** The widget's status line, parsed: "step N · loss X". */
export async function readStatus(widget: Locator): Promise<{ text: string; step: number; loss: number }> {
  const text = (await widget.locator('[role=status]').textContent()) ?? '';
  const step = Number(/step (\d+)/.exec(text)?.[1] ?? NaN);
  const raw = /loss (\S+)/.exec(text)?.[1] ?? 'NaN';
  const loss = raw === '∞' ? Infinity : Number(raw);
  return { text, step, loss };
}

export const tensorCount = (widget: Locator) => widget.evaluate((el) => (el as HTMLElement & { tensorCount: number }).tensorCount);

/** Waits until the status satisfies a predicate. */
export async function waitForStatus(widget: Locator, ok: (s: Awaited<ReturnType<typeof readStatus>>) => boolean, timeout = 30_000) {
  await expect.poll(async () => ok(await readStatus(widget)), { timeout, interval: 100 }).toBe(true);
  return readStatus(widget);
}

/** A fresh browser on a built page, with its errors collected: the setup of a page's e2e file. */
export async function openPage(path: string) {
  const browser = await launch();
  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  await page.goto(inject('baseURL') + path, { waitUntil: 'networkidle' });
  return { browser, page, errors };
}

/** The same, with one widget opened: the setup of a widget's e2e file. */
export async function openOnPage(path: string, selector: string) {
  const opened = await openPage(path);
  return { ...opened, widget: await openWidget(opened.page, selector) };
}

/** Presses one of a widget's buttons, by its exact name, and waits until the widget is no longer busy with it (a Step or a rebuild; the engine answers from a Worker). */
export async function press(widget: Locator, name: string) {
  await widget.getByRole('button', { name, exact: true }).click();
  await settled(widget);
}

/** Resolves once the widget is not aria-busy: its Step presses and rebuilds are done. */
export const settled = (widget: Locator) =>
  widget.evaluate((el) => new Promise<void>((resolve) => {
    const check = () => (el.getAttribute('aria-busy') === 'true' ? setTimeout(check, 10) : resolve());
    check();
  }));

/** Plays a widget until its status satisfies a predicate, then pauses it; returns that status. */
export async function playUntil(widget: Locator, ok: (s: Awaited<ReturnType<typeof readStatus>>) => boolean) {
  await press(widget, 'Play');
  const status = await waitForStatus(widget, ok);
  await press(widget, 'Pause');
  return status;
}

/** Puts code into an exercise's editor. */
export const setCode = (exercise: Locator, code: string) => exercise.evaluate((el, c) => ((el as HTMLElement & { value: string }).value = c), code);

/** Waits for an exercise's verdict (it grades in a worker; the status says "Checking…" until then) and returns it. */
export async function verdict(exercise: Locator): Promise<string> {
  const status = exercise.locator('[role=status]');
  await expect.poll(async () => (await status.textContent()) ?? '', { timeout: 30_000 }).toMatch(/^(passed|failed|timed out)/);
  return (await status.textContent()) ?? '';
}

/** Presses an exercise's Check button and returns its verdict. */
export async function check(exercise: Locator): Promise<string> {
  await press(exercise, 'Check');
  return verdict(exercise);
}
