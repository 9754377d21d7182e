// Runs bench rows in headless Chromium (Debian's, via scripts/chromium.mjs).
import { readFileSync } from 'node:fs';
import { launch } from '../chromium.mjs';

const origin = 'http://descent-bench.invalid';

/**
 * Loads the browser bundle into a blank page (served by request interception:
 * no server, no network) and runs each row in turn.
 * @param {string} bundleFile the bundle of browser-entry.ts
 * @param {string[]} ids rows to run
 * @param {(id: string, result: import('./rows').RowResult) => void} [onResult]
 * @returns {Promise<{ version: string, results: Record<string, import('./rows').RowResult> }>}
 */
export async function runInChromium(bundleFile, ids, onResult = () => {}) {
  const code = readFileSync(bundleFile, 'utf8');
  const browser = await launch();
  try {
    const page = await browser.context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.route(`${origin}/**`, (route) =>
      route.request().url().endsWith('/bench.js')
        ? route.fulfill({ contentType: 'text/javascript', body: code })
        : route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>bench</title><script type="module" src="/bench.js"></script>' }),
    );
    await page.goto(`${origin}/`);
    await page.waitForFunction(() => 'descentBench' in globalThis, null, { timeout: 30_000 }).catch(() => {
      throw new Error(`bench page did not load: ${errors.join('; ') || 'no error reported'}`);
    });
    const version = (await page.evaluate(() => navigator.userAgent)).match(/Chrome\/([\d.]+)/)?.[1] ?? 'unknown';
    const results = {};
    for (const id of ids) {
      results[id] = await page.evaluate((row) => globalThis.descentBench.run(row), id);
      onResult(id, results[id]);
    }
    return { version, results };
  } finally {
    await browser.close();
  }
}
