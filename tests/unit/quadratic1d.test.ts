import '@tensorflow/tfjs-backend-cpu';
import { memory, setBackend } from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeRun, runQuadratic1D } from '../../src/train/quadratic1d';

beforeAll(async () => {
  await setBackend('cpu');
});

describe('gradient descent on ½·a·θ²', () => {
  it('follows the closed form θ_t = (1 − ηa)^t θ₀', () => {
    const [a, lr, theta0] = [2, 0.3, 2.5];
    const run = runQuadratic1D('sgd', { lr }, a, theta0, 12);
    run.theta.forEach((theta, t) => expect(theta).toBeCloseTo((1 - lr * a) ** t * theta0, 5));
    expect(run.loss[3]).toBeCloseTo(0.5 * a * run.theta[3] ** 2, 6);
  });

  it.each([
    [0.01, 'slow'],
    [0.3, 'converging'],
    [0.5, 'converging'],
    [0.8, 'oscillating'],
    [1.2, 'diverged'],
  ] as const)('with a = 2 and η = %f it is %s', (lr, behaviour) => {
    expect(describeRun(runQuadratic1D('sgd', { lr }, 2, 2.5, 20))).toBe(behaviour);
  });

  it('lands on the minimum in one step at η = 1/a', () => {
    expect(runQuadratic1D('sgd', { lr: 0.25 }, 4, 3, 1).theta[1]).toBe(0);
  });

  it('keeps no tensors', () => {
    const before = memory().numTensors;
    runQuadratic1D('sgd', { lr: 0.1 }, 2, 1, 50);
    expect(memory().numTensors).toBe(before);
  });

  it('reports a run that overflows to infinity as diverged', () => {
    expect(describeRun(runQuadratic1D('sgd', { lr: 1e20 }, 2, 2.5, 20))).toBe('diverged');
  });
});
