/**
 * A learning-rate sweep: the same network trained from the same seeds with
 * each optimizer at each learning rate of a grid, and its training loss at the
 * end. Run at build time by components/LrSweep.astro (the Adam chapter's
 * sensitivity figure), so the figure and its summary come from the engine the
 * widgets use, not from a typed table.
 */
import { createTrainer, type TrainerConfig } from './trainer';

export interface SweepCell {
  lr: number;
  /** The final training loss of each seed (NaN for a seed that diverged). */
  losses: number[];
  /** How many seeds diverged. */
  diverged: number;
  /** The mean final loss over the seeds; NaN if any diverged. */
  mean: number;
}

export interface SweepRow {
  optimizer: string;
  cells: SweepCell[];
}

/**
 * Trains `base` with each optimizer at each rate of `lrs`, over seeds
 * base.seed … base.seed + seeds − 1, for `steps` steps each.
 */
export async function lrSweep(
  base: Omit<TrainerConfig, 'optimizer' | 'hyper'>,
  optimizerIds: string[],
  lrs: number[],
  steps: number,
  seeds: number,
): Promise<SweepRow[]> {
  const rows: SweepRow[] = [];
  for (const optimizer of optimizerIds) {
    const cells: SweepCell[] = [];
    for (const lr of lrs) {
      const losses: number[] = [];
      for (let j = 0; j < seeds; j++) {
        const trainer = await createTrainer({ ...base, optimizer, hyper: { lr }, seed: base.seed + j });
        try {
          trainer.train(steps);
          losses.push(trainer.diverged ? NaN : trainer.losses().train);
        } finally {
          trainer.dispose();
        }
      }
      const diverged = losses.filter((x) => !Number.isFinite(x)).length;
      cells.push({ lr, losses, diverged, mean: diverged ? NaN : losses.reduce((a, b) => a + b, 0) / losses.length });
    }
    rows.push({ optimizer, cells });
  }
  return rows;
}

/** The cell with the lowest mean loss (undefined if every rate diverged on some seed). */
export function bestCell(row: SweepRow): SweepCell | undefined {
  return row.cells.filter((c) => Number.isFinite(c.mean)).reduce<SweepCell | undefined>((best, c) => (!best || c.mean < best.mean ? c : best), undefined);
}

/**
 * The rates whose mean loss is within `factor` of the row's best, as the
 * lowest and highest of the unbroken run of such rates around the best: how
 * wide the bottom of the U is. Undefined if no rate trained.
 */
export function goodRange(row: SweepRow, factor: number): { low: number; high: number } | undefined {
  const best = bestCell(row);
  if (!best) return undefined;
  const ok = (c: SweepCell) => Number.isFinite(c.mean) && c.mean <= factor * best.mean;
  const at = row.cells.indexOf(best);
  let [lo, hi] = [at, at];
  while (lo > 0 && ok(row.cells[lo - 1])) lo--;
  while (hi < row.cells.length - 1 && ok(row.cells[hi + 1])) hi++;
  return { low: row.cells[lo].lr, high: row.cells[hi].lr };
}

const memo = new Map<string, Promise<SweepRow[]>>();

/** `lrSweep`, computed once per setup for the life of the process (a dev server renders the page on every visit). */
export function cachedLrSweep(...args: Parameters<typeof lrSweep>): Promise<SweepRow[]> {
  const key = JSON.stringify(args);
  if (!memo.has(key)) memo.set(key, lrSweep(...args));
  return memo.get(key)!;
}
