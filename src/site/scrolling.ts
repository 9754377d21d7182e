/**
 * A display formula, a table or a code block wider than a phone screen scrolls
 * sideways. Keyboard users must be able to scroll it too, so exactly those that
 * overflow get a tab stop (and lose it again when the window grows).
 */
export function focusableWhenScrolling(selector: string): void {
  const update = () => document.querySelectorAll<HTMLElement>(selector).forEach(tabStopIfScrolling);
  update();
  // A display formula far off screen is not laid out (site.css) and measures as not overflowing until it is.
  for (const el of document.querySelectorAll<HTMLElement>(selector)) el.addEventListener('contentvisibilityautostatechange', () => tabStopIfScrolling(el));
  addEventListener('resize', update);
  // A formula or code block measured before its fonts arrived may only overflow once they have.
  document.fonts?.addEventListener('loadingdone', update);
}

/** Gives `el` a tab stop, named for what it is, while it overflows its box. */
export function tabStopIfScrolling(el: HTMLElement): void {
  const what = el.localName === 'table' ? 'table' : el.localName === 'pre' ? 'code' : 'formula';
  if (el.scrollWidth > el.clientWidth + 1) {
    el.tabIndex = 0;
    if (what === 'formula') el.setAttribute('role', 'group');
    if (what !== 'code') el.setAttribute('aria-label', `${what} (scrolls sideways)`);
  } else if (el.tabIndex === 0) {
    el.removeAttribute('tabindex');
    if (what === 'formula') el.removeAttribute('role');
    if (what !== 'code') el.removeAttribute('aria-label');
  }
}
