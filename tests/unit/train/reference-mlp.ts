import type { Activation } from '../../../src/train/mlp';
import type { Task } from '../../../src/train/datasets';

/**
 * A float64 plain-JavaScript MLP with the engine's parameter layout (per layer a
 * row-major [out, in + 1] block: each unit's weights, then its bias), written
 * the obvious way, one point at a time. Independent of the engine's transposed
 * tensors, so it can judge them.
 */

const f: Record<Activation, (u: number) => number> = {
  tanh: Math.tanh,
  relu: (u) => Math.max(u, 0),
  sigmoid: (u) => 1 / (1 + Math.exp(-u)),
  linear: (u) => u,
};

/** The network's raw output (logit or prediction) at one point. */
export function referenceOutput(units: number[], activation: Activation, theta: ArrayLike<number>, point: number[]): number {
  return referenceOutputs(units, activation, theta, point)[0];
}

/** All of the network's raw outputs at one point (k logits for softmax). */
export function referenceOutputs(units: number[], activation: Activation, theta: ArrayLike<number>, point: number[]): number[] {
  let a = point;
  let k = 0;
  for (let l = 1; l < units.length; l++) {
    const next: number[] = [];
    for (let j = 0; j < units[l]; j++) {
      let u = 0;
      for (let i = 0; i < units[l - 1]; i++) u += theta[k++] * a[i];
      u += theta[k++]; // bias
      next.push(l === units.length - 1 ? u : f[activation](u));
    }
    a = next;
  }
  return a;
}

/** Mean softmax cross-entropy over the points, log Σ e^zᵢ − z_y, written directly. */
export function referenceSoftmaxLoss(units: number[], activation: Activation, theta: ArrayLike<number>, x: ArrayLike<number>, y: ArrayLike<number>): number {
  const d = units[0];
  let total = 0;
  for (let p = 0; p < y.length; p++) {
    const z = referenceOutputs(units, activation, theta, Array.from({ length: d }, (_, i) => x[p * d + i]));
    total += Math.log(z.reduce((s, zi) => s + Math.exp(zi), 0)) - z[y[p]];
  }
  return total / y.length;
}

/** Mean loss over the points: cross-entropy of the logit, or ½ squared error. */
export function referenceLoss(
  units: number[], activation: Activation, task: Task, theta: ArrayLike<number>, x: ArrayLike<number>, y: ArrayLike<number>,
): number {
  const d = units[0];
  let total = 0;
  for (let p = 0; p < y.length; p++) {
    const z = referenceOutput(units, activation, theta, Array.from({ length: d }, (_, i) => x[p * d + i]));
    total += task === 'classification' ? Math.log(1 + Math.exp(z)) - y[p] * z : 0.5 * (z - y[p]) ** 2;
  }
  return total / y.length;
}

/** Central finite differences of `loss` at θ, step h, in float64. */
export function numericGradient(loss: (theta: Float64Array) => number, theta: ArrayLike<number>, h = 1e-5): Float64Array {
  const t = Float64Array.from(theta);
  const g = new Float64Array(t.length);
  for (let i = 0; i < t.length; i++) {
    const keep = t[i];
    t[i] = keep + h;
    const up = loss(t);
    t[i] = keep - h;
    const down = loss(t);
    t[i] = keep;
    g[i] = (up - down) / (2 * h);
  }
  return g;
}
