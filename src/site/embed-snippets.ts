/**
 * The embed snippets on the Embedding page show this site's address. The
 * build writes the address it is configured for (`site` and `base`); a copy
 * served elsewhere (the preview server, a host whose address was not set)
 * puts its own in at load time, as the widgets' Embed dialog does.
 */

/** A snippet written with `{root}` (the site's root URL, ending in "/") and `{version}` (the widgets' version). */
export function fillSnippet(code: string, root: string, version: string): string {
  return code.replaceAll('{root}', root).replaceAll('{version}', version);
}

/** Replaces one root URL by another in a rendered code block: its text and its Copy button's `data-code`. */
export function moveRoot(block: Element, from: string, to: string): void {
  if (from === to) return;
  const walker = block.ownerDocument.createTreeWalker(block, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) node.nodeValue = node.nodeValue!.replaceAll(from, to);
  for (const el of block.querySelectorAll('[data-code]')) el.setAttribute('data-code', el.getAttribute('data-code')!.replaceAll(from, to));
}
