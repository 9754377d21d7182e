/**
 * Redraws a region that is rebuilt whole while training (the diagnostics
 * panel) without undoing what the reader did in it: which <details> are
 * open, where its sideways-scrolling parts are scrolled to, and which of its
 * controls has the focus — matched by position, since the new content has
 * the same structure.
 */
export function redrawKeepingState(el: HTMLElement, draw: () => void): void {
  const root = el.getRootNode() as Document | ShadowRoot;
  const focusables = () => [...el.querySelectorAll<HTMLElement>('summary, [tabindex]')];
  const opened = [...el.querySelectorAll('details')].map((d) => d.open);
  const scrolled = [...el.querySelectorAll<HTMLElement>('.scroll')].map((x) => x.scrollLeft);
  const focused = focusables().indexOf(root.activeElement as HTMLElement);
  draw();
  el.querySelectorAll('details').forEach((d, i) => (d.open = opened[i] ?? d.open));
  el.querySelectorAll<HTMLElement>('.scroll').forEach((x, i) => (x.scrollLeft = scrolled[i] ?? 0));
  if (focused >= 0) focusables()[focused]?.focus({ preventScroll: true });
}
