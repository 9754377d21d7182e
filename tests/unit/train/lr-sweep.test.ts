import { beforeAll, describe, expect, it } from 'vitest';
import { memory } from '@tensorflow/tfjs-core';
import { bestCell, goodRange, lrSweep, type SweepRow } from '../../../src/train/lr-sweep';
import { createTrainer } from '../../../src/train/trainer';
import { ready } from '../../../src/train/tf';

beforeAll(ready);

const row = (means: number[]): SweepRow => ({
  optimizer: 'sgd',
  cells: means.map((mean, i) => ({ lr: 10 ** (i - 3), losses: [mean], diverged: Number.isFinite(mean) ? 0 : 1, mean })),
});

describe('a learning-rate sweep', () => {
  it('trains each rate on each seed from the trainer’s own config, and marks a rate that blows up', async () => {
    const before = memory().numTensors;
    const base = { dataset: 'sine', noise: 0.1, hidden: [4], activation: 'tanh', batchSize: 10, seed: 1 } as const;
    const [sgd] = await lrSweep(base, ['sgd'], [0.1, 10], 20, 2);
    expect(sgd.cells.map((c) => c.lr)).toEqual([0.1, 10]);
    // Seed 2's run is the trainer with seed 2, step for step.
    const t = await createTrainer({ ...base, optimizer: 'sgd', hyper: { lr: 0.1 }, seed: 2 });
    t.train(20);
    expect(sgd.cells[0].losses[1]).toBe(t.losses().train);
    t.dispose();
    expect(sgd.cells[0].mean).toBeCloseTo((sgd.cells[0].losses[0] + sgd.cells[0].losses[1]) / 2, 12);
    expect(sgd.cells[1].diverged).toBe(2);
    expect(sgd.cells[1].mean).toBeNaN();
    expect(memory().numTensors).toBe(before);
  });

  it('finds the best rate and the unbroken run of rates within a factor of it', () => {
    const r = row([0.6, 0.2, 0.05, 0.08, 0.3, NaN]);
    expect(bestCell(r)?.lr).toBeCloseTo(0.1, 12);
    expect(goodRange(r, 2)).toEqual({ low: r.cells[2].lr, high: r.cells[3].lr });
    expect(goodRange(r, 10)).toEqual({ low: r.cells[1].lr, high: r.cells[4].lr });
    // A rate that is good again after a bad one does not widen the range.
    const gap = row([0.05, 0.5, 0.04]);
    expect(goodRange(gap, 2)).toEqual({ low: gap.cells[2].lr, high: gap.cells[2].lr });
    expect(bestCell(row([NaN, NaN]))).toBeUndefined();
    expect(goodRange(row([NaN]), 2)).toBeUndefined();
  });
});
