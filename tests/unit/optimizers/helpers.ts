import { createRandom } from '../../../src/train/random';
import '@tensorflow/tfjs-backend-cpu';
import { setBackend, tensor } from '@tensorflow/tfjs-core';
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
 * Drive `opt` by calling `update` directly (no runner): each `step(g)` applies
 * one update with gradient g and returns the new θ as plain numbers.
 */
export function stepper(opt: Optimizer<any, any>, hp: Record<string, number>, theta0: number[]) {
  return shapedStepper(opt, hp, theta0, [theta0.length]);
}

/** Like `stepper`, for a parameter of any shape: θ and g are given and returned flat, row-major. */
export function shapedStepper(opt: Optimizer<any, any>, hp: Record<string, number>, theta0: number[], shape: number[]) {
  const full = validateHyper(opt, hp);
  let param: Tensor = tensor(theta0, shape);
  let state = opt.init(param);
  let t = 0;
  const tensorsOf = (s: object) => Object.values(s) as Tensor[];
  return {
    step(g: number[], lr = full.lr): number[] {
      const grad = tensor(g, shape);
      t += 1;
      const [next, nextState] = opt.update(param, grad, state, { ...full, lr }, t);
      const live = new Set<Tensor>([next, ...tensorsOf(nextState)]);
      for (const x of [param, grad, ...tensorsOf(state)]) if (!live.has(x)) x.dispose();
      param = next;
      state = nextState;
      return Array.from(param.dataSync());
    },
    dispose(): void {
      [param, ...tensorsOf(state)].forEach((x) => x.dispose());
    },
  };
}

/** θ after every step for a fixed gradient sequence; `lrs`, if given, overrides η per step. */
export function trajectory(
  opt: Optimizer<any, any>,
  hp: Record<string, number>,
  theta0: number[],
  grads: number[][],
  lrs?: number[],
): number[][] {
  const s = stepper(opt, hp, theta0);
  const out = grads.map((g, k) => s.step(g, lrs?.[k]));
  s.dispose();
  return out;
}

/** θ after every step when the gradient is computed from the current θ. */
export function closedLoop(
  opt: Optimizer<any, any>,
  hp: Record<string, number>,
  theta0: number[],
  gradAt: (theta: number[]) => number[],
  steps: number,
): number[][] {
  const s = stepper(opt, hp, theta0);
  const out: number[][] = [];
  let theta = theta0;
  for (let k = 0; k < steps; k++) out.push((theta = s.step(gradAt(theta))));
  s.dispose();
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

/** A seeded uniform generator (the engine's mulberry32) so random tests are repeatable. */
export const rng = (seed: number): (() => number) => createRandom(seed).next;

/** Standard normal samples from a uniform generator (Box–Muller). */
export function normal(uniform: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}
