/**
 * The problems the frontier rules are checked on, each with its parameter
 * shape, starting point and gradients: matrix least squares ½‖XW − Y‖²
 * with W tall (6×3) and wide (3×6), fixed gradient sequences for both shapes
 * (gradients that do not depend on θ, so rounding cannot steer the compared
 * runs apart), and a vector quadratic ½Σλᵢθᵢ².
 */
import type { Optimizer } from '../../../src/optimizers';
import { normal, rng, shapedStepper } from './helpers';
import type { Step } from './reference';

export interface Problem {
  label: string;
  shape: number[];
  theta0: number[];
  /** The gradient at θ (closed loop) or at step k (fixed sequence). */
  grad: (theta: number[], k: number) => number[];
}

const STEPS = 40;

/** ½‖XW − Y‖² for W of the given shape, 8 samples; gradient Xᵀ(XW − Y), row-major. */
function leastSquares(label: string, [m, n]: number[], seed: number): Problem {
  const randn = normal(rng(seed));
  const samples = 8;
  const X = Array.from({ length: samples }, () => Array.from({ length: m }, () => randn() / Math.sqrt(samples)));
  const Y = Array.from({ length: samples }, () => Array.from({ length: n }, randn));
  const theta0 = Array.from({ length: m * n }, randn).map(Math.fround);
  const grad = (w: number[]) => {
    const residual = X.map((x, s) => Y[s].map((y, j) => x.reduce((acc, xi, i) => acc + xi * w[i * n + j], 0) - y));
    return Array.from({ length: m * n }, (_, idx) => {
      const [i, j] = [Math.floor(idx / n), idx % n];
      return X.reduce((acc, x, s) => acc + x[i] * residual[s][j], 0);
    });
  };
  return { label, shape: [m, n], theta0, grad };
}

/** Gradients whose scale jumps by orders of magnitude between steps; one row is silent for the first three. */
function fixedGradients(label: string, shape: number[], seed: number): Problem {
  const randn = normal(rng(seed));
  const size = shape.reduce((a, b) => a * b, 1);
  const cols = shape[shape.length - 1];
  const grads = Array.from({ length: STEPS }, (_, k) => {
    const scale = Math.exp(1.5 * randn());
    const silent = shape.length > 1 ? cols : 1;
    return Array.from({ length: size }, (_, i) => (i < silent && k < 3 ? 0 : Math.fround(scale * randn())));
  });
  const theta0 = Array.from({ length: size }, randn).map(Math.fround);
  return { label, shape, theta0, grad: (_, k) => grads[k] };
}

function quadratic(label: string): Problem {
  const curvature = [1, 4, 10, 25, 0.3];
  return { label, shape: [5], theta0: [1, -1, 0.5, -0.25, 2], grad: (theta) => theta.map((x, i) => curvature[i] * x) };
}

export const matrixProblems: Problem[] = [
  leastSquares('least squares, tall 6×3', [6, 3], 1),
  leastSquares('least squares, wide 3×6', [3, 6], 2),
  fixedGradients('fixed gradients, tall 5×2', [5, 2], 3),
  fixedGradients('fixed gradients, wide 2×5', [2, 5], 4),
];
export const vectorProblems: Problem[] = [quadratic('vector quadratic'), fixedGradients('fixed gradients, vector', [6], 5)];

/** θ after each of 40 steps, ours (float32 tensors) and the reference's (float64), each taking gradients at its own iterate. */
export function runBoth(opt: Optimizer<any, any>, hp: Record<string, number>, reference: Step, problem: Problem) {
  const ours = shapedStepper(opt, hp, problem.theta0, problem.shape);
  const oursRun: number[][] = [];
  const refRun: number[][] = [];
  let [a, b] = [problem.theta0, problem.theta0];
  for (let k = 0; k < STEPS; k++) {
    oursRun.push((a = ours.step(problem.grad(a, k))));
    refRun.push((b = reference(b, problem.grad(b, k))));
  }
  ours.dispose();
  return { ours: oursRun, reference: refRun };
}

/** The largest |a − e| / (rel·|e| + abs) over a run: ≤ 1 means every entry is within tolerance. */
export function worstViolation(ours: number[][], expected: number[][], rel: number, abs: number): number {
  let worst = 0;
  ours.forEach((row, k) => row.forEach((a, i) => {
    const e = expected[k][i];
    worst = Math.max(worst, Number.isNaN(a) || Number.isNaN(e) ? Infinity : Math.abs(a - e) / (rel * Math.abs(e) + abs));
  }));
  return worst;
}
