import { dot, line, plot, selectLast, text } from '@observablehq/plot';
import { fmt } from './dom';
import { asImage, logAxis, logDomain } from './plots';
import type { TrainingSession } from './training';
import { leaderboard } from './views';

/** A race's loss curves, one per run in its colour, with a text alternative naming the leader (the race and the playground draw these). */
export function raceCurves(session: TrainingSession, names: string[], colours: string[], width: number): Element {
  // The first run is drawn last, on top: where two curves coincide (the playground's copy of a built-in), it shows.
  const rows = session.histories
    .flatMap((hist, i) => hist.rows.filter((r) => Number.isFinite(r.train)).map((r) => ({ step: r.step, loss: Math.max(r.train, 1e-6), i })))
    .sort((a, b) => b.i - a.i);
  const best = names[leaderboard(session.standings())[0]];
  // Tall enough on a phone for the curves to be told apart.
  const height = Math.max(260, Math.min(320, width));
  const fig = plot({
    width, height, x: { label: 'step', domain: [0, Math.max(10, session.step)] },
    ...logAxis(logDomain(rows.map((r) => r.loss)), height - 50, 'training loss'),
    marks: [
      line(rows, { x: 'step', y: 'loss', stroke: (d) => colours[d.i], z: 'i' }),
      dot(rows, selectLast({ x: 'step', y: 'loss', fill: (d) => colours[d.i], z: 'i', r: 2.5 })),
      // Before the first step every run is one point, at the same loss: say what it is.
      session.step === 0 && rows.length ? text(rows.slice(0, 1), { x: 'step', y: 'loss', text: (r) => `start: loss ${fmt(r.loss)}`, dx: 8, textAnchor: 'start', fill: 'currentColor' }) : null,
    ],
  });
  return asImage(fig, `Training loss against step for ${names.join(', ')}; leader ${best}.`);
}
