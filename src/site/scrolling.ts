/**
 * A display formula or a table wider than a phone screen scrolls sideways.
 * Keyboard users must be able to scroll it too, so exactly those that overflow
 * get a tab stop (and lose it again when the window grows).
 */
export function focusableWhenScrolling(selector: string): void {
  const update = () => {
    for (const el of document.querySelectorAll<HTMLElement>(selector)) {
      if (el.scrollWidth > el.clientWidth + 1) {
        el.tabIndex = 0;
        if (el.localName !== 'table') el.setAttribute('role', 'group');
        el.setAttribute('aria-label', `${el.localName === 'table' ? 'table' : 'formula'} (scrolls sideways)`);
      } else if (el.tabIndex === 0) {
        el.removeAttribute('tabindex');
        if (el.localName !== 'table') el.removeAttribute('role');
        el.removeAttribute('aria-label');
      }
    }
  };
  update();
  addEventListener('resize', update);
  // A formula measured before its KaTeX fonts arrived may only overflow once they have.
  document.fonts?.addEventListener('loadingdone', update);
}
