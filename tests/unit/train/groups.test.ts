/**
 * Parameter groups: which tensor goes to which optimizer, and that running
 * an element-wise rule per tensor gives exactly the numbers of running it
 * once over the flat θ (the fused path every existing widget takes).
 */
import { memory } from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDataset, sparseWeights } from '../../../src/train/datasets';
import { weightRecovery } from '../../../src/train/model-snapshot';
import { resolveGroups } from '../../../src/train/groups';
import { Mlp } from '../../../src/train/mlp';
import { ready } from '../../../src/train/tf';
import { Trainer, type TrainerConfig } from '../../../src/train/trainer';

beforeAll(() => Promise.all([ready(), loadDataset('digits')]));

const mlp = new Mlp({ inputDim: 2, hidden: [4, 3], activation: 'tanh', task: 'classification' });
const names = (tensors: number[]) => tensors.map((k) => mlp.parameters[k].name);

describe('resolveGroups', () => {
  it('puts every tensor in one group by default', () => {
    const groups = resolveGroups(mlp.parameters, { optimizer: 'adam' });
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ main: true, tensors: [0, 1, 2, 3, 4, 5] });
  });

  it('lets explicit groups claim roles first, and the main optimizer take the rest', () => {
    const groups = resolveGroups(mlp.parameters, { optimizer: 'sgd', hyper: { lr: 0.1 }, groups: [{ roles: ['bias'], optimizer: 'adam', hyper: { lr: 0.01 } }] });
    expect(groups.map((g) => [g.optimizer.id, names(g.tensors), g.hyper.lr, !!g.main])).toEqual([
      ['adam', ['layer1.bias', 'layer2.bias', 'layer3.bias'], 0.01, false],
      ['sgd', ['layer1.weight', 'layer2.weight', 'layer3.weight'], 0.1, true],
    ]);
  });

  it('without bias decay, gives biases weight decay 0 and no L2 penalty', () => {
    const groups = resolveGroups(mlp.parameters, { optimizer: 'adamw', hyper: { weightDecay: 0.1 }, decayBiases: false });
    expect(groups.map((g) => [names(g.tensors).join(' '), g.hyper.weightDecay, !!g.noL2])).toEqual([
      ['layer1.weight layer2.weight layer3.weight', 0.1, false],
      ['layer1.bias layer2.bias layer3.bias', 0, true],
    ]);
    // An optimizer without weight decay keeps its hyperparameters; only the L2 penalty is off.
    expect(resolveGroups(mlp.parameters, { optimizer: 'sgd', decayBiases: false })[1]).toMatchObject({ hyper: {}, noL2: true });
  });

  it('refuses a role claimed twice and an unknown optimizer', () => {
    expect(() => resolveGroups(mlp.parameters, { optimizer: 'sgd', groups: [{ roles: ['bias'], optimizer: 'adam' }, { roles: ['bias', 'output'], optimizer: 'sgd' }] })).toThrow(/'bias' is in two parameter groups/);
    expect(() => resolveGroups(mlp.parameters, { optimizer: 'sgd', groups: [{ roles: ['bias'], optimizer: 'nope' }] })).toThrow(/unknown optimizer 'nope'/);
    expect(() => resolveGroups(mlp.parameters, { optimizer: 'nope' })).toThrow(/unknown optimizer 'nope'/);
  });
});

describe('Trainer with parameter groups', () => {
  const base: TrainerConfig = { dataset: 'circles', noise: 0.1, hidden: [8, 8], activation: 'tanh', optimizer: 'adam', hyper: { lr: 0.01 }, batchSize: 10, seed: 3 };
  const run = (config: TrainerConfig, steps = 40) => {
    const t = new Trainer(config);
    t.train(steps);
    const out = { theta: t.parameters(), loss: t.losses().train, fused: (t as unknown as { runner: { fused: boolean } }).runner.fused };
    t.dispose();
    return out;
  };

  it('gives the same numbers per tensor as fused over θ, for an element-wise rule (with clipping, L2 and a schedule)', () => {
    const config: TrainerConfig = { ...base, clip: { kind: 'norm', threshold: 0.5 }, l2: 1e-3, schedule: { id: 'cosine', params: { totalSteps: 100 } } };
    const fused = run(config);
    const split = run({ ...config, groups: [{ roles: ['bias'], optimizer: 'adam', hyper: { lr: 0.01 } }] });
    expect(fused.fused).toBe(true);
    expect(split.fused).toBe(false);
    expect(Array.from(split.theta)).toEqual(Array.from(fused.theta));
  });

  it('updates each group by its own rule: biases frozen at η = 0 stay at 0, weights move', () => {
    const t = new Trainer({ ...base, groups: [{ roles: ['bias'], optimizer: 'sgd', hyper: { lr: 0 } }] });
    const before = t.parameters();
    t.train(20);
    const after = t.parameters();
    t.mlp.parameters.forEach((p, k) => {
      const idx = Array.from(t.mlp.indicesOf(k));
      const moved = idx.some((i) => after[i] !== before[i]);
      expect(moved, p.name).toBe(p.role !== 'bias');
    });
    t.dispose();
  });

  it('leaks no tensor, grouped or fused', () => {
    const before = memory().numTensors;
    run({ ...base, groups: [{ roles: ['output'], optimizer: 'sgd' }] });
    run(base);
    expect(memory().numTensors).toBe(before);
  });
});

describe('rules defined per matrix', () => {
  it('Muon takes the hidden weight matrices and leaves the rest to an AdamW companion', () => {
    const groups = resolveGroups(new Mlp({ inputDim: 64, hidden: [32], activation: 'tanh', task: 'classification', classes: 10 }).parameters, { optimizer: 'muon' });
    expect(groups.map((g) => [g.optimizer.id, g.tensors, !!g.main])).toEqual([['muon', [0], true], ['adamw', [1, 2, 3], false]]);
  });

  it('trains the digits with Muon (+ AdamW) and with Shampoo, LAMB and schedule-free AdamW, leaking nothing', () => {
    const before = memory().numTensors;
    for (const [optimizer, hyper, steps] of [['muon', { lr: 0.02 }, 200], ['lamb', { lr: 0.01 }, 200], ['schedule-free-adamw', {}, 200], ['shampoo', {}, 40]] as const) {
      const t = new Trainer({ dataset: 'digits', noise: 0, activation: 'tanh', optimizer, hyper, batchSize: 32, seed: 1 });
      const start = t.losses().train;
      t.train(steps);
      const end = t.losses();
      expect(end.train, optimizer).toBeLessThan(start * 0.7);
      expect(t.diverged).toBe(false);
      t.dispose();
    }
    expect(memory().numTensors).toBe(before);
  });
});

describe('real data', () => {
  it('the digits: Adam and SGD (at the dataset’s η 0.1) pass 90 % test accuracy within 600 steps', () => {
    for (const optimizer of ['adam', 'sgd']) {
      const t = new Trainer({ dataset: 'digits', noise: 0, activation: 'tanh', optimizer, hyper: optimizer === 'sgd' ? { lr: 0.1 } : {}, batchSize: 32, seed: 1 });
      const start = t.losses();
      expect(start.train).toBeCloseTo(Math.log(10), 0);
      t.train(600);
      expect(t.losses().testAccuracy, optimizer).toBeGreaterThan(0.9);
      t.dispose();
    }
  });

  it('the sparse set: Adagrad beats SGD at every learning rate on test loss and on the rare features’ weights', () => {
    // Documented setup: logistic regression (no hidden layer) on the sparse set, seed 1, batches of 10, 800 steps.
    const run = (optimizer: string, lr: number) => {
      const t = new Trainer({ dataset: 'sparse', noise: 0, activation: 'tanh', optimizer, hyper: { lr }, batchSize: 10, seed: 1 });
      t.train(800);
      const theta = t.parameters();
      const { w } = sparseWeights(1);
      const out = { test: t.losses().test!, rare: weightRecovery(theta, w, 200, 300) };
      t.dispose();
      return out;
    };
    const adagrad = run('adagrad', 0.3);
    for (const lr of [0.1, 0.3, 1]) {
      const sgd = run('sgd', lr);
      expect(adagrad.test, `SGD η ${lr}`).toBeLessThan(sgd.test);
      expect(adagrad.rare, `SGD η ${lr}`).toBeGreaterThan(sgd.rare);
    }
  });
});
