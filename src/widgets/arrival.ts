/**
 * Arriving by a permalink: the widget the URL points at (its id as the
 * fragment, or its parameters in the query) is scrolled into view, outlined for
 * a moment and focused, so that keyboard and screen-reader users arrive there
 * too. It runs as the page loads, before the widget itself has (widgets load
 * when they come near the viewport): the element is in the page from the start.
 */
import { kindTags } from './tags';
import type { WidgetElement } from './lazy';
import { linkedWidget, widgetKeys } from './permalink';

export function arrive(): void {
  // Reloading or going Back restores the reader's own scroll position; only a followed link arrives.
  const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
  if (navigation && navigation.type !== 'navigate') return;
  const hosts = [...document.querySelectorAll<WidgetElement>(Object.values(kindTags).join(','))];
  const host = hosts[linkedWidget(hosts.map(widgetKeys), location.search, location.hash)];
  if (!host) return;
  const still = matchMedia('(prefers-reduced-motion: reduce)').matches;
  host.scrollIntoView({ block: 'start', behavior: still ? 'auto' : 'smooth' });
  host.tabIndex = -1;
  host.focus({ preventScroll: true });
  host.dataset.linked = '';
  // An outline (a shape, not only a colour) that holds, then fades.
  const ring = { outlineStyle: 'solid', outlineWidth: '3px', outlineOffset: '6px' };
  const accent = 'var(--descent-accent, var(--sl-color-accent, #3558c8))';
  host.animate([{ ...ring, outlineColor: accent }, { ...ring, outlineColor: accent, offset: 0.6 }, { ...ring, outlineColor: 'transparent' }], {
    duration: 3000,
    easing: 'ease-in',
  });
  // Once the widget has drawn, focus moves into its frame, unless the reader has moved on.
  // (The host stays focusable: Chromium blurs the frame if the host's tabindex goes.)
  void host.ready.then(() => {
    const frame = host.shadowRoot?.querySelector<HTMLElement>('.frame');
    if (frame && document.activeElement === host && !host.shadowRoot?.activeElement) frame.focus({ preventScroll: true });
  });
}
