/**
 * Convergence: every optimizer, with hyperparameters a practitioner would
 * pick, reaches a loss threshold on an ill-conditioned quadratic and on the
 * Rosenbrock valley within a step budget (about twice the steps it needed
 * when the budgets were set). Runs through the Runner, so schedules and
 * clipping are exercised where an optimizer needs them.
 *
 * And Goh's result for momentum on quadratics, measured.
 */
import { describe, expect, it } from 'vitest';
import { tensor1d } from '@tensorflow/tfjs-core';
import { optimizers, frontierIds } from '../../../src/optimizers';
import { Runner, type RunnerOptions } from '../../../src/optimizers/runner';
import { useCpuBackend } from './helpers';

useCpuBackend();

interface Problem {
  loss: (theta: number[]) => number;
  grad: (theta: number[]) => number[];
  start: number[];
}

/** Steps the runner needs to bring the loss under `threshold`, or Infinity within `budget`. */
function stepsToReach(id: string, problem: Problem, threshold: number, budget: number, options: RunnerOptions): number {
  const runner = new Runner(optimizers[id], [tensor1d(problem.start)], options);
  try {
    for (let k = 0; k <= budget; k++) {
      const theta = Array.from(runner.params[0].dataSync());
      if (problem.loss(theta) < threshold) return k;
      runner.step(() => [tensor1d(problem.grad(theta))]);
    }
    return Infinity;
  } finally {
    runner.dispose();
  }
}

const baseOf = (id: string) => id.split(':')[0];

/** f = ½(x² + 100y²): condition number 100. */
const quadratic: Problem = {
  loss: ([x, y]) => 0.5 * (x * x + 100 * y * y),
  grad: ([x, y]) => [x, 100 * y],
  start: [1, 1],
};

/** f = (1 − x)² + 100(y − x²)², from the classic start (−1.2, 1). */
const rosenbrock: Problem = {
  loss: ([x, y]) => (1 - x) ** 2 + 100 * (y - x * x) ** 2,
  grad: ([x, y]) => [-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)],
  start: [-1.2, 1],
};

// Per base optimizer: runner options and a step budget. Variants use their base's entry.
const onQuadratic: Record<string, [RunnerOptions, number]> = {
  sgd: [{ hyper: { lr: 0.019 } }, 1000],
  momentum: [{ hyper: { lr: 0.01, momentum: 0.8 } }, 300],
  nesterov: [{ hyper: { lr: 0.01, momentum: 0.8 } }, 300],
  adagrad: [{ hyper: { lr: 0.5 } }, 100],
  rmsprop: [{ hyper: { lr: 0.01 } }, 400],
  adadelta: [{ hyper: { lr: 1, rho: 0.9 } }, 800],
  adam: [{ hyper: { lr: 0.05 } }, 300],
  amsgrad: [{ hyper: { lr: 0.05 } }, 300],
  adamw: [{ hyper: { lr: 0.05 } }, 300],
  adamax: [{ hyper: { lr: 0.05 } }, 300],
  nadam: [{ hyper: { lr: 0.05 } }, 300],
  radam: [{ hyper: { lr: 0.05 } }, 1300],
  // Lion's steps are ±η whatever the gradient, so it needs η to decay to settle.
  lion: [{ hyper: { lr: 0.01 }, schedule: { id: 'cosine', params: { totalSteps: 2000 } } }, 2400],
};

const onRosenbrock: Record<string, [RunnerOptions, number]> = {
  sgd: [{ hyper: { lr: 1.5e-3 } }, 12_000],
  momentum: [{ hyper: { lr: 1e-3, momentum: 0.9 } }, 2000],
  nesterov: [{ hyper: { lr: 1e-3, momentum: 0.9 } }, 2000],
  adagrad: [{ hyper: { lr: 0.5 } }, 10_000],
  rmsprop: [{ hyper: { lr: 1e-3 } }, 9000],
  // Adadelta's unit-free step never shrinks by itself and wanders along the valley floor.
  adadelta: [{ hyper: { lr: 1, rho: 0.99 }, schedule: { id: 'cosine', params: { totalSteps: 10_000 } } }, 9000],
  adam: [{ hyper: { lr: 0.02 } }, 5000],
  amsgrad: [{ hyper: { lr: 0.02 } }, 8000],
  adamw: [{ hyper: { lr: 0.02 } }, 5000],
  adamax: [{ hyper: { lr: 0.02 } }, 8000],
  nadam: [{ hyper: { lr: 0.02 } }, 6000],
  // RAdam's first steps are un-adapted momentum steps η·m̂: with |g| ≈ 200 at the start they
  // throw θ far away unless the gradient is clipped (or η is tiny).
  radam: [{ hyper: { lr: 0.02 }, clipNorm: 1 }, 1500],
  lion: [{ hyper: { lr: 3e-3 }, schedule: { id: 'cosine', params: { totalSteps: 5000 } } }, 2500],
};

// The classic rules, on 2-D problems; the frontier rules (per tensor or per matrix) train networks in tests/unit/train.
describe('convergence', () => {
  const ids = Object.keys(optimizers).filter((id) => !frontierIds.includes(id));

  it.each(ids)('%s: ill-conditioned quadratic (κ = 100) down to 1e-5', (id) => {
    const [options, budget] = onQuadratic[baseOf(id)];
    expect(stepsToReach(id, quadratic, 1e-5, budget, options)).toBeLessThanOrEqual(budget);
  });

  it.each(ids)('%s: Rosenbrock from (−1.2, 1) down to 1e-3', (id) => {
    const [options, budget] = onRosenbrock[baseOf(id)];
    expect(stepsToReach(id, rosenbrock, 1e-3, budget, options)).toBeLessThanOrEqual(budget);
  });
});

/**
 * Goh, "Why Momentum Really Works" (Distill, 2017): on f(w) = ½ wᵀ diag(λ) w,
 * heavy-ball momentum z ← βz + ∇f, w ← w − αz with
 *   α = (2 / (√λ₁ + √λₙ))²,  β = ((√κ − 1)/(√κ + 1))²,  κ = λₙ/λ₁,
 * makes every eigencomponent decay at the same rate √β = (√κ − 1)/(√κ + 1),
 * against (κ − 1)/(κ + 1) for the best plain gradient descent. Our `momentum`
 * is that recursion with η = α and μ = β.
 */
describe('momentum on quadratics (Goh 2017)', () => {
  it.each([10, 100, 1000])('κ = %i: the error shrinks by (√κ−1)/(√κ+1) per step', (kappa) => {
    const n = 8;
    const lambdas = Array.from({ length: n }, (_, i) => 1 + ((kappa - 1) * i) / (n - 1));
    const [lo, hi] = [lambdas[0], lambdas[n - 1]];
    const alpha = (2 / (Math.sqrt(lo) + Math.sqrt(hi))) ** 2;
    const beta = ((Math.sqrt(kappa) - 1) / (Math.sqrt(kappa) + 1)) ** 2;
    const predicted = Math.sqrt(beta);

    // The extreme eigenvalues sit exactly at critical damping, where the error
    // behaves like t·ρᵗ; measuring between two late steps makes the factor t negligible.
    const [from, to] = kappa === 10 ? [20, 120] : kappa === 100 ? [40, 300] : [100, 600];
    const runner = new Runner(optimizers.momentum, [tensor1d(Array(n).fill(1))], {
      hyper: { lr: alpha, momentum: beta },
    });
    const norms: number[] = [];
    for (let k = 0; k <= to; k++) {
      const w = Array.from(runner.params[0].dataSync());
      norms.push(Math.hypot(...w));
      runner.step(() => [tensor1d(w.map((x, i) => lambdas[i] * x))]);
    }
    runner.dispose();

    const measured = (norms[to] / norms[from]) ** (1 / (to - from));
    expect(Math.abs(measured / predicted - 1)).toBeLessThan(0.03);
    // And momentum beats the best plain gradient descent rate by a wide margin.
    expect(measured).toBeLessThan((kappa - 1) / (kappa + 1));
  });
});
