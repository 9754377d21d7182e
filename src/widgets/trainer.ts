import { dot, line, plot, raster, selectLast } from '@observablehq/plot';
import { optimizers } from '../optimizers';
import { schedules } from '../optimizers/schedules';
import { datasets } from '../train/datasets';
import { activations } from '../train/mlp';
import { createTrainer, type Trainer } from '../train/trainer';
import { Driver } from './driver';
import { button, fmt, h, select, slider } from './dom';
import { hyperSliders } from './hyper-controls';
import { nextTask, type Mounted } from './lazy';
import { asImage, logDomain } from './plots';
import { openShell } from './shell';
import { chosen, hyperFields, trainerSchema } from './specs';
import { LossHistory, StepBudget, trainerConfig } from './training';

const css = `
.hidden-input { display: grid; grid-template-columns: 1fr; gap: 2px; }
.hidden-input label { font-size: 13px; color: var(--_muted); }
.hidden-input input { padding: 3px 6px; border-radius: 6px; border: 1px solid var(--_border); background: var(--_bg); min-height: 32px; }
`;
const GRID = 40; // decision-boundary resolution per side
const CLASS_COLOURS = ['#f59322', '#e8eaeb', '#0877bd']; // label 0 … undecided … label 1 (TF Playground's)

/** The trainer: one network, one optimizer, live decision boundary and loss curves. */
export async function mount(host: HTMLElement): Promise<Mounted> {
  const { frame, status, settings, share } = openShell(host, trainerSchema, css, 'Network trainer');
  const s = { ...settings };
  let optimizer = s.optimizer;
  let hyper = chosen(settings, Object.keys(optimizers[optimizer].defaults));
  let trainer: Trainer | undefined;
  let error = '';
  const history = { current: new LossHistory() };
  const budget = new StepBudget();

  const boundary = h('div');
  const curves = h('div');
  const lrBox = h('div');
  const hyperBox = h('div', { class: 'controls' });
  const table = h('table');
  // The step a run should reach: Infinity while playing, a permalink's step while restoring it.
  let goal = 0;
  const play = button('Play', () => (driver.running ? driver.stop() : start()), { class: 'primary' });
  const stepButton = button('Step', () => {
    driver.stop();
    trainer?.train(1);
    record();
    draw(true);
    saveState();
  });
  const reset = button('Reset', () => rebuild().then(saveState));

  const change = (apply: () => void) => {
    apply();
    rebuild().then(saveState);
  };
  const optSelect = select({ label: 'Optimizer', name: 'optimizer', options: Object.values(optimizers).map((o) => [o.id, o.name] as [string, string]), value: optimizer }, (v) =>
    change(() => {
      optimizer = v;
      hyper = {};
      buildHyper();
    }),
  );
  const dataSelect = select({ label: 'Dataset', name: 'dataset', options: Object.values(datasets).map((d) => [d.id, d.name] as [string, string]), value: s.dataset }, (v) => change(() => (s.dataset = v)));
  const actSelect = select({ label: 'Activation', name: 'activation', options: activations, value: s.activation }, (v) => change(() => (s.activation = v)));
  const batch = slider({ label: 'batch size', name: 'batch', min: 1, max: 100, log: true, integer: true, value: s.batch }, (v) => change(() => (s.batch = v)));
  const noise = slider({ label: 'noise', name: 'noise', min: 0, max: 0.5, value: s.noise }, (v) => change(() => (s.noise = v)));
  const f = trainerSchema;
  const scheduleSelect = select({ label: 'Schedule', name: 'schedule', options: Object.values(schedules).map((x) => [x.id, x.name] as [string, string]), value: s.schedule }, (v) =>
    change(() => (s.schedule = v)),
  );
  const clipSelect = select({ label: 'Gradient clipping', name: 'clip', options: [['none', 'none'], ['value', 'by value'], ['norm', 'by global norm']], value: s.clip }, (v) =>
    change(() => (s.clip = v)),
  );
  const threshold = slider({ label: f.threshold.label, name: 'threshold', min: f.threshold.min, max: f.threshold.max, log: true, value: s.threshold }, (v) =>
    change(() => (s.threshold = v)),
  );
  const l2 = slider({ label: f.l2.label, name: 'l2', min: f.l2.min, max: f.l2.max, value: s.l2 }, (v) => change(() => (s.l2 = v)));
  const seedId = `seed-${Math.random().toString(36).slice(2)}`;
  const seedInput = h('input', { id: seedId, type: 'number', min: 0, max: f.seed.max, step: 1, value: s.seed });
  seedInput.addEventListener('change', () => {
    const v = Math.round(Number(seedInput.value));
    if (Number.isFinite(v) && v >= 0 && v <= f.seed.max) change(() => (s.seed = v));
    else seedInput.value = String(s.seed);
  });
  const seedControl = h('div', { class: 'hidden-input', 'data-setting': 'seed' }, h('label', { for: seedId }, 'seed'), seedInput);
  const hiddenId = `hidden-${Math.random().toString(36).slice(2)}`;
  const hiddenInput = h('input', { id: hiddenId, type: 'text', inputmode: 'numeric', value: s.hidden.join(','), 'aria-describedby': `${hiddenId}-hint` });
  hiddenInput.addEventListener('change', () => {
    const layers = hiddenInput.value.split(',').map((x) => Math.round(Number(x.trim())));
    if (layers.length >= 1 && layers.length <= 4 && layers.every((u) => u >= 1 && u <= 16)) change(() => (s.hidden = layers));
    else hiddenInput.value = s.hidden.join(',');
  });
  const hiddenControl = h('div', { class: 'hidden-input', 'data-setting': 'hidden' },
    h('label', { for: hiddenId }, 'hidden layers'), hiddenInput, h('span', { id: `${hiddenId}-hint`, class: 'sr-only' }, '1 to 4 numbers from 1 to 16, separated by commas'));

  // Plots first, so that on a phone the picture is on screen with the buttons; the
  // settings a chapter usually varies come next, the rest fold away.
  const { buttons: shareButtons, save } = share(() => {
    const values: Record<string, unknown> = { ...s };
    for (const name of Object.keys(hyperFields)) delete values[name];
    return { ...values, optimizer, ...hyper, step: trainer?.step ?? 0 };
  });
  const saveState = () => {
    if (!driver.running) save();
  };
  frame.append(
    h('div', { class: 'toolbar' }, play, stepButton, reset, ...shareButtons),
    h('div', { class: 'plots' }, boundary, curves),
    status,
    h('div', { class: 'controls' }, optSelect.el, dataSelect.el, lrBox, batch.el),
    h('details', {}, h('summary', {}, 'More settings'),
      h('div', { class: 'controls' }, actSelect.el, hiddenControl, noise.el, scheduleSelect.el, clipSelect.el, threshold.el, l2.el, seedControl),
      hyperBox),
    h('details', {}, h('summary', {}, 'Data table'), table),
  );

  function buildHyper() {
    const sliders = hyperSliders(optimizer, hyper, (name, v) => change(() => (hyper[name] = v)));
    lrBox.replaceChildren(sliders.get('lr')!);
    hyperBox.replaceChildren(...[...sliders].filter(([name]) => name !== 'lr').map(([, el]) => el));
  }

  async function rebuild() {
    driver.stop();
    goal = 0;
    trainer?.dispose();
    trainer = undefined;
    error = '';
    history.current = new LossHistory();
    try {
      trainer = await createTrainer(trainerConfig(s, optimizer, hyper));
    } catch (e) {
      error = (e as Error).message;
    }
    await nextTask(); // building the run(s) and drawing them are separate tasks
    record();
    draw(true);
  }

  function record() {
    if (!trainer) return;
    const { train, test } = trainer.losses();
    history.current.add(trainer.step, train, test);
  }

  function frameWork(deadline: number): boolean {
    if (!trainer || trainer.diverged || trainer.step >= goal) return false;
    const t0 = performance.now();
    const n = Math.min(goal - trainer.step, budget.steps(Math.max(1, deadline - t0 - 2))); // leave time for the losses and drawing
    trainer.train(n);
    budget.record(n, performance.now() - t0);
    record();
    draw(false);
    return !trainer.diverged && trainer.step < goal;
  }

  let lastPlot = 0;
  function draw(force: boolean) {
    if (!trainer) {
      status.textContent = `Cannot train: ${error}`;
      boundary.replaceChildren();
      curves.replaceChildren();
      return;
    }
    const rows = history.current.rows;
    const last = rows[rows.length - 1];
    const diverged = trainer.diverged;
    // fmt writes NaN and ∞ as such; a diverged run's loss may also be finite but enormous.
    const lossText = fmt(last?.train ?? NaN);
    status.textContent =
      (goal < Infinity && trainer.step < goal && !diverged ? `restoring the linked run: ` : '') +
      `step ${trainer.step} · loss ${lossText}` +
      (diverged ? ' — diverged: press Reset, then lower the learning rate' : ` · test loss ${fmt(last?.test ?? NaN)} · epoch ${fmt(trainer.epoch)}`);
    status.classList.toggle('diverged', diverged);
    if (diverged) play.textContent = 'Play';
    play.disabled = stepButton.disabled = diverged;
    const now = performance.now();
    if (!force && now - lastPlot < 250) return;
    lastPlot = now;
    drawBoundary();
    drawCurves();
    drawTable();
  }

  function drawBoundary() {
    const t = trainer!;
    const { extent, task, xTrain, yTrain, xTest, yTest, inputDim } = t.data;
    const points = (x: Float32Array, y: Float32Array, set: string) =>
      Array.from(y, (label, i) => (inputDim === 2 ? { x: x[2 * i], y: x[2 * i + 1], label, set } : { x: x[i], y: label, label, set }));
    const data = [...points(xTrain, yTrain, 'train'), ...points(xTest, yTest, 'test')];
    let fig: Element;
    if (task === 'classification') {
      const grid = new Float32Array(GRID * GRID * 2);
      for (let j = 0; j < GRID; j++)
        for (let i = 0; i < GRID; i++) {
          grid[2 * (j * GRID + i)] = extent.x[0] + ((i + 0.5) / GRID) * (extent.x[1] - extent.x[0]);
          grid[2 * (j * GRID + i) + 1] = extent.y[1] - ((j + 0.5) / GRID) * (extent.y[1] - extent.y[0]);
        }
      const p = t.diverged ? new Float32Array(GRID * GRID).fill(0.5) : t.predict(grid);
      fig = plot({
        width: 320, height: 320, x: { domain: extent.x, label: null }, y: { domain: extent.y, label: null },
        color: { type: 'linear', domain: [0, 0.5, 1], range: CLASS_COLOURS },
        marks: [
          raster(p, { width: GRID, height: GRID, x1: extent.x[0], x2: extent.x[1], y1: extent.y[1], y2: extent.y[0], fill: (v: number) => v, imageRendering: 'auto' }),
          dot(data, { x: 'x', y: 'y', r: 3, fill: (d) => (d.label > 0.5 ? CLASS_COLOURS[2] : CLASS_COLOURS[0]), stroke: (d) => (d.set === 'train' ? 'white' : 'black'), strokeWidth: 1 }),
        ],
      });
    } else {
      const xs = Float32Array.from({ length: 120 }, (_, i) => extent.x[0] + (i / 119) * (extent.x[1] - extent.x[0]));
      const ys = t.diverged ? new Float32Array(120) : t.predict(xs);
      fig = plot({
        width: 320, height: 320, x: { domain: extent.x, label: 'x' }, y: { domain: extent.y, label: 'y' },
        marks: [
          dot(data, { x: 'x', y: 'y', r: 2.5, fill: (d) => (d.set === 'train' ? 'var(--_accent)' : 'none'), stroke: 'var(--_accent)' }),
          line(Array.from(xs, (x, i) => ({ x, y: ys[i] })), { x: 'x', y: 'y', stroke: 'currentColor', strokeWidth: 2, clip: true }),
        ],
      });
    }
    const what = task === 'classification' ? 'decision boundary: predicted probability of the blue class over the input plane, with the training points (white rim) and test points (black rim)' : 'fitted curve over the data points (filled: training, hollow: test)';
    boundary.replaceChildren(asImage(fig, `The network's ${what}, ${datasets[t.data.id].name}, after ${t.step} steps.`));
  }

  function drawCurves() {
    const rows = history.current.rows.filter((r) => Number.isFinite(r.train));
    const long = rows.flatMap((r) => [
      { step: r.step, loss: Math.max(r.train, 1e-6), set: 'train' },
      ...(r.test !== null && Number.isFinite(r.test) ? [{ step: r.step, loss: Math.max(r.test, 1e-6), set: 'test' }] : []),
    ]);
    const fig = plot({
      width: 320, height: 320, x: { label: 'step', domain: [0, Math.max(10, trainer!.step)] },
      y: { type: 'log', label: 'loss', tickFormat: '~g', ticks: 4, domain: logDomain(long.map((d) => d.loss)) },
      color: { domain: ['train', 'test'], range: ['var(--_accent)', '#e15759'], legend: false },
      marks: [
        line(long, { filter: (d) => d.set === 'train', x: 'step', y: 'loss', stroke: 'set' }),
        line(long, { filter: (d) => d.set === 'test', x: 'step', y: 'loss', stroke: 'set', strokeDasharray: '4 3' }),
        dot(long, selectLast({ x: 'step', y: 'loss', fill: 'set', z: 'set', r: 2.5 })),
      ],
    });
    const last = rows[rows.length - 1];
    curves.replaceChildren(asImage(fig, `Training loss (solid) and test loss (dashed) against step, log scale; now ${fmt(last?.train ?? NaN)} and ${fmt(last?.test ?? NaN)}.`));
  }

  function drawTable() {
    const rows = history.current.rows;
    const pick = rows.filter((_, i) => i % Math.max(1, Math.ceil(rows.length / 12)) === 0 || i === rows.length - 1);
    table.replaceChildren(
      h('thead', {}, h('tr', {}, ...['step', 'train loss', 'test loss'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, ...pick.map((r) => h('tr', {}, h('td', {}, String(r.step)), h('td', {}, fmt(r.train)), h('td', {}, r.test === null ? '—' : fmt(r.test))))),
    );
  }

  const driver = new Driver(host, frameWork, () => {
    play.textContent = 'Play';
    goal = trainer?.step ?? 0;
    draw(true);
    save();
  });
  function start() {
    if (!trainer || trainer.diverged) return;
    goal = Infinity;
    play.textContent = 'Pause';
    driver.start();
  }

  buildHyper();
  await rebuild();
  // A permalink to a paused run: replay it (deterministically) to its step, then stay paused.
  goal = settings.step;
  if (goal > 0) driver.start();
  return {
    disconnect() {
      driver.dispose();
      trainer?.dispose();
    },
  };
}
