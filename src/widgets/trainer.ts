import { areaY, dot, line, plot, selectLast, text } from '@observablehq/plot';
import type { DatasetId } from '../train/datasets';
import { control, hyperControls, networkControls, wrapControls } from './controls';
import type { DiagnosticsHistory } from './diagnostics-history';
import { diagnosticsPanel, diagnosticsViewCss } from './diagnostics-view';
import { fmt, h, table } from './dom';
import { redrawKeepingState } from './redraw';
import type { Mounted } from './lazy';
import { Playback } from './playback';
import { modelView, modelViewCss } from './model-view';
import { asImage, keys, legend, logAxis, logDomain, PlotBox } from './plots';
import { aggregateHistories, aggregateStandings } from './seeds';
import { openShell } from './shell';
import { chosen, hyperFields, networkFields, scheduleParamFields, trainerSchema, wrapFields } from './specs';
import { buildSession, scheduleParamsOf, trainerConfig, trainerRun, type TrainingSession } from './training';
import { sweepAccuracyFigure, sweepLossFigure } from './sweep-plots';
import { isSweep, sweepPoints, sweepStatus, sweepTable } from './sweep-view';
import { lossTable, runLabel, trainerStatus } from './views';
import type { Run } from './schema';

const TEST_COLOUR = '#e15759';
const SIDE = 340; // the plots' largest side (px); on a phone they take the frame's width

/**
 * The trainer: one network, one optimizer, live decision boundary and loss curves.
 * On a range-test sweep (schedule linearSweep or exponentialSweep) it runs the
 * sweep's T steps once, reports every step, and plots loss and accuracy against
 * the rate with both reading rules (src/train/range-test.ts).
 */
export async function mount(host: HTMLElement): Promise<Mounted> {
  const { frame, status, settings, share } = openShell(host, trainerSchema, modelViewCss + diagnosticsViewCss, 'Network trainer');
  const s = { ...settings };
  // The run's hyperparameters: the optimizer's own and its wrappers' (sam, lookahead, lookaheadAlpha), as a race's runs have.
  const run: Run = trainerRun(settings);

  const boundary = new PlotBox(() => playback.session && drawBoundary(playback.session));
  const curves = new PlotBox(() => playback.session && drawCurves(playback.session));
  const diagnostics = new PlotBox(() => playback.session && drawDiagnostics(playback.session));
  const lrBox = h('div');
  const hyperBox = h('div', { class: 'controls' });
  const data = h('table');
  const playback = new Playback<TrainingSession>({
    host,
    build: (stale) => buildSession(s, [run], stale, sweeping() ? scheduleParamsOf(s).totalSteps : Infinity, [0], s.diagnostics === 'on' ? 0 : null),
    draw,
    save: () => save(),
    // A sweep is read point by point: one step per request, also when a permalink replays it.
    pace: () => (sweeping() ? 1 : undefined),
    paceWhileRestoring: () => sweeping(),
  });
  const sweeping = () => isSweep(s.schedule);
  const change = (apply: () => void) => {
    apply();
    void playback.rebuild().then(save);
  };
  const setting = <K extends keyof typeof trainerSchema & keyof typeof s>(name: K) =>
    control(name, trainerSchema[name], s[name], (v) => change(() => (s[name] = v))).el;
  const network = networkControls(s, networkFields, change, () => buildHyper());
  // Diagnostics watch the run without changing it: switching them does not start it again.
  const diagnosticsControl = control('diagnostics', trainerSchema.diagnostics, s.diagnostics, (v) => {
    s.diagnostics = v;
    diagnostics.el.hidden = v !== 'on';
    const session = playback.session;
    void session?.measure(v === 'on' ? 0 : null).then(() => session === playback.session && draw(true));
    save();
  });
  diagnostics.el.hidden = s.diagnostics !== 'on';

  const { buttons: shareButtons, save: saveUrl } = share(() => {
    const values: Record<string, unknown> = { ...s };
    // Hyperparameters and wrappers come from the run; a schedule parameter of the same name (warmupSteps) stays.
    for (const name of [...Object.keys(hyperFields), ...Object.keys(wrapFields)]) if (!(name in scheduleParamFields)) delete values[name];
    return { ...values, optimizer: run.optimizer, ...run.hyper, step: playback.session?.step ?? 0 };
  }, { pytorch: () => ({ runs: [{ label: runLabel(run, s.dataset as DatasetId), config: trainerConfig(s, run.optimizer, run.hyper) }], steps: playback.session?.step || 1000 }) });
  const save = () => {
    if (!playback.running) saveUrl();
  };
  const optimizerControl = control('optimizer', trainerSchema.optimizer, run.optimizer, (v) =>
    change(() => {
      run.optimizer = v;
      run.hyper = chosen(run.hyper, Object.keys(wrapFields)); // a new optimizer keeps its wrappers
      buildHyper();
    }),
  );
  // Plots first, so that on a phone the picture is on screen with the buttons; the
  // settings a chapter usually varies come next, the rest fold away.
  frame.append(
    h('div', { class: 'toolbar' }, ...playback.buttons, ...shareButtons),
    h('div', { class: 'plots' }, boundary.el, curves.el),
    status,
    diagnostics.el,
    h('div', { class: 'controls' }, optimizerControl.el, network.dataset, lrBox, network.batch),
    h('details', {}, h('summary', {}, 'More settings'),
      h('div', { class: 'controls' }, setting('activation'), network.layers, ...(['noise', 'schedule', 'clip', 'threshold', 'l2', 'seed', 'seeds'] as const).map(setting), diagnosticsControl.el),
      hyperBox),
    h('details', {}, h('summary', {}, 'Data table'), data),
  );

  function buildHyper() {
    const sliders = hyperControls(run, (name, v) => change(() => (run.hyper[name] = v)), s.dataset as DatasetId);
    lrBox.replaceChildren(sliders.get('lr')!);
    const wrappers = wrapControls(run, (name, v) => change(() => (run.hyper[name] = v)));
    hyperBox.replaceChildren(...[...sliders].filter(([name]) => name !== 'lr').map(([, el]) => el), ...wrappers);
  }

  let lastPlot = 0;
  function draw(force: boolean) {
    const session = playback.session;
    if (!session) return;
    // Over several seeds: means ± half the range (seeds.ts); the picture, a sweep and diagnostics are the first seed's.
    const [standing] = aggregateStandings(session.standings(), s.seeds);
    const sweep = sweepOf(session);
    status.textContent = trainerStatus({ ...standing, step: session.step, epoch: session.runs[0].epoch, restoring: playback.restoring }) + (sweep ? ` · ${sweepStatus(sweep)}` : '');
    status.classList.toggle('diverged', standing.diverged);
    if (standing.error !== undefined) {
      boundary.show();
      curves.show();
      return;
    }
    const now = performance.now();
    if (!force && now - lastPlot < 250) return;
    lastPlot = now;
    drawBoundary(session);
    drawCurves(session);
    table(data, sweep ? sweepTable(sweep) : s.seeds > 1 ? lossTable(seededRows(session), s.seeds) : lossTable(session.histories[0].rows));
    const d = session.diagnostics;
    if (force || d !== diagnosticsDrawn.history || d?.version !== diagnosticsDrawn.version) drawDiagnostics(session);
    // A run that stopped between snapshots: fetch the picture of where it stopped.
    if (force) void session.refreshModels().then((fresh) => fresh && session === playback.session && drawBoundary(session));
  }

  function drawBoundary(session: TrainingSession) {
    const sweep = sweepOf(session);
    if (sweep?.some((p) => p.accuracy !== null)) {
      boundary.show(...sweepAccuracyFigure(sweep, boundary.width, Math.min(SIDE, boundary.width)));
      return;
    }
    const model = session.models[0];
    if (model) boundary.show(...modelView(model, Math.min(SIDE, boundary.width)));
  }

  let diagnosticsDrawn: { history: DiagnosticsHistory | null; version: number } = { history: null, version: -1 }; // the samples on screen
  function drawDiagnostics(session: TrainingSession) {
    const d = session.diagnostics;
    if (!d?.plan || diagnostics.el.hidden) return;
    diagnosticsDrawn = { history: d, version: d.version };
    const width = diagnostics.width;
    redrawKeepingState(diagnostics.el, () => diagnostics.show(diagnosticsPanel(d.samples, d.plan!, width)));
  }

  /** The sweep's points, or null when the trainer is not on a range-test sweep. */
  function sweepOf(session: TrainingSession) {
    return sweeping() && !session.runs[0]?.error ? sweepPoints(session.histories[0].rows, s.schedule, scheduleParamsOf(s)) : null;
  }

  function drawCurves(session: TrainingSession) {
    const sweep = sweepOf(session);
    if (sweep) {
      curves.show(...sweepLossFigure(sweep, curves.width, Math.min(SIDE, curves.width)));
      return;
    }
    const rows = seededRows(session);
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
        s.seeds > 1 ? areaY(rows, { x: 'step', y1: (r) => Math.max(r.min, 1e-6), y2: (r) => Math.max(r.max, 1e-6), fill: 'var(--_accent)', fillOpacity: 0.18 }) : null,
        line(long, { filter: (d) => d.set === 'train', x: 'step', y: 'loss', stroke: 'set' }),
        line(long, { filter: (d) => d.set === 'test', x: 'step', y: 'loss', stroke: 'set', strokeDasharray: '4 3' }),
        dot(long, selectLast({ x: 'step', y: 'loss', fill: 'set', z: 'set', r: 2.5 })),
        // Before the first step the curves are single points: say what they are.
        session.step === 0 && last ? text([last], { x: 'step', y: 'train', text: (r) => `start: loss ${fmt(r.train)}`, dx: 8, textAnchor: 'start', fill: 'currentColor' }) : null,
      ],
    });
    const seeded = s.seeds > 1 ? ` (mean of ${s.seeds} seeds)` : '';
    const key = legend([
      [keys.line('var(--_accent)'), `training loss${seeded}`], [keys.line(TEST_COLOUR, true), `test loss${seeded}`],
      ...(s.seeds > 1 ? [[keys.band('var(--_accent)'), `lowest to highest training loss over seeds ${s.seed}–${s.seed + s.seeds - 1}; the decision boundary is seed ${s.seed}’s network`] as [string, string]] : []),
    ]);
    curves.show(key, asImage(fig, `Training loss (solid) and test loss (dashed) against step, log scale${seeded}; now ${fmt(last?.train ?? NaN)} and ${fmt(last?.test ?? NaN)}.`));
  }

  /** The run's rows: over several seeds, means with the training loss's range. */
  function seededRows(session: TrainingSession) {
    return aggregateHistories(session.histories.map((hist) => hist.rows), s.seeds)[0];
  }

  buildHyper();
  // A permalink to a paused run: replay it (deterministically) to its step, then stay paused.
  await playback.open(settings.step);
  return {
    disconnect: () => {
      playback.dispose();
      boundary.disconnect();
      curves.disconnect();
      diagnostics.disconnect();
    },
  };
}
