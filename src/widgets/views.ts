/**
 * What the training widgets say, as pure functions of their numbers: run
 * labels, status lines, the leaderboard's order and the data tables' rows.
 * The widgets only put these strings on screen, so every wording is unit-tested.
 */
import { optimizers } from '../optimizers';
import { fmt } from './dom';
import type { Run } from './schema';

/** A run's hyperparameter as it takes effect: the reader's value, else the optimizer's default. */
export const hyperOf = (run: Run, name: string): number => run.hyper[name] ?? optimizers[run.optimizer].defaults[name];

/** "Adam (η 0.01)": how a run is named in legends, status lines and tables. */
export const runLabel = (run: Run): string => `${optimizers[run.optimizer].name} (η ${fmt(hyperOf(run, 'lr'))})`;

/** A run's standing after its last recorded step. */
export interface Standing {
  train: number;          // training loss (NaN before the first record)
  test: number | null;    // test loss, null where there is none
  diverged: boolean;
  error?: string;         // why it cannot run at all
}

/** The trainer's status line. */
export function trainerStatus(o: { step: number; epoch: number; restoring: boolean } & Standing): string {
  if (o.error !== undefined) return `Cannot train: ${o.error}`;
  return (
    (o.restoring && !o.diverged ? 'restoring the linked run: ' : '') +
    `step ${o.step} · loss ${fmt(o.train)}` +
    (o.diverged ? ' — diverged: press Reset, then lower the learning rate' : ` · test loss ${fmt(o.test ?? NaN)} · epoch ${fmt(o.epoch)}`)
  );
}

/** Runs in the order a leaderboard shows them: lowest training loss first; diverged, broken and unmeasured runs last, in their own order. */
export function leaderboard(standings: Standing[]): number[] {
  const key = (s: Standing) => (s.error !== undefined || s.diverged || !Number.isFinite(s.train) ? Infinity : s.train);
  return standings.map((_, i) => i).sort((a, b) => key(standings[a]) - key(standings[b]) || a - b);
}

/** A race's status line: the leader, then the runs that diverged or cannot run. */
export function raceStatus(step: number, labels: string[], standings: Standing[], finished: boolean): string {
  const alive = standings.map((_, i) => i).filter((i) => standings[i].error === undefined && !standings[i].diverged);
  const dead = alive.length ? labels.flatMap((l, i) => (standings[i].diverged ? [`${l} diverged (loss ${fmt(standings[i].train)})`] : [])) : [];
  const broken = labels.flatMap((l, i) => (standings[i].error !== undefined ? [`${l}: ${standings[i].error}`] : []));
  const best = leaderboard(standings)[0];
  return (
    (alive.length ? `step ${step} · loss ${fmt(standings[best].train)} · leader: ${labels[best]}` : `step ${step} · loss ∞ — diverged`) +
    (finished && alive.length ? ' · finished' : '') +
    (dead.length ? ` · ${dead.join(', ')}` : '') +
    (broken.length ? ` · cannot run ${broken.join('; ')}` : '')
  );
}

/** One leaderboard or legend entry. */
export function standingText(label: string, s: Standing): string {
  if (s.error !== undefined) return `${label}: cannot run`;
  if (s.diverged) return `${label}: diverged`;
  return `${label}: train ${fmt(s.train)}, test ${fmt(s.test ?? NaN)}`;
}

/** The surface explorer's status line: the lowest loss among the walkers still going. */
export function surfaceStatus(step: number, labels: string[], losses: number[], diverged: boolean[]): string {
  const alive = losses.filter((_, i) => !diverged[i]);
  const dead = labels.flatMap((l, i) => (diverged[i] ? [`${l} diverged (loss ${fmt(losses[i])})`] : []));
  return `step ${step} · loss ${fmt(alive.length ? Math.min(...alive) : Infinity)}` + (alive.length ? (dead.length ? ` · ${dead.join(', ')}` : '') : ' — diverged');
}

/** At most about `max` evenly spaced entries, always with the last. */
export function thin<T>(rows: T[], max = 12): T[] {
  const every = Math.max(1, Math.ceil(rows.length / max));
  return rows.filter((_, i) => i % every === 0 || i === rows.length - 1);
}

/** A data table: a header row and body rows, all text. */
export interface TableRows {
  head: string[];
  body: string[][];
}

export const lossTable = (rows: { step: number; train: number; test: number | null }[]): TableRows => ({
  head: ['step', 'train loss', 'test loss'],
  body: thin(rows).map((r) => [String(r.step), fmt(r.train), r.test === null ? '—' : fmt(r.test)]),
});

export const raceTable = (labels: string[], steps: number[], standings: Standing[]): TableRows => ({
  head: ['optimizer', 'steps', 'train loss', 'test loss'],
  body: labels.map((l, i) => [l, String(steps[i]), fmt(standings[i].train), fmt(standings[i].test ?? NaN)]),
});
