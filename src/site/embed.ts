/**
 * The script of an /embed/<kind>/ page. It copies the URL's query parameters
 * onto the widget as attributes (the widget validates every value with its own
 * schema and notes what it could not use), notes unknown parameters, and tells
 * the embedding page the height it needs:
 *
 *   parent.postMessage({ type: 'descent:resize', kind, height }, '*')
 *
 * whenever the height changes. Nothing here touches storage, so it works in
 * `<iframe sandbox="allow-scripts">`.
 */
export function startEmbed(widget: HTMLElement, notes: HTMLElement, search: string): void {
  const known = new Set((widget.dataset.known ?? '').split(' '));
  const unknown: string[] = [];
  for (const [name, value] of new URLSearchParams(search)) {
    // Repeated keys: the last one wins, as with setAttribute.
    if (known.has(name)) widget.setAttribute(name, value);
    else unknown.push(name.length > 40 ? `${name.slice(0, 37)}…` : name);
  }
  if (unknown.length) {
    notes.replaceChildren(...unknown.map((name) => Object.assign(document.createElement('p'), { textContent: `Unknown parameter “${name}” ignored.` })));
    notes.hidden = false;
  }
  const kind = widget.dataset.kind;
  let last = 0;
  const report = () => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === last || window.parent === window) return;
    last = height;
    window.parent.postMessage({ type: 'descent:resize', kind, height }, '*');
  };
  new ResizeObserver(report).observe(document.body);
  report();
}
