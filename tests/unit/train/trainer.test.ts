import { memory, tensor1d, tidy } from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ready } from '../../../src/train/tf';
import { BatchOrder } from '../../../src/train/batches';
import { deriveSeed } from '../../../src/train/random';
import { createTrainer, DIVERGED_LOSS_RATIO, Trainer, type TrainerConfig } from '../../../src/train/trainer';
import type { DatasetId } from '../../../src/train/datasets';

beforeAll(ready);

const base: TrainerConfig = {
  dataset: 'circles', noise: 0.05, hidden: [8, 8], activation: 'tanh',
  optimizer: 'adam', hyper: { lr: 0.03 }, batchSize: 20, seed: 2,
};

// Every trainer a test makes is disposed after it, even when the test fails.
const live: Trainer[] = [];
const trainer = (config: Partial<TrainerConfig> = {}) => {
  const t = new Trainer({ ...base, ...config });
  live.push(t);
  return t;
};
afterEach(() => live.splice(0).forEach((t) => t.dispose()));

/** The gradient of the training loss at θ on the given points of the training set. */
function gradientAt(t: Trainer, theta: Float32Array, indices?: Int32Array) {
  return tidy(() => t.mlp.gradient(tensor1d(theta), t.mlp.batch(t.data.xTrain, t.data.yTrain, indices)).dataSync().slice());
}

describe('Trainer learns', () => {
  it.each([
    ['circles', [8, 8], 500, 0.1],
    ['xor', [8, 8], 500, 0.05],
    ['gaussians', [8, 8], 200, 0.05],
    ['spiral', [16, 16], 3000, 0.1],
    ['moons', [8, 8], 1000, 0.05],
    ['sine', [8, 8], 1000, 0.01],
  ] as [DatasetId, number[], number, number][])('%s with a %j tanh net and Adam', (dataset, hidden, steps, below) => {
    const t = trainer({ dataset, hidden, hyper: { lr: dataset === 'sine' ? 0.01 : 0.03 } });
    const start = t.losses();
    t.train(steps);
    const end = t.losses();
    expect(end.train).toBeLessThan(below);
    expect(end.train).toBeLessThan(start.train / 5);
    expect(t.diverged).toBe(false);
  });

  it('lowers the test loss too where the model generalises (circles)', () => {
    const t = trainer();
    const start = t.losses().test!;
    t.train(500);
    expect(t.losses().test).toBeLessThan(start / 5);
  });

  it.each(['relu', 'sigmoid', 'linear'] as const)('with %s units too (linear: as far as a linear boundary can)', (activation) => {
    const t = trainer({ dataset: 'gaussians', activation });
    const start = t.losses().train;
    t.train(300);
    expect(t.losses().train).toBeLessThan(Math.min(0.1, start / 3));
  });
});

describe('Trainer determinism', () => {
  it('repeats itself bit for bit, step by step', () => {
    const [a, b] = [trainer(), trainer()];
    for (let i = 0; i < 30; i++) {
      a.train(3);
      b.train(3);
      expect(b.losses()).toEqual(a.losses());
    }
    expect(b.parameters()).toEqual(a.parameters());
  });

  it('starts every optimizer from the same weights on the same data', () => {
    const [a, b] = [trainer({ optimizer: 'sgd' }), trainer({ optimizer: 'rmsprop', hyper: { lr: 0.5 } })];
    expect(b.parameters()).toEqual(a.parameters());
    expect(b.data).toEqual(a.data);
    expect(trainer({ seed: 3 }).parameters()).not.toEqual(a.parameters());
  });

  it.each([
    ['sgd', {}],
    ['momentum', { momentum: 0 }], // another optimizer, here with the same step
  ] as const)('takes its mini-batches in the seeded order, reshuffled each epoch (%s)', (optimizer, hyper) => {
    // A plain gradient step reveals its batch: θ₁ = θ₀ − η ∇L_batch(θ₀).
    const lr = 0.1;
    const t = trainer({ optimizer, hyper: { lr, ...hyper }, batchSize: 16 });
    const order = new BatchOrder(t.data.trainSize, 16, deriveSeed(base.seed, 'batches'));
    for (let step = 0; step < 9; step++) { // 100 points make 7 batches: this crosses into epoch 2
      const before = t.parameters();
      const g = gradientAt(t, before, order.next());
      t.train(1);
      t.parameters().forEach((x, i) => expect(x).toBeCloseTo(before[i] - lr * g[i], 6));
    }
  });

  it('uses the whole training set per step when the batch is at least its size', () => {
    const t = trainer({ optimizer: 'sgd', hyper: { lr: 0.1 }, batchSize: 10_000 });
    expect(t.batchSize).toBe(100);
    const before = t.parameters();
    const g = gradientAt(t, before);
    t.train(1);
    t.parameters().forEach((x, i) => expect(x).toBeCloseTo(before[i] - 0.1 * g[i], 6));
  });
});

describe('Trainer bookkeeping', () => {
  it('counts steps and epochs (fractional: steps / batches per epoch)', () => {
    const t = trainer({ batchSize: 30 }); // 100 training points: 4 batches per epoch
    t.train(6);
    expect(t.step).toBe(6);
    expect(t.epoch).toBe(1.5);
    const full = trainer({ batchSize: 100 });
    full.train(3);
    expect(full.epoch).toBe(3);
  });

  it('clamps the batch size to 1 … train size, rounding down', () => {
    expect(trainer({ batchSize: 0 }).batchSize).toBe(1);
    expect(trainer({ batchSize: 7.9 }).batchSize).toBe(7);
    expect(trainer({ batchSize: 1e9, testFraction: 0.2 }).batchSize).toBe(160);
    expect(() => trainer({ batchSize: NaN })).toThrow(/batchSize/);
  });

  it('reports the scheduled learning rate of the next step', () => {
    const t = trainer({ hyper: { lr: 0.1 }, schedule: { id: 'stepDecay', params: { stepSize: 5, gamma: 0.5 } } });
    expect(t.currentLr()).toBe(0.1);
    t.train(5);
    expect(t.currentLr()).toBe(0.05);
    expect(trainer({ hyper: { lr: 0.2 } }).currentLr()).toBe(0.2);
    expect(trainer({ hyper: {} }).currentLr()).toBe(0.001); // Adam's default
  });

  it('adds the coupled L2 penalty λθ to the gradient', () => {
    const [lr, lambda] = [0.1, 0.3];
    const t = trainer({ optimizer: 'sgd', hyper: { lr }, batchSize: 100, l2: lambda });
    const before = t.parameters();
    const g = gradientAt(t, before);
    t.train(1);
    t.parameters().forEach((x, i) => expect(x).toBeCloseTo(before[i] - lr * (g[i] + lambda * before[i]), 6));
  });

  it('clips the gradient by value or by norm', () => {
    const lr = 0.1;
    const byValue = trainer({ optimizer: 'sgd', hyper: { lr }, batchSize: 100, clip: { kind: 'value', threshold: 0.01 } });
    const before = byValue.parameters();
    const g = gradientAt(byValue, before);
    byValue.train(1);
    byValue.parameters().forEach((x, i) => expect(x).toBeCloseTo(before[i] - lr * Math.max(-0.01, Math.min(0.01, g[i])), 6));

    const byNorm = trainer({ optimizer: 'sgd', hyper: { lr }, batchSize: 100, clip: { kind: 'norm', threshold: 0.01 } });
    byNorm.train(1);
    const step = byNorm.parameters().map((x, i) => (before[i] - x) / lr);
    expect(Math.hypot(...step)).toBeCloseTo(0.01, 5);
    const norm = Math.hypot(...g);
    step.forEach((s, i) => expect(s).toBeCloseTo((g[i] * 0.01) / norm, 6));
  });

  it('predicts probabilities for classification and values for regression', () => {
    const grid = Float32Array.from([0, 0, 0.9, 0.1, -1.4, 1.4]);
    const p = trainer().predict(grid);
    expect(p.length).toBe(3);
    p.forEach((q) => expect(q > 0 && q < 1).toBe(true));
    const sine = trainer({ dataset: 'sine', hyper: { lr: 0.01 } });
    sine.train(1000);
    const curve = sine.predict(Float32Array.from([-Math.PI / 2, 0, Math.PI / 2]));
    [-1, 0, 1].forEach((y, i) => expect(Math.abs(curve[i] - y)).toBeLessThan(0.15));
  });

  it('hands out a copy of the parameters', () => {
    const t = trainer();
    const theta = t.parameters();
    theta.fill(7);
    expect(t.parameters()).not.toEqual(theta);
    expect(theta.length).toBe(t.mlp.parameterCount);
  });

  it('has no test loss without a test set', () => {
    expect(trainer({ testFraction: 0 }).losses().test).toBeNull();
  });

  it('rejects an unknown optimizer, bad hyperparameters and bad options, leaking nothing', () => {
    const before = memory().numTensors;
    expect(() => trainer({ optimizer: 'adamax2' })).toThrow(/adamax2/);
    expect(() => trainer({ hyper: { lr: -1 } })).toThrow(/lr/);
    expect(() => trainer({ hyper: { momentum: 0.9 } })).toThrow(/momentum/);
    expect(() => trainer({ schedule: { id: 'sawtooth' } })).toThrow(/sawtooth/);
    expect(() => trainer({ clip: { kind: 'norm', threshold: 0 } })).toThrow(/clipNorm/);
    expect(() => trainer({ l2: -0.1 })).toThrow(/l2/);
    expect(() => trainer({ hidden: [65] })).toThrow(/hidden/);
    expect(() => trainer({ noise: 0.9 })).toThrow(/noise/);
    expect(memory().numTensors).toBe(before);
  });

  it('can be created asynchronously, loading the backend first', async () => {
    const t = await createTrainer(base);
    live.push(t);
    expect(t.step).toBe(0);
  });
});

describe('Trainer divergence', () => {
  it.each([
    ['sgd', 'circles', 'tanh'],
    ['adam', 'circles', 'tanh'],
    ['sgd', 'sine', 'relu'],
    ['adam', 'sine', 'linear'],
    ['lion', 'xor', 'sigmoid'],
  ] as const)('%s at lr = 1e6 on %s (%s) ends diverged, without throwing', (optimizer, dataset, activation) => {
    const t = trainer({ optimizer, dataset, activation, hyper: { lr: 1e6 } });
    expect(() => t.train(50)).not.toThrow();
    expect(t.diverged).toBe(true);
    const { step } = t;
    t.train(10);
    expect(t.step).toBe(step); // frozen
    expect(() => t.losses()).not.toThrow();
    expect(() => t.predict(Float32Array.from([0, 0]))).not.toThrow();
  });

  it('calls a finite but exploded cross-entropy diverged: 1000 × log 2 and beyond', () => {
    // Saturated tanh units keep everything finite; the loss still explodes.
    const t = trainer({ optimizer: 'sgd', hyper: { lr: 1e6 } });
    t.train(1);
    expect(t.parameters().every(Number.isFinite)).toBe(true);
    expect(t.losses().train).toBeGreaterThan(DIVERGED_LOSS_RATIO * Math.log(2));
    expect(t.diverged).toBe(true);
  });

  it('does not call a one-point regression diverged', () => {
    const t = trainer({ dataset: 'sine', size: 2, hyper: { lr: 0.01 } });
    t.train(10);
    expect(t.data.trainSize).toBe(1);
    expect(t.diverged).toBe(false);
  });

  it('does not call a healthy run diverged, nor an unstable one that stays bounded', () => {
    for (const lr of [1, 10]) {
      const t = trainer({ optimizer: 'sgd', hyper: { lr } });
      t.train(200);
      expect(t.diverged).toBe(false);
    }
  });
});

describe('Trainer memory', () => {
  it('frees every tensor it made on dispose', () => {
    const before = memory().numTensors;
    for (const batchSize of [20, 1000]) {
      const t = new Trainer({ ...base, batchSize, optimizer: 'adam', clip: { kind: 'norm', threshold: 1 }, l2: 1e-4 });
      t.train(5);
      t.losses();
      t.predict(Float32Array.from([0, 0]));
      t.dispose();
    }
    expect(memory().numTensors).toBe(before);
  });

  // A leak of one tensor a step shows after the first 100; the run also crosses
  // many epochs (reshuffles) and the end of the cosine schedule. The browser soak
  // (tests/e2e/soak.test.ts) runs a widget for 20,000 steps.
  it.each([
    ['mini-batches, clipping, an L2 penalty and a schedule', { batchSize: 16, clip: { kind: 'value', threshold: 1 }, l2: 1e-4, schedule: { id: 'cosine', params: { totalSteps: 1000 } } }],
    ['the full batch', { batchSize: 1000, optimizer: 'nadam' }],
  ] as [string, Partial<TrainerConfig>][])('keeps the tensor count flat over 2,000 steps with %s', (_, config) => {
    const t = trainer(config);
    t.train(10);
    const during = memory().numTensors;
    for (let i = 0; i < 20; i++) {
      t.train(100);
      if (i % 5 === 0) t.losses();
      expect(memory().numTensors).toBe(during);
    }
    expect(t.step).toBe(2_010);
    expect(t.diverged).toBe(false);
  });
});
