import { createRandom, deriveSeed, shuffle, type Random } from './random';

/**
 * Seeded datasets for the live training widgets: after TensorFlow Playground,
 * five 2-D binary classification sets and one 1-D regression; then real data,
 * the 8×8 handwritten digits (ten classes), and a sparse bag-of-features
 * logistic regression where rare features carry the signal.
 *
 * Every set is drawn clean at a spread of 1 (classification points lie in
 * [−1, 1]², sin x has amplitude 1), then each coordinate of a classification
 * point, or each regression target, gets Gaussian noise of standard deviation
 * `noise` × that spread. Clean points, noise directions and the train/test
 * split come from three separate random streams, so moving the noise slider
 * moves the same points further, and changes nothing else.
 */

export type Task = 'classification' | 'regression';
export type DatasetId = 'circles' | 'xor' | 'gaussians' | 'spiral' | 'moons' | 'sine' | 'digits' | 'sparse';

/** The region to plot: inputs along x; for 2-D sets the second input along y, for 1-D the target. */
export interface Extent {
  x: [number, number];
  y: [number, number];
}

export interface DatasetInfo {
  id: DatasetId;
  name: string;
  task: Task;
  /** Classes of a classification set (labels 0 … classes − 1); 0 for regression. */
  classes: number;
  inputDim: number;
  /** Where the points lie, for the sets drawn in the plane (1-D and 2-D inputs). */
  extent?: Extent;
  /** The network a widget builds when the reader names none: units per hidden layer. */
  network: readonly number[];
  /** The batch size a widget uses when the reader names none. */
  batch: number;
  /** Points in train and test together, when the reader names none. */
  size: number;
  /** Learning rates a widget starts from on this set where an optimizer's default is far off (by optimizer id). */
  lr?: Record<string, number>;
  /** Where the data comes from and its licence, for sets that are not generated. */
  credit?: { text: string; url: string };
}

export interface DatasetOptions {
  /** Total number of points, train and test together (default: the set's own, 200 for the generated 2-D sets). */
  size?: number;
  /** Standard deviation of the noise as a fraction of the spread, 0 … 0.5 (default 0); the 2-D sets and sine only. */
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

/** Features of the sparse set. */
export const SPARSE_FEATURES = 300;
/** Share of the sparse set's labels flipped at random: noise no model can learn. */
export const SPARSE_FLIPS = 0.05;

/**
 * Feature j of the sparse set (0 = the most common) appears in an example with
 * probability 0.9 / (1 + j/4): a Zipf–Mandelbrot law, from nine examples in
 * ten down to one in 84 for the rarest.
 */
export const sparseFrequency = (j: number) => 0.9 / (1 + j / 4);

/**
 * Bag-of-words-like examples for logistic regression, the case Adagrad was
 * made for (Duchi, Hazan & Singer 2011): binary features with Zipf-like
 * frequencies, where the rare ones carry the strongest signal. The true
 * weight of feature j has a random sign and magnitude 0.5 + 2.5·j/(d − 1)
 * (rarer, stronger); the bias centres the score, the label is the sign of
 * w*·x + b*, and SPARSE_FLIPS of the labels are then flipped. The true
 * weights are `sparseWeights(seed)`.
 */
const sparse: Generate = (count, random) => {
  const { w, b } = sparseTruth(random);
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < count; i++) {
    let score = b;
    for (let j = 0; j < SPARSE_FEATURES; j++) {
      const on = random.next() < sparseFrequency(j) ? 1 : 0;
      x.push(on);
      score += on * w[j];
    }
    y.push((score > 0 ? 1 : 0) ^ (random.next() < SPARSE_FLIPS ? 1 : 0));
  }
  return { x, y };
};

/** The sparse set's true weights w* and bias b*, drawn first from the points' stream. */
function sparseTruth(random: Random): { w: number[]; b: number } {
  const w = Array.from({ length: SPARSE_FEATURES }, (_, j) => (random.next() < 0.5 ? -1 : 1) * (0.5 + (2.5 * j) / (SPARSE_FEATURES - 1)));
  return { w, b: -w.reduce((sum, wj, j) => sum + wj * sparseFrequency(j), 0) };
}

/** The true weights of the sparse set of `seed` (the model the labels were drawn from). */
export function sparseWeights(seed = 1): { w: number[]; b: number } {
  return sparseTruth(createRandom(deriveSeed(seed, 'sparse/points')));
}

/**
 * The handwritten digits, pixels scaled from 0…16 to [0, 1], in the source's
 * order. Loaded by `loadDataset('digits')` (a separate chunk, fetched only by
 * widgets that use it); the split and any subset are drawn from the seed.
 */
let digitsSource: { x: number[]; y: number[] } | null = null;

const digits: Generate = (count) => {
  if (!digitsSource) throw new Error("digits: the data is not loaded yet (await loadDataset('digits') first)");
  const { x, y } = digitsSource;
  return { x: x.slice(0, count * 64), y: y.slice(0, count) };
};

/** Decode the records of src/train/data/digits-data.ts (format: scripts/convert-digits.py). */
export function decodeDigits(records: string): { x: number[]; y: number[] } {
  const n = records.length / 65;
  if (!Number.isInteger(n)) throw new Error(`digits: the data has ${records.length} characters, not a multiple of 65`);
  const x: number[] = new Array(n * 64);
  const y: number[] = new Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = records.charCodeAt(65 * i) - 48;
    for (let p = 0; p < 64; p++) x[64 * i + p] = (records.charCodeAt(65 * i + 1 + p) - 97) / 16;
  }
  return { x, y };
}

/** Fetch what dataset `id` needs before `makeDataset` can draw it (only the digits need anything). */
export async function loadDataset(id: DatasetId): Promise<void> {
  if (id === 'digits' && !digitsSource) digitsSource = decodeDigits((await import('./data/digits-data')).default);
}

const generators: Record<DatasetId, Generate> = { circles, xor, gaussians, spiral, moons, sine, digits, sparse };

const toy = { classes: 2, inputDim: 2, extent: square, network: [8, 8], batch: 10, size: 200 } as const;

/** Every dataset, by id, in the order a picker shows them. */
export const datasets: Record<DatasetId, DatasetInfo> = {
  circles: { id: 'circles', name: 'Circles', task: 'classification', ...toy },
  xor: { id: 'xor', name: 'Exclusive or', task: 'classification', ...toy },
  gaussians: { id: 'gaussians', name: 'Two Gaussians', task: 'classification', ...toy },
  spiral: { id: 'spiral', name: 'Spiral', task: 'classification', ...toy },
  moons: { id: 'moons', name: 'Two moons', task: 'classification', ...toy },
  sine: { id: 'sine', name: 'Sine', task: 'regression', ...toy, classes: 0, inputDim: 1, extent: { x: [-Math.PI, Math.PI], y: [-2, 2] } },
  digits: {
    id: 'digits', name: 'Handwritten digits', task: 'classification', classes: 10, inputDim: 64, network: [32], batch: 32, size: 1797,
    // At SGD's 0.01 the digits need some 10,000 steps to reach 90 % test accuracy; at 0.1, 500.
    lr: { sgd: 0.1, 'adagrad:keras': 0.01 },
    credit: {
      text: 'Handwritten digits: E. Alpaydin and C. Kaynak, “Optical Recognition of Handwritten Digits”, UCI Machine Learning Repository (1998), CC BY 4.0',
      url: 'https://doi.org/10.24432/C50P49',
    },
  },
  sparse: { id: 'sparse', name: 'Sparse features', task: 'classification', classes: 2, inputDim: SPARSE_FEATURES, network: [], batch: 10, size: 4000, lr: { sgd: 0.3, adagrad: 0.3 } },
};

/** The learning rate a widget starts `optimizer` from on `dataset`: the set's own choice, else the optimizer's default. */
export function startingLr(dataset: DatasetId, optimizer: string, fallback: number): number {
  return datasets[dataset]?.lr?.[optimizer] ?? fallback;
}

/** Sets whose points are not generated but loaded: their noise setting does nothing. */
const noiseless = new Set<DatasetId>(['digits', 'sparse']);

/** The points of dataset `id` in drawn order, noise included, before the split (row-major inputs). */
export function drawPoints(id: DatasetId, size: number, noise: number, seed: number): { x: number[]; y: number[] } {
  const { x, y } = generators[id](size, createRandom(deriveSeed(seed, `${id}/points`)));
  const jitter = createRandom(deriveSeed(seed, `${id}/noise`));
  // Classification jitters the inputs; regression the targets; real and sparse data stay as they are.
  const jittered = noiseless.has(id) ? [] : datasets[id].task === 'classification' ? x : y;
  for (let i = 0; i < jittered.length; i++) jittered[i] += noise * jitter.normal();
  return { x, y };
}

/** Draw dataset `id`: the same options give the same numbers, bit for bit. */
export function makeDataset(id: DatasetId, options: DatasetOptions = {}): Dataset {
  const info = datasets[id];
  if (!info) throw new Error(`unknown dataset '${String(id)}' (expected: ${Object.keys(datasets).join(', ')})`);
  const { size = info.size, noise = 0, testFraction = 0.5, seed = 1 } = options;
  if (!Number.isInteger(size) || size < 2) throw new Error(`${id}: size must be a whole number ≥ 2, got ${size}`);
  if (id === 'digits' && size > info.size) throw new Error(`digits: size must be at most ${info.size}, got ${size}`);
  if (!(noise >= 0 && noise <= 0.5)) throw new Error(`${id}: noise must be in [0, 0.5], got ${noise}`);
  if (!(testFraction >= 0 && testFraction < 1)) throw new Error(`${id}: testFraction must be in [0, 1), got ${testFraction}`);

  const { x, y } = drawPoints(id, size, noise, seed);
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
