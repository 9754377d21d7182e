import { dot, line, plot, selectLast } from '@observablehq/plot';
import { optimizers } from '../optimizers';
import { datasets } from '../train/datasets';
import { createTrainer, type Trainer } from '../train/trainer';
import { Driver } from './driver';
import { button, fmt, h, select, slider } from './dom';
import { nextTask, type Mounted } from './lazy';
import { palette } from './palette';
import { asImage, logDomain } from './plots';
import { openShell } from './shell';
import { raceSchema } from './specs';
import { LossHistory, StepBudget, trainerConfig } from './training';

const css = `
ol.board { margin: 6px 0; padding-left: 1.5em; font-variant-numeric: tabular-nums; }
ol.board li { margin: 1px 0; }
.swatch { width: 14px; height: 4px; border-radius: 2px; display: inline-block; margin-right: 6px; vertical-align: middle; }
`;

/**
 * Several optimizers train the same network from identical initial weights on
 * identical batches (one seed fixes both), in lock-step, with overlaid loss
 * curves and a live leaderboard.
 */
export async function mount(host: HTMLElement): Promise<Mounted> {
  const { frame, status, settings, share } = openShell(host, raceSchema, css, 'Optimizer race');
  const s = { ...settings };
  const runs = settings.optimizers.map((r) => ({ optimizer: r.optimizer, hyper: { ...r.hyper } }));
  let trainers: (Trainer | undefined)[] = [];
  let histories: LossHistory[] = [];
  let errors: string[] = [];
  let step = 0;
  let goal = 0; // the step to run to: the race's end while playing, a permalink's step while restoring it
  const budget = new StepBudget();

  const curves = h('div');
  const board = h('ol', { class: 'board', 'aria-label': 'Leaderboard, lowest training loss first' });
  const table = h('table');
  const play = button('Play', () => (driver.running ? driver.stop() : void built().then(start)), { class: 'primary' });
  const stepButton = button('Step', () => {
    driver.stop();
    void built().then(() => {
      advance(1);
      draw(true);
      save();
    });
  });
  const reset = button('Reset', () => rebuild().then(save));
  const name = (i: number) => `${optimizers[runs[i].optimizer].name} (η ${fmt(runs[i].hyper.lr ?? optimizers[runs[i].optimizer].defaults.lr)})`;

  const dataSelect = select({ label: 'Dataset', name: 'dataset', options: Object.values(datasets).map((d) => [d.id, d.name] as [string, string]), value: s.dataset }, (v) => {
    s.dataset = v;
    rebuild().then(save);
  });
  const batch = slider({ label: 'batch size', name: 'batch', min: 1, max: 100, log: true, integer: true, value: s.batch }, (v) => {
    s.batch = v;
    rebuild().then(save);
  });
  const lrSliders = runs.map((r, i) => {
    const spec = optimizers[r.optimizer].hyper.lr;
    return slider({ label: `${optimizers[r.optimizer].name} ${i + 1}: learning rate η`, name: 'optimizers', min: spec.min, max: spec.max, log: true, value: r.hyper.lr ?? optimizers[r.optimizer].defaults.lr }, (v) => {
      runs[i].hyper.lr = v;
      rebuild().then(save);
    });
  });
  const { buttons: shareButtons, save } = share(() => ({ ...s, optimizers: runs, step }));
  frame.append(
    h('div', { class: 'toolbar' }, play, stepButton, reset, ...shareButtons),
    h('div', { class: 'plots' }, curves, h('div', {}, h('p', { class: 'sr-only' }, 'Leaderboard'), board)),
    status,
    h('div', { class: 'controls' }, dataSelect.el, batch.el, ...lrSliders.map((l) => l.el)),
    h('details', {}, h('summary', {}, 'Data table'), table),
  );

  // Each rebuild has a number; one that a newer rebuild overtook while it waited drops what it built.
  let generation = 0;
  let building = Promise.resolve();
  function rebuild(): Promise<void> {
    building = build();
    return building;
  }
  /** Resolves once the latest rebuild is done: Play and Step wait for it, since a rebuild takes several tasks. */
  async function built(): Promise<void> {
    for (let pending = building; ; pending = building) {
      await pending;
      if (pending === building) return;
    }
  }
  async function build() {
    const current = ++generation;
    driver.stop();
    goal = 0;
    trainers.forEach((t) => t?.dispose());
    trainers = [];
    step = 0;
    histories = runs.map(() => new LossHistory());
    const built: (Trainer | undefined)[] = [];
    const failed: string[] = [];
    // One run per task, and drawing in another: all at once is a long task that holds up the page.
    for (const [i, r] of runs.entries()) {
      await nextTask();
      const trainer = await createTrainer(trainerConfig(s, r.optimizer, r.hyper)).catch((e: Error) => {
        failed[i] = e.message;
        return undefined;
      });
      if (current !== generation) {
        [...built, trainer].forEach((t) => t?.dispose());
        return;
      }
      built[i] = trainer;
    }
    trainers = built;
    errors = failed;
    record();
    await nextTask();
    if (current === generation) draw(true);
  }

  const live = () => trainers.filter((t): t is Trainer => !!t && !t.diverged);

  function record() {
    trainers.forEach((t, i) => {
      if (!t) return;
      const { train, test } = t.losses();
      histories[i].add(step, train, test);
    });
  }

  function advance(n: number) {
    const count = Math.min(n, s.steps - step);
    if (count <= 0) return;
    for (const t of live()) t.train(count);
    step += count;
    record();
  }

  function frameWork(deadline: number): boolean {
    const racing = live();
    if (!racing.length || step >= goal) return false;
    const t0 = performance.now();
    const n = Math.min(goal - step, budget.steps(Math.max(1, deadline - t0 - 3) / racing.length));
    advance(n);
    budget.record(n * racing.length, performance.now() - t0);
    draw(false);
    return live().length > 0 && step < goal;
  }

  const lastLoss = (i: number) => histories[i]?.rows.at(-1)?.train ?? NaN;

  let lastPlot = 0;
  function draw(force: boolean) {
    const order = runs.map((_, i) => i).sort((a, b) => {
      const [la, lb] = [trainers[a]?.diverged ? Infinity : lastLoss(a), trainers[b]?.diverged ? Infinity : lastLoss(b)];
      return (Number.isFinite(la) ? la : Infinity) - (Number.isFinite(lb) ? lb : Infinity);
    });
    const alive = live();
    const best = order[0];
    const dead = runs.flatMap((_, i) => (trainers[i]?.diverged ? [`${name(i)} diverged (loss ${fmt(lastLoss(i))})`] : []));
    const broken = runs.flatMap((_, i) => (errors[i] ? [`${name(i)}: ${errors[i]}`] : []));
    status.textContent = alive.length
      ? `step ${step} · loss ${fmt(lastLoss(best))} · leader: ${name(best)}` + (dead.length ? ` · ${dead.join(', ')}` : '') + (broken.length ? ` · cannot run ${broken.join('; ')}` : '')
      : `step ${step} · loss ∞ — diverged` + (broken.length ? ` · cannot run ${broken.join('; ')}` : '');
    status.classList.toggle('diverged', !alive.length);
    play.disabled = stepButton.disabled = !alive.length || step >= s.steps;
    board.replaceChildren(
      ...order.map((i) =>
        h('li', {}, h('span', { class: 'swatch', style: `background:${palette[i % palette.length]}` }),
          `${name(i)}: ${errors[i] ? 'cannot run' : trainers[i]?.diverged ? 'diverged' : `train ${fmt(lastLoss(i))}, test ${fmt(histories[i].rows.at(-1)?.test ?? NaN)}`}`),
      ),
    );
    const now = performance.now();
    if (!force && now - lastPlot < 250) return;
    lastPlot = now;
    const rows = histories.flatMap((hist, i) => hist.rows.filter((r) => Number.isFinite(r.train)).map((r) => ({ step: r.step, loss: Math.max(r.train, 1e-6), i })));
    const fig = plot({
      width: 420, height: 300, x: { label: 'step', domain: [0, Math.max(10, step)] }, y: { type: 'log', label: 'training loss', tickFormat: '~g', ticks: 4, domain: logDomain(rows.map((r) => r.loss)) },
      color: { domain: runs.map((_, i) => i), range: palette },
      marks: [line(rows, { x: 'step', y: 'loss', stroke: 'i', z: 'i' }), dot(rows, selectLast({ x: 'step', y: 'loss', fill: 'i', z: 'i', r: 2.5 }))],
    });
    curves.replaceChildren(asImage(fig, `Training loss against step for ${runs.map((_, i) => name(i)).join(', ')}; leader ${name(best)}.`));
    table.replaceChildren(
      h('thead', {}, h('tr', {}, ...['optimizer', 'steps', 'train loss', 'test loss'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, ...runs.map((_, i) => h('tr', {}, h('td', {}, name(i)), h('td', {}, String(trainers[i]?.step ?? 0)), h('td', {}, fmt(lastLoss(i))), h('td', {}, fmt(histories[i].rows.at(-1)?.test ?? NaN))))),
    );
  }

  const driver = new Driver(host, frameWork, () => {
    play.textContent = 'Play';
    goal = step;
    draw(true);
    save();
  });
  function start() {
    if (step >= s.steps) return;
    goal = s.steps;
    play.textContent = 'Pause';
    driver.start();
  }

  await rebuild();
  // A permalink to a paused race: replay it to its step, then stay paused.
  goal = Math.min(settings.step, s.steps);
  if (goal > 0) driver.start();
  return {
    disconnect() {
      driver.dispose();
      trainers.forEach((t) => t?.dispose());
    },
  };
}
