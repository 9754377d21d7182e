/**
 * The practical speed limit for the bench: the engine's network (tanh hidden
 * layers; one logit with mean binary cross-entropy, or k > 1 logits with mean
 * softmax cross-entropy; same parameter layout) and the sgd and adam updates
 * written directly on Float32Arrays, with every buffer allocated once. No
 * tensors, no per-op dispatch, no allocation per step: what is left is the
 * arithmetic.
 *
 * Full batch by default; with `batchSize` below the number of points, each step
 * takes the next mini-batch of its own seeded order (every epoch a fresh
 * permutation, cut into consecutive batches, the last one holding the
 * remainder: the engine's scheme, drawn from a different stream), or the
 * points a caller names.
 */
import { createRandom, shuffle, type Random } from '../../src/train/random';

export type Update = 'sgd' | 'adam';

export interface HandwrittenOptions {
  units: number[]; // [inputDim, ...hidden, outputs]: 1 output = sigmoid, k > 1 = softmax
  theta: Float32Array; // initial parameters, layout as in src/train/mlp.ts
  x: Float32Array; // row-major inputs
  y: Float32Array; // labels 0 … k − 1 (0/1 for one output)
  update: Update;
  lr: number;
  beta1?: number;
  beta2?: number;
  eps?: number;
  /** Points per step (default: all of them). */
  batchSize?: number;
  /** Seed of the mini-batch order (default 1). */
  seed?: number;
}

export class HandwrittenMlp {
  readonly theta: Float32Array;
  readonly grad: Float32Array;
  private readonly m: Float32Array;
  private readonly v: Float32Array;
  private readonly offsets: number[]; // start of each layer's block in θ
  private readonly a: Float32Array[]; // activations per layer, [points, units] row-major; a[0] is x or `inputs`
  private readonly inputs: Float32Array; // the gathered inputs of a mini-batch
  private readonly batchLabels: Float32Array; // and their labels
  private labels: Float32Array; // the labels of the rows in a[0]: y or batchLabels
  private readonly delta: Float32Array[]; // rows·∂L/∂(pre-activation) per layer
  private readonly n: number; // points in x
  private readonly batchSize: number;
  private readonly order: Int32Array; // this epoch's permutation of the points
  private readonly random: Random;
  private position = 0; // next entry of `order`
  private t = 0;

  constructor(private readonly o: HandwrittenOptions) {
    const { units, theta, y } = o;
    this.n = y.length;
    this.batchSize = Math.min(o.batchSize ?? this.n, this.n);
    this.theta = theta.slice();
    this.grad = new Float32Array(theta.length);
    this.m = new Float32Array(theta.length);
    this.v = new Float32Array(theta.length);
    this.offsets = [0];
    for (let l = 1; l < units.length; l++) this.offsets.push(this.offsets[l - 1] + units[l] * (units[l - 1] + 1));
    // Room for every point: loss() runs over all of them, a step over one batch.
    this.a = units.map((u, l) => (l === 0 ? o.x : new Float32Array(this.n * u)));
    this.inputs = new Float32Array(this.batchSize * units[0]);
    this.batchLabels = new Float32Array(this.batchSize);
    this.labels = y;
    this.delta = units.map((u) => new Float32Array(this.n * u));
    this.order = Int32Array.from({ length: this.n }, (_, i) => i);
    this.random = createRandom(o.seed ?? 1);
  }

  /**
   * One step: forward, backward into `grad`, update θ. On the points `batch`
   * when given (at most batchSize of them), else on the next batch of its own
   * order (all points when full batch).
   */
  step(batch?: ArrayLike<number>): void {
    let rows = this.n;
    if (batch) rows = this.gather(batch, 0, batch.length);
    else if (this.batchSize < this.n) {
      if (this.position === 0) shuffle(this.order, this.random);
      const end = Math.min(this.position + this.batchSize, this.n);
      rows = this.gather(this.order, this.position, end);
      this.position = end === this.n ? 0 : end;
    } else {
      this.a[0] = this.o.x;
      this.labels = this.o.y;
    }
    this.forward(rows);
    this.backward(rows);
    if (this.o.update === 'sgd') this.sgd();
    else this.adam();
  }

  /** Mean cross-entropy at the current θ over all the points. */
  loss(): number {
    this.a[0] = this.o.x;
    this.labels = this.o.y;
    this.forward(this.n);
    const z = this.a[this.a.length - 1];
    const k = this.o.units[this.o.units.length - 1];
    const y = this.o.y;
    let total = 0;
    for (let p = 0; p < this.n; p++) {
      if (k === 1) {
        total += Math.max(z[p], 0) - y[p] * z[p] + Math.log1p(Math.exp(-Math.abs(z[p])));
        continue;
      }
      let top = -Infinity;
      for (let j = 0; j < k; j++) top = Math.max(top, z[p * k + j]);
      let s = 0;
      for (let j = 0; j < k; j++) s += Math.exp(z[p * k + j] - top);
      total += Math.log(s) + top - z[p * k + y[p]];
    }
    return total / this.n;
  }

  /** Copies points list[from … to − 1] into `inputs` and `batchLabels` and makes them the first layer; returns their count. */
  private gather(list: ArrayLike<number>, from: number, to: number): number {
    const d = this.o.units[0];
    const rows = to - from;
    if (rows > this.batchSize) throw new Error(`handwritten: a batch of ${rows} points, more than batchSize ${this.batchSize}`);
    for (let r = 0; r < rows; r++) {
      const p = list[from + r];
      for (let i = 0; i < d; i++) this.inputs[r * d + i] = this.o.x[p * d + i];
      this.batchLabels[r] = this.o.y[p];
    }
    this.a[0] = this.inputs;
    this.labels = this.batchLabels;
    return rows;
  }

  private forward(rows: number): void {
    const { units } = this.o;
    const L = units.length - 1;
    const th = this.theta;
    for (let l = 1; l <= L; l++) {
      const [nIn, nOut, prev, next, off] = [units[l - 1], units[l], this.a[l - 1], this.a[l], this.offsets[l - 1]];
      for (let p = 0; p < rows; p++) {
        for (let j = 0; j < nOut; j++) {
          const row = off + j * (nIn + 1);
          let u = th[row + nIn]; // bias
          for (let i = 0; i < nIn; i++) u += th[row + i] * prev[p * nIn + i];
          next[p * nOut + j] = l === L ? u : Math.tanh(u); // the output stays a logit
        }
      }
    }
  }

  /** Backward over the `rows` points just forwarded, into `grad`: the mean over them. */
  private backward(rows: number): void {
    const { units } = this.o;
    const L = units.length - 1;
    const k = units[L];
    const [th, g, y] = [this.theta, this.grad, this.labels];
    const z = this.a[L];
    const top = this.delta[L];
    for (let r = 0; r < rows; r++) {
      const label = y[r];
      if (k === 1) {
        top[r] = 1 / (1 + Math.exp(-z[r])) - label; // σ(z) − y
        continue;
      }
      let max = -Infinity;
      for (let j = 0; j < k; j++) max = Math.max(max, z[r * k + j]);
      let s = 0;
      for (let j = 0; j < k; j++) s += (top[r * k + j] = Math.exp(z[r * k + j] - max));
      for (let j = 0; j < k; j++) top[r * k + j] = top[r * k + j] / s - (j === label ? 1 : 0); // softmax(z) − one-hot(y)
    }
    g.fill(0);
    for (let l = L; l >= 1; l--) {
      const [nIn, nOut, prev, d, off] = [units[l - 1], units[l], this.a[l - 1], this.delta[l], this.offsets[l - 1]];
      const below = this.delta[l - 1];
      for (let p = 0; p < rows; p++) {
        for (let j = 0; j < nOut; j++) {
          const dj = d[p * nOut + j] / rows;
          const row = off + j * (nIn + 1);
          for (let i = 0; i < nIn; i++) g[row + i] += dj * prev[p * nIn + i];
          g[row + nIn] += dj;
        }
        if (l > 1) {
          for (let i = 0; i < nIn; i++) {
            let back = 0;
            for (let j = 0; j < nOut; j++) back += th[off + j * (nIn + 1) + i] * d[p * nOut + j];
            const ai = prev[p * nIn + i];
            below[p * nIn + i] = back * (1 - ai * ai); // tanh′ = 1 − tanh²
          }
        }
      }
    }
  }

  private sgd(): void {
    const { lr } = this.o;
    for (let k = 0; k < this.theta.length; k++) this.theta[k] -= lr * this.grad[k];
  }

  private adam(): void {
    const { lr, beta1 = 0.9, beta2 = 0.999, eps = 1e-8 } = this.o;
    this.t++;
    const c1 = 1 - beta1 ** this.t;
    const c2 = 1 - beta2 ** this.t;
    for (let k = 0; k < this.theta.length; k++) {
      const gk = this.grad[k];
      this.m[k] = beta1 * this.m[k] + (1 - beta1) * gk;
      this.v[k] = beta2 * this.v[k] + (1 - beta2) * gk * gk;
      this.theta[k] -= (lr * (this.m[k] / c1)) / (Math.sqrt(this.v[k] / c2) + eps);
    }
  }
}
