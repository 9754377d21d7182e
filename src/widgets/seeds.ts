/**
 * Runs repeated over several seeds, and what a widget shows of them: the mean
 * with the min–max range. A race of R runs over S seeds is R·S networks in the
 * engine, run-major: run r's seed j is network r·S + j, so with one seed
 * nothing changes, and run r's first seed is the run a single-seed race trains.
 */
import type { TrainerConfig } from '../train/trainer';
import type { Standing } from './views';

/** The configs of `configs` repeated over seeds s, s+1, …, s+seeds−1 (each config's own seed is s), run-major. */
export function seededConfigs(configs: TrainerConfig[], seeds: number): TrainerConfig[] {
  const n = Math.max(1, Math.floor(seeds));
  return configs.flatMap((c) => Array.from({ length: n }, (_, j) => (j === 0 ? c : { ...c, seed: c.seed + j })));
}

/** The networks of run `run` among run-major seeded ones: its seeds' indices. */
const seedsOf = <T>(all: T[], run: number, seeds: number): T[] => all.slice(run * seeds, (run + 1) * seeds);

/** How many runs `count` seeded networks are. */
const runCount = (count: number, seeds: number) => Math.floor(count / Math.max(1, seeds));

/** Mean, lowest and highest of numbers that are all finite; NaN for each where one is not. */
export function meanRange(xs: number[]): { mean: number; min: number; max: number } {
  if (!xs.length || xs.some((x) => !Number.isFinite(x))) return { mean: NaN, min: NaN, max: NaN };
  return { mean: xs.reduce((a, b) => a + b, 0) / xs.length, min: Math.min(...xs), max: Math.max(...xs) };
}

/** The mean of values that may be missing (null where there is no test set): null if any is. */
const meanOrNull = (xs: (number | null | undefined)[]): number | null =>
  xs.some((x) => x === null || x === undefined) ? null : meanRange(xs as number[]).mean;

/**
 * One standing per run from its seeds' standings. A run that cannot run on one
 * seed cannot run; a run that diverged on any seed counts as diverged (its loss
 * is then the highest its seeds reached: a mean over a diverged seed means
 * nothing). Otherwise train, test loss and accuracy are means over the seeds,
 * and `spread` holds the training loss's min–max range.
 */
export function aggregateStandings(standings: Standing[], seeds: number): Standing[] {
  if (seeds <= 1) return standings;
  return Array.from({ length: runCount(standings.length, seeds) }, (_, r) => {
    const own = seedsOf(standings, r, seeds);
    const broken = own.find((s) => s.error !== undefined);
    if (broken) return broken;
    const divergedSeeds = own.filter((s) => s.diverged).length;
    if (divergedSeeds) {
      const losses = own.map((s) => s.train);
      const worst = losses.some(Number.isNaN) ? NaN : Math.max(...losses); // NaN is the worst there is
      return { train: worst, test: null, accuracy: null, diverged: true, seeds, divergedSeeds };
    }
    const train = meanRange(own.map((s) => s.train));
    const accuracy = own.some((s) => s.accuracy !== null && s.accuracy !== undefined) ? meanOrNull(own.map((s) => s.accuracy)) : null;
    return { train: train.mean, test: meanOrNull(own.map((s) => s.test)), accuracy, diverged: false, seeds, spread: [train.min, train.max] };
  });
}

/** A recorded step of a seeded run: mean losses (and accuracy), and the training loss's min–max range over the seeds. */
export interface SeededRow {
  step: number;
  train: number;
  min: number;
  max: number;
  test: number | null;
  accuracy: number | null;
}

type HistoryRow = { step: number; train: number; test?: number | null; accuracy?: number | null };

/**
 * Each run's curves over its seeds: the steps every seed recorded, with the
 * mean training loss and its min and max, and the mean test loss and accuracy
 * (null where a seed has none). A seed that diverged stops recording, so the
 * run's curve stops there too. One seed: its finite rows, with min = max.
 */
export function aggregateHistories(histories: HistoryRow[][], seeds: number): SeededRow[][] {
  const n = Math.max(1, seeds);
  return Array.from({ length: runCount(histories.length, n) }, (_, r) => {
    const own = seedsOf(histories, r, n);
    const bySeed = own.map((rows) => new Map(rows.map((row) => [row.step, row])));
    return own[0].flatMap(({ step }) => {
      const rows = bySeed.map((m) => m.get(step));
      if (rows.some((v) => v === undefined)) return [];
      const all = rows as HistoryRow[];
      const { mean, min, max } = meanRange(all.map((x) => x.train));
      return Number.isFinite(mean) ? [{ step, train: mean, min, max, test: meanOrNull(all.map((x) => x.test)), accuracy: meanOrNull(all.map((x) => x.accuracy)) }] : [];
    });
  });
}
