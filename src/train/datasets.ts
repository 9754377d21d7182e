import { createRandom, deriveSeed, shuffle, type Random } from './random';

/**
 * Small seeded datasets for the live training widgets, after TensorFlow
 * Playground: five 2-D binary classification sets and one 1-D regression.
 *
 * Every set is drawn clean at a spread of 1 (classification points lie in
 * [−1, 1]², sin x has amplitude 1), then each coordinate of a classification
 * point, or each regression target, gets Gaussian noise of standard deviation
 * `noise` × that spread. Clean points, noise directions and the train/test
 * split come from three separate random streams, so moving the noise slider
 * moves the same points further, and changes nothing else.
 */

export type Task = 'classification' | 'regression';
export type DatasetId = 'circles' | 'xor' | 'gaussians' | 'spiral' | 'moons' | 'sine';

/** The region to plot: inputs along x; for 2-D sets the second input along y, for 1-D the target. */
export interface Extent {
  x: [number, number];
  y: [number, number];
}

export interface DatasetInfo {
  id: DatasetId;
  name: string;
  task: Task;
  inputDim: 1 | 2;
  extent: Extent;
}

export interface DatasetOptions {
  /** Total number of points, train and test together (default 200). */
  size?: number;
  /** Standard deviation of the noise as a fraction of the spread, 0 … 0.5 (default 0). */
  noise?: number;
  /** Share of the points held out for testing, 0 ≤ f < 1 (default 0.5, as in TF Playground). */
  testFraction?: number;
  seed?: number;
}

/** Inputs row-major (`inputDim` numbers per point); targets are labels 0/1 or real values. */
export interface Dataset extends DatasetInfo {
  xTrain: Float32Array;
  yTrain: Float32Array;
  xTest: Float32Array;
  yTest: Float32Array;
  trainSize: number;
  testSize: number;
}

/** Clean points: inputs (row-major) and targets, `count` of them. */
type Generate = (count: number, random: Random) => { x: number[]; y: number[] };

const square: Extent = { x: [-1.5, 1.5], y: [-1.5, 1.5] };

/** Label 1 for the first half of the points, 0 for the rest: balanced classes. */
const label = (i: number, count: number) => (i < count / 2 ? 1 : 0);

/** A disc of radius 0.5 (label 1) inside a ring from 0.7 to 1 (label 0). */
const circles: Generate = (count, random) => {
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < count; i++) {
    const inside = label(i, count);
    const r = inside ? random.uniform(0, 0.5) : random.uniform(0.7, 1);
    const angle = random.uniform(0, 2 * Math.PI);
    x.push(r * Math.cos(angle), r * Math.sin(angle));
    y.push(inside);
  }
  return { x, y };
};

/** The four quadrants, kept 0.1 clear of the axes; label 1 where x₁x₂ > 0. */
const xor: Generate = (count, random) => {
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < count; i++) {
    const [s1, s2] = [[1, 1], [-1, -1], [1, -1], [-1, 1]][i % 4];
    x.push(s1 * random.uniform(0.1, 1), s2 * random.uniform(0.1, 1));
    y.push(s1 === s2 ? 1 : 0);
  }
  return { x, y };
};

/** Two round Gaussian clusters (σ = 0.2) centred on (0.5, 0.5), label 1, and (−0.5, −0.5), label 0. */
const gaussians: Generate = (count, random) => {
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < count; i++) {
    const c = label(i, count) ? 0.5 : -0.5;
    x.push(random.normal(c, 0.2), random.normal(c, 0.2));
    y.push(label(i, count));
  }
  return { x, y };
};

/** Two interleaved arms r = t, φ = 3.5πt (+π for label 0), t uniform on [0, 1): 1¾ turns each. */
const spiral: Generate = (count, random) => {
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < count; i++) {
    const t = random.next();
    const phi = 3.5 * Math.PI * t + (label(i, count) ? 0 : Math.PI);
    x.push(t * Math.cos(phi), t * Math.sin(phi));
    y.push(label(i, count));
  }
  return { x, y };
};

/**
 * Two interlocking half circles (scikit-learn's make_moons): the upper
 * (cos t, sin t), label 1, and the lower (1 − cos t, ½ − sin t), label 0,
 * t uniform on [0, π], centred and scaled by 1/1.5 into [−1, 1] × [−½, ½].
 */
const moons: Generate = (count, random) => {
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < count; i++) {
    const t = random.uniform(0, Math.PI);
    const upper = label(i, count);
    const [u, v] = upper ? [Math.cos(t), Math.sin(t)] : [1 - Math.cos(t), 0.5 - Math.sin(t)];
    x.push((u - 0.5) / 1.5, (v - 0.25) / 1.5);
    y.push(upper);
  }
  return { x, y };
};

/** y = sin x for x uniform on [−π, π]. */
const sine: Generate = (count, random) => {
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < count; i++) {
    const u = random.uniform(-Math.PI, Math.PI);
    x.push(u);
    y.push(Math.sin(u));
  }
  return { x, y };
};

const generators: Record<DatasetId, Generate> = { circles, xor, gaussians, spiral, moons, sine };

/** Every dataset, by id, in the order a picker shows them. */
export const datasets: Record<DatasetId, DatasetInfo> = {
  circles: { id: 'circles', name: 'Circles', task: 'classification', inputDim: 2, extent: square },
  xor: { id: 'xor', name: 'Exclusive or', task: 'classification', inputDim: 2, extent: square },
  gaussians: { id: 'gaussians', name: 'Two Gaussians', task: 'classification', inputDim: 2, extent: square },
  spiral: { id: 'spiral', name: 'Spiral', task: 'classification', inputDim: 2, extent: square },
  moons: { id: 'moons', name: 'Two moons', task: 'classification', inputDim: 2, extent: square },
  sine: { id: 'sine', name: 'Sine', task: 'regression', inputDim: 1, extent: { x: [-Math.PI, Math.PI], y: [-2, 2] } },
};

/** Draw dataset `id`: the same options give the same numbers, bit for bit. */
export function makeDataset(id: DatasetId, options: DatasetOptions = {}): Dataset {
  const info = datasets[id];
  if (!info) throw new Error(`unknown dataset '${String(id)}' (expected: ${Object.keys(datasets).join(', ')})`);
  const { size = 200, noise = 0, testFraction = 0.5, seed = 1 } = options;
  if (!Number.isInteger(size) || size < 2) throw new Error(`${id}: size must be a whole number ≥ 2, got ${size}`);
  if (!(noise >= 0 && noise <= 0.5)) throw new Error(`${id}: noise must be in [0, 0.5], got ${noise}`);
  if (!(testFraction >= 0 && testFraction < 1)) throw new Error(`${id}: testFraction must be in [0, 1), got ${testFraction}`);

  const { x, y } = generators[id](size, createRandom(deriveSeed(seed, `${id}/points`)));
  const jitter = createRandom(deriveSeed(seed, `${id}/noise`));
  // Classification jitters the inputs; regression the targets.
  if (info.task === 'classification') for (let i = 0; i < x.length; i++) x[i] += noise * jitter.normal();
  else for (let i = 0; i < y.length; i++) y[i] += noise * jitter.normal();

  const order = shuffle([...y.keys()], createRandom(deriveSeed(seed, `${id}/split`)));
  const trainSize = Math.max(1, size - Math.round(size * testFraction));
  const pick = (indices: number[]) => {
    const xs = new Float32Array(indices.length * info.inputDim);
    const ys = new Float32Array(indices.length);
    indices.forEach((p, row) => {
      for (let d = 0; d < info.inputDim; d++) xs[row * info.inputDim + d] = x[p * info.inputDim + d];
      ys[row] = y[p];
    });
    return [xs, ys] as const;
  };
  const [xTrain, yTrain] = pick(order.slice(0, trainSize));
  const [xTest, yTest] = pick(order.slice(trainSize));
  return { ...info, xTrain, yTrain, xTest, yTest, trainSize, testSize: size - trainSize };
}
