import { existsSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { dist } from '../../scripts/built-site.mjs';
import { findChromium } from '../../scripts/chromium.mjs';
import { serveStatic } from '../../scripts/serve.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
  }
}

/** Serves the production build once for every e2e test file. */
export default async function setup(project: TestProject) {
  findChromium();
  if (!existsSync(`${dist}/index.html`)) throw new Error('No production build in dist/: run `npm run build` first.');
  const { server, url } = await serveStatic(dist);
  project.provide('baseURL', url);
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}
