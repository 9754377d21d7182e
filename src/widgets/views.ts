/**
 * What the training widgets say, as pure functions of their numbers: run
 * labels, status lines, the leaderboard's order and the data tables' rows.
 * The widgets only put these strings on screen, so every wording is unit-tested.
 */
import { optimizers } from '../optimizers';
import { splitWrap, wrapDefaults } from '../optimizers/wrappers';
import { startingLr, type DatasetId } from '../train/datasets';
import { fmt } from './dom';
import type { Run } from './schema';

/** A run's hyperparameter as it takes effect: the reader's value, else (for η) the dataset's starting rate, else the optimizer's default. */
export const hyperOf = (run: Run, name: string, dataset?: DatasetId): number => {
  const fallback = optimizers[run.optimizer].defaults[name];
  return run.hyper[name] ?? (name === 'lr' && dataset ? startingLr(dataset, run.optimizer, fallback) : fallback);
};

/**
 * "Adam (η 0.01)": how a run is named in legends, status lines and tables;
 * a hyperparameter other than η that the run sets away from its default is named
 * too, so that runs of one optimizer can be told apart: "Adam (η 0.03, β₂ 0.9)";
 * a wrapped run names its wrappers and their settings: "SGD + SAM (η 0.1, ρ 0.05)",
 * "Adam + Lookahead (η 0.01, k 5, α 0.5)".
 */
export const runLabel = (run: Run, dataset?: DatasetId): string => {
  const { hyper, wrap } = splitWrap(run.hyper);
  const opt = optimizers[run.optimizer];
  const values = [`η ${fmt(hyperOf(run, 'lr', dataset))}`];
  for (const [name, spec] of Object.entries(opt.hyper)) {
    if (name !== 'lr' && name in hyper && hyper[name] !== opt.defaults[name]) values.push(`${spec.symbol} ${fmt(hyper[name])}`);
  }
  if (wrap.sam) values.push(`ρ ${fmt(wrap.sam)}`);
  if (wrap.lookahead) values.push(`k ${fmt(wrap.lookahead)}`, `α ${fmt(wrap.lookaheadAlpha ?? wrapDefaults.lookaheadAlpha)}`);
  return `${runName(run)} (${values.join(', ')})`;
};

/** "SGD", or with the wrappers that are on, "SGD + SAM + Lookahead". */
export const runName = (run: Run): string => {
  const { wrap } = splitWrap(run.hyper);
  return [optimizers[run.optimizer].name, ...(wrap.sam ? ['SAM'] : []), ...(wrap.lookahead ? ['Lookahead'] : [])].join(' + ');
};

/** A run's standing after its last recorded step. */
export interface Standing {
  train: number;          // training loss (NaN before the first record)
  test: number | null;    // test loss, null where there is none
  accuracy?: number | null; // share of test points classified right (classification only)
  diverged: boolean;
  error?: string;         // why it cannot run at all
  // Over several seeds (seeds.ts): `train`, `test` and `accuracy` are means, `spread` the training loss's [min, max].
  seeds?: number;
  spread?: [number, number];
  divergedSeeds?: number; // how many seeds diverged (then the run counts as diverged)
}

/**
 * "0.084", or over several seeds the mean ± half its min–max range: "0.084 ± 0.012".
 * Half the range, not the standard deviation: every seed lies within mean ± 2·that,
 * and the band drawn under the curve is the same range.
 */
export const lossText = (s: Standing): string => (s.spread ? `${fmt(s.train)} ± ${fmt(twoDigits((s.spread[1] - s.spread[0]) / 2))}` : fmt(s.train));

/** A spread to two significant digits (0.07946 → 0.079): more would claim a precision a handful of seeds does not have. */
const twoDigits = (x: number) => (Number.isFinite(x) ? Number(x.toPrecision(2)) : x);

/** " (5 seeds)" where standings are over several seeds, else nothing. */
export const seedsNote = (standings: Standing[]) => {
  const n = standings.find((s) => (s.seeds ?? 1) > 1)?.seeds;
  return n ? ` (${n} seeds)` : '';
};

/** " diverged", or over several seeds " diverged on 2 of 5 seeds". */
const divergedText = (s: Standing) => (s.divergedSeeds && s.seeds ? ` diverged on ${s.divergedSeeds} of ${s.seeds} seeds` : ' diverged');

/** The trainer's status line. */
export function trainerStatus(o: { step: number; epoch: number; restoring: boolean } & Standing): string {
  if (o.error !== undefined) return `Cannot train: ${o.error}`;
  return (
    (o.restoring && !o.diverged ? 'restoring the linked run: ' : '') +
    `step ${o.step} · loss ${lossText(o)}${seedsNote([o])}` +
    (o.diverged ? ' — diverged: press Reset, then lower the learning rate' : ` · test loss ${fmt(o.test ?? NaN)}${accuracyText(o.accuracy)} · epoch ${fmt(o.epoch)}`)
  );
}

/** " · test accuracy 96.4 %", or nothing where there is no accuracy. */
const accuracyText = (a: number | null | undefined) => (a === null || a === undefined ? '' : ` · test accuracy ${percent(a)}`);

/** 0.9637 → "96.4 %". */
export const percent = (x: number): string => (Number.isFinite(x) ? `${(100 * x).toFixed(1)} %` : '—');

/** Runs in the order a leaderboard shows them: lowest training loss first; diverged, broken and unmeasured runs last, in their own order. */
export function leaderboard(standings: Standing[]): number[] {
  const key = (s: Standing) => (s.error !== undefined || s.diverged || !Number.isFinite(s.train) ? Infinity : s.train);
  return standings.map((_, i) => i).sort((a, b) => key(standings[a]) - key(standings[b]) || a - b);
}

/** A race's status line: the leader, then the runs that diverged or cannot run. */
export function raceStatus(step: number, labels: string[], standings: Standing[], finished: boolean): string {
  const alive = standings.map((_, i) => i).filter((i) => standings[i].error === undefined && !standings[i].diverged);
  const dead = alive.length ? labels.flatMap((l, i) => (standings[i].diverged ? [`${l}${divergedText(standings[i])} (loss ${fmt(standings[i].train)})`] : [])) : [];
  const broken = labels.flatMap((l, i) => (standings[i].error !== undefined ? [`${l}: ${standings[i].error}`] : []));
  const best = leaderboard(standings)[0];
  return (
    (alive.length ? `step ${step} · loss ${lossText(standings[best])}${seedsNote(standings)} · leader: ${labels[best]}` : `step ${step} · loss ∞ — diverged`) +
    (finished && alive.length ? ' · finished' : '') +
    (dead.length ? ` · ${dead.join(', ')}` : '') +
    (broken.length ? ` · cannot run ${broken.join('; ')}` : '')
  );
}

/** One leaderboard or legend entry. */
export function standingText(label: string, s: Standing): string {
  if (s.error !== undefined) return `${label}: cannot run`;
  if (s.diverged) return `${label}:${divergedText(s)}`;
  return `${label}: train ${lossText(s)}, test ${fmt(s.test ?? NaN)}` + (s.accuracy === null || s.accuracy === undefined ? '' : `, ${percent(s.accuracy)} right`);
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

/**
 * A trainer's table; a classification run's gets a test-accuracy column. Rows
 * over several seeds (seeds.ts, with min and max) are means, with the training
 * loss's min and max beside them.
 */
export const lossTable = (rows: { step: number; train: number; test: number | null; accuracy?: number | null; min?: number; max?: number }[], seeds = 1): TableRows => {
  const accuracy = rows.some((r) => r.accuracy !== null && r.accuracy !== undefined);
  const seeded = seeds > 1;
  const mean = seeded ? ' (mean)' : '';
  return {
    head: ['step', `train loss${mean}`, ...(seeded ? ['train loss min', 'train loss max'] : []), `test loss${mean}`, ...(accuracy ? [`test accuracy${mean}`] : [])],
    body: thin(rows).map((r) => [
      String(r.step), fmt(r.train), ...(seeded ? [fmt(r.min ?? NaN), fmt(r.max ?? NaN)] : []),
      r.test === null ? '—' : fmt(r.test), ...(accuracy ? [percent(r.accuracy ?? NaN)] : []),
    ]),
  };
};

/** A race's table: one row per run; over several seeds, means with the training loss's min and max beside them. */
export const raceTable = (labels: string[], steps: number[], standings: Standing[]): TableRows => {
  const accuracy = standings.some((s) => s.accuracy !== null && s.accuracy !== undefined);
  const seeded = seedsNote(standings) !== '';
  const mean = seeded ? ' (mean)' : '';
  return {
    head: ['optimizer', 'steps', `train loss${mean}`, ...(seeded ? ['train loss min', 'train loss max'] : []), `test loss${mean}`, ...(accuracy ? [`test accuracy${mean}`] : [])],
    body: labels.map((l, i) => [
      l, String(steps[i]), fmt(standings[i].train),
      ...(seeded ? (standings[i].spread ?? [NaN, NaN]).map((x) => fmt(x)) : []),
      fmt(standings[i].test ?? NaN), ...(accuracy ? [percent(standings[i].accuracy ?? NaN)] : []),
    ]),
  };
};
