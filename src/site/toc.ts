// Starlight's "On this page" element (its components/TableOfContents/starlight-toc.ts),
// with the same markup, behaviour and exports, but a start that costs one walk of the
// page. Starlight finds the blocks to watch with `:has()` and `~` selectors, which took
// 65 ms per table on /adam/'s 8,000 elements, twice per page (the wide and the narrow
// table), the largest tasks of the chapter's load on Lighthouse's phone. astro.config.mjs
// puts this module in place of Starlight's for both of its tables.

/** Starlight's id for the page title, the "Overview" entry of the table. */
const PAGE_TITLE_ID = '_top';

/**
 * The blocks of `main` to watch, each with the heading whose section it is in:
 * a heading listed in the table is its own; a block holding no heading belongs
 * to the last listed heading before it; a block that holds headings is not
 * watched, its children are. Starlight's selectors give the same pairs, except
 * that they skip what follows the chapter's text in its container (the chapter's
 * end, the footer), and that a heading missing from the table (a cheat-sheet
 * card's title) starts a section with no entry, so that the table marks nothing
 * new until the next listed one; here those belong to the section they are in.
 */
export function sectionBlocks(main: Element, headingSelector: string, title: Element | null, listed: (heading: Element) => boolean): Map<Element, Element | null> {
  const blocks = new Map<Element, Element | null>();
  const visit = (el: Element, current: Element | null): Element | null => {
    if (el.matches(headingSelector)) {
      const heading = listed(el) ? el : current;
      blocks.set(el, heading);
      return heading;
    }
    if (!el.querySelector(headingSelector)) {
      blocks.set(el, current);
      return current;
    }
    for (const child of el.children) current = visit(child, current);
    return current;
  };
  let current = title;
  for (const child of main.children) current = visit(child, current);
  return blocks;
}

export class StarlightTOC extends HTMLElement {
  private _current = this.querySelector<HTMLAnchorElement>('a[aria-current="true"]');
  private minH = parseInt(this.dataset.minH || '2', 10);
  private maxH = parseInt(this.dataset.maxH || '3', 10);

  /** Headings that can appear in the table, e.g. `h1#_top,:where(h2,h3)[id]`. */
  private tocHeadingSelector =
    `h1#${PAGE_TITLE_ID},` +
    `:where(${Array.from({ length: 1 + this.maxH - this.minH }, (_, i) => `h${this.minH + i}`).join()})[id]`;

  protected set current(link: HTMLAnchorElement) {
    if (link === this._current) return;
    if (this._current) this._current.removeAttribute('aria-current');
    link.setAttribute('aria-current', 'true');
    this._current = link;
  }

  private onIdle = (cb: () => void) => (window.requestIdleCallback || ((f: () => void) => setTimeout(f, 1)))(cb);

  constructor() {
    super();
    this.onIdle(() => this.init());
  }

  private init = (): void => {
    const main = document.querySelector('main');
    if (!main) return;
    const links = [...this.querySelectorAll('a')];
    const linkTo = (heading: Element) => links.find((a) => a.hash === '#' + encodeURIComponent(heading.id));
    const blocks = sectionBlocks(main, this.tocHeadingSelector, document.getElementById(PAGE_TITLE_ID), (h) => linkTo(h) !== undefined);

    const setCurrent: IntersectionObserverCallback = (entries) => {
      for (const { isIntersecting, target } of entries) {
        const heading = isIntersecting && blocks.get(target);
        const link = heading && linkTo(heading);
        if (link) {
          this.current = link;
          break;
        }
      }
    };

    let observer: IntersectionObserver | undefined;
    const observe = () => {
      if (observer) return;
      observer = new IntersectionObserver(setCurrent, { rootMargin: this.getRootMargin() });
      for (const block of blocks.keys()) observer.observe(block);
    };
    observe();

    let timeout: ReturnType<typeof setTimeout>;
    window.addEventListener('resize', () => {
      // Margins depend on the header's height: watch again once the resizing stops.
      observer?.disconnect();
      observer = undefined;
      clearTimeout(timeout);
      timeout = setTimeout(() => this.onIdle(observe), 200);
    });
  };

  /** A band from below the header (and the narrow table's bar) plus 2rem, 53 px tall. */
  private getRootMargin(): `-${number}px 0% ${number}px` {
    const navBarHeight = document.querySelector('header')?.getBoundingClientRect().height || 0;
    const mobileTocHeight = this.querySelector('summary')?.getBoundingClientRect().height || 0;
    const top = navBarHeight + mobileTocHeight + 32;
    const bottom = top + 53;
    const height = document.documentElement.clientHeight;
    return `-${top}px 0% ${bottom - height}px`;
  }
}

customElements.define('starlight-toc', StarlightTOC);
