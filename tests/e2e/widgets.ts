import type { Locator, Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import { launch, watchErrors } from '../../scripts/chromium.mjs';

/** Scrolls a widget into view and waits until it has loaded and drawn. */
export async function openWidget(page: Page, selector: string): Promise<Locator> {
  const widget = page.locator(selector).first();
  await widget.scrollIntoViewIfNeeded();
  await widget.evaluate((el) => (el as HTMLElement & { ready: Promise<void> }).ready);
  return widget;
}

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
