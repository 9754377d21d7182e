import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, type DefaultTreeAdapterTypes as T } from 'parse5';
import type { AstroIntegration } from 'astro';

/**
 * A strict Content-Security-Policy in every built page, as a `<meta>` before
 * anything that loads or runs. Astro 5's `experimental.csp` was measured and
 * not used: it hashes only Astro-bundled scripts (none of Starlight's six
 * `is:inline` scripts, the theme provider among them), puts its `<meta>` after
 * the stylesheets, and hashes styles, which turns off 'unsafe-inline' for the
 * style attributes KaTeX and Expressive Code need.
 */

/** The CSP source expression allowing one inline script: its SHA-256, base64, quoted. */
export function scriptHash(body: string): string {
  return `'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`;
}

/** The policy of a page whose inline scripts have these hashes. */
export function policy(scriptHashes: Iterable<string>): string {
  const hashes = [...new Set(scriptHashes)].sort();
  return [
    "default-src 'self'",
    // 'wasm-unsafe-eval' lets WebAssembly compile, and no JavaScript eval or new Function:
    // TensorFlow.js's int64 library (long.js) probes with a tiny module on load (a refusal
    // is a console error), and Pagefind, Starlight's search, runs its index in WebAssembly
    // on the page when it cannot start its worker.
    `script-src ${["'self'", "'wasm-unsafe-eval'", ...hashes].join(' ')}`,
    // KaTeX sizes its glyphs and Expressive Code colours its tokens with style
    // attributes, and Observable Plot writes a <style> into its SVG: none can be hashed.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    // Vite inlines assets under 4 KiB as data: URLs, one of KaTeX's woff2 fonts among them.
    "font-src 'self' data:",
    "connect-src 'self'",
    // The exercise worker is a file of this site. Its own policy comes from its
    // response headers, not this <meta>, so its import of the student's code
    // from a blob: URL is not governed here (a host sending this policy as a
    // header must add blob: to script-src).
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
}

// Types under which a <script> runs (HTML's JavaScript MIME types, modules, import maps);
// any other type, such as application/json, is data.
const runnable = new Set([
  '', 'module', 'importmap', 'speculationrules',
  'text/javascript', 'application/javascript', 'application/ecmascript', 'application/x-ecmascript',
  'application/x-javascript', 'text/ecmascript', 'text/javascript1.0', 'text/javascript1.1',
  'text/javascript1.2', 'text/javascript1.3', 'text/javascript1.4', 'text/javascript1.5',
  'text/jscript', 'text/livescript', 'text/x-ecmascript', 'text/x-javascript',
]);

const isElement = (n: T.ChildNode): n is T.Element => 'tagName' in n;

function* elements(node: T.ParentNode): Generator<T.Element> {
  for (const child of node.childNodes) {
    if (!isElement(child)) continue;
    yield child;
    yield* elements(child.tagName === 'template' ? (child as T.Template).content : child);
  }
}

const attr = (el: T.Element, name: string) => el.attrs.find((a) => a.name === name)?.value;

/** The bodies of the page's inline scripts that run, exactly as the browser hashes them. */
export function inlineScripts(html: string): string[] {
  return [...elements(parse(html))]
    .filter((el) => el.tagName === 'script' && attr(el, 'src') === undefined && runnable.has((attr(el, 'type') ?? '').trim().toLowerCase()))
    .map((el) => el.childNodes.map((c) => (c as T.TextNode).value).join(''));
}

/**
 * The page with its policy as a `<meta>` at the top of `<head>`: after the
 * charset declaration, which must stay within the first 1024 bytes, and before
 * everything else. Throws on a page without an explicit `<head>` or with a policy already.
 */
export function withPolicy(html: string): string {
  const doc = parse(html, { sourceCodeLocationInfo: true });
  const head = [...elements(doc)].find((el) => el.tagName === 'head');
  const at = head?.sourceCodeLocation?.startTag?.endOffset;
  if (!head || at === undefined) throw new Error('no <head> tag to put the Content-Security-Policy in');
  if (head.childNodes.some((n) => isElement(n) && n.tagName === 'meta' && attr(n, 'http-equiv')?.toLowerCase() === 'content-security-policy')) {
    throw new Error('the page already has a Content-Security-Policy');
  }
  const first = head.childNodes.find(isElement);
  const offset = first && first.tagName === 'meta' && attr(first, 'charset') !== undefined ? first.sourceCodeLocation!.endOffset : at;
  const meta = `<meta http-equiv="Content-Security-Policy" content="${policy(inlineScripts(html).map(scriptHash))}">`;
  return html.slice(0, offset) + meta + html.slice(offset);
}

async function* htmlFiles(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* htmlFiles(path);
    else if (entry.name.endsWith('.html')) yield path;
  }
}

/** Puts the policy in every HTML file of the build; register after integrations that write HTML. */
export function csp(): AstroIntegration {
  return {
    name: 'descent:csp',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        let pages = 0;
        for await (const file of htmlFiles(fileURLToPath(dir))) {
          await writeFile(file, withPolicy(await readFile(file, 'utf8')));
          pages++;
        }
        logger.info(`Content-Security-Policy in ${pages} pages`);
      },
    },
  };
}
