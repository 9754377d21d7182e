/**
 * The reader's code in a link: deflate-raw compressed (CompressionStream),
 * base64url-encoded, in the URL fragment after the widget's id —
 * `#lab-playground:code=…` — so that it never reaches a server and the
 * fragment still names the widget to scroll to (permalink.ts reads the part
 * before the colon). Opening such a link only shows the code.
 */

/** The longest source a link carries (characters, before compression): a page of code. */
export const MAX_SHARED_CHARS = 20_000;
const MARK = ':code=';

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Response(new Blob([bytes as BlobPart]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  if (!/^[\w-]*$/.test(text)) throw new Error('the link’s code is not base64url');
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** The source, compressed and base64url-encoded. */
export async function encodeSource(source: string): Promise<string> {
  if (source.length > MAX_SHARED_CHARS) throw new Error(`the code is too long to share in a link (over ${MAX_SHARED_CHARS} characters)`);
  return toBase64Url(await pipe(new TextEncoder().encode(source), new CompressionStream('deflate-raw')));
}

/** The source back from `encodeSource`'s text; throws an Error saying what is wrong with a damaged one. */
export async function decodeSource(encoded: string): Promise<string> {
  let bytes: Uint8Array;
  try {
    bytes = fromBase64Url(encoded);
  } catch {
    throw new Error('the link’s code is damaged (not base64url)');
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(await pipe(bytes, new DecompressionStream('deflate-raw')));
  } catch {
    throw new Error('the link’s code is damaged (it does not decompress); was the link cut short?');
  }
  if (text.length > MAX_SHARED_CHARS) throw new Error('the link’s code is too long');
  return text;
}

/** The fragment that names widget `id` and carries its code. */
export const fragmentWith = (id: string, encoded: string): string => `#${id}${MARK}${encoded}`;

/** The encoded code a fragment carries for widget `id`; undefined when it carries none for it. */
export function codeInFragment(hash: string, id: string): string | undefined {
  const fragment = hash.replace(/^#/, '');
  const prefix = `${id}${MARK}`;
  return fragment.startsWith(prefix) ? fragment.slice(prefix.length) : undefined;
}
