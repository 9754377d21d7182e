import { sparseWeights, type Extent } from './datasets';
import type { Trainer } from './trainer';

/**
 * What a trained network does with its data, as plain numbers a page can draw
 * (model-view.ts) wherever the network itself lives — in a Worker, usually.
 * One kind per family of datasets.
 */
export type ModelSnapshot = {
  dataset: string;   // dataset id
  step: number;
  diverged: boolean;
} & (
  | { kind: 'boundary'; extent: Extent; points: PlanarPoint[]; resolution: number; probabilities: Float32Array }
  | { kind: 'curve'; extent: Extent; points: PlanarPoint[]; xs: Float32Array; ys: Float32Array }
  | { kind: 'digits'; images: Float32Array; labels: number[]; predicted: number[] }
  | { kind: 'weights'; learned: number[] | null; truth: number[]; bias: number }
);

/** A data point as drawn: inputs (or input and target), label, and which set it is in. */
export interface PlanarPoint {
  x: number;
  y: number;
  label: number;
  set: 'train' | 'test';
}

/** Decision-boundary resolution per side. */
export const GRID = 40;
/** Test digits shown: enough to see a pattern in the mistakes, few enough to read on a phone. */
export const DIGITS_SHOWN = 12;
/** Points along the fitted curve. */
const CURVE_POINTS = 120;

export function modelSnapshot(t: Trainer): ModelSnapshot {
  const base = { dataset: t.data.id, step: t.step, diverged: t.diverged };
  const { id, task, inputDim, extent } = t.data;
  if (id === 'digits') {
    const n = Math.min(DIGITS_SHOWN, t.data.testSize);
    const images = t.data.xTest.slice(0, 64 * n);
    const predicted = t.diverged ? new Array<number>(n).fill(-1) : Array.from(t.classify(images));
    return { ...base, kind: 'digits', images, labels: Array.from(t.data.yTest.subarray(0, n)), predicted };
  }
  if (id === 'sparse') {
    const { w } = sparseWeights(t.config.seed);
    const theta = t.parameters();
    // No hidden layer: θ is one block [w₀ … w_d−1, b]; with hidden layers no weight belongs to one feature.
    const linear = t.mlp.units.length === 2;
    return { ...base, kind: 'weights', learned: linear ? Array.from(theta.subarray(0, w.length)) : null, truth: w, bias: linear ? theta[w.length] : NaN };
  }
  const points = planarPoints(t);
  if (task === 'classification' && inputDim === 2) {
    const grid = new Float32Array(GRID * GRID * 2);
    for (let j = 0; j < GRID; j++)
      for (let i = 0; i < GRID; i++) {
        grid[2 * (j * GRID + i)] = extent!.x[0] + ((i + 0.5) / GRID) * (extent!.x[1] - extent!.x[0]);
        grid[2 * (j * GRID + i) + 1] = extent!.y[1] - ((j + 0.5) / GRID) * (extent!.y[1] - extent!.y[0]);
      }
    const probabilities = t.diverged ? new Float32Array(GRID * GRID).fill(0.5) : t.predict(grid);
    return { ...base, kind: 'boundary', extent: extent!, points, resolution: GRID, probabilities };
  }
  const xs = Float32Array.from({ length: CURVE_POINTS }, (_, i) => extent!.x[0] + (i / (CURVE_POINTS - 1)) * (extent!.x[1] - extent!.x[0]));
  const ys = t.diverged ? new Float32Array(CURVE_POINTS) : t.predict(xs);
  return { ...base, kind: 'curve', extent: extent!, points, xs, ys };
}

function planarPoints(t: Trainer): PlanarPoint[] {
  const { xTrain, yTrain, xTest, yTest, inputDim } = t.data;
  const points = (x: Float32Array, y: Float32Array, set: 'train' | 'test') =>
    Array.from(y, (label, i) => (inputDim === 2 ? { x: x[2 * i], y: x[2 * i + 1], label, set } : { x: x[i], y: label, label, set }));
  return [...points(xTrain, yTrain, 'train'), ...points(xTest, yTest, 'test')];
}

/**
 * How far the learned weights have gone toward the true ones over features
 * `from` … `to` − 1: the least-squares scale s with w ≈ s·w*,
 * s = Σ wⱼw*ⱼ / Σ w*ⱼ². 0 before training, 1 when direction and size are
 * right (logistic regression can overshoot the size on separable data).
 */
export function weightRecovery(learned: ArrayLike<number>, truth: ArrayLike<number>, from: number, to: number): number {
  let num = 0;
  let den = 0;
  for (let j = from; j < to; j++) {
    num += learned[j] * truth[j];
    den += truth[j] ** 2;
  }
  return num / den;
}
