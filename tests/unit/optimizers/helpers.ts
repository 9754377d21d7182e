import '@tensorflow/tfjs-backend-cpu';
import { setBackend, tensor1d } from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { beforeAll, expect } from 'vitest';
import type { Optimizer } from '../../../src/optimizers';
import { validateHyper } from '../../../src/optimizers/validate';

export function useCpuBackend(): void {
  beforeAll(async () => {
    await setBackend('cpu');
  });
}

/**
 * Apply `opt` to θ₀ with the given gradient sequence by calling `update`
 * directly (no runner), and return θ after every step as plain numbers.
 * `lrs`, if given, overrides the learning rate per step.
 */
export function trajectory(
  opt: Optimizer<any, any>,
  hp: Record<string, number>,
  theta0: number[],
  grads: number[][],
  lrs?: number[],
): number[][] {
  const full = validateHyper(opt, hp);
  let param: Tensor = tensor1d(theta0);
  let state = opt.init(param);
  const out: number[][] = [];
  grads.forEach((g, k) => {
    const grad = tensor1d(g);
    const [next, nextState] = opt.update(param, grad, state, lrs ? { ...full, lr: lrs[k] } : full, k + 1);
    const live = new Set<Tensor>([next, ...(Object.values(nextState) as Tensor[])]);
    [param, grad, ...(Object.values(state) as Tensor[])].forEach((x) => live.has(x) || x.dispose());
    param = next;
    state = nextState;
    out.push(Array.from(param.dataSync()));
  });
  param.dispose();
  (Object.values(state) as Tensor[]).forEach((x) => x.dispose());
  return out;
}

/** Elementwise |a − e| ≤ rel·|e| + abs, with a message that shows both vectors. */
export function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, rel = 1e-6, abs = 1e-7): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const ok = Math.abs(actual[i] - expected[i]) <= rel * Math.abs(expected[i]) + abs;
    if (!ok) {
      expect.fail(`index ${i}: got ${actual[i]}, expected ${expected[i]} (rel ${rel}, abs ${abs})\n` +
        `actual   ${Array.from(actual).join(', ')}\nexpected ${Array.from(expected).join(', ')}`);
    }
  }
}

/** A small seeded generator (mulberry32) so random tests are repeatable. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal samples from a uniform generator (Box–Muller). */
export function normal(uniform: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}
