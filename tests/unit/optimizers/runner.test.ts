/**
 * The runner: it must agree with calling `update` by hand, apply schedules and
 * transforms in the documented order, and own its tensors so that nothing
 * leaks however long it runs.
 */
import { describe, expect, it } from 'vitest';
import { add, memory, mul, tensor1d, tidy } from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { optimizers, takesAnyShape } from '../../../src/optimizers';
import { Runner } from '../../../src/optimizers/runner';
import { schedules } from '../../../src/optimizers/schedules';
import { expectClose, normal, rng, trajectory, useCpuBackend } from './helpers';

useCpuBackend();

const read = (t: Tensor): number[] => Array.from(t.dataSync());

describe('Runner', () => {
  it('takes the same steps as calling update by hand', () => {
    const grads = [[0.5, -1], [0.2, 0.4], [-0.9, 0.1]];
    const expected = trajectory(optimizers.adam, { lr: 0.1 }, [1, -2], grads);
    const start = tensor1d([1, -2]);
    const runner = new Runner(optimizers.adam, [start], { hyper: { lr: 0.1 } });
    grads.forEach((g, k) => {
      const grad = tensor1d(g);
      runner.step([grad]);
      grad.dispose();
      expectClose(read(runner.params[0]), expected[k]);
    });
    expect(runner.t).toBe(3);
    runner.dispose();
    // The caller's tensor was cloned, not taken over.
    expect(read(start)).toEqual([1, -2]);
    start.dispose();
  });

  it('feeds the scheduled learning rate to the update, counting steps from 0', () => {
    const params = { stepSize: 2, gamma: 0.5 };
    const runner = new Runner(optimizers.sgd, [tensor1d([0])], {
      hyper: { lr: 1 },
      schedule: { id: 'stepDecay', params },
    });
    const seen: number[] = [];
    for (let k = 0; k < 5; k++) {
      seen.push(runner.lr);
      const before = read(runner.params[0])[0];
      runner.step(() => [tensor1d([-1])]); // θ grows by exactly η_k
      expect(read(runner.params[0])[0] - before).toBeCloseTo(seen[k], 6);
    }
    expect(seen).toEqual([1, 1, 0.5, 0.5, 0.25]);
    expect(seen).toEqual([0, 1, 2, 3, 4].map((k) => schedules.stepDecay.lr(k, 1, params)));
    runner.dispose();
  });

  it('clips, then adds the L2 penalty, then steps', () => {
    const runner = new Runner(optimizers.sgd, [tensor1d([2, -2])], { hyper: { lr: 1 }, clipValue: 1, clipNorm: 1, l2: 0.5 });
    runner.step(() => [tensor1d([30, 40])]);
    // clip by value → (1, 1); by norm → (1, 1)/(√2 + 1e-6); then + 0.5·(2, −2)
    const c = 1 / (Math.SQRT2 + 1e-6);
    expectClose(read(runner.params[0]), [2 - (c + 1), -2 - (c - 1)]);
    runner.dispose();
  });

  it('clips by the norm of all parameter tensors together', () => {
    const runner = new Runner(optimizers.sgd, [tensor1d([0, 0]), tensor1d([0])], { hyper: { lr: 1 }, clipNorm: 6.5 });
    runner.step(() => [tensor1d([3, 4]), tensor1d([12])]); // joint norm 13 → scale ½
    expectClose(read(runner.params[0]), [-1.5, -2], 1e-6);
    expectClose(read(runner.params[1]), [-6], 1e-6);
    runner.dispose();
  });

  it('configure() changes hyperparameters in flight and validates them', () => {
    const runner = new Runner(optimizers.momentum, [tensor1d([0])]);
    expect(runner.hyper).toEqual({ lr: 1e-3, momentum: 0.9 });
    runner.configure({ hyper: { lr: 0.5 } });
    expect(runner.hyper).toEqual({ lr: 0.5, momentum: 0.9 });
    expect(() => runner.configure({ hyper: { momentum: 1 } })).toThrow('momentum: momentum must be in [0, 1), got 1');
    expect(() => runner.configure({ schedule: { id: 'cosine', params: { totalSteps: 0 } } })).toThrow(
      'cosine: totalSteps must be a whole number ≥ 1, got 0',
    );
    expect(() => runner.configure({ clipNorm: -1 })).toThrow('runner: clipNorm must be > 0, got -1');
    // A rejected configuration leaves the previous one in force.
    expect(runner.hyper).toEqual({ lr: 0.5, momentum: 0.9 });
    runner.configure({ schedule: { id: 'exponential', params: { gamma: 0.5 } } });
    expect(runner.lr).toBe(0.5);
    runner.configure({ schedule: null });
    expect(runner.lr).toBe(0.5);
    runner.dispose();
  });

  it('rejects a wrong number of gradients without leaking', () => {
    const runner = new Runner(optimizers.adam, [tensor1d([1, 2])]);
    const before = memory().numTensors;
    expect(() => runner.step(() => [tensor1d([1, 1]), tensor1d([1])])).toThrow('runner: expected 1 gradients, got 2');
    expect(memory().numTensors).toBe(before);
    runner.dispose();
  });

  it('keeps its tensors alive when stepped inside the caller’s tidy', () => {
    const runner = new Runner(optimizers.adam, [tensor1d([1, 2])]);
    tidy(() => runner.step(() => [tensor1d([1, 1])]));
    expect(read(runner.params[0])).toHaveLength(2);
    expect(runner.params[0].isDisposed).toBe(false);
    expect(Object.values(runner.state[0] as Record<string, Tensor>).every((x) => !x.isDisposed)).toBe(true);
    runner.dispose();
  });
});

describe('no tensor leaks', () => {
  it('2,500 steps with clipping, L2 and a warm-up cosine schedule leave the tensor count unchanged', () => {
    const baseline = memory().numTensors;
    const randn = normal(rng(7));
    const theta0 = tensor1d(Array.from({ length: 64 }, randn));
    const runner = new Runner(optimizers.adamw, [theta0], {
      hyper: { lr: 0.01 },
      schedule: { id: 'cosine', params: { totalSteps: 2500, warmupSteps: 100, minLr: 1e-4 } },
      clipValue: 5,
      clipNorm: 1,
      l2: 1e-3,
    });
    theta0.dispose();
    const grad = ([p]: Tensor[]) => [add(p, 1)]; // ∇(½‖θ‖² + Σθ)
    runner.step(grad);
    const running = memory().numTensors;
    for (let k = 1; k < 2500; k++) {
      runner.step(grad);
      if (k % 500 === 0) expect(memory().numTensors).toBe(running);
    }
    expect(memory().numTensors).toBe(running);
    runner.dispose();
    expect(memory().numTensors).toBe(baseline);
  });

  // On vectors: Muon, which takes weight matrices only, is checked on matrices in frontier.test.ts.
  it.each(Object.keys(optimizers).filter(takesAnyShape))('%s: runner steps allocate nothing that outlives them', (id) => {
    const baseline = memory().numTensors;
    const start = [tensor1d([1, -2, 3]), tensor1d([0.5])];
    const runner = new Runner(optimizers[id], start, { clipNorm: 10 });
    start.forEach((x) => x.dispose());
    runner.step((ps) => ps.map((p) => mul(p, 2)));
    const running = memory().numTensors;
    for (let k = 0; k < 30; k++) runner.step((ps) => ps.map((p) => mul(p, 2)));
    expect(memory().numTensors).toBe(running);
    runner.dispose();
    expect(memory().numTensors).toBe(baseline);
  });
});
