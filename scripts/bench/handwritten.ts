/**
 * The practical speed limit for the bench: the engine's network (tanh hidden
 * layers, one logit, mean binary cross-entropy, same parameter layout) and the
 * sgd and adam updates written directly on Float32Arrays, with every buffer
 * allocated once. No tensors, no per-op dispatch, no allocation per step: what
 * is left is the arithmetic.
 */

export type Update = 'sgd' | 'adam';

export interface HandwrittenOptions {
  units: number[]; // [inputDim, ...hidden, 1]
  theta: Float32Array; // initial parameters, layout as in src/train/mlp.ts
  x: Float32Array; // row-major inputs
  y: Float32Array; // labels 0/1
  update: Update;
  lr: number;
  beta1?: number;
  beta2?: number;
  eps?: number;
}

export class HandwrittenMlp {
  readonly theta: Float32Array;
  readonly grad: Float32Array;
  private readonly m: Float32Array;
  private readonly v: Float32Array;
  private readonly offsets: number[]; // start of each layer's block in θ
  private readonly a: Float32Array[]; // activations per layer, [n, units] row-major
  private readonly delta: Float32Array[]; // n·∂L/∂(pre-activation) per layer
  private readonly n: number;
  private t = 0;

  constructor(private readonly o: HandwrittenOptions) {
    const { units, theta, y } = o;
    this.n = y.length;
    this.theta = theta.slice();
    this.grad = new Float32Array(theta.length);
    this.m = new Float32Array(theta.length);
    this.v = new Float32Array(theta.length);
    this.offsets = [0];
    for (let l = 1; l < units.length; l++) this.offsets.push(this.offsets[l - 1] + units[l] * (units[l - 1] + 1));
    this.a = units.map((u, l) => (l === 0 ? o.x : new Float32Array(this.n * u)));
    this.delta = units.map((u) => new Float32Array(this.n * u));
  }

  /** One full-batch step: forward, backward into `grad`, update θ. */
  step(): void {
    this.forward();
    this.backward();
    if (this.o.update === 'sgd') this.sgd();
    else this.adam();
  }

  /** Mean cross-entropy at the current θ. */
  loss(): number {
    this.forward();
    const z = this.a[this.a.length - 1];
    let total = 0;
    for (let p = 0; p < this.n; p++) total += Math.max(z[p], 0) - this.o.y[p] * z[p] + Math.log1p(Math.exp(-Math.abs(z[p])));
    return total / this.n;
  }

  private forward(): void {
    const { units } = this.o;
    const L = units.length - 1;
    const th = this.theta;
    for (let l = 1; l <= L; l++) {
      const [nIn, nOut, prev, next, off] = [units[l - 1], units[l], this.a[l - 1], this.a[l], this.offsets[l - 1]];
      for (let p = 0; p < this.n; p++) {
        for (let j = 0; j < nOut; j++) {
          const row = off + j * (nIn + 1);
          let u = th[row + nIn]; // bias
          for (let i = 0; i < nIn; i++) u += th[row + i] * prev[p * nIn + i];
          next[p * nOut + j] = l === L ? u : Math.tanh(u); // the output stays a logit
        }
      }
    }
  }

  private backward(): void {
    const { units } = this.o;
    const L = units.length - 1;
    const [th, g, n] = [this.theta, this.grad, this.n];
    const z = this.a[L];
    const top = this.delta[L];
    for (let p = 0; p < n; p++) {
      const yHat = 1 / (1 + Math.exp(-z[p]));
      top[p] = yHat - this.o.y[p];
    }
    g.fill(0);
    for (let l = L; l >= 1; l--) {
      const [nIn, nOut, prev, d, off] = [units[l - 1], units[l], this.a[l - 1], this.delta[l], this.offsets[l - 1]];
      const below = this.delta[l - 1];
      for (let p = 0; p < n; p++) {
        for (let j = 0; j < nOut; j++) {
          const dj = d[p * nOut + j] / n;
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
