import { h } from './dom';

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

/**
 * A log axis's tick label: plain where that is short (0.001, 0.5, 20, 5000),
 * else mantissa and exponent (1e-5, 2e-4, 1e10), never "1e+10" or "0.00001",
 * which are wide enough to be clipped at the plot's edge.
 */
export function logTickFormat(v: number): string {
  if (!Number.isFinite(v) || v === 0) return String(v);
  const a = Math.abs(v);
  if (a >= 1e-3 && a < 1e4) return String(Number(v.toPrecision(3)));
  const exponent = Math.floor(Math.log10(a) + 1e-9);
  const mantissa = Number((v / 10 ** exponent).toPrecision(2));
  return `${mantissa}e${exponent}`;
}

// Tick mantissas per decade, densest first: the densest whose labels do not crowd wins.
const MANTISSAS = [[1, 2, 3, 4, 5, 6, 8], [1, 2, 3, 5], [1, 2, 5], [1]];
/** The least room (px) between two tick labels of a vertical axis: a label's height and a gap. */
export const TICK_GAP = 20;

/**
 * Ticks for a log axis of `pixels` length over `domain`: as many as fit without
 * crowding, so a narrow domain (0.2 to 2) gets 0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1
 * and a wide one every decade, or every second or third when even those are tight.
 */
export function logTicks([lo, hi]: [number, number], pixels: number): number[] {
  const perDecade = pixels / Math.log10(hi / lo);
  const first = Math.floor(Math.log10(lo));
  const last = Math.ceil(Math.log10(hi));
  const inside = (v: number) => v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9);
  for (const mantissas of MANTISSAS) {
    const ticks: number[] = [];
    for (let e = first; e <= last; e++) for (const m of mantissas) ticks.push(Number((m * 10 ** e).toPrecision(3)));
    const shown = ticks.filter(inside);
    const gap = Math.min(...shown.slice(1).map((t, i) => Math.log10(t / shown[i])));
    if (shown.length >= 2 && gap * perDecade >= TICK_GAP) return shown;
  }
  // Whole decades are still too close: every k-th one.
  const every = Math.ceil(TICK_GAP / perDecade);
  const ticks: number[] = [];
  for (let e = Math.ceil(first / every) * every; e <= last; e += every) if (inside(10 ** e)) ticks.push(Number((10 ** e).toPrecision(1)));
  return ticks;
}

/** Room (px) left of a vertical axis for its widest tick label at the plots' font size. */
export const marginFor = (labels: string[]): number => Math.max(36, 14 + Math.ceil(7 * Math.max(0, ...labels.map((l) => l.length))));

/** The y options of a log axis `pixels` tall: readable ticks and their labels. */
export function logAxis(domain: [number, number], pixels: number, label: string) {
  const ticks = logTicks(domain, pixels);
  return { y: { type: 'log' as const, domain, ticks, tickFormat: logTickFormat, label }, marginLeft: marginFor(ticks.map(logTickFormat)) };
}

/**
 * A box that a plot is drawn into at the box's own width, so that its text
 * keeps the size it was drawn at (an SVG scaled down to a phone's width would
 * shrink 10 px ticks to 7). It asks for a redraw when the width changes by more
 * than a few px, as when a phone turns or the plots wrap onto one column.
 */
export class PlotBox {
  readonly el: HTMLElement = document.createElement('div');
  #drawnAt = 0;
  #observer = new ResizeObserver(() => {
    if (this.#drawnAt && Math.abs(this.width - this.#drawnAt) > 4) this.redraw();
  });

  constructor(private redraw: () => void, private fallback = 320) {
    this.el.className = 'plot';
    this.#observer.observe(this.el);
  }

  /** The width to draw at (px): the box's, or the fallback while it is not laid out. */
  get width(): number {
    return Math.floor(this.el.clientWidth) || this.fallback;
  }

  /** Puts a drawn figure (and what goes above it, such as a legend) in the box. */
  show(...content: Node[]): void {
    this.#drawnAt = this.width;
    this.el.replaceChildren(...content);
  }

  disconnect(): void {
    this.#observer.disconnect();
  }
}

/** Legend keys, as CSS for a small inline box. */
export const keys = {
  // The outline keeps a white rim visible on a white page.
  dot: (fill: string, rim = fill) => `width:11px;height:11px;border-radius:50%;background:${fill};border:2px solid ${rim};box-shadow:0 0 0 1px #888`,
  line: (colour: string, dashed = false) => `width:20px;height:0;border-top:2px ${dashed ? 'dashed' : 'solid'} ${colour}`,
  // A shaded range, as the bands under curves over several seeds.
  band: (colour: string) => `width:20px;height:10px;background:${colour};opacity:0.3`,
  ramp: (colours: string[]) => `width:36px;height:11px;border-radius:2px;background:linear-gradient(90deg,${colours.join(',')})`,
};

/** A plot's legend: real text (read aloud, translated, found by search) beside drawn keys. */
export function legend(entries: [key: string, text: string][]): HTMLUListElement {
  return h('ul', { class: 'plot-legend' }, ...entries.map(([key, text]) => h('li', {}, h('span', { class: 'key', style: key, 'aria-hidden': 'true' }), text)));
}
