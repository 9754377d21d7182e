/**
 * The Large batches chapter's three races (content/large-batches.mdx), re-run
 * through the engine the race widget drives: the digits, the dataset's
 * 64-32-10 tanh network, seed 1, 300 steps; each claim of its Try-this
 * paragraphs checked on the leaderboard's numbers (test accuracy, losses).
 */
import { memory } from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/train/datasets';
import { ready } from '../../src/train/tf';
import { Trainer } from '../../src/train/trainer';

beforeAll(() => Promise.all([ready(), loadDataset('digits')]));

/** Losses of a run on the digits, which have a test set: no nulls. */
type Losses = { train: number; test: number; testAccuracy: number };

interface Run {
  start: number; // training loss before the first step
  at100: Losses;
  at300: Losses;
}

const cache = new Map<string, Run>();
/** One racer of the chapter's races, to step 300 (memoised: several claims read the same run). */
function run(optimizer: string, lr: number, batchSize: number): Run {
  const key = `${optimizer} ${lr} ${batchSize}`;
  if (!cache.has(key)) {
    const before = memory().numTensors;
    const t = new Trainer({ dataset: 'digits', noise: 0.1, activation: 'tanh', optimizer, hyper: { lr }, batchSize, seed: 1 });
    const start = t.losses().train;
    t.train(100);
    const at100 = t.losses() as Losses;
    t.train(200);
    const at300 = t.losses() as Losses;
    t.dispose();
    expect(memory().numTensors).toBe(before);
    cache.set(key, { start, at100, at300 });
  }
  return cache.get(key)!;
}

const long = 900_000;

describe('batch 32 against batch 512 (ids batch-32, batch-512)', () => {
  it('at batch 32, η 1.6 climbs far above its start by step 100 and ends below 50 %; η 0.1 passes 90 %', () => {
    const fast = run('sgd', 1.6, 32);
    expect(fast.at100.train).toBeGreaterThan(2 * fast.start);
    expect(fast.at300.testAccuracy).toBeLessThan(0.5);
    expect(run('sgd', 0.1, 32).at300.testAccuracy).toBeGreaterThan(0.9);
  }, long);

  it('at batch 512, η 0.1 ends within a point of batch 32; η 1.6 passes 96 %, ahead of both small-rate runs', () => {
    const [small32, small512, fast512] = [run('sgd', 0.1, 32), run('sgd', 0.1, 512), run('sgd', 1.6, 512)];
    expect(Math.abs(small512.at300.testAccuracy - small32.at300.testAccuracy)).toBeLessThanOrEqual(0.01);
    expect(fast512.at300.testAccuracy).toBeGreaterThan(0.96);
    expect(fast512.at300.testAccuracy).toBeGreaterThan(Math.max(small32.at300.testAccuracy, small512.at300.testAccuracy));
  }, long);
});

describe('LARS and LAMB at batch 512 (id large-batch-rules)', () => {
  it('all four pass 95 %, none more than a point ahead of SGD at η 1.6', () => {
    const sgd = run('sgd', 1.6, 512).at300.testAccuracy;
    for (const [optimizer, lr] of [['lars', 10], ['lamb', 0.01], ['adam', 0.01]] as const) {
      const acc = run(optimizer, lr, 512).at300.testAccuracy;
      expect(acc, optimizer).toBeGreaterThan(0.95);
      expect(acc - sgd, optimizer).toBeLessThanOrEqual(0.01);
    }
    expect(sgd).toBeGreaterThan(0.95);
  }, long);

  it('LARS: after step 100 its training loss falls while its test loss climbs', () => {
    const lars = run('lars', 10, 512);
    expect(lars.at300.train).toBeLessThan(lars.at100.train);
    expect(lars.at300.test).toBeGreaterThan(lars.at100.test);
  }, long);
});
