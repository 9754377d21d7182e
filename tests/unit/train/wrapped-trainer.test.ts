/**
 * SAM and Lookahead around a network's optimizer: the trainer against steps
 * computed by hand from the same batches (plain, clipped, grouped Muon +
 * AdamW), the engine (what the Worker runs) against the trainer, the
 * widgets' configs, and no tensor leaks.
 */
import { memory, tensor1d, tidy } from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { samPerturb } from '../../../src/optimizers/wrappers';
import { BatchOrder } from '../../../src/train/batches';
import { EngineHost } from '../../../src/train/engine-host';
import { ParamRunner, resolveGroups } from '../../../src/train/groups';
import { deriveSeed } from '../../../src/train/random';
import { ready } from '../../../src/train/tf';
import { Trainer, type TrainerConfig } from '../../../src/train/trainer';
import { parseSettings } from '../../../src/widgets/schema';
import { trainerSchema } from '../../../src/widgets/specs';
import { trainerConfig } from '../../../src/widgets/training';

beforeAll(ready);

const base: TrainerConfig = {
  dataset: 'circles', noise: 0.05, hidden: [8, 8], activation: 'tanh',
  optimizer: 'sgd', hyper: { lr: 0.1 }, batchSize: 16, seed: 2,
};

const live: Trainer[] = [];
const trainer = (config: Partial<TrainerConfig> = {}) => {
  const t = new Trainer({ ...base, ...config });
  live.push(t);
  return t;
};
afterEach(() => live.splice(0).forEach((t) => t.dispose()));

/** ∇ of the training loss at θ on the given training points, as numbers. */
function gradientAt(t: Trainer, theta: ArrayLike<number>, indices: Int32Array): Float64Array {
  return Float64Array.from(tidy(() => t.mlp.gradient(tensor1d(Array.from(theta)), t.mlp.batch(t.data.xTrain, t.data.yTrain, indices)).dataSync()));
}

const norm = (v: ArrayLike<number>) => Math.sqrt(Array.from(v).reduce((s, x) => s + x * x, 0));
const maxGap = (a: ArrayLike<number>, b: ArrayLike<number>) => Math.max(...Array.from(a, (x, i) => Math.abs(x - b[i])));

describe('SGD + SAM in the trainer, by hand on the same batches', () => {
  const [lr, rho] = [0.1, 0.5];

  /** Three SAM steps in plain numbers; `mutate` breaks them the way a buggy wrapper would. */
  function byHand(t: Trainer, mutate?: 'next batch' | 'from ascent point', clipNorm?: number): Float64Array {
    const order = new BatchOrder(t.data.trainSize, 16, deriveSeed(base.seed, 'batches'));
    let theta = Float64Array.from(t.parameters());
    for (let step = 0; step < 3; step++) {
      const batch = order.next();
      const g = gradientAt(t, theta, batch);
      const scale = rho / norm(g);
      const ascent = theta.map((x, i) => x + scale * g[i]);
      // The mutant "next batch" takes the second gradient on other points.
      let gSam = gradientAt(t, ascent, mutate === 'next batch' ? order.next() : batch);
      if (clipNorm !== undefined) gSam = gSam.map((x) => x * Math.min(1, clipNorm / (norm(gSam) + 1e-6)));
      const from = mutate === 'from ascent point' ? ascent : theta;
      theta = from.map((x, i) => x - lr * gSam[i]);
    }
    return theta;
  }

  it('takes the gradient at θ + ρ·g/‖g‖ on the step’s own batch and steps from θ', () => {
    const t = trainer({ wrap: { sam: rho } });
    const expected = byHand(t);
    t.train(3);
    expect(maxGap(t.parameters(), expected)).toBeLessThan(1e-5);
    // The same numbers tell the mutants apart by far more than float error.
    expect(maxGap(t.parameters(), byHand(t, 'next batch'))).toBeGreaterThan(1e-3);
    expect(maxGap(t.parameters(), byHand(t, 'from ascent point'))).toBeGreaterThan(1e-2);
    expect(maxGap(t.parameters(), trainer().parameters())).toBeGreaterThan(1e-2); // and it did move
  });

  it('clips the SAM gradient, the one the optimizer receives', () => {
    const t = trainer({ wrap: { sam: rho }, clip: { kind: 'norm', threshold: 0.05 } });
    const expected = byHand(t, undefined, 0.05);
    t.train(3);
    expect(maxGap(t.parameters(), expected)).toBeLessThan(1e-5);
  });

  it('with parameter groups (Muon on the hidden matrices, AdamW on the rest): one SAM gradient over all of θ', () => {
    const hyper = { lr: 0.02 };
    const t = trainer({ optimizer: 'muon', hyper, wrap: { sam: rho } });
    const groups = resolveGroups(t.mlp.parameters, { optimizer: 'muon', hyper });
    expect(groups.map((g) => g.optimizer.id)).toEqual(['muon', 'adamw']);
    // The grouped runner stepped with a SAM closure written out here.
    const theta0 = tensor1d(t.parameters());
    const runner = new ParamRunner(t.mlp, groups, theta0, {});
    theta0.dispose();
    const order = new BatchOrder(t.data.trainSize, 16, deriveSeed(base.seed, 'batches'));
    for (let step = 0; step < 3; step++) {
      const indices = order.next();
      runner.step((theta) => {
        const batch = t.mlp.batch(t.data.xTrain, t.data.yTrain, indices);
        const [ascent] = samPerturb([theta], [t.mlp.gradient(theta, batch)], rho);
        return t.mlp.gradient(ascent as typeof theta, batch);
      });
    }
    t.train(3);
    expect(maxGap(t.parameters(), runner.theta.dataSync())).toBeLessThan(1e-6);
    runner.dispose();
  });

  it('refuses bad wrapper settings aloud', () => {
    expect(() => trainer({ wrap: { sam: -1 } })).toThrow('trainer: sam must be ≥ 0, got -1');
    expect(() => trainer({ wrap: { lookahead: 2.5 } })).toThrow('trainer: lookahead must be a whole number ≥ 0 (0 is off), got 2.5');
    expect(() => trainer({ wrap: { lookahead: 5, lookaheadAlpha: 1.5 } })).toThrow('trainer: lookaheadAlpha must be in [0, 1], got 1.5');
  });
});

describe('Lookahead in the trainer', () => {
  it('after k fast steps θ is φ₀ + α(θ_k − φ₀), θ_k the plain run’s; α = 1 is the plain run', () => {
    const plain = trainer({ optimizer: 'adam', hyper: { lr: 0.03 } });
    const wrapped = trainer({ optimizer: 'adam', hyper: { lr: 0.03 }, wrap: { lookahead: 3, lookaheadAlpha: 0.5 } });
    const whole = trainer({ optimizer: 'adam', hyper: { lr: 0.03 }, wrap: { lookahead: 3, lookaheadAlpha: 1 } });
    const phi0 = plain.parameters();
    [plain, wrapped, whole].forEach((t) => t.train(3));
    const expected = phi0.map((p, i) => p + 0.5 * (plain.parameters()[i] - p));
    expect(maxGap(wrapped.parameters(), expected)).toBeLessThan(1e-6);
    plain.train(4);
    whole.train(4);
    // φ + 1·(θ − φ) is θ up to float32 rounding.
    expect(maxGap(whole.parameters(), plain.parameters())).toBeLessThan(1e-6);
  });

  it('with groups too (Muon + AdamW): the slow weights cover every tensor', () => {
    const plain = trainer({ optimizer: 'muon', hyper: { lr: 0.02 } });
    const wrapped = trainer({ optimizer: 'muon', hyper: { lr: 0.02 }, wrap: { lookahead: 2, lookaheadAlpha: 0.25 } });
    const phi0 = plain.parameters();
    plain.train(2);
    wrapped.train(2);
    const expected = phi0.map((p, i) => p + 0.25 * (plain.parameters()[i] - p));
    expect(maxGap(wrapped.parameters(), expected)).toBeLessThan(1e-6);
  });
});

describe('wrapped runs in the engine', () => {
  it('the engine (what the Worker runs, configs cloned as messages are) reports the trainer’s own numbers', async () => {
    const configs: TrainerConfig[] = [
      { ...base, wrap: { sam: 0.05 } },
      { ...base, optimizer: 'adam', hyper: { lr: 0.01 }, wrap: { sam: 0.05, lookahead: 5, lookaheadAlpha: 0.5 } },
      { ...base, optimizer: 'muon', hyper: { lr: 0.02 }, wrap: { sam: 0.05, lookahead: 2 } },
    ];
    const host = new EngineHost();
    await host.handle({ op: 'build', session: 1, configs: structuredClone(configs), end: 40 });
    let reply = await host.handle({ op: 'advance', session: 1, max: 40, budgetMs: 1e9, models: [] });
    while (reply.report!.step < 40) reply = await host.handle({ op: 'advance', session: 1, max: 40, budgetMs: 1e9, models: [] });
    configs.forEach((config, i) => {
      const t = trainer(config);
      t.train(40);
      expect(reply.report!.runs[i].error).toBeUndefined();
      expect(reply.report!.runs[i].train).toBe(t.losses().train);
    });
    await host.handle({ op: 'dispose', session: 1 });
  });

  it('a run with a bad wrapper is that run’s error, said aloud; the others train', async () => {
    const host = new EngineHost();
    const { report } = await host.handle({ op: 'build', session: 2, configs: [base, { ...base, wrap: { lookahead: -1 } }], end: 10 });
    expect(report!.runs[0].error).toBeUndefined();
    expect(report!.runs[1].error).toBe('trainer: lookahead must be a whole number ≥ 0 (0 is off), got -1');
    const { tensors } = await host.handle({ op: 'dispose', session: 2 });
    expect(tensors).toBe(memory().numTensors);
  });

  it('leaks no tensor while training wrapped, fused or grouped', () => {
    for (const config of [{ wrap: { sam: 0.05, lookahead: 3 } }, { optimizer: 'muon', hyper: { lr: 0.02 }, wrap: { sam: 0.05, lookahead: 3 } }]) {
      const t = trainer(config);
      t.train(1);
      t.losses();
      const during = memory().numTensors;
      t.train(20);
      t.losses();
      expect(memory().numTensors).toBe(during);
    }
  });
});

describe('trainerConfig', () => {
  it('splits the wrappers off a run’s hyperparameters, from trainer attributes or a run list', () => {
    const read = (attrs: Record<string, string>) => parseSettings(trainerSchema, (n) => attrs[n] ?? null);
    const { values, notes } = read({ sam: '0.05', lookahead: '5' });
    expect(notes).toEqual([]);
    expect(trainerConfig(values, 'sgd', { lr: 0.1, sam: values.sam, lookahead: values.lookahead })).toMatchObject({
      hyper: { lr: 0.1 }, wrap: { sam: 0.05, lookahead: 5 },
    });
    expect(trainerConfig(values, 'sgd', { lr: 0.1 }).wrap).toBeUndefined();
  });
});
