import { siteRoot, version } from './site';

declare const __DESCENT_BUNDLE__: boolean;

/**
 * A module Worker of Descent's. On this site Vite bundles it (`local`, which
 * must spell `new Worker(new URL('…', import.meta.url))` for Vite to see it);
 * from /widgets.js on another site it is the bundle's `widgets/<version>/<file>.js`
 * (an entry in src/site/widgets-bundle.ts), started through a one-line module
 * from a Blob URL, because a page may only start a Worker from its own origin.
 * A host whose CSP forbids either, or a sandbox that forbids Workers, makes
 * this throw or the Worker fail: callers fall back or say so.
 */
export function moduleWorker(file: string, name: string, local: () => Worker): Worker {
  if (typeof __DESCENT_BUNDLE__ === 'boolean' && __DESCENT_BUNDLE__) {
    const url = new URL(`widgets/${version}/${file}.js`, siteRoot()).href;
    const sameOrigin = new URL(url).origin === location.origin;
    const entry = sameOrigin ? url : URL.createObjectURL(new Blob([`import ${JSON.stringify(url)};`], { type: 'text/javascript' }));
    return new Worker(entry, { type: 'module', name });
  }
  return local();
}
