import { build, type Plugin } from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

/**
 * Builds `/widgets.js`, the one script other sites load to use Descent's
 * widgets: an ES module that defines every `descent-*` element. Its chunks
 * (TensorFlow.js, Plot, each widget) are imported relative to the module's
 * own URL, so they come from this site whatever page loads it.
 *
 * `/widgets/<version>/widgets.js` is the pinned build; `/widgets.js` re-exports
 * the current version for those who always want the latest.
 */
export function widgetsBundle(version: string): AstroIntegration {
  return {
    name: 'descent:widgets-bundle',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const out = fileURLToPath(new URL(`widgets/${version}/`, dir));
        const result = await build({
          // The training Worker is an entry of its own: engine-client.ts starts it from this folder.
          entryPoints: {
            widgets: fileURLToPath(new URL('../widgets/embeddable.ts', import.meta.url)),
            'engine-worker': fileURLToPath(new URL('../train/engine-worker.ts', import.meta.url)),
          },
          bundle: true,
          splitting: true,
          format: 'esm',
          platform: 'browser',
          target: 'es2022',
          minify: true,
          outdir: out,
          chunkNames: 'chunks/[name]-[hash]',
          alias: { 'node-fetch': fileURLToPath(new URL('./empty-module.ts', import.meta.url)) },
          define: { 'process.env.NODE_ENV': '"production"', __DESCENT_VERSION__: JSON.stringify(version), __DESCENT_BUNDLE__: 'true' },
          legalComments: 'linked',
          plugins: [rawImports],
          metafile: true,
        });
        writeFileSync(new URL('widgets.js', dir), `// Descent widgets, current version. Pin /widgets/${version}/widgets.js to keep this one.\nexport * from './widgets/${version}/widgets.js';\n`);
        const bytes = Object.entries(result.metafile.outputs).reduce((sum, [, o]) => sum + o.bytes, 0);
        logger.info(`widgets.js ${version}: ${Object.keys(result.metafile.outputs).length} files, ${(bytes / 1024).toFixed(0)} KiB`);
      },
    },
  };
}

/** Vite's `import text from './file?raw'` for esbuild: the file's text as a string (the PyTorch export's Python). */
const rawImports: Plugin = {
  name: 'raw',
  setup(b) {
    b.onResolve({ filter: /\?raw$/ }, (a) => ({ path: resolve(a.resolveDir, a.path.slice(0, -4)), namespace: 'raw' }));
    b.onLoad({ filter: /.*/, namespace: 'raw' }, (a) => ({ contents: readFileSync(a.path, 'utf8'), loader: 'text', resolveDir: dirname(a.path) }));
  },
};
