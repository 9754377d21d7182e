import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { precache, type BuiltFile } from './precache';

/** The files under a folder, as paths relative to it with forward slashes. */
function filesIn(root: string): string[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((path) => statSync(join(root, path)).isFile())
    .map((path) => path.split(sep).join('/'));
}

/**
 * Writes `/sw.js`, the service worker that makes the site read offline after
 * one visit, with the list of files to store and a cache name derived from
 * their content. It reads the finished build, so it must be the last
 * integration: anything that rewrites pages after it would ship pages the
 * worker's list does not describe.
 */
export function offline(): AstroIntegration {
  let base = '/';
  let publicDir: URL | undefined;
  return {
    name: 'descent:offline',
    hooks: {
      'astro:config:done': ({ config }) => {
        base = config.base;
        publicDir = config.publicDir;
      },
      'astro:build:done': async ({ dir, logger }) => {
        const root = fileURLToPath(dir);
        const files: BuiltFile[] = filesIn(root).map((path) => {
          const content = readFileSync(join(root, path));
          return { path, bytes: content.length, hash: createHash('sha256').update(content).digest('hex') };
        });
        const publicFiles = new Set(publicDir && existsSync(publicDir) ? filesIn(fileURLToPath(publicDir)) : []);
        const { cache, urls, bytes } = precache(files, publicFiles, base);
        await build({
          entryPoints: [fileURLToPath(new URL('./sw.ts', import.meta.url))],
          bundle: true,
          format: 'iife',
          platform: 'browser',
          target: 'es2022',
          minify: true,
          outfile: join(root, 'sw.js'),
          define: { __DESCENT_CACHE__: JSON.stringify(cache), __DESCENT_PRECACHE__: JSON.stringify(urls) },
        });
        logger.info(`sw.js ${cache}: precaches ${urls.length} files, ${(bytes / 1024).toFixed(0)} KiB`);
      },
    },
  };
}
