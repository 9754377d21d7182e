// Where the production build is and what pages it has: one answer for the e2e
// tests, the benchmark and the screenshot tool. DIST points elsewhere (a build
// made with `astro build --outDir …`).
import { readdirSync } from 'node:fs';
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
