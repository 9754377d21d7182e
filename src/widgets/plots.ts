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
