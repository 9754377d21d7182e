import { concat, reshape, slice, split, tensor1d, tidy } from '@tensorflow/tfjs-core';
import type { Tensor, Tensor1D, Tensor2D } from '@tensorflow/tfjs-core';
import type { Task } from './datasets';
import type { Random } from './random';
import { BLOCK_SIZE, multiplyByColumns, multiplyByRows, transposed } from './fast-matmul';
import { difference, scaleInto, sigmoidMinus, softmaxMinus, timesDerivative, withOnesRow } from './mlp-kernels';
import { float32s } from './slab';

/**
 * A small fully connected network, forward and backward written by hand on
 * Float32Arrays, for the live training widgets: θ comes in and ∇θ goes out as
 * TensorFlow.js tensors, for the optimizers' update code.
 *
 * Network: L = (number of hidden layers) + 1 affine layers,
 *   a⁽⁰⁾ = x,  a⁽ℓ⁾ = f(W⁽ℓ⁾ a⁽ℓ⁻¹⁾ + b⁽ℓ⁾)  (ℓ < L),  z = W⁽ᴸ⁾ a⁽ᴸ⁻¹⁾ + b⁽ᴸ⁾,
 * with no hidden layer at all for a linear or logistic model. Outputs and
 * losses, averaged over the n points of a batch:
 *   two classes:  one logit z, binary cross-entropy  ℓ(z, y) = log(1 + eᶻ) − y·z,
 *   k > 2 classes: k logits, softmax cross-entropy    ℓ(z, y) = log Σᵢ e^zᵢ − z_y,
 *   regression:   one output, half the squared error  ℓ(z, y) = ½ (z − y)².
 * All three have ∂ℓ/∂z = ŷ − y (ŷ = σ(z), softmax(z) against the one-hot y,
 * resp. z): one backward pass serves them all, and regression uses ½·mean for it.
 *
 * Layout. The parameters are ONE flat vector θ (an element-wise optimizer then
 * updates one tensor per step; a dozen small tensors would cost a dozen times
 * its ops). Layer ℓ owns one contiguous block θ⁽ℓ⁾ = W̃⁽ℓ⁾ of shape
 * [out, in + 1], row-major: row j is unit j's incoming weights followed by its
 * bias. Blocks follow each other from the input layer to the output.
 * `parameters` names the tensors inside, as PyTorch's named_parameters() does
 * (layer1.weight [out, in], layer1.bias [out], …), and `split`/`join` convert:
 * optimizers defined per matrix get them one by one.
 *
 * Activations are kept transposed, one column per point, with a row of ones
 * appended: ã = [a; 1] of shape [units + 1, n]. Then W̃ ã = W a + b is one matMul
 * with no bias add (an elementwise pass that costs more than a contiguous copy),
 * the gradient of a whole block, bias included, is one matMul too, and
 * appending the ones row is that contiguous copy.
 */

export type Activation = 'tanh' | 'relu' | 'sigmoid' | 'linear';
export const activations: readonly Activation[] = ['tanh', 'relu', 'sigmoid', 'linear'];

/** The most units a hidden layer may have (enough for the digits; a 2-D set needs far fewer). */
export const MAX_UNITS = 64;

export interface MlpSpec {
  inputDim: number;
  /** Units per hidden layer: 0 to 4 layers of 1 to MAX_UNITS units. */
  hidden: readonly number[];
  activation: Activation;
  task: Task;
  /** Classes of a classification task (default 2): two take one sigmoid output, more take softmax outputs. */
  classes?: number;
}

/** What a parameter tensor is, for parameter groups: a hidden layer's or the output layer's weight matrix, or a bias. */
export type Role = 'hidden' | 'output' | 'bias';

/** One named parameter tensor: where it lives in θ and what it is. */
export interface Parameter {
  name: string;          // e.g. "layer1.weight", "layer1.bias"
  role: Role;
  shape: number[];       // [out, in] for a weight matrix, [out] for a bias
  layer: number;         // 1-based, input side first
}

/**
 * A batch as the network consumes it: inputs x̃ᵀ = [x₁ … xₙ; 1 … 1] of shape
 * [inputDim + 1, n] and targets as a [outputs, n] matrix (one-hot columns for
 * softmax), both row-major.
 */
export interface Batch {
  inputs: Float32Array;
  targets: Float32Array;
  size: number;
}

export class Mlp {
  /** Units per layer, input to output: [inputDim, ...hidden, outputSize]. */
  readonly units: readonly number[];
  /** Output units: k for softmax over k > 2 classes, else 1. */
  readonly outputSize: number;
  /** Length of θ: Σ out·(in + 1) over the layers. */
  readonly parameterCount: number;
  /** The named tensors inside θ, per layer its weight matrix then its bias. */
  readonly parameters: readonly Parameter[];
  private readonly blockSizes: number[];

  constructor(readonly spec: MlpSpec) {
    const { inputDim, hidden, activation, task, classes = 2 } = spec;
    if (!(Number.isInteger(inputDim) && inputDim >= 1)) throw new Error(`mlp: inputDim must be a whole number ≥ 1, got ${inputDim}`);
    if (hidden.length > 4) throw new Error(`mlp: 0 to 4 hidden layers, got ${hidden.length}`);
    for (const u of hidden) {
      if (!(Number.isInteger(u) && u >= 1 && u <= MAX_UNITS)) throw new Error(`mlp: a hidden layer has 1 to ${MAX_UNITS} units, got ${u}`);
    }
    if (!activations.includes(activation)) throw new Error(`mlp: unknown activation '${activation}' (expected: ${activations.join(', ')})`);
    if (!(Number.isInteger(classes) && classes >= 2)) throw new Error(`mlp: classes must be a whole number ≥ 2, got ${classes}`);
    this.outputSize = task === 'classification' && classes > 2 ? classes : 1;
    this.units = [inputDim, ...hidden, this.outputSize];
    this.blockSizes = this.units.slice(1).map((out, l) => out * (this.units[l] + 1));
    this.parameterCount = this.blockSizes.reduce((a, b) => a + b, 0);
    const L = this.units.length - 1;
    this.parameters = this.units.slice(1).flatMap((out, l) => [
      { name: `layer${l + 1}.weight`, role: l + 1 === L ? 'output' : 'hidden', shape: [out, this.units[l]], layer: l + 1 },
      { name: `layer${l + 1}.bias`, role: 'bias', shape: [out], layer: l + 1 },
    ] satisfies Parameter[]);
  }

  /** The named tensors of θ, in `parameters` order: views for the weights, copies only where a slice needs one. */
  split(theta: Tensor1D): Tensor[] {
    return split(theta, this.blockSizes).flatMap((flat, l) => {
      const [out, inp] = [this.units[l + 1], this.units[l]];
      const block = reshape(flat, [out, inp + 1]) as Tensor2D;
      return [slice(block, [0, 0], [out, inp]), reshape(slice(block, [0, inp], [out, 1]), [out])];
    });
  }

  /** θ from its named tensors (the inverse of `split`). */
  join(tensors: readonly Tensor[]): Tensor1D {
    return tidy(() => concat(this.units.slice(1).map((out, l) =>
      reshape(concat([tensors[2 * l] as Tensor2D, reshape(tensors[2 * l + 1], [out, 1])], 1), [-1]),
    )) as Tensor1D);
  }

  /** Where the entries of named tensor `k` sit in θ, in its row-major order: for per-tensor statistics read back from θ or ∇θ. */
  indicesOf(k: number): Int32Array {
    const { layer, shape } = this.parameters[k];
    const inp = this.units[layer - 1];
    let offset = 0;
    for (let l = 0; l < layer - 1; l++) offset += this.blockSizes[l];
    const out = shape[0];
    if (shape.length === 1) return Int32Array.from({ length: out }, (_, j) => offset + j * (inp + 1) + inp);
    return Int32Array.from({ length: out * inp }, (_, e) => offset + Math.floor(e / inp) * (inp + 1) + (e % inp));
  }

  /**
   * Initial parameters: Glorot/Xavier-uniform weights, W_ij ~ U(−r, r) with
   * r = √(6 / (in + out)), which keeps the variance of activations and of
   * gradients roughly equal across layers; biases 0.
   */
  init(random: Random): Float32Array {
    const theta = new Float32Array(this.parameterCount);
    let k = 0;
    for (let l = 1; l < this.units.length; l++) {
      const [fanIn, fanOut] = [this.units[l - 1], this.units[l]];
      const r = Math.sqrt(6 / (fanIn + fanOut));
      for (let j = 0; j < fanOut; j++) {
        for (let i = 0; i < fanIn; i++) theta[k++] = random.uniform(-r, r);
        theta[k++] = 0; // bias
      }
    }
    return theta;
  }

  /** The batch of points `indices` (default: all) of the row-major inputs `x` and targets `y`. */
  batch(x: Float32Array, y: Float32Array, indices?: ArrayLike<number>): Batch {
    const k = this.outputSize;
    const n = indices ? indices.length : y.length;
    const targets = float32s(k * n);
    for (let c = 0; c < n; c++) {
      const label = y[indices ? indices[c] : c];
      if (k === 1) targets[c] = label;
      else targets[label * n + c] = 1; // one-hot column
    }
    return { inputs: this.augmentedColumns(x, n, indices), targets, size: n };
  }

  /**
   * ∇θ of the mean loss over `batch`, as one flat tensor laid out like θ.
   *
   * Backpropagation, with δ⁽ℓ⁾ = n·∂L/∂(pre-activation of layer ℓ), one column per point:
   *   δ⁽ᴸ⁾ = ŷ − y
   *   ∂L/∂W̃⁽ℓ⁾ = δ⁽ℓ⁾ ã⁽ℓ⁻¹⁾ᵀ / n
   *   δ⁽ℓ⁻¹⁾ = (W⁽ℓ⁾ᵀ δ⁽ℓ⁾) ⊙ f′(a⁽ℓ⁻¹⁾)
   * where W⁽ℓ⁾ᵀ δ⁽ℓ⁾ is W̃⁽ℓ⁾ᵀ δ⁽ℓ⁾ without its last row (that row belongs to
   * the constant 1, which has no δ). The 1/n is applied once, to the flat gradient.
   *
   * All of it runs on Float32Arrays, from θ's values to one new tensor: the
   * matrix products are the CPU backend's BatchMatMul as ./fast-matmul.ts
   * computes it, the steps between them loops (./mlp-kernels.ts). A
   * TensorFlow.js op costs a fixed few microseconds of dispatch, shape checks
   * and allocation, more than the arithmetic of these small matrices; the
   * gradient used 16 of them per step on 2-8-8-1. The loops round to float32
   * exactly where the ops did, so the result is bit for bit what the ops gave
   * (tests/unit/train/mlp-kernels.test.ts keeps the op-by-op gradient).
   */
  gradient(theta: Tensor1D, batch: Batch): Tensor1D {
    const n = batch.size;
    const weights = this.blocks(theta.dataSync() as Float32Array);
    const { a, z } = this.forward(weights, batch.inputs, n);
    const L = weights.length;
    let delta = this.spec.task === 'regression' ? difference(z, batch.targets)
      : this.outputSize === 1 ? sigmoidMinus(z, batch.targets)
      : softmaxMinus(z, batch.targets, this.outputSize, n);
    const grad = float32s(this.parameterCount);
    const scale = Math.fround(1 / n); // tfjs turned the number into a float32 scalar
    let offset = this.parameterCount;
    for (let l = L - 1; l >= 0; l--) {
      const [out, inp] = [this.units[l + 1], this.units[l] + 1];
      const block = multiplyByColumns(delta, a[l], out, inp, n, BLOCK_SIZE);
      offset -= block.length;
      scaleInto(grad, offset, block, scale);
      if (l > 0) {
        const back = multiplyByRows(transposed(weights[l], out, inp), delta, inp, n, out, BLOCK_SIZE);
        // ã⁽ˡ⁾'s first units·n entries are a⁽ˡ⁾ = f(u): f′ is written through them.
        delta = timesDerivative(this.spec.activation, back, a[l], this.units[l] * n);
      }
    }
    return tensor1d(grad);
  }

  /**
   * The raw network output z for each of the row-major points `x`: the logit
   * for classification (k rows of n logits, row-major, for softmax), the
   * prediction for regression.
   */
  outputs(theta: Tensor1D, x: Float32Array): Float32Array {
    const n = x.length / this.units[0];
    return this.forward(this.blocks(theta.dataSync() as Float32Array), this.augmentedColumns(x, n), n).z;
  }

  /** x̃ᵀ for points `indices` (default 0 … n − 1) of the row-major `x`: one column per point, then a row of ones. */
  private augmentedColumns(x: Float32Array, n: number, indices?: ArrayLike<number>): Float32Array {
    const d = this.units[0];
    const columns = float32s((d + 1) * n);
    for (let c = 0; c < n; c++) {
      const p = indices ? indices[c] : c;
      for (let i = 0; i < d; i++) columns[i * n + c] = x[p * d + i];
      columns[d * n + c] = 1;
    }
    return columns;
  }

  /** θ as one [out, in + 1] row-major matrix per layer: views, no copies. */
  private blocks(theta: Float32Array): Float32Array[] {
    let offset = 0;
    return this.blockSizes.map((size) => theta.subarray(offset, (offset += size)));
  }

  /**
   * The forward pass: ã⁽⁰⁾ … ã⁽ᴸ⁻¹⁾, each [units + 1, n] with its row of ones,
   * ã⁽ℓ⁾ = [f(W̃⁽ℓ⁾ ã⁽ℓ⁻¹⁾); 1 … 1], and the last layer's raw output
   * z = W̃⁽ᴸ⁾ ã⁽ᴸ⁻¹⁾, [outputs, n].
   */
  private forward(weights: Float32Array[], inputs: Float32Array, n: number): { a: Float32Array[]; z: Float32Array } {
    const a = [inputs];
    for (let l = 0; l < weights.length - 1; l++) {
      const u = multiplyByRows(weights[l], a[l], this.units[l + 1], n, this.units[l] + 1, BLOCK_SIZE);
      a.push(withOnesRow(u, this.spec.activation, n));
    }
    const last = weights.length - 1;
    return { a, z: multiplyByRows(weights[last], a[last], this.outputSize, n, this.units[last] + 1, BLOCK_SIZE) };
  }
}

/** The logistic function σ(z) = 1 / (1 + e⁻ᶻ), evaluated without overflow. */
export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/**
 * Mean loss of raw outputs `z` against targets `y`, in float64. Cross-entropy
 * from the logit as max(z, 0) − y·z + log(1 + e^−|z|), which equals
 * log(1 + eᶻ) − y·z but never overflows; with k > 1 outputs (z: k rows of n)
 * softmax cross-entropy log Σᵢ e^(zᵢ − m) + m − z_y, m the largest logit;
 * regression ½(z − y)².
 */
export function meanLoss(task: Task, z: ArrayLike<number>, y: ArrayLike<number>, k = 1): number {
  if (k > 1) return meanSoftmaxLoss(z, y, k);
  let total = 0;
  for (let i = 0; i < y.length; i++) {
    total += task === 'classification'
      ? Math.max(z[i], 0) - y[i] * z[i] + Math.log1p(Math.exp(-Math.abs(z[i])))
      : 0.5 * (z[i] - y[i]) ** 2;
  }
  return total / y.length;
}

function meanSoftmaxLoss(z: ArrayLike<number>, y: ArrayLike<number>, k: number): number {
  const n = y.length;
  let total = 0;
  for (let c = 0; c < n; c++) {
    let m = -Infinity;
    for (let i = 0; i < k; i++) m = Math.max(m, z[i * n + c]);
    let s = 0;
    for (let i = 0; i < k; i++) s += Math.exp(z[i * n + c] - m);
    total += Math.log(s) + m - z[y[c] * n + c];
  }
  return total / n;
}

/**
 * The class each point is given from raw outputs `z` (as `meanLoss` takes
 * them): 1 where the logit is positive for two classes, the largest logit's
 * class (the first, on ties) for more. NaN outputs give class −1, never right.
 */
export function predictedClasses(z: ArrayLike<number>, n: number, k = 1): Int32Array {
  const out = new Int32Array(n);
  for (let c = 0; c < n; c++) {
    if (k === 1) {
      out[c] = z[c] > 0 ? 1 : z[c] <= 0 ? 0 : -1;
      continue;
    }
    let best = -1;
    for (let i = 0, top = -Infinity; i < k; i++) if (z[i * n + c] > top) [best, top] = [i, z[i * n + c]];
    out[c] = best;
  }
  return out;
}

/** Share of points whose predicted class is their label. */
export function accuracy(z: ArrayLike<number>, y: ArrayLike<number>, k = 1): number {
  const classes = predictedClasses(z, y.length, k);
  let right = 0;
  for (let c = 0; c < y.length; c++) if (classes[c] === y[c]) right++;
  return y.length ? right / y.length : NaN;
}
