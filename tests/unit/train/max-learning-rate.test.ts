import { memory } from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { optimizers, takesAnyShape } from '../../../src/optimizers';
import { datasets, loadDataset, type DatasetId } from '../../../src/train/datasets';
import { SurfaceRace } from '../../../src/train/surface-race';
import { surfaces } from '../../../src/train/surfaces';
import { ready } from '../../../src/train/tf';
import { DIVERGED_LOSS_RATIO, Trainer } from '../../../src/train/trainer';

// Every optimizer at the largest learning rate its slider offers, on every
// dataset and every surface: the run never throws and ends in one of two clean
// states. Either it is flagged diverged, stops (train() and advance() do
// nothing more) and reports its last loss, or its numbers are all finite.
// Not every run diverges, and the flag must not say so when it did not: on the
// separable gaussians plain gradient descent only sharpens a separating
// boundary however long its steps, and Adadelta's η multiplies a step that
// sets its own scale.

beforeAll(() => Promise.all([ready(), loadDataset('digits')]));

const ids = Object.keys(optimizers);
const maxLr = (id: string) => optimizers[id].hyper.lr.max;
const STEPS = 300;
// Shampoo takes the roots of the digits network's 65×65 and 33×33 factors every step (40 ms each step
// here): 60 steps are a fifth of its cost, and a blow-up at the largest rate comes in the first few.
const stepsFor = (id: string, dataset: DatasetId) => (id === 'shampoo' && dataset === 'digits' ? 60 : STEPS);
/** A know-nothing model's loss (log k in cross-entropy, ½ in half-squared error) times the ratio: the trainer's limit. */
const lossLimit = (t: Trainer) => DIVERGED_LOSS_RATIO * (t.data.task === 'classification' ? Math.log(t.data.classes) : 0.5);
const ESCAPE = 1e6; // src/train/surface-race.ts: a walker this far out has flown off
const outcomes = { diverged: 0, finite: 0 };

describe.each(ids)('%s at its maximum learning rate', (id) => {
  it.each(Object.keys(datasets) as DatasetId[])('on %s: diverged and stopped, or finite', (dataset) => {
    const before = memory().numTensors;
    const config = { dataset, noise: 0.1, hidden: datasets[dataset].network, activation: 'tanh', optimizer: id, hyper: { lr: maxLr(id) }, batchSize: 10, seed: 1 } as const;
    // Shampoo takes a root of every factor each step: the sparse set's 300-wide weights are refused, with the reason.
    if (id === 'shampoo' && dataset === 'sparse') {
      expect(() => new Trainer(config)).toThrow(/shampoo: a 300×300 factor is too large/);
      expect(memory().numTensors).toBe(before);
      return;
    }
    const t = new Trainer(config);
    const steps = stepsFor(id, dataset);
    for (let done = 0; done < steps && !t.diverged; done += 20) t.train(20);
    const { train, test } = t.losses();
    if (t.diverged) {
      outcomes.diverged++;
      const step = t.step;
      t.train(50);
      expect(t.step).toBe(step);
      // The flag is earned: the loss it reports is NaN, ∞ or past the limit, or the weights overflowed.
      const blownUp = !(train <= lossLimit(t)) || !t.parameters().every(Number.isFinite);
      expect(blownUp, `flagged diverged at step ${step} with loss ${train}`).toBe(true);
    } else {
      outcomes.finite++;
      expect(t.step).toBe(steps);
      expect(Number.isFinite(train) && Number.isFinite(test ?? 0)).toBe(true);
      expect(train).toBeLessThanOrEqual(lossLimit(t));
      expect(t.parameters().every(Number.isFinite)).toBe(true);
    }
    t.dispose();
    expect(memory().numTensors).toBe(before);
  });

  // A walker is a point (x, y), which Muon (weight matrices only) does not take: the surface does not offer it.
  if (takesAnyShape(id)) it('on every surface: each walker diverged and stopped, or finite', () => {
    for (const [name, surface] of Object.entries(surfaces)) {
      const race = new SurfaceRace(surface, [{ optimizer: id, hyper: { lr: maxLr(id) } }], surface.start, 1000);
      for (let i = 0; i < STEPS && race.active; i++) race.advance();
      const [walker] = race.walkers;
      const [x, y] = walker.path.at(-1)!;
      if (walker.diverged) {
        const length = walker.path.length;
        race.advance();
        expect(walker.path.length, name).toBe(length);
        // The flag is earned: the last loss is not finite, or the walker has flown off.
        expect(!Number.isFinite(walker.losses.at(-1)!) || Math.max(Math.abs(x), Math.abs(y)) > ESCAPE, name).toBe(true);
      } else {
        expect(walker.path, name).toHaveLength(STEPS + 1);
        expect(walker.path.every(([x, y]) => Number.isFinite(x) && Number.isFinite(y)), name).toBe(true);
        expect(walker.losses.every(Number.isFinite), name).toBe(true);
        expect(Math.max(Math.abs(x), Math.abs(y)), name).toBeLessThanOrEqual(ESCAPE);
      }
      race.dispose();
    }
  });
});

it('saw both outcomes in the table above (the two branches are both exercised)', () => {
  expect(outcomes.diverged).toBeGreaterThan(0);
  expect(outcomes.finite).toBeGreaterThan(0);
});
