// Where the production build is, what pages it has and the base path it was built
// for: one answer for the e2e tests, the benchmark and the screenshot tool. DIST
// points elsewhere (a build made with `astro build --outDir …`).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const dist = process.env.DIST ?? fileURLToPath(new URL('../dist', import.meta.url));

/**
 * Every built HTML file, relative to the build folder, in a fixed order.
 * @param {string} [root]
 */
export const htmlFiles = (root = dist) => /** @type {string[]} */ (readdirSync(root, { recursive: true })).filter((f) => f.endsWith('.html')).sort();

/**
 * Every built page as the path a browser asks for: "adam/index.html" → "/adam/".
 * @param {string} [root]
 */
export const pagePaths = (root = dist) => htmlFiles(root).map((f) => '/' + f.replace(/index\.html$/, ''));

/**
 * The address the build was made for (`site` and `base`), as its sitemap index
 * lists the sitemap there: "http://localhost:4321/descent/". Undefined if the
 * build has no sitemap (no `site`).
 * @param {string} [root]
 */
export function builtRoot(root = dist) {
  const index = `${root}/sitemap-index.xml`;
  const loc = existsSync(index) ? /<loc>([^<]+)<\/loc>/.exec(readFileSync(index, 'utf8'))?.[1] : undefined;
  return loc && new URL('./', loc).href;
}

/**
 * The base path the build was made for: "/" or, say, "/descent/".
 * @param {string} [root]
 */
export const builtBase = (root = dist) => new URL(builtRoot(root) ?? 'http://x/').pathname;
