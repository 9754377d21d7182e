// Starts Debian's Chromium for tests and screenshots. Never downloads a browser.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** @returns {string} the path of a Chromium executable, or throws one line saying how to get one */
export function findChromium() {
  const found = candidates.find((p) => p && existsSync(p));
  if (!found) throw new Error('No Chromium found: install it with `apt-get install -y chromium` or set CHROMIUM_PATH.');
  return found;
}

// Without the networking flags Chromium stalls on a machine with no internet.
const args = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/**
 * A persistent context in a fresh profile folder (passing --user-data-dir to launch() throws).
 * @param {import('playwright-core').BrowserContextOptions} [options]
 * @param {string[]} [extraArgs] more Chromium flags, e.g. to take a web platform feature away
 */
export async function launch(options = {}, extraArgs = []) {
  const dir = mkdtempSync(join(tmpdir(), 'descent-chromium-'));
  const context = await chromium.launchPersistentContext(dir, { executablePath: findChromium(), headless: true, args: [...args, ...extraArgs], ...options });
  return {
    context,
    async close() {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Collects console errors and uncaught page errors, so a test can assert there were none.
 * @param {import('playwright-core').Page} page
 * @returns {string[]}
 */
export function watchErrors(page) {
  /** @type {string[]} */
  const errors = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  return errors;
}
