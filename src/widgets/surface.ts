import { contour, dot, line, plot, selectLast } from '@observablehq/plot';
import { optimizers } from '../optimizers';
import { ready } from '../train/tf';
import { meanRate, SurfaceRace } from '../train/surface-race';
import { surfaces, type Surface } from '../train/surfaces';
import { Driver } from './driver';
import { button, fmt, h, select, slider } from './dom';
import type { Mounted } from './lazy';
import { palette } from './palette';
import { asImage, logDomain } from './plots';
import { openShell } from './shell';
import { surfaceSchema } from './specs';

const SVG = 'http://www.w3.org/2000/svg';
const css = `
.stage { position: relative; touch-action: none; cursor: crosshair; border-radius: 6px; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 14px; margin: 6px 0; padding: 0; list-style: none; font-size: 13px; }
.legend li { display: flex; align-items: center; gap: 6px; }
.swatch { width: 14px; height: 4px; border-radius: 2px; display: inline-block; }
`;

/** The loss-surface explorer: optimizers walk a 2-D function from a start point the reader picks. */
export async function mount(host: HTMLElement): Promise<Mounted> {
  const { frame, status, settings, share } = openShell(host, surfaceSchema, css, 'Loss-surface explorer');
  await ready();
  const runs = settings.optimizers.map((r) => ({ ...r, hyper: { ...r.hyper } }));
  let fn: Surface = surfaces[settings.fn];
  let kappa = settings.kappa;
  let start: [number, number] = settings.start.length === 2 ? [settings.start[0], settings.start[1]] : fn.start;
  let race: SurfaceRace | undefined;
  let error = '';

  const stage = h('div', { class: 'stage', tabindex: 0, role: 'group' });
  const lossBox = h('div');
  const legend = h('ul', { class: 'legend' });
  const table = h('table');
  const play = button('Play', () => (driver.running ? driver.stop() : start_()), { class: 'primary' });
  const stepButton = button('Step', () => {
    driver.stop();
    advance(1);
    draw();
    save();
  });
  const reset = button('Reset', () => {
    driver.stop();
    restart();
    save();
  });

  const fnSelect = select({ label: 'Function', name: 'fn', options: Object.values(surfaces).map((s) => [s.id, s.name] as [string, string]), value: fn.id }, (id) => {
    fn = surfaces[id];
    start = fn.start;
    kappaSlider.el.hidden = fn.id !== 'quadratic';
    driver.stop();
    restart(true);
    save();
  });
  const f = surfaceSchema.kappa;
  const kappaSlider = slider({ label: f.label, name: 'kappa', min: f.min, max: f.max, log: true, value: kappa }, (v) => {
    kappa = v;
    driver.stop();
    restart(true);
    save();
  });
  kappaSlider.el.hidden = fn.id !== 'quadratic';
  const runName = (i: number) => `${optimizers[runs[i].optimizer].name} (η ${fmt(runs[i].hyper.lr ?? optimizers[runs[i].optimizer].defaults.lr)})`;
  const lrSliders = runs.map((r, i) => {
    const spec = optimizers[r.optimizer].hyper.lr;
    const value = r.hyper.lr ?? optimizers[r.optimizer].defaults.lr;
    return slider({ label: `${optimizers[r.optimizer].name} ${i + 1}: learning rate η`, name: 'optimizers', min: spec.min, max: spec.max, log: true, value }, (v) => {
      runs[i].hyper.lr = v;
      driver.stop();
      restart();
      save();
    });
  });

  const { buttons: shareButtons, save } = share(() => ({
    fn: fn.id, optimizers: runs, start: start === fn.start ? [] : start, kappa, steps: settings.steps, speed: settings.speed, step: race?.step ?? 0,
  }));
  let restoring = false; // replaying a permalink's steps: as many per frame as fit, not `speed`
  frame.append(
    h('div', { class: 'toolbar' }, play, stepButton, reset, ...shareButtons),
    legend,
    h('div', { class: 'plots' }, stage, lossBox),
    status,
    h('div', { class: 'controls' }, fnSelect.el, kappaSlider.el, ...lrSliders.map((s) => s.el)),
    h('details', {}, h('summary', {}, 'Data table'), table),
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
    const width = 420;
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
      p.setAttribute('stroke', palette[i]);
      p.setAttribute('stroke-width', '2');
      const c = document.createElementNS(SVG, 'circle');
      c.setAttribute('r', '4');
      c.setAttribute('fill', palette[i]);
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
    stage.replaceChildren(svg);
    stage.setAttribute('aria-label', `Start point (${fmt(start[0])}, ${fmt(start[1])}). Arrow keys move it; click or drag on the plot to place it.`);
  }

  function restart(newBackground = false) {
    race?.dispose();
    error = '';
    try {
      race = new SurfaceRace(fn, runs, start, kappa);
    } catch (e) {
      race = undefined;
      error = (e as Error).message;
    }
    if (newBackground || !overlay) drawBackground();
    play.textContent = 'Play';
    draw();
  }

  function advance(n: number): boolean {
    if (!race) return false;
    for (let i = 0; i < n && race.active && race.step < settings.steps; i++) race.advance();
    return race.active && race.step < settings.steps;
  }

  let lastLossPlot = 0;
  function draw() {
    stage.setAttribute('aria-label', `Start point (${fmt(start[0])}, ${fmt(start[1])}). Arrow keys move it; click or drag on the plot to place it.`);
    startMark.setAttribute('cx', String(sx(start[0])));
    startMark.setAttribute('cy', String(sy(start[1])));
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
    const alive = race.walkers.filter((w) => !w.diverged);
    const best = alive.length ? Math.min(...alive.map((w) => w.losses[w.losses.length - 1])) : Infinity;
    const dead = race.walkers.flatMap((w, i) => (w.diverged ? [`${runName(i)} diverged (loss ${fmt(w.losses[w.losses.length - 1])})`] : []));
    status.textContent = `step ${race.step} · loss ${fmt(best)}` + (alive.length ? '' : ' — diverged') + (dead.length && alive.length ? ` · ${dead.join(', ')}` : '');
    status.classList.toggle('diverged', !alive.length);
    legend.replaceChildren(
      ...race.walkers.map((w, i) =>
        h('li', {}, h('span', { class: 'swatch', style: `background:${palette[i]}` }), `${runName(i)}: ${w.diverged ? 'diverged' : fmt(w.losses[w.losses.length - 1])}`),
      ),
    );
    const now = performance.now();
    if (now - lastLossPlot > 150 || !driver.running) {
      lastLossPlot = now;
      drawLoss();
      drawTable();
    }
  }

  function drawLoss() {
    if (!race) return;
    const floor = Math.min(...fn.minima.map(([x, y]) => fn.f(x, y, kappa)));
    const rows = race.walkers.flatMap((w, i) =>
      w.losses.map((l, t) => ({ t, gap: Math.max(l - floor, 1e-12), i })).filter((d) => Number.isFinite(d.gap) && d.gap < 1e12),
    );
    const fig = plot({
      width: 420, height: 260,
      x: { label: 'step', domain: [0, Math.max(10, race.step)] },
      y: { type: 'log', label: 'loss above minimum', tickFormat: '~g', ticks: 4, domain: logDomain(rows.map((r) => r.gap)) },
      color: { domain: runs.map((_, i) => i), range: palette },
      // The dot marks each run's latest value, so a run is visible from its first point.
      marks: [line(rows, { x: 't', y: 'gap', stroke: 'i', z: 'i' }), dot(rows, selectLast({ x: 't', y: 'gap', fill: 'i', z: 'i', r: 2.5 }))],
    });
    lossBox.replaceChildren(asImage(fig, `Loss above the minimum against step, log scale, for ${runs.map((_, i) => runName(i)).join(', ')}.`));
  }

  function drawTable() {
    if (!race) return;
    const floor = Math.min(...fn.minima.map(([x, y]) => fn.f(x, y, kappa)));
    table.replaceChildren(
      h('thead', {}, h('tr', {}, ...['optimizer', 'steps', 'x', 'y', 'loss', 'rate per step'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, ...race.walkers.map((w, i) => {
        const [x, y] = w.path[w.path.length - 1];
        const steps = w.path.length - 1;
        return h('tr', {}, ...[runName(i), String(steps), fmt(x), fmt(y), w.diverged ? 'diverged' : fmt(w.losses[steps]), fmt(meanRate(w.losses, floor))].map((c) => h('td', {}, c)));
      })),
    );
  }

  const driver = new Driver(
    host,
    (deadline) => {
      let more = true;
      if (!restoring) more = advance(settings.speed);
      else while (more && race!.step < settings.step && performance.now() < deadline) more = advance(1);
      if (restoring && race!.step >= settings.step) more = restoring = false;
      draw();
      return more;
    },
    () => {
      restoring = false;
      play.textContent = 'Play';
      draw();
      save();
    },
  );
  function start_() {
    if (!race || !race.active || race.step >= settings.steps) restart();
    play.textContent = 'Pause';
    driver.start();
  }

  const moveStart = (p: [number, number]) => {
    const clamp = (v: number, [a, b]: [number, number]) => Math.min(b, Math.max(a, v));
    start = [Number(clamp(p[0], fn.x).toFixed(3)), Number(clamp(p[1], fn.y).toFixed(3))];
    const wasRunning = driver.running;
    driver.stop();
    restart();
    if (wasRunning) start_();
    else save();
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

  restart(true);
  // A permalink to a paused run: replay it to its step, then stay paused (unless the runs cannot start at all).
  if (settings.step > 0 && race) {
    restoring = true;
    driver.start();
  }
  return {
    disconnect() {
      driver.dispose();
      race?.dispose();
    },
  };
}
