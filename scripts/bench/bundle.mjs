// Bundles a TypeScript bench entry with esbuild, once for Node and once for the browser.
import { build } from 'esbuild';

/**
 * Both targets resolve TensorFlow.js to its ES-module build (the "module"
 * field), so Node and Chromium run the same code; only the JavaScript engine differs.
 * @param {string} entry path of the .ts entry
 * @param {string} outfile where to write the bundle
 * @param {'node' | 'browser'} platform
 */
export async function bundle(entry, outfile, platform) {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: 'esm',
    platform,
    target: 'es2022',
    mainFields: ['module', 'main'],
    logLevel: 'warning',
    // tfjs-core's Node platform code calls require(); an ES module has none of its own.
    banner: platform === 'node' ? { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" } : undefined,
  });
}
