import { areaY, dot, line, plot, selectLast, text } from '@observablehq/plot';
import { fmt, h, table } from './dom';
import { asImage, logAxis, logDomain, type PlotBox } from './plots';
import { aggregateHistories, aggregateStandings } from './seeds';
import type { TrainingSession } from './training';
import { leaderboard, raceTable, standingText, type Standing } from './views';

/** The leaderboard's and its colour swatches' style, for every widget that shows a race (the race, the playground). */
export const raceCss = `
ol.board { margin: 6px 0; padding-left: 1.5em; font-variant-numeric: tabular-nums; }
ol.board li { margin: 1px 0; }
.band-note { margin: 2px 0 0; font-size: 0.85em; }
.swatch { width: 14px; height: 4px; border-radius: 2px; display: inline-block; margin-right: 6px; vertical-align: middle; }
`;

/** Fills a leaderboard (an <ol class="board">): lowest training loss first, each run with its colour. */
export function showBoard(board: HTMLElement, names: string[], standings: Standing[], colours: string[]): void {
  board.replaceChildren(
    ...leaderboard(standings).map((i) => h('li', {}, h('span', { class: 'swatch', style: `background:${colours[i]}` }), standingText(names[i], standings[i]))),
  );
}

/** Fills a race's data table; a run's steps are its first seed's (every seed of a run that has not diverged is at the same step). */
export function showRaceTable(data: HTMLTableElement, session: TrainingSession, names: string[], standings: Standing[], seeds: number): void {
  table(data, raceTable(names, session.runs.filter((_, i) => i % seeds === 0).map((r) => r.step), standings));
}

/** Draws the curves into `box`; over several seeds (from `seed` on) with a note saying what the lines and bands are. */
export function showRaceCurves(box: PlotBox, session: TrainingSession, names: string[], colours: string[], seeds: number, seed: number): void {
  const fig = raceCurves(session, names, colours, box.width, seeds);
  if (seeds > 1) box.show(fig, h('p', { class: 'band-note' }, `Lines: the mean over ${seeds} seeds (${seed}–${seed + seeds - 1}); shaded: from the lowest to the highest seed's loss. ± in the status and leaderboard is half that range.`));
  else box.show(fig);
}

/**
 * A race's loss curves, one per run in its colour, with a text alternative
 * naming the leader (the race and the playground draw these). Over several
 * seeds (the session's runs are then run-major repeats, seeds.ts) each curve
 * is the mean over the seeds, over a band from their lowest to highest loss.
 */
export function raceCurves(session: TrainingSession, names: string[], colours: string[], width: number, seeds = 1): Element {
  const clamp = (x: number) => Math.max(x, 1e-6);
  // The first run is drawn last, on top: where two curves coincide (the playground's copy of a built-in), it shows.
  const rows = aggregateHistories(session.histories.map((hist) => hist.rows), seeds)
    .flatMap((hist, i) => hist.map((r) => ({ step: r.step, loss: clamp(r.train), lo: clamp(r.min), hi: clamp(r.max), i })))
    .sort((a, b) => b.i - a.i);
  const best = names[leaderboard(aggregateStandings(session.standings(), seeds))[0]];
  // Tall enough on a phone for the curves to be told apart.
  const height = Math.max(260, Math.min(320, width));
  const fig = plot({
    width, height, x: { label: 'step', domain: [0, Math.max(10, session.step)] },
    ...logAxis(logDomain(rows.flatMap((r) => [r.lo, r.hi])), height - 50, seeds > 1 ? `training loss, mean of ${seeds} seeds` : 'training loss'),
    marks: [
      seeds > 1 ? areaY(rows, { x: 'step', y1: 'lo', y2: 'hi', fill: (d) => colours[d.i], fillOpacity: 0.18, z: 'i' }) : null,
      line(rows, { x: 'step', y: 'loss', stroke: (d) => colours[d.i], z: 'i' }),
      dot(rows, selectLast({ x: 'step', y: 'loss', fill: (d) => colours[d.i], z: 'i', r: 2.5 })),
      // Before the first step every run is one point, at the same loss: say what it is.
      session.step === 0 && rows.length ? text(rows.slice(0, 1), { x: 'step', y: 'loss', text: (r) => `start: loss ${fmt(r.loss)}`, dx: 8, textAnchor: 'start', fill: 'currentColor' }) : null,
    ],
  });
  const over = seeds > 1 ? `, each the mean over ${seeds} seeds with a band from the lowest to the highest seed` : '';
  return asImage(fig, `Training loss against step for ${names.join(', ')}${over}; leader ${best}.`);
}
