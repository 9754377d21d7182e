import { baseOptimizerIds, optimizers } from '../optimizers';
import { moduleWorker } from './module-worker';
import type { DatasetId } from '../train/datasets';
import type { SessionReport } from '../train/engine-host';
import { guardedEngine, type GuardedEngine } from '../lab/guarded-engine';
import { hpSpec, parseHp, withHp } from '../lab/hp';
import { YOURS, YOURS_NAME } from '../lab/reader-code';
import { codeInFragment, decodeSource, encodeSource, fragmentWith } from '../lab/share-code';
import { defaultStarter, notOffered, startFrom, starters, startFromGroups } from '../lab/starters';
import { cannotRunStatus, idleStatus, playgroundStatus, walkStandings } from '../lab/status';
import { buildWalk, WalkSession } from '../lab/surface-walk';
import { surfaces } from '../train/surfaces';
import { CodeBox, codeBoxCss } from './code-box';
import { control, networkControls, runLrControls } from './controls';
import { button, h, nextId, slider, table } from './dom';
import type { Mounted } from './lazy';
import { runColours } from './palette';
import { Playback } from './playback';
import { PlotBox } from './plots';
import { raceCss, showBoard, showRaceCurves, showRaceTable } from './race-curves';
import { openShell } from './shell';
import { networkFields, playgroundSchema } from './specs';
import { storage } from './storage';
import { aggregateStandings, seededConfigs } from './seeds';
import { lossGapFigure, SurfaceStage, surfaceCss, walkerLegend, walkerTable } from './surface-view';
import { trainerConfig, TrainingSession } from './training';
import { runLabel } from './views';

const css = `
h3.title { font-size: 15px; margin: 0 0 6px; }
.row { display: flex; flex-wrap: wrap; align-items: end; gap: 6px 12px; margin: 0 0 6px; }
.row .control { min-width: 12em; }
.hint { font-size: 13px; color: var(--_muted); margin: 4px 0 0; }
.hp-error { color: var(--_bad); font-size: 13px; margin: 4px 0 0; }
fieldset { border: 1px solid var(--_border); border-radius: 6px; margin: 8px 0; padding: 4px 10px 8px; }
legend { font-size: 13px; padding: 0 4px; }
.picks { display: flex; flex-wrap: wrap; gap: 2px 14px; font-size: 13px; }
.picks label { display: inline-flex; align-items: center; gap: 4px; min-height: 28px; }
.picks input { width: 18px; height: 18px; margin: 0; accent-color: var(--_accent); }
.save input { font: inherit; min-height: 32px; padding: 3px 6px; border-radius: 6px; border: 1px solid var(--_border); background: var(--_bg); color: inherit; width: 12em; }
[role=status] { min-height: 2.9em; }
select { max-width: 100%; }
${raceCss}${surfaceCss}`;

/** Where saved optimizers live: { name: source }. */
const SAVED_KEY = 'descent:playground:saved';
const savedOptimizers = () => storage.get<Record<string, string>>(SAVED_KEY) ?? {};

/** The playground session: its engine is a Worker of its own, stopped with it. */
class PlaygroundSession extends TrainingSession {
  constructor(readonly guarded: GuardedEngine, report: SessionReport) {
    super(guarded, 1, report, []);
  }
  override dispose(): void {
    super.dispose();
    this.guarded.stop();
  }
}

/**
 * The Lab's playground: the reader writes an optimizer (`const hp`, `init`,
 * `update`) and races it against built-ins on a network, or on a 2-D surface
 * (the reader's update then moves the point (x, y)). Their code runs only
 * in a Worker of its own (src/lab/playground-worker.ts), only after Run, and
 * every request to it has a time limit; the built-ins race in that Worker too,
 * on the same engine code as everywhere else.
 */
export async function mount(host: HTMLElement): Promise<Mounted> {
  const { root, frame, status, settings, share } = openShell(host, playgroundSchema, css, 'Optimizer playground');
  const s = { ...settings };
  const runs = settings.optimizers.map((r) => ({ optimizer: r.optimizer, hyper: { ...r.hyper } }));

  // The code: a link's, else the page's starter. Nothing runs until Run.
  let first = starters[s.starter]?.source ?? starters[defaultStarter].source;
  const linked = codeInFragment(location.hash, host.id);
  let linkProblem = '';
  if (linked) {
    try {
      first = await decodeSource(linked);
    } catch (e) {
      linkProblem = `The code in the link was not loaded: ${(e as Error).message}.`;
    }
  }

  const editorId = nextId('editor');
  const editorBox = h('div', { class: 'editor' });
  const editor = new CodeBox(editorBox, root, first, editorId, `${editorId}-hint`, () => void run());
  const hint = h('p', { class: 'hint', id: `${editorId}-hint` },
    'Tab moves focus out of the editor; Run (Ctrl+Enter in the editor) races the code. It runs in a Worker, away from the page, with a time limit per step.');

  // "Start from…": the starters, every built-in rule's own code (those the operations cannot express listed, disabled, with why), and the reader's saved optimizers.
  const startId = nextId('start');
  const startSelect = h('select', { id: startId });
  const fillStart = () => {
    const saved = Object.keys(savedOptimizers());
    startSelect.replaceChildren(
      h('option', { value: '' }, 'Choose…'),
      h('optgroup', { label: 'Starters' }, ...Object.entries(starters).map(([id, st]) => h('option', { value: `starter:${id}` }, st.name))),
      ...startFromGroups.map((g) => h('optgroup', { label: g.label }, ...g.ids.map((id) => h('option', { value: `rule:${id}` }, optimizers[id].name)))),
      h('optgroup', { label: 'Not offered' }, ...notOffered.map(({ id, why }) => h('option', { disabled: true }, `${optimizers[id].name}: ${why}`))),
      ...(saved.length ? [h('optgroup', { label: 'Saved' }, ...saved.map((name) => h('option', { value: `saved:${name}` }, name)))] : []),
    );
  };
  fillStart();
  startSelect.addEventListener('change', async () => {
    const [kind, name] = [startSelect.value.slice(0, startSelect.value.indexOf(':')), startSelect.value.slice(startSelect.value.indexOf(':') + 1)];
    startSelect.value = '';
    let text: string | undefined;
    if (kind === 'starter') text = starters[name]?.source;
    else if (kind === 'rule') text = await startFrom(name).catch(() => undefined);
    else if (kind === 'saved') text = savedOptimizers()[name];
    if (text === undefined) return;
    editor.value = text;
    edited();
    editor.focus();
  });

  // Save: named optimizers in localStorage (where it throws, nothing is kept and nothing breaks).
  const nameId = nextId('name');
  const nameInput = h('input', { id: nameId, type: 'text', autocomplete: 'off', spellcheck: 'false', maxlength: 40, placeholder: 'my optimizer' });
  const savedNote = h('span', { class: 'hint', 'aria-live': 'polite' });
  const saveButton = button('Save', () => {
    const name = nameInput.value.trim() || 'my optimizer';
    storage.set(SAVED_KEY, { ...savedOptimizers(), [name]: editor.value });
    const kept = savedOptimizers()[name] === editor.value;
    savedNote.textContent = kept ? `Saved as “${name}”: find it under Start from… › Saved.` : 'Not saved: this browser keeps no storage for this page.';
    fillStart();
  });

  // One slider per entry of the code's hp object; moving one rewrites the code.
  let hp: Record<string, number> = {};
  const hpBox = h('div', { class: 'controls' });
  const hpError = h('p', { class: 'hp-error', role: 'alert' });
  const buildSliders = () =>
    hpBox.replaceChildren(
      ...Object.entries(hp).map(([name, value]) => {
        const spec = hpSpec(name, value);
        return slider({ label: `your ${spec.label}${spec.symbol !== spec.label ? ` ${spec.symbol}` : ''}`, min: spec.min, max: spec.max, log: spec.log, integer: spec.integer, value, name: `hp-${name}` }, (v) => {
          hp = { ...hp, [name]: v };
          editor.value = withHp(editor.value, hp);
          if (ran !== undefined) void playback.rebuild();
        }).el;
      }),
    );
  const readHp = (): boolean => {
    const parsed = parseHp(editor.value);
    hpError.textContent = parsed.ok ? '' : parsed.message;
    if (!parsed.ok) return false;
    const same = Object.keys(parsed.hp).join() === Object.keys(hp).join() && Object.entries(parsed.hp).every(([k, v]) => hp[k] === v);
    hp = parsed.hp;
    if (!same) buildSliders();
    return true;
  };
  let editTimer: ReturnType<typeof setTimeout> | undefined;
  const edited = () => {
    clearTimeout(editTimer);
    editTimer = setTimeout(readHp, 300);
  };
  for (const type of ['input', 'keyup', 'paste', 'cut']) editorBox.addEventListener(type, edited);
  readHp();

  // The opponents: any classic rule, each with its learning-rate slider.
  const picks = h('div', { class: 'picks', 'data-setting': 'optimizers' },
    ...baseOptimizerIds.map((id) => {
      const box = h('input', { type: 'checkbox', value: id });
      box.checked = runs.some((r) => r.optimizer === id);
      box.addEventListener('change', () =>
        change(() => {
          const at = runs.findIndex((r) => r.optimizer === id);
          if (box.checked && at < 0) runs.push({ optimizer: id, hyper: {} });
          if (!box.checked && at >= 0) runs.splice(at, 1);
          buildLr();
        }),
      );
      return h('label', {}, box, optimizers[id].name);
    }),
  );

  let ran: string | undefined; // the code as of the last Run: rebuilds (Reset, a slider) use it, never edits made since
  let buildError = '';
  // On a surface the walkers are drawn on its contours, with the loss above the minimum beside them (surface-view.ts).
  const onSurface = () => s.surface !== 'none';
  const surface = () => surfaces[s.surface];
  const curves = new PlotBox(() => playback.session && drawCurves(playback.session));
  const stage = new SurfaceStage(() => drawStage(true));
  const board = h('ol', { class: 'board', 'aria-label': 'Leaderboard, lowest training loss first' });
  const boardBox = h('div', {}, h('p', { class: 'sr-only' }, 'Leaderboard'), board);
  const legend = h('ul', { class: 'legend', 'aria-label': 'Legend: each optimizer’s loss' });
  const data = h('table');
  const labels = () => [YOURS_NAME, ...runs.map((r) => runLabel(r, onSurface() ? undefined : (s.dataset as DatasetId)))];
  const colours = () => runColours([YOURS, ...runs.map((r) => r.optimizer)]);
  const playback = new Playback<PlaygroundSession | WalkSession>({ host, build, draw, save: () => save() });
  // Play continues a paused run; Run takes the editor's code and starts afresh.
  const runButton = button('Run', () => void run(), { class: 'primary' });
  const change = (apply: () => void) => {
    apply();
    void (ran === undefined ? Promise.resolve(draw(true)) : playback.rebuild()).then(save);
  };
  const lrBox = h('div', { style: 'display: contents' });
  const buildLr = () => lrBox.replaceChildren(...runLrControls(runs, () => change(() => {}), onSurface() ? undefined : (s.dataset as DatasetId)));
  const network = networkControls(s, networkFields, change, buildLr);
  const surfaceControl = control('surface', playgroundSchema.surface, s.surface, (v) => change(() => ((s.surface = v), buildLr())));
  const kappaControl = control('kappa', playgroundSchema.kappa, s.kappa, (v) => change(() => (s.kappa = v)));
  /** Shows what the race is on: a surface's contours, legend and κ, or a network's dataset, batch size and leaderboard. */
  const layout = () => {
    const on = onSurface();
    stage.el.hidden = legend.hidden = !on;
    boardBox.hidden = network.dataset.hidden = network.batch.hidden = on;
    kappaControl.el.hidden = !(on && surface().conditioned);
  };
  const { buttons: shareButtons, save } = share(
    () => ({ ...s, optimizers: runs }),
    {
      // The Embed dialog's PyTorch script: your optimizer (translated from its code when it can be) and the built-ins.
      pytorch: () => {
        if (onSurface()) return { runs: [], steps: 0, unavailable: 'a race on a 2-D surface has no network or data to train; choose “a network” under “Race on” for a script.' };
        const network = { ...s, step: 0 };
        const configs = [trainerConfig(network, YOURS, hp), ...runs.map((r) => trainerConfig(network, r.optimizer, r.hyper))];
        return { runs: labels().map((label, i) => ({ label, config: configs[i] })), steps: playback.session?.step || 1000, reader: { source: ran ?? editor.value, hp } };
      },
      withData: async (link) => {
        const url = new URL(link);
        url.hash = fragmentWith(host.id || 'playground', await encodeSource(editor.value));
        return url.href;
      },
    },
  );

  async function build(stale: () => boolean): Promise<PlaygroundSession | WalkSession | undefined> {
    buildError = '';
    if (ran === undefined) return undefined;
    let engine: GuardedEngine;
    try {
      engine = guardedEngine(moduleWorker('playground-worker', 'descent-playground', () =>
        new Worker(new URL('../lab/playground-worker.ts', import.meta.url), { type: 'module', name: 'descent-playground' })));
    } catch {
      buildError = 'this page cannot start a Web Worker, and your code runs only in one';
      return undefined;
    }
    try {
      await engine.request({ op: 'prepare', ...(onSurface() ? {} : { dataset: s.dataset as DatasetId }) });
      await engine.request({ op: 'code', source: ran, hp });
      if (onSurface()) {
        const walk = await buildWalk(engine, { fn: s.surface, kappa: s.kappa, start: surface().start, end: s.steps }, { optimizer: YOURS, hyper: hp }, runs);
        if (stale()) throw new Error('stale');
        return walk;
      }
      const network = { ...s, step: 0 }; // a playground never replays to a linked step: nothing runs before Run
      const configs = seededConfigs([trainerConfig(network, YOURS, hp), ...runs.map((r) => trainerConfig(network, r.optimizer, r.hyper))], s.seeds);
      const { report } = await engine.request({ op: 'build', session: 1, configs, end: s.steps });
      if (!report || stale()) throw new Error('stale');
      return new PlaygroundSession(engine, report);
    } catch (e) {
      if (!stale()) buildError = (e as Error).message;
      engine.stop();
      return undefined;
    }
  }

  async function run() {
    clearTimeout(editTimer);
    if (!readHp()) {
      status.textContent = cannotRunStatus(hpError.textContent ?? '');
      status.classList.add('diverged');
      return;
    }
    ran = editor.value;
    status.classList.remove('diverged');
    status.textContent = 'Starting…';
    await playback.rebuild();
    playback.start();
  }

  let lastPlot = 0;
  function draw(force: boolean) {
    const session = playback.session;
    runButton.disabled = false;
    layout();
    drawStage(false);
    if (!session) {
      status.textContent = buildError ? cannotRunStatus(buildError) : ran === undefined ? idleStatus(!!linked && !linkProblem) : '';
      status.classList.toggle('diverged', !!buildError);
      board.replaceChildren();
      legend.replaceChildren();
      curves.show(h('p', { class: 'hint' }, 'The loss curves appear here once you press Run.'));
      return;
    }
    const names = labels();
    const palette = colours();
    const walk = session instanceof WalkSession;
    const standings = walk ? walkStandings(session.walkers) : aggregateStandings(session.standings(), s.seeds);
    const failure = (walk ? session.engine : session.guarded).failure;
    status.textContent = playgroundStatus(session.step, names, standings, session.step >= s.steps, failure?.message);
    status.classList.toggle('diverged', !!failure || standings[0].diverged || standings[0].error !== undefined);
    if (walk) legend.replaceChildren(...walkerLegend(session.walkers, names, palette));
    else showBoard(board, names, standings, palette);
    const now = performance.now();
    if (!force && now - lastPlot < 250) return;
    lastPlot = now;
    drawCurves(session);
    if (walk) table(data, walkerTable(surface(), s.kappa, session.walkers, names));
    else showRaceTable(data, session, names, standings, s.seeds);
  }

  function drawCurves(session: PlaygroundSession | WalkSession) {
    if (session instanceof WalkSession) curves.show(lossGapFigure(surface(), s.kappa, session.walkers, session.step, colours(), labels(), curves.width));
    else showRaceCurves(curves, session, labels(), colours(), s.seeds, s.seed);
  }

  // The contours are drawn again only when what they show changes: the surface, κ, the walkers' colours, the width.
  let stageDrawn = '';
  function drawStage(resized: boolean) {
    if (!onSurface()) return;
    const key = [s.surface, s.kappa, ...colours()].join();
    if (resized || key !== stageDrawn) stage.drawBackground(surface(), s.kappa, colours());
    stageDrawn = key;
    const session = playback.session;
    stage.drawWalkers(session instanceof WalkSession ? session.walkers : [], surface().start);
  }

  Object.defineProperty(host, 'value', {
    configurable: true,
    get: () => editor.value,
    set: (text: string) => {
      editor.value = String(text);
      readHp();
    },
  });

  const startLabel = h('label', { for: startId }, 'Start from…');
  frame.append(
    h('h3', { class: 'title', id: editorId }, 'Your optimizer'),
    ...(linkProblem ? [h('p', { class: 'hp-error', role: 'alert' }, linkProblem)] : []),
    h('div', { class: 'row' }, h('div', { class: 'control' }, startLabel, startSelect)),
    editorBox,
    hint,
    hpError,
    hpBox,
    h('div', { class: 'toolbar' }, runButton, ...playback.buttons.filter((b) => b !== playback.stepButton), ...shareButtons),
    h('div', { class: 'row save' }, h('label', { for: nameId }, 'Save as'), nameInput, saveButton, savedNote),
    h('fieldset', {}, h('legend', {}, 'Race against'), picks),
    legend,
    h('div', { class: 'plots' }, stage.el, curves.el, boardBox),
    status,
    h('div', { class: 'controls' }, surfaceControl.el, kappaControl.el, network.dataset, network.batch, lrBox),
    h('details', {}, h('summary', {}, 'Data table'), data),
  );
  buildLr();
  root.querySelector('style')!.textContent += codeBoxCss;
  await playback.open(0);
  return {
    disconnect: () => {
      clearTimeout(editTimer);
      playback.dispose();
      curves.disconnect();
      stage.disconnect();
      editor.destroy();
    },
  };
}
