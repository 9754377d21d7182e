import { dot, line, plot, raster, selectLast, text } from '@observablehq/plot';
import { datasets } from '../train/datasets';
import { control, hyperControls } from './controls';
import { fmt, h, table } from './dom';
import type { Mounted } from './lazy';
import { Playback } from './playback';
import { asImage, keys, legend, logAxis, logDomain, PlotBox } from './plots';
import { openShell } from './shell';
import { chosen, hyperFields, trainerSchema } from './specs';
import { buildSession, type TrainingSession } from './training';
import { lossTable, trainerStatus } from './views';
import type { Run } from './schema';

const GRID = 40; // decision-boundary resolution per side
const CLASS_COLOURS = ['#f59322', '#e8eaeb', '#0877bd']; // label 0 … undecided … label 1 (TF Playground's)
const TEST_COLOUR = '#e15759';
const SIDE = 340; // the plots' largest side (px); on a phone they take the frame's width

/** The trainer: one network, one optimizer, live decision boundary and loss curves. */
export async function mount(host: HTMLElement): Promise<Mounted> {
  const { frame, status, settings, share } = openShell(host, trainerSchema, '', 'Network trainer');
  const s = { ...settings };
  const run: Run = { optimizer: s.optimizer, hyper: chosen(settings, Object.keys(hyperFields)) };

  const boundary = new PlotBox(() => playback.session?.trainers[0] && drawBoundary(playback.session));
  const curves = new PlotBox(() => playback.session?.trainers[0] && drawCurves(playback.session));
  const lrBox = h('div');
  const hyperBox = h('div', { class: 'controls' });
  const data = h('table');
  const playback = new Playback<TrainingSession>({
    host,
    build: (stale) => buildSession(s, [run], stale),
    draw,
    save: () => save(),
  });
  const change = (apply: () => void) => {
    apply();
    void playback.rebuild().then(save);
  };
  const setting = <K extends keyof typeof trainerSchema & keyof typeof s>(name: K) =>
    control(name, trainerSchema[name], s[name], (v) => change(() => (s[name] = v))).el;

  const { buttons: shareButtons, save: saveUrl } = share(() => {
    const values: Record<string, unknown> = { ...s };
    for (const name of Object.keys(hyperFields)) delete values[name];
    return { ...values, optimizer: run.optimizer, ...run.hyper, step: playback.session?.step ?? 0 };
  });
  const save = () => {
    if (!playback.running) saveUrl();
  };
  const optimizerControl = control('optimizer', trainerSchema.optimizer, run.optimizer, (v) =>
    change(() => {
      run.optimizer = v;
      run.hyper = {};
      buildHyper();
    }),
  );
  // Plots first, so that on a phone the picture is on screen with the buttons; the
  // settings a chapter usually varies come next, the rest fold away.
  frame.append(
    h('div', { class: 'toolbar' }, ...playback.buttons, ...shareButtons),
    h('div', { class: 'plots' }, boundary.el, curves.el),
    status,
    h('div', { class: 'controls' }, optimizerControl.el, setting('dataset'), lrBox, setting('batch')),
    h('details', {}, h('summary', {}, 'More settings'),
      h('div', { class: 'controls' }, ...(['activation', 'layers', 'noise', 'schedule', 'clip', 'threshold', 'l2', 'seed'] as const).map(setting)),
      hyperBox),
    h('details', {}, h('summary', {}, 'Data table'), data),
  );

  function buildHyper() {
    const sliders = hyperControls(run, (name, v) => change(() => (run.hyper[name] = v)));
    lrBox.replaceChildren(sliders.get('lr')!);
    hyperBox.replaceChildren(...[...sliders].filter(([name]) => name !== 'lr').map(([, el]) => el));
  }

  let lastPlot = 0;
  function draw(force: boolean) {
    const session = playback.session;
    if (!session) return;
    const t = session.trainers[0];
    const [standing] = session.standings();
    status.textContent = trainerStatus({ ...standing, step: session.step, epoch: t?.epoch ?? 0, restoring: playback.restoring });
    status.classList.toggle('diverged', standing.diverged);
    if (!t) {
      boundary.show();
      curves.show();
      return;
    }
    const now = performance.now();
    if (!force && now - lastPlot < 250) return;
    lastPlot = now;
    drawBoundary(session);
    drawCurves(session);
    table(data, lossTable(session.histories[0].rows));
  }

  function drawBoundary(session: TrainingSession) {
    const t = session.trainers[0]!;
    const { extent, task, xTrain, yTrain, xTest, yTest, inputDim } = t.data;
    const points = (x: Float32Array, y: Float32Array, set: string) =>
      Array.from(y, (label, i) => (inputDim === 2 ? { x: x[2 * i], y: x[2 * i + 1], label, set } : { x: x[i], y: label, label, set }));
    const data = [...points(xTrain, yTrain, 'train'), ...points(xTest, yTest, 'test')];
    const side = Math.min(SIDE, boundary.width);
    let fig: Element;
    let key: HTMLUListElement;
    if (task === 'classification') {
      const grid = new Float32Array(GRID * GRID * 2);
      for (let j = 0; j < GRID; j++)
        for (let i = 0; i < GRID; i++) {
          grid[2 * (j * GRID + i)] = extent.x[0] + ((i + 0.5) / GRID) * (extent.x[1] - extent.x[0]);
          grid[2 * (j * GRID + i) + 1] = extent.y[1] - ((j + 0.5) / GRID) * (extent.y[1] - extent.y[0]);
        }
      const p = t.diverged ? new Float32Array(GRID * GRID).fill(0.5) : t.predict(grid);
      fig = plot({
        width: side, height: side, x: { domain: extent.x, label: 'x₁' }, y: { domain: extent.y, label: 'x₂' },
        color: { type: 'linear', domain: [0, 0.5, 1], range: CLASS_COLOURS },
        marks: [
          raster(p, { width: GRID, height: GRID, x1: extent.x[0], x2: extent.x[1], y1: extent.y[1], y2: extent.y[0], fill: (v: number) => v, imageRendering: 'auto' }),
          dot(data, { x: 'x', y: 'y', r: 3, fill: (d) => (d.label > 0.5 ? CLASS_COLOURS[2] : CLASS_COLOURS[0]), stroke: (d) => (d.set === 'train' ? 'white' : 'black'), strokeWidth: 1 }),
        ],
      });
      key = legend([
        [keys.dot(CLASS_COLOURS[0]), 'class 0'],
        [keys.dot(CLASS_COLOURS[2]), 'class 1'],
        [keys.ramp(CLASS_COLOURS), 'shading: the prediction, pale where unsure'],
        [keys.dot('#888', 'white'), 'training point'],
        [keys.dot('#888', 'black'), 'test point'],
      ]);
    } else {
      const xs = Float32Array.from({ length: 120 }, (_, i) => extent.x[0] + (i / 119) * (extent.x[1] - extent.x[0]));
      const ys = t.diverged ? new Float32Array(120) : t.predict(xs);
      fig = plot({
        width: side, height: side, x: { domain: extent.x, label: 'x' }, y: { domain: extent.y, label: 'y' },
        marks: [
          dot(data, { x: 'x', y: 'y', r: 2.5, fill: (d) => (d.set === 'train' ? 'var(--_accent)' : 'none'), stroke: 'var(--_accent)' }),
          line(Array.from(xs, (x, i) => ({ x, y: ys[i] })), { x: 'x', y: 'y', stroke: 'currentColor', strokeWidth: 2, clip: true }),
        ],
      });
      key = legend([
        [keys.dot('var(--_accent)'), 'training point'],
        [keys.dot('transparent', 'var(--_accent)'), 'test point'],
        [keys.line('currentColor'), "the network's prediction"],
      ]);
    }
    const what = task === 'classification' ? 'decision boundary: predicted probability of the blue class over the input plane, with the training points (white rim) and test points (black rim)' : 'fitted curve over the data points (filled: training, hollow: test)';
    boundary.show(key, asImage(fig, `The network's ${what}, ${datasets[t.data.id].name}, after ${t.step} steps.`));
  }

  function drawCurves(session: TrainingSession) {
    const rows = session.histories[0].rows.filter((r) => Number.isFinite(r.train));
    const long = rows.flatMap((r) => [
      { step: r.step, loss: Math.max(r.train, 1e-6), set: 'train' },
      ...(r.test !== null && Number.isFinite(r.test) ? [{ step: r.step, loss: Math.max(r.test, 1e-6), set: 'test' }] : []),
    ]);
    const side = Math.min(SIDE, curves.width);
    const last = rows[rows.length - 1];
    const fig = plot({
      width: curves.width, height: side, x: { label: 'step', domain: [0, Math.max(10, session.step)] },
      ...logAxis(logDomain(long.map((d) => d.loss)), side - 50, 'loss'),
      color: { domain: ['train', 'test'], range: ['var(--_accent)', TEST_COLOUR], legend: false },
      marks: [
        line(long, { filter: (d) => d.set === 'train', x: 'step', y: 'loss', stroke: 'set' }),
        line(long, { filter: (d) => d.set === 'test', x: 'step', y: 'loss', stroke: 'set', strokeDasharray: '4 3' }),
        dot(long, selectLast({ x: 'step', y: 'loss', fill: 'set', z: 'set', r: 2.5 })),
        // Before the first step the curves are single points: say what they are.
        session.step === 0 && last ? text([last], { x: 'step', y: 'train', text: (r) => `start: loss ${fmt(r.train)}`, dx: 8, textAnchor: 'start', fill: 'currentColor' }) : null,
      ],
    });
    const key = legend([[keys.line('var(--_accent)'), 'training loss'], [keys.line(TEST_COLOUR, true), 'test loss']]);
    curves.show(key, asImage(fig, `Training loss (solid) and test loss (dashed) against step, log scale; now ${fmt(last?.train ?? NaN)} and ${fmt(last?.test ?? NaN)}.`));
  }

  buildHyper();
  // A permalink to a paused run: replay it (deterministically) to its step, then stay paused.
  await playback.open(settings.step);
  return {
    disconnect: () => {
      playback.dispose();
      boundary.disconnect();
      curves.disconnect();
    },
  };
}
