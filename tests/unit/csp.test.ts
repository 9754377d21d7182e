import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { inlineScripts, policy, scriptHash, withPolicy } from '../../src/site/csp';

const directives = (p: string) => new Map(p.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));

describe('scriptHash', () => {
  it('is the quoted base64 SHA-256 of the UTF-8 body', () => {
    // The digest of the empty string, as Chromium reports it for an empty inline script.
    expect(scriptHash('')).toBe("'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='");
    const body = 'let x = "∇";';
    expect(scriptHash(body)).toBe(`'sha256-${createHash('sha256').update(Buffer.from(body, 'utf8')).digest('base64')}'`);
    expect(scriptHash(body)).not.toBe(scriptHash(body + ' '));
  });
});

describe('policy', () => {
  it('allows the given hashes, once each and in a stable order, and no inline script or eval', () => {
    const p = policy(["'sha256-b'", "'sha256-a'", "'sha256-b'"]);
    const script = directives(p).get('script-src');
    expect(script).toEqual(["'self'", "'wasm-unsafe-eval'", "'sha256-a'", "'sha256-b'"]);
    expect(p).not.toMatch(/'unsafe-eval'|https?:|\*/);
  });

  it('sets every fetch directive the site relies on, with nothing from other origins', () => {
    const d = directives(policy([]));
    expect(d.get('default-src')).toEqual(["'self'"]);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('base-uri')).toEqual(["'self'"]);
    expect(d.get('worker-src')).toEqual(["'self'"]);
    expect(d.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    // frame-ancestors is ignored in a <meta>; embeds stay frameable because no header sets it.
    expect(d.has('frame-ancestors')).toBe(false);
  });
});

describe('inlineScripts', () => {
  it('returns the bodies of inline scripts that run, byte for byte, and skips external and data scripts', () => {
    const html = `<!doctype html><html><head><script>\n\ta < b && go();\n</script><script src="/x.js"></script>
      <script type="application/json">{"a":1}</script><script type="application/ld+json">{}</script></head>
      <body><script type="module">import "/y.js";</script><script type="text/JavaScript">z()</script>
      <template><script>t()</script></template>
      <button data-code="<script>not()</script>">copy</button></body></html>`;
    expect(inlineScripts(html)).toEqual(['\n\ta < b && go();\n', 'import "/y.js";', 'z()', 't()']);
  });
});

describe('withPolicy', () => {
  const page = '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"/><title>t</title><script>a()</script></head><body><script>b()</script></body></html>';

  it('puts one policy right after the charset, before everything else, with the hashes of the page scripts', () => {
    const out = withPolicy(page);
    const meta = `<meta http-equiv="Content-Security-Policy" content="${policy([scriptHash('a()'), scriptHash('b()')])}">`;
    expect(out).toBe(page.replace('<meta charset="utf-8"/>', `<meta charset="utf-8"/>${meta}`));
  });

  it('goes first in a head without a charset declaration', () => {
    const out = withPolicy('<html><head>\n<title>t</title></head><body></body></html>');
    expect(out).toMatch(/^<html><head><meta http-equiv="Content-Security-Policy" content="default-src 'self'; [^"]+">\n<title>/);
  });

  it('refuses a page without a <head> tag or with a policy already', () => {
    expect(() => withPolicy('<p>no head</p>')).toThrow(/no <head>/);
    expect(() => withPolicy(withPolicy(page))).toThrow(/already/);
  });
});
