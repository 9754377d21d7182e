import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { AstroIntegration } from 'astro';
import { aboutBytes } from './offline-status';
import { manifest, type BuiltFile } from './precache';

// What static hosts compress (as scripts/serve.mjs does); the rest (fonts, Pagefind's files) is compressed already.
const compressed = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.xml', '.txt', '.webmanifest']);

/** The files under a folder, as paths relative to it with forward slashes. */
function filesIn(root: string): string[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((path) => statSync(join(root, path)).isFile())
    .map((path) => path.split(sep).join('/'));
}

/**
 * Writes `/sw.js`, the service worker that keeps the pages a reader opens and,
 * when asked, the whole guide, with its manifest: the shell, every file of the
 * full copy with its download size and digest, and a version derived from
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
        const contents = new Map(filesIn(root).map((path) => [path, readFileSync(join(root, path))]));
        const files: BuiltFile[] = [...contents].map(([path, content]) => {
          const bytes = compressed.has(extname(path)) ? gzipSync(content).length : content.length;
          return { path, bytes, hash: createHash('sha256').update(content).digest('hex') };
        });
        const publicFiles = new Set(publicDir && existsSync(publicDir) ? filesIn(fileURLToPath(publicDir)) : []);
        const pages = new Map([...contents].filter(([path]) => path.endsWith('.html')).map(([path, content]) => [path, content.toString('utf8')]));
        const offline = manifest(files, publicFiles, pages, base);
        await build({
          entryPoints: [fileURLToPath(new URL('./sw.ts', import.meta.url))],
          bundle: true,
          format: 'iife',
          platform: 'browser',
          target: 'es2022',
          minify: true,
          outfile: join(root, 'sw.js'),
          define: { __DESCENT_MANIFEST__: JSON.stringify(offline) },
        });
        const size = (urls: readonly string[]) => aboutBytes(offline.files.filter((f) => urls.includes(f.url)).reduce((sum, f) => sum + f.bytes, 0));
        const all = offline.files.map((f) => f.url);
        logger.info(`sw.js ${offline.version}: shell ${offline.shell.length} files, ${size(offline.shell)}; full copy ${all.length} files, ${size(all)}`);
      },
    },
  };
}
