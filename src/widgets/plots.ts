/**
 * Plot labels its <g> groups with aria-label, which axe rejects on elements
 * without a role. The figure as a whole is the image; its label says what it
 * shows, and the numbers are in the widget's data table.
 */
export function asImage(svg: Element, label: string): Element {
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label);
  for (const g of svg.querySelectorAll('[aria-label]')) if (g !== svg) g.removeAttribute('aria-label');
  for (const d of svg.querySelectorAll('[aria-description]')) d.removeAttribute('aria-description');
  return svg;
}

/**
 * A log-scale domain for the positive finite values given, at least a factor
 * of 10 wide, so that a nearly flat curve does not get a dozen identical ticks.
 */
export function logDomain(values: number[]): [number, number] {
  const ok = values.filter((v) => v > 0 && Number.isFinite(v));
  if (!ok.length) return [0.1, 1];
  let lo = Math.min(...ok);
  let hi = Math.max(...ok);
  const widen = Math.sqrt(Math.max(1, 10 / (hi / lo)));
  lo /= widen;
  hi *= widen;
  return [lo, hi];
}
