import { ready } from '../train/tf';
import { SurfaceRace } from '../train/surface-race';
import { surfaces, type Surface } from '../train/surfaces';
import { control, runLrControls } from './controls';
import { fmt, h, table } from './dom';
import type { Mounted } from './lazy';
import { runColours } from './palette';
import { Playback, type Session } from './playback';
import { PlotBox } from './plots';
import { openShell } from './shell';
import { surfaceSchema } from './specs';
import { lossGapFigure, SurfaceStage, surfaceCss, walkerLegend, walkerTable } from './surface-view';
import { runLabel, surfaceStatus } from './views';

const css = `
${surfaceCss}
.stage { touch-action: none; cursor: crosshair; }
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

  const stageView = new SurfaceStage(() => {
    drawBackground();
    draw();
  });
  const stage = stageView.el;
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

  function drawBackground() {
    stageView.drawBackground(fn, kappa, colours);
    stage.setAttribute('aria-label', `Start point (${fmt(start[0])}, ${fmt(start[1])}). Arrow keys move it; click or drag on the plot to place it.`);
  }

  let lastLossPlot = 0;
  function draw() {
    stage.setAttribute('aria-label', `Start point (${fmt(start[0])}, ${fmt(start[1])}). Arrow keys move it; click or drag on the plot to place it.`);
    const race = playback.session?.race;
    stageView.drawWalkers(race?.walkers ?? [], start);
    if (!race) {
      status.textContent = `Cannot run: ${error}`;
      return;
    }
    const labels = runs.map((r) => runLabel(r));
    const losses = race.walkers.map((w) => w.losses[w.losses.length - 1]);
    const diverged = race.walkers.map((w) => w.diverged);
    status.textContent = surfaceStatus(race.step, labels, losses, diverged);
    status.classList.toggle('diverged', !race.active);
    legend.replaceChildren(...walkerLegend(race.walkers, labels, colours, 'start: click or drag to move it'));
    const now = performance.now();
    if (now - lastLossPlot > 150 || !playback.running) {
      lastLossPlot = now;
      drawLoss(race, labels);
      table(data, walkerTable(fn, kappa, race.walkers, labels));
    }
  }

  function drawLoss(race: SurfaceRace, labels: string[]) {
    lossBox.show(lossGapFigure(fn, kappa, race.walkers, race.step, colours, labels, lossBox.width));
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
    moveStart(stageView.pointAt(e.clientX, e.clientY) ?? start);
  });
  stage.addEventListener('pointermove', (e) => {
    if (e.buttons & 1) moveStart(stageView.pointAt(e.clientX, e.clientY) ?? start);
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
      stageView.disconnect();
      lossBox.disconnect();
    },
  };
}
