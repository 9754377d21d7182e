import { contour, dot, line, plot, selectLast } from '@observablehq/plot';
import { ready } from '../train/tf';
import { meanRate, SurfaceRace } from '../train/surface-race';
import { surfaces, type Surface } from '../train/surfaces';
import { control, runLrControls } from './controls';
import { fmt, h, table } from './dom';
import type { Mounted } from './lazy';
import { runColours } from './palette';
import { Playback, type Session } from './playback';
import { asImage, logAxis, logDomain, PlotBox } from './plots';
import { openShell } from './shell';
import { surfaceSchema } from './specs';
import { runLabel, surfaceStatus, type TableRows } from './views';

const SVG = 'http://www.w3.org/2000/svg';
const css = `
.stage { position: relative; touch-action: none; cursor: crosshair; border-radius: 6px; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 14px; margin: 6px 0; padding: 0; list-style: none; font-size: 13px; }
.legend li { display: flex; align-items: center; gap: 6px; }
.swatch { width: 14px; height: 4px; border-radius: 2px; display: inline-block; }
`;

/** The walkers of a surface race as a playable session, ending after `end` steps. */
class Walk implements Session {
  constructor(readonly race: SurfaceRace, readonly end: number) {}
  get step() {
    return this.race.step;
  }
  get canStep() {
    return this.race.active && this.race.step < this.end;
  }
  advance(n: number) {
    for (let i = 0; i < n && this.canStep; i++) this.race.advance();
  }
  dispose() {
    this.race.dispose();
  }
}

/** The loss-surface explorer: optimizers walk a 2-D function from a start point the reader picks. */
export async function mount(host: HTMLElement): Promise<Mounted> {
  const { frame, status, settings, share } = openShell(host, surfaceSchema, css, 'Loss-surface explorer');
  await ready();
  const runs = settings.optimizers.map((r) => ({ ...r, hyper: { ...r.hyper } }));
  const colours = runColours(runs.map((r) => r.optimizer));
  let fn: Surface = surfaces[settings.fn];
  let kappa = settings.kappa;
  let start: [number, number] = settings.start.length === 2 ? [settings.start[0], settings.start[1]] : fn.start;
  let error = '';

  const stageBox = new PlotBox(() => {
    drawBackground();
    draw();
  }, 420);
  const stage = stageBox.el;
  stage.classList.add('stage');
  stage.tabIndex = 0;
  stage.setAttribute('role', 'group');
  const lossBox = new PlotBox(() => playback.session && drawLoss(playback.session.race, runs.map((r) => runLabel(r))), 420);
  const legend = h('ul', { class: 'legend' });
  const data = h('table');
  const playback = new Playback<Walk>({
    host,
    build: () => {
      error = '';
      try {
        return new Walk(new SurfaceRace(fn, runs, start, kappa), settings.steps);
      } catch (e) {
        error = (e as Error).message;
        return undefined;
      }
    },
    draw: () => draw(),
    save: () => save(),
    pace: () => settings.speed,
    replayWhenDone: true,
  });
  const restart = () => void playback.rebuild().then(save);

  const fnSelect = control('fn', surfaceSchema.fn, fn.id, (id) => {
    fn = surfaces[id];
    start = fn.start;
    kappaSlider.el.hidden = !fn.conditioned;
    drawBackground();
    restart();
  });
  const kappaSlider = control('kappa', surfaceSchema.kappa, kappa, (v) => {
    kappa = v;
    drawBackground();
    restart();
  });
  kappaSlider.el.hidden = !fn.conditioned;
  const lrSliders = runLrControls(runs, restart);

  const { buttons: shareButtons, save } = share(() => ({
    fn: fn.id, optimizers: runs, start: start === fn.start ? [] : start, kappa, steps: settings.steps, speed: settings.speed, step: playback.session?.step ?? 0, autoplay: settings.autoplay,
  }));
  frame.append(
    h('div', { class: 'toolbar' }, ...playback.buttons, ...shareButtons),
    legend,
    h('div', { class: 'plots' }, stage, lossBox.el),
    status,
    h('div', { class: 'controls' }, fnSelect.el, kappaSlider.el, ...lrSliders),
    h('details', {}, h('summary', {}, 'Data table'), data),
  );

  // The contour background is drawn once per function; paths live in an overlay group.
  let overlay: SVGGElement;
  let sx: (v: number) => number = (v) => v;
  let sy: (v: number) => number = (v) => v;
  let invert: (px: number, py: number) => [number, number] = (x, y) => [x, y];
  const paths: SVGPathElement[] = [];
  const heads: SVGCircleElement[] = [];
  let startMark: SVGCircleElement;

  function drawBackground() {
    const [x1, x2] = fn.x;
    const [y1, y2] = fn.y;
    const width = stageBox.width;
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
    sx = (v) => scaleX.apply(v) as number;
    sy = (v) => scaleY.apply(v) as number;
    const svg = fig as unknown as SVGSVGElement;
    invert = (cx, cy) => {
      const m = svg.getScreenCTM();
      if (!m) return start;
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
    overlay = document.createElementNS(SVG, 'g');
    overlay.setAttribute('clip-path', `url(#${clipId})`);
    svg.append(clip);
    paths.length = heads.length = 0;
    runs.forEach((_, i) => {
      const p = document.createElementNS(SVG, 'path');
      p.setAttribute('fill', 'none');
      p.setAttribute('stroke', colours[i]);
      p.setAttribute('stroke-width', '2');
      const c = document.createElementNS(SVG, 'circle');
      c.setAttribute('r', '4');
      c.setAttribute('fill', colours[i]);
      paths.push(p);
      heads.push(c);
      overlay.append(p, c);
    });
    startMark = document.createElementNS(SVG, 'circle');
    startMark.setAttribute('r', '6');
    startMark.setAttribute('fill', 'none');
    startMark.setAttribute('stroke', 'currentColor');
    startMark.setAttribute('stroke-width', '2');
    overlay.append(startMark);
    svg.append(overlay);
    asImage(svg, `Contour plot of the ${fn.name} function with each optimizer's path; the star marks the minimum.`);
    stageBox.show(svg);
    stage.setAttribute('aria-label', `Start point (${fmt(start[0])}, ${fmt(start[1])}). Arrow keys move it; click or drag on the plot to place it.`);
  }

  let lastLossPlot = 0;
  function draw() {
    stage.setAttribute('aria-label', `Start point (${fmt(start[0])}, ${fmt(start[1])}). Arrow keys move it; click or drag on the plot to place it.`);
    startMark.setAttribute('cx', String(sx(start[0])));
    startMark.setAttribute('cy', String(sy(start[1])));
    const race = playback.session?.race;
    if (!race) {
      status.textContent = `Cannot run: ${error}`;
      return;
    }
    race.walkers.forEach((w, i) => {
      const pts = w.path.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y) && Math.abs(x) < 1e4 && Math.abs(y) < 1e4);
      paths[i].setAttribute('d', pts.length ? 'M' + pts.map(([x, y]) => `${sx(x).toFixed(1)},${sy(y).toFixed(1)}`).join('L') : '');
      const [hx, hy] = pts[pts.length - 1] ?? start;
      heads[i].setAttribute('cx', String(sx(hx)));
      heads[i].setAttribute('cy', String(sy(hy)));
    });
    const labels = runs.map((r) => runLabel(r));
    const losses = race.walkers.map((w) => w.losses[w.losses.length - 1]);
    const diverged = race.walkers.map((w) => w.diverged);
    status.textContent = surfaceStatus(race.step, labels, losses, diverged);
    status.classList.toggle('diverged', !race.active);
    legend.replaceChildren(
      ...race.walkers.map((w, i) =>
        h('li', {}, h('span', { class: 'swatch', style: `background:${colours[i]}` }), `${labels[i]}: ${w.diverged ? 'diverged' : fmt(losses[i])}`),
      ),
      h('li', {}, h('span', { 'aria-hidden': 'true' }, '★'), 'minimum'),
      h('li', {}, h('span', { 'aria-hidden': 'true' }, '○'), 'start: click or drag to move it'),
    );
    const now = performance.now();
    if (now - lastLossPlot > 150 || !playback.running) {
      lastLossPlot = now;
      drawLoss(race, labels);
      table(data, surfaceTable(race, labels));
    }
  }

  function drawLoss(race: SurfaceRace, labels: string[]) {
    const floor = Math.min(...fn.minima.map(([x, y]) => fn.f(x, y, kappa)));
    const rows = race.walkers.flatMap((w, i) =>
      w.losses.map((l, t) => ({ t, gap: Math.max(l - floor, 1e-12), i })).filter((d) => Number.isFinite(d.gap) && d.gap < 1e12),
    );
    const height = 260;
    const fig = plot({
      width: lossBox.width, height,
      x: { label: 'step', domain: [0, Math.max(10, race.step)] },
      ...logAxis(logDomain(rows.map((r) => r.gap)), height - 50, 'loss above minimum'),
      // The dot marks each run's latest value, so a run is visible from its first point.
      marks: [
        line(rows, { x: 't', y: 'gap', stroke: (d) => colours[d.i], z: 'i' }),
        dot(rows, selectLast({ x: 't', y: 'gap', fill: (d) => colours[d.i], z: 'i', r: 2.5 })),
      ],
    });
    lossBox.show(asImage(fig, `Loss above the minimum against step, log scale, for ${labels.join(', ')}.`));
  }

  function surfaceTable(race: SurfaceRace, labels: string[]): TableRows {
    const floor = Math.min(...fn.minima.map(([x, y]) => fn.f(x, y, kappa)));
    return {
      head: ['optimizer', 'steps', 'x', 'y', 'loss', 'rate per step'],
      body: race.walkers.map((w, i) => {
        const [x, y] = w.path[w.path.length - 1];
        const steps = w.path.length - 1;
        return [labels[i], String(steps), fmt(x), fmt(y), w.diverged ? 'diverged' : fmt(w.losses[steps]), fmt(meanRate(w.losses, floor))];
      }),
    };
  }

  const moveStart = (p: [number, number]) => {
    const clamp = (v: number, [a, b]: [number, number]) => Math.min(b, Math.max(a, v));
    start = [Number(clamp(p[0], fn.x).toFixed(3)), Number(clamp(p[1], fn.y).toFixed(3))];
    const wasRunning = playback.running;
    playback.stop();
    void playback.rebuild().then(() => (wasRunning ? playback.start() : save()));
  };
  stage.addEventListener('pointerdown', (e) => {
    stage.setPointerCapture(e.pointerId);
    moveStart(invert(e.clientX, e.clientY));
  });
  stage.addEventListener('pointermove', (e) => {
    if (e.buttons & 1) moveStart(invert(e.clientX, e.clientY));
  });
  stage.addEventListener('keydown', (e) => {
    const dx = (fn.x[1] - fn.x[0]) / (e.shiftKey ? 100 : 20);
    const dy = (fn.y[1] - fn.y[0]) / (e.shiftKey ? 100 : 20);
    const moves: Record<string, [number, number]> = { ArrowLeft: [-dx, 0], ArrowRight: [dx, 0], ArrowUp: [0, dy], ArrowDown: [0, -dy] };
    const m = moves[e.key];
    if (!m) return;
    e.preventDefault();
    moveStart([start[0] + m[0], start[1] + m[1]]);
  });

  drawBackground();
  // A permalink to a paused run: replay it to its step, then stay paused.
  await playback.open(settings.step);
  // Mounting happens as the widget comes into view, so starting now is starting on view.
  if (settings.autoplay === 'on' && settings.step === 0 && !matchMedia('(prefers-reduced-motion: reduce)').matches) playback.start();
  return {
    disconnect: () => {
      playback.dispose();
      stageBox.disconnect();
      lossBox.disconnect();
    },
  };
}
