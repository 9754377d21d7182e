// Serves the production build (dist/) as a static host would: under the base
// path it was built for (`astro build --base /descent/` → /descent/), a folder →
// its index.html, a miss → 404.html, text gzipped when the client accepts it, and
// content-hashed files cached for a year. Every response allows cross-origin
// use, since other sites load /widgets.js and its chunks as module scripts.
// Lighthouse and the page-weight budgets measure what this server sends, so it
// behaves like the hosts the site is meant for, not like a bare file server.
// It sends no security headers: each page carries its own Content-Security-Policy
// <meta> (src/site/csp.ts), and a header here would let the tests pass on a policy
// that static hosts never send.
// Usage: node scripts/serve.mjs [port]   (used by `npm run preview` and the e2e tests)
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { builtBase, dist } from './built-site.mjs';

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * @param {string} root folder to serve
 * @param {number} [port] 0 picks a free port
 * @returns {Promise<{ server: import('node:http').Server, url: string }>} `url` is the
 *   site's root without its final slash (`http://127.0.0.1:4321/descent`): append "/adam/".
 */
export function serveStatic(root, port = 0) {
  const base = builtBase(root);
  const server = createServer((req, res) => {
    let path;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      path = '';
    }
    // Outside the base path nothing is found, as on a host where the site is one folder among others.
    const inside = `${path}/`.startsWith(base);
    path = normalize(path.slice(base.length - 1) || '/');
    let file = inside ? join(root, path) : '';
    if (!file.startsWith(root)) file = '';
    else if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    const found = existsSync(file) && statSync(file).isFile();
    const body = found ? file : join(root, '404.html');
    const type = types[/** @type {keyof typeof types} */ (extname(body))] ?? 'application/octet-stream';
    const gzip = compressible(type) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    const bytes = gzip ? gzipped(body) : readFileSync(body);
    res.writeHead(found ? 200 : 404, {
      'Content-Type': type,
      'Content-Length': bytes.length,
      'Cache-Control': found && immutable(path) ? 'public, max-age=31536000, immutable' : 'no-cache',
      'Access-Control-Allow-Origin': '*',
      Vary: 'Accept-Encoding',
      ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
    });
    res.end(req.method === 'HEAD' ? undefined : bytes);
  });
  return new Promise((resolve) =>
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      resolve({ server, url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}${base.slice(0, -1)}` });
    }),
  );
}

/** @param {string} type */
const compressible = (type) => /^(text\/|application\/(json|xml|manifest))|image\/svg/.test(type);

// Astro names every file in /_astro/ by a hash of its content, so such a file never changes.
/** @param {string} path */
const immutable = (path) => /^[\\/]_astro[\\/]/.test(path);

/** @type {Map<string, { mtime: number, bytes: Buffer }>} */
const gzipCache = new Map();
/** @param {string} file */
function gzipped(file) {
  const mtime = statSync(file).mtimeMs;
  const hit = gzipCache.get(file);
  if (hit && hit.mtime === mtime) return hit.bytes;
  const bytes = gzipSync(readFileSync(file), { level: 9 });
  gzipCache.set(file, { mtime, bytes });
  return bytes;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { url } = await serveStatic(dist, Number(process.argv[2] ?? 4321));
  console.log(`Descent (production build) at ${url}/`);
}
