import { contour, dot, line, plot, selectLast } from '@observablehq/plot';
import { meanRate, type Walker } from '../train/surface-race';
import type { Surface } from '../train/surfaces';
import { fmt, h } from './dom';
import { asImage, logAxis, logDomain, PlotBox } from './plots';
import type { TableRows } from './views';

/**
 * How walkers on a 2-D surface are drawn: the contours with each walker's
 * path, the loss above the minimum against step, the legend and the data
 * table. The surface explorer and the playground (on a surface) both draw
 * with these, so a path looks the same wherever its walker came from.
 */

const SVG = 'http://www.w3.org/2000/svg';

export const surfaceCss = `
.stage { position: relative; border-radius: 6px; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 14px; margin: 6px 0; padding: 0; list-style: none; font-size: 13px; }
.legend li { display: flex; align-items: center; gap: 6px; }
.legend .swatch { width: 14px; height: 4px; border-radius: 2px; display: inline-block; margin: 0; }
`;

/** A walker's place in the list that can draw it: its path (from the start point), its losses, whether it stopped. */
export type WalkerView = Pick<Walker, 'path' | 'losses' | 'diverged'>;

/** The contour plot with one path and head per walker: the background is drawn once per surface, the paths move on it. */
export class SurfaceStage {
  readonly box: PlotBox;
  #sx: (v: number) => number = (v) => v;
  #sy: (v: number) => number = (v) => v;
  #svg: SVGSVGElement | undefined;
  #invert: (px: number, py: number) => [number, number] | undefined = () => undefined;
  #paths: SVGPathElement[] = [];
  #heads: SVGCircleElement[] = [];
  #startMark: SVGCircleElement | undefined;

  constructor(redraw: () => void) {
    this.box = new PlotBox(redraw, 420);
    this.box.el.classList.add('stage');
  }

  get el(): HTMLElement {
    return this.box.el;
  }

  /** Draws `fn`'s contours at the box's width, with a path and a head for each colour, and the start mark. */
  drawBackground(fn: Surface, kappa: number, colours: string[]): void {
    const [x1, x2] = fn.x;
    const [y1, y2] = fn.y;
    const width = this.box.width;
    const height = Math.round(Math.min(420, Math.max(240, (width * (y2 - y1)) / (x2 - x1))));
    const value = (x: number, y: number) => (fn.logScale ? Math.log1p(fn.f(x, y, kappa)) : fn.f(x, y, kappa));
    const fig = plot({
      width, height, x: { domain: fn.x, label: 'x' }, y: { domain: fn.y, label: 'y' },
      color: { type: 'linear', scheme: 'blues', reverse: true },
      marks: [
        contour({ fill: value, x1, x2, y1, y2, thresholds: 18, stroke: 'currentColor', strokeOpacity: 0.2, fillOpacity: 0.2 }),
        dot(fn.minima, { x: (d) => d[0], y: (d) => d[1], symbol: 'star', r: 5, fill: 'currentColor' }),
      ],
    });
    const scaleX = fig.scale('x')!;
    const scaleY = fig.scale('y')!;
    this.#sx = (v) => scaleX.apply(v) as number;
    this.#sy = (v) => scaleY.apply(v) as number;
    const svg = (this.#svg = fig as unknown as SVGSVGElement);
    this.#invert = (cx, cy) => {
      const m = svg.getScreenCTM();
      if (!m) return undefined;
      const p = new DOMPoint(cx, cy).matrixTransform(m.inverse());
      return [scaleX.invert!(p.x) as number, scaleY.invert!(p.y) as number];
    };
    // Paths that fly out of the window are cut at the plot's frame.
    const clipId = `clip-${Math.random().toString(36).slice(2)}`;
    const clip = document.createElementNS(SVG, 'clipPath');
    const rect = document.createElementNS(SVG, 'rect');
    const [rx0, rx1] = scaleX.range as [number, number];
    const [ry0, ry1] = scaleY.range as [number, number];
    rect.setAttribute('x', String(Math.min(rx0, rx1)));
    rect.setAttribute('y', String(Math.min(ry0, ry1)));
    rect.setAttribute('width', String(Math.abs(rx1 - rx0)));
    rect.setAttribute('height', String(Math.abs(ry1 - ry0)));
    clip.id = clipId;
    clip.append(rect);
    const overlay = document.createElementNS(SVG, 'g');
    overlay.setAttribute('clip-path', `url(#${clipId})`);
    svg.append(clip);
    this.#paths = [];
    this.#heads = [];
    // The first walker is drawn last, on top: where two paths coincide (the playground's copy of a built-in), it shows.
    for (const colour of colours) {
      const p = document.createElementNS(SVG, 'path');
      p.setAttribute('fill', 'none');
      p.setAttribute('stroke', colour);
      p.setAttribute('stroke-width', '2');
      const c = document.createElementNS(SVG, 'circle');
      c.setAttribute('r', '4');
      c.setAttribute('fill', colour);
      this.#paths.push(p);
      this.#heads.push(c);
      overlay.prepend(p, c);
    }
    const start = (this.#startMark = document.createElementNS(SVG, 'circle'));
    start.setAttribute('r', '6');
    start.setAttribute('fill', 'none');
    start.setAttribute('stroke', 'currentColor');
    start.setAttribute('stroke-width', '2');
    overlay.append(start);
    svg.append(overlay);
    asImage(svg, `Contour plot of the ${fn.name} function with each optimizer's path; the star marks the minimum.`);
    this.box.show(svg);
  }

  /** Moves the start mark, and each walker's path and head (none drawn yet: the start alone). */
  drawWalkers(walkers: readonly WalkerView[], start: [number, number]): void {
    const [sx, sy] = [this.#sx, this.#sy];
    this.#startMark?.setAttribute('cx', String(sx(start[0])));
    this.#startMark?.setAttribute('cy', String(sy(start[1])));
    walkers.forEach((w, i) => {
      if (!this.#paths[i]) return;
      const pts = w.path.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y) && Math.abs(x) < 1e4 && Math.abs(y) < 1e4);
      this.#paths[i].setAttribute('d', pts.length ? 'M' + pts.map(([x, y]) => `${sx(x).toFixed(1)},${sy(y).toFixed(1)}`).join('L') : '');
      const [hx, hy] = pts[pts.length - 1] ?? start;
      this.#heads[i].setAttribute('cx', String(sx(hx)));
      this.#heads[i].setAttribute('cy', String(sy(hy)));
    });
  }

  /** The point (x, y) under a pointer at client coordinates, once the contours are drawn. */
  pointAt(clientX: number, clientY: number): [number, number] | undefined {
    return this.#svg ? this.#invert(clientX, clientY) : undefined;
  }

  disconnect(): void {
    this.box.disconnect();
  }
}

/** The lowest value `fn` takes (at its minima): what the loss gap is measured from. */
export const floorOf = (fn: Surface, kappa: number): number => Math.min(...fn.minima.map(([x, y]) => fn.f(x, y, kappa)));

/** The loss above the minimum against step, log scale, a line per walker in its colour. */
export function lossGapFigure(fn: Surface, kappa: number, walkers: readonly WalkerView[], step: number, colours: string[], labels: string[], width: number): Element {
  const floor = floorOf(fn, kappa);
  const rows = walkers.flatMap((w, i) =>
    w.losses.map((l, t) => ({ t, gap: Math.max(l - floor, 1e-12), i })).filter((d) => Number.isFinite(d.gap) && d.gap < 1e12),
  );
  const height = 260;
  const fig = plot({
    width, height,
    x: { label: 'step', domain: [0, Math.max(10, step)] },
    ...logAxis(logDomain(rows.map((r) => r.gap)), height - 50, 'loss above minimum'),
    // The dot marks each run's latest value, so a run is visible from its first point.
    marks: [
      line(rows, { x: 't', y: 'gap', stroke: (d) => colours[d.i], z: 'i' }),
      dot(rows, selectLast({ x: 't', y: 'gap', fill: (d) => colours[d.i], z: 'i', r: 2.5 })),
    ],
  });
  return asImage(fig, `Loss above the minimum against step, log scale, for ${labels.join(', ')}.`);
}

/** The legend: each walker's latest loss (or "diverged"), then the minimum's star and the start's ring. */
export function walkerLegend(walkers: readonly WalkerView[], labels: string[], colours: string[], startNote = 'start'): HTMLLIElement[] {
  return [
    ...walkers.map((w, i) =>
      h('li', {}, h('span', { class: 'swatch', style: `background:${colours[i]}` }), `${labels[i]}: ${w.diverged ? 'diverged' : fmt(w.losses[w.losses.length - 1])}`),
    ),
    h('li', {}, h('span', { 'aria-hidden': 'true' }, '★'), 'minimum'),
    h('li', {}, h('span', { 'aria-hidden': 'true' }, '○'), startNote),
  ];
}

/** The data table: where each walker is, its loss and the mean rate at which its loss gap shrank. */
export function walkerTable(fn: Surface, kappa: number, walkers: readonly WalkerView[], labels: string[]): TableRows {
  const floor = floorOf(fn, kappa);
  return {
    head: ['optimizer', 'steps', 'x', 'y', 'loss', 'rate per step'],
    body: walkers.map((w, i) => {
      const [x, y] = w.path[w.path.length - 1];
      const steps = w.path.length - 1;
      return [labels[i], String(steps), fmt(x), fmt(y), w.diverged ? 'diverged' : fmt(w.losses[steps]), fmt(meanRate(w.losses, floor))];
    }),
  };
}
