import { dispose, mul, scalar, type Tensor } from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { optimizers } from '../../../src/optimizers';
import { stabilityLimit } from '../../../src/train/stability';
import { ready } from '../../../src/train/tf';

beforeAll(ready);

/** |θ| after `steps` of the registry's rule on L(θ) = λθ²/2 from θ = 1 (gradient λθ). */
function run(id: string, hyper: Record<string, number>, lambda: number, steps = 600): number {
  const opt = optimizers[id];
  const h = { ...opt.defaults, ...hyper };
  let theta: Tensor = scalar(1);
  let state = opt.init(theta);
  for (let t = 1; t <= steps; t++) {
    const g = mul(lambda, theta);
    const [next, nextState] = opt.update(theta, g, state, h, t);
    dispose([g, theta, ...Object.values(state as Record<string, Tensor>)]);
    [theta, state] = [next, nextState];
  }
  const out = Math.abs(theta.dataSync()[0]);
  dispose([theta, ...Object.values(state as Record<string, Tensor>)]);
  return out;
}

describe('stabilityLimit', () => {
  const cases: [string, Record<string, number>, string][] = [
    ['sgd', { lr: 0.15 }, '2/η'],
    ['momentum', { lr: 0.05, momentum: 0.9 }, '(2 + 2μ)/η'],
    ['momentum:keras', { lr: 0.05, momentum: 0.5 }, '(2 + 2μ)/η'],
    ['nesterov', { lr: 0.05, momentum: 0.9 }, '(2 + 2μ)/(η(1 + 2μ))'],
    ['nesterov:keras', { lr: 0.05, momentum: 0.5 }, '(2 + 2μ)/(η(1 + 2μ))'],
  ];

  it.each(cases)('%s: the rule itself converges on a quadratic just below the limit and blows up just above', (id, hyper, formula) => {
    const limit = stabilityLimit({ optimizer: id, hyper }, hyper.lr);
    expect(limit.value).not.toBeNull();
    if (limit.value === null) return;
    expect(limit.formula).toBe(formula);
    expect(run(id, hyper, 0.97 * limit.value)).toBeLessThan(1e-2);
    const above = run(id, hyper, 1.03 * limit.value);
    expect(above > 1e2 || Number.isNaN(above)).toBe(true); // grown past 100, or past float32's range
  });

  it('gives 2/η, (2 + 2μ)/η = 38/η for μ = 0.9 (the default), and Nesterov’s 3.8/(2.8η)', () => {
    expect(stabilityLimit({ optimizer: 'sgd' }, 0.15).value).toBeCloseTo(2 / 0.15, 12);
    expect(stabilityLimit({ optimizer: 'momentum' }, 0.1).value).toBeCloseTo(38, 12);
    expect(stabilityLimit({ optimizer: 'nesterov' }, 0.1).value).toBeCloseTo(3.8 / 0.28, 12);
  });

  it('subtracts a coupled L2 penalty, which adds λ₂I to the Hessian the steps see', () => {
    const limit = stabilityLimit({ optimizer: 'sgd', l2: 0.01 }, 0.1);
    expect(limit).toEqual({ value: 20 - 0.01, formula: '2/η − λ₂' });
  });

  it('gives none, with the reason, for adaptive rules, clipping and parameter groups', () => {
    for (const id of ['adam', 'rmsprop', 'adagrad', 'lion', 'adamw']) {
      const limit = stabilityLimit({ optimizer: id }, 0.01);
      expect(limit.value).toBeNull();
      if (limit.value === null) expect(limit.why).toMatch(/does not step by η times the gradient/);
    }
    expect(stabilityLimit({ optimizer: 'sgd', clip: { kind: 'norm', threshold: 1 } }, 0.1)).toMatchObject({ value: null, why: expect.stringMatching(/clipping/) });
    expect(stabilityLimit({ optimizer: 'sgd', groups: [{ roles: ['bias'], optimizer: 'adam' }] }, 0.1)).toMatchObject({ value: null });
  });
});
