/**
 * SAM's perturbation and Lookahead's synchronisation, against hand
 * calculations, and each composed with SGD into a few steps of the wrapped
 * optimizer as the runner will run them.
 */
import { describe, expect, it } from 'vitest';
import { memory, tensor1d, tensor2d, tidy } from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { optimizers } from '../../../src/optimizers';
import { lookaheadSync, samPerturb } from '../../../src/optimizers/wrappers';
import { expectClose, useCpuBackend } from './helpers';

useCpuBackend();

const read = (t: Tensor) => Array.from(t.dataSync());

describe('samPerturb', () => {
  it('moves every tensor by ρ·g/‖g‖ with one norm over all of them: ‖(3, 0, [[0, 0], [0, 4]])‖ = 5', () => {
    const params = [tensor1d([1, 2]), tensor2d([[1, 1], [1, 1]])];
    const grads = [tensor1d([3, 0]), tensor2d([[0, 0], [0, 4]])];
    const [a, b] = samPerturb(params, grads, 0.5);
    expectClose(read(a), [1 + 0.3, 2]);
    expectClose(read(b), [1, 1, 1, 1 + 0.4]);
    expect(b.shape).toEqual([2, 2]);
    // Inputs are the caller's: unchanged and alive.
    expect(read(params[0])).toEqual([1, 2]);
    expect(grads.every((g) => !g.isDisposed)).toBe(true);
  });

  it('a single tensor: θ + ρ·g/‖g‖ with ‖(1, 2, 2)‖ = 3', () => {
    const [p] = samPerturb([tensor1d([0, 0, 0])], [tensor1d([1, 2, 2])], 0.3);
    expectClose(read(p), [0.1, 0.2, 0.2]);
  });

  it('leaves θ where it is when every gradient is zero (no 0/0), and when ρ = 0', () => {
    const [p] = samPerturb([tensor1d([1, -2])], [tensor1d([0, 0])], 0.05);
    expect(read(p)).toEqual([1, -2]);
    const [q] = samPerturb([tensor1d([1, -2])], [tensor1d([3, 4])], 0);
    expect(read(q)).toEqual([1, -2]);
    expect(samPerturb([], [], 0.1)).toEqual([]);
  });

  it('one SAM step with SGD on ½·3θ², by hand: the gradient is taken at θ + ρ·sign(θ)', () => {
    const theta = tensor1d([2]);
    const grad = (p: Tensor) => tensor1d([3 * p.dataSync()[0]]);
    const [ascent] = samPerturb([theta], [grad(theta)], 0.1); // 2.1
    const sgd = optimizers.sgd;
    const [next] = sgd.update(theta, grad(ascent), sgd.init(theta), { lr: 0.1 }, 1); // base step from θ, not from θ̂
    expectClose(read(next), [2 - 0.1 * 6.3]);
  });

  it('allocates nothing beyond its results inside a tidy', () => {
    const params = [tensor1d([1, 2]), tensor1d([3])];
    const grads = [tensor1d([1, 1]), tensor1d([1])];
    const before = memory().numTensors;
    const out = tidy(() => samPerturb(params, grads, 0.1));
    expect(memory().numTensors).toBe(before + out.length);
  });

  it.each([
    [[tensor1d([1])], [tensor1d([1]), tensor1d([2])], 0.1, 'sam: got 1 parameters but 2 gradients'],
    [[tensor1d([1, 2])], [tensor1d([1])], 0.1, 'sam: parameters 0 has shape [2] but gradients 0 has shape [1]'],
    [[tensor1d([1])], [tensor1d([1])], -0.1, 'sam: rho must be ≥ 0, got -0.1'],
    [[tensor1d([1])], [tensor1d([1])], NaN, 'sam: rho must be a finite number, got NaN'],
  ] as [Tensor[], Tensor[], number, string][])('rejects bad input: %#', (params, grads, rho, message) => {
    expect(() => samPerturb(params, grads, rho)).toThrow(message);
  });
});

describe('lookaheadSync', () => {
  it('φ + α(θ − φ) for every tensor: halfway from (1, 1) to (3, −1) is (2, 0)', () => {
    const fast = [tensor1d([3, -1]), tensor2d([[4, 0], [2, 2]])];
    const slow = [tensor1d([1, 1]), tensor2d([[0, 0], [0, 2]])];
    const [a, b] = lookaheadSync(fast, slow, 0.5);
    expectClose(read(a), [2, 0]);
    expectClose(read(b), [2, 0, 1, 2]);
    expect(b.shape).toEqual([2, 2]);
    expect(read(slow[0])).toEqual([1, 1]);
  });

  it('α = 1 is the fast weights, α = 0 the slow ones', () => {
    expectClose(read(lookaheadSync([tensor1d([3, -1])], [tensor1d([1, 1])], 1)[0]), [3, -1]);
    expectClose(read(lookaheadSync([tensor1d([3, -1])], [tensor1d([1, 1])], 0)[0]), [1, 1]);
  });

  it('Lookahead(SGD), k = 2, α = 0.5, on ½θ² with η = 0.5, by hand: 4 → 2 → 1 ⇒ 2.5 → 1.25 → 0.625 ⇒ 1.5625', () => {
    const sgd = optimizers.sgd;
    const [k, alpha] = [2, 0.5];
    let slow: Tensor[] = [tensor1d([4])];
    let fast = [...slow]; // the fast weights start at φ (a separate list: the loop replaces its entries)
    const seen: number[] = [];
    for (let t = 1; t <= 4; t++) {
      [fast[0]] = sgd.update(fast[0], fast[0], {}, { lr: 0.5 }, t); // ∇½θ² = θ
      seen.push(read(fast[0])[0]);
      if (t % k === 0) {
        slow = lookaheadSync(fast, slow, alpha);
        fast = [...slow];
        seen.push(read(slow[0])[0]);
      }
    }
    expectClose(seen, [2, 1, 2.5, 1.25, 0.625, 1.5625]);
  });

  it.each([
    [[tensor1d([1])], [tensor1d([1]), tensor1d([1])], 0.5, 'lookahead: got 1 fast weights but 2 slow weights'],
    [[tensor2d([[1, 2]])], [tensor1d([1, 2])], 0.5, 'lookahead: fast weights 0 has shape [1, 2] but slow weights 0 has shape [2]'],
    [[tensor1d([1])], [tensor1d([1])], 1.5, 'lookahead: alpha must be in [0, 1], got 1.5'],
    [[tensor1d([1])], [tensor1d([1])], -0.5, 'lookahead: alpha must be in [0, 1], got -0.5'],
  ] as [Tensor[], Tensor[], number, string][])('rejects bad input: %#', (fast, slow, alpha, message) => {
    expect(() => lookaheadSync(fast, slow, alpha)).toThrow(message);
  });
});
