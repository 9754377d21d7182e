import type { DatasetId } from '../train/datasets';
import { control, networkControls, runLrControls } from './controls';
import { h } from './dom';
import type { Mounted } from './lazy';
import { runColours } from './palette';
import { Playback } from './playback';
import { PlotBox } from './plots';
import { raceCss, showBoard, showRaceCurves, showRaceTable } from './race-curves';
import { aggregateStandings } from './seeds';
import { openShell } from './shell';
import { networkFields, raceSchema } from './specs';
import { buildSession, trainerConfig, type TrainingSession } from './training';
import { raceStatus, runLabel } from './views';
import { RACE_FINISHED, type RaceFinished } from './race-finished';

const css = `
/* Two lines, so that " · finished" or a diverged run does not make the race taller. */
[role=status] { min-height: 2.9em; }
.table-scroll { overflow-x: auto; }
${raceCss}`;

/**
 * Several optimizers train the same network from identical initial weights on
 * identical batches (one seed fixes both), in lock-step, with overlaid loss
 * curves and a live leaderboard. With seeds="5" each run is repeated over
 * five seeds and shows their mean, with the min–max range as a band.
 */
export async function mount(host: HTMLElement): Promise<Mounted> {
  const { frame, status, settings, share } = openShell(host, raceSchema, css, 'Optimizer race');
  const s = { ...settings };
  const runs = settings.optimizers.map((r) => ({ optimizer: r.optimizer, hyper: { ...r.hyper } }));
  const colours = runColours(runs.map((r) => r.optimizer));

  const curves = new PlotBox(() => playback.session && drawCurves(playback.session));
  const board = h('ol', { class: 'board', 'aria-label': 'Leaderboard, lowest training loss first' });
  const data = h('table');
  const playback = new Playback<TrainingSession>({
    host,
    build: (stale) => buildSession(s, runs, stale, s.steps),
    draw,
    save: () => save(),
  });
  const change = (apply: () => void) => {
    apply();
    void playback.rebuild().then(save);
  };
  // Its sliders sit in the controls' grid beside the dataset and batch size.
  const lrBox = h('div', { style: 'display: contents' });
  const buildLr = () => lrBox.replaceChildren(...runLrControls(runs, () => change(() => {}), s.dataset as DatasetId));
  const network = networkControls(s, networkFields, change, buildLr);
  const seedsControl = control('seeds', raceSchema.seeds, s.seeds, (v) => change(() => (s.seeds = v)));
  const labels = () => runs.map((r) => runLabel(r, s.dataset as DatasetId));
  const { buttons: shareButtons, save } = share(
    () => ({ ...s, optimizers: runs, step: playback.session?.step ?? 0 }),
    { pytorch: () => ({ runs: runs.map((r, i) => ({ label: labels()[i], config: trainerConfig(s, r.optimizer, r.hyper) })), steps: playback.session?.step || 1000 }) },
  );
  frame.append(
    h('div', { class: 'toolbar' }, ...playback.buttons, ...shareButtons),
    h('div', { class: 'plots' }, curves.el, h('div', {}, h('p', { class: 'sr-only' }, 'Leaderboard'), board)),
    status,
    h('div', { class: 'controls' }, network.dataset, network.batch, seedsControl.el, lrBox),
    // Over several seeds the table gains min and max columns: on a phone it scrolls sideways, by keyboard too.
    h('details', {}, h('summary', {}, 'Data table'), h('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': 'Data table' }, data)),
  );

  buildLr();

  let lastPlot = 0;
  let announced: TrainingSession | undefined;
  function draw(force: boolean) {
    const session = playback.session;
    if (!session) return;
    const names = labels();
    const standings = aggregateStandings(session.standings(), s.seeds);
    // Once per run to the end, say how it ended (a <Predict> sets its reader's answer beside it).
    // A race whose every run diverged ends before its last step: it cannot step any further.
    const ended = session.step >= s.steps || (session.step > 0 && !session.canStep);
    if (ended && announced !== session) {
      announced = session;
      host.dispatchEvent(new CustomEvent<RaceFinished>(RACE_FINISHED, { detail: { labels: names, standings }, bubbles: true }));
    }
    status.textContent = raceStatus(session.step, names, standings, session.step >= s.steps);
    status.classList.toggle('diverged', !standings.some((x) => x.error === undefined && !x.diverged));
    showBoard(board, names, standings, colours);
    const now = performance.now();
    if (!force && now - lastPlot < 250) return;
    lastPlot = now;
    drawCurves(session);
    showRaceTable(data, session, names, standings, s.seeds);
  }

  function drawCurves(session: TrainingSession) {
    showRaceCurves(curves, session, labels(), colours, s.seeds, s.seed);
  }

  // A permalink to a paused race: replay it to its step, then stay paused.
  await playback.open(Math.min(settings.step, s.steps));
  return {
    disconnect: () => {
      playback.dispose();
      curves.disconnect();
    },
  };
}
