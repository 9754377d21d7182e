import {
  concat, fused, matMul, mul, reshape, slice, split, square, step, sub, tanh, tensor2d, tidy,
} from '@tensorflow/tfjs-core';
import type { Tensor, Tensor1D, Tensor2D } from '@tensorflow/tfjs-core';
import type { Task } from './datasets';
import type { Random } from './random';

/**
 * A small fully connected network, forward and backward written by hand on
 * TensorFlow.js ops, for the live training widgets.
 *
 * Network: L = (number of hidden layers) + 1 affine layers,
 *   a⁽⁰⁾ = x,  a⁽ℓ⁾ = f(W⁽ℓ⁾ a⁽ℓ⁻¹⁾ + b⁽ℓ⁾)  (ℓ < L),  z = W⁽ᴸ⁾ a⁽ᴸ⁻¹⁾ + b⁽ᴸ⁾,
 * with one output z. Losses, averaged over the n points of a batch:
 *   classification: binary cross-entropy of the logit, ℓ(z, y) = log(1 + eᶻ) − y·z,
 *   regression:     half the squared error,            ℓ(z, y) = ½ (z − y)².
 * Both have ∂ℓ/∂z = ŷ − y (ŷ = σ(z), resp. z): that is why regression uses ½·mean.
 *
 * Layout. The parameters are ONE flat vector θ (the optimizer then updates one
 * tensor per step; a dozen small tensors would cost a dozen times its ops).
 * Layer ℓ owns one contiguous block θ⁽ℓ⁾ = W̃⁽ℓ⁾ of shape [out, in + 1], row-major:
 * row j is unit j's incoming weights followed by its bias. Blocks follow each other
 * from the input layer to the output.
 *
 * Activations are kept transposed, one column per point, with a row of ones
 * appended: ã = [a; 1] of shape [units + 1, n]. Then W̃ ã = W a + b is one matMul
 * with no bias add (an elementwise pass that costs more than a contiguous copy),
 * the gradient of a whole block, bias included, is one matMul too, and
 * appending the ones row is that contiguous copy.
 */

export type Activation = 'tanh' | 'relu' | 'sigmoid' | 'linear';
export const activations: readonly Activation[] = ['tanh', 'relu', 'sigmoid', 'linear'];

export interface MlpSpec {
  inputDim: number;
  /** Units per hidden layer: 1 to 4 layers of 1 to 16 units. */
  hidden: readonly number[];
  activation: Activation;
  task: Task;
}

/**
 * A batch as the network consumes it: inputs x̃ᵀ = [x₁ … xₙ; 1 … 1] of shape
 * [inputDim + 1, n], targets as a [1, n] row, and a [1, n] row of ones for the
 * hidden layers.
 */
export interface Batch {
  inputs: Tensor2D;
  targets: Tensor2D;
  ones: Tensor2D;
  size: number;
}

export class Mlp {
  /** Units per layer, input to output: [inputDim, ...hidden, 1]. */
  readonly units: readonly number[];
  /** Length of θ: Σ out·(in + 1) over the layers. */
  readonly parameterCount: number;
  private readonly blockSizes: number[];

  constructor(readonly spec: MlpSpec) {
    const { inputDim, hidden, activation } = spec;
    if (!(Number.isInteger(inputDim) && inputDim >= 1)) throw new Error(`mlp: inputDim must be a whole number ≥ 1, got ${inputDim}`);
    if (hidden.length < 1 || hidden.length > 4) throw new Error(`mlp: 1 to 4 hidden layers, got ${hidden.length}`);
    for (const u of hidden) {
      if (!(Number.isInteger(u) && u >= 1 && u <= 16)) throw new Error(`mlp: a hidden layer has 1 to 16 units, got ${u}`);
    }
    if (!activations.includes(activation)) throw new Error(`mlp: unknown activation '${activation}' (expected: ${activations.join(', ')})`);
    this.units = [inputDim, ...hidden, 1];
    this.blockSizes = this.units.slice(1).map((out, l) => out * (this.units[l] + 1));
    this.parameterCount = this.blockSizes.reduce((a, b) => a + b, 0);
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

  /**
   * The batch of points `indices` (default: all) of the row-major inputs `x`
   * and targets `y`, as new tensors: dispose them, or create them inside tidy().
   */
  batch(x: Float32Array, y: Float32Array, indices?: ArrayLike<number>): Batch {
    const d = this.units[0];
    const n = indices ? indices.length : y.length;
    const targets = new Float32Array(n);
    for (let c = 0; c < n; c++) targets[c] = y[indices ? indices[c] : c];
    return {
      inputs: tensor2d(this.augmentedColumns(x, n, indices), [d + 1, n]),
      targets: tensor2d(targets, [1, n]),
      ones: tensor2d(new Float32Array(n).fill(1), [1, n]),
      size: n,
    };
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
   * Ops for H hidden layers of activation f: 1 split + L reshapes (views of θ),
   * forward 2 per hidden layer (+1 for tanh) + 1, backward 1 sub, L matMuls for
   * the blocks and per hidden layer 1 matMul, 1 slice and f′ (tanh and
   * sigmoid 3, relu 2, linear 0), then L reshapes, 1 concat and 1 mul. For
   * 2-8-8-1 tanh: 4 + 7 + 14 + 5 = 30 ops, which tf.profile counts as 34
   * kernels (the fused matMul adds reshapes around its kernel). Slices and
   * reshapes of contiguous data share memory on the CPU backend, so they cost
   * bookkeeping only; every other op allocates its output.
   */
  gradient(theta: Tensor1D, batch: Batch): Tensor1D {
    return tidy(() => {
      const W = this.blocks(theta);
      const L = W.length;
      const a: Tensor2D[] = [batch.inputs]; // ã⁽⁰⁾ … ã⁽ᴸ⁻¹⁾, each with its row of ones
      const h: Tensor2D[] = []; // a⁽¹⁾ … a⁽ᴸ⁻¹⁾ without it, for f′
      for (let l = 0; l < L - 1; l++) {
        h.push(this.hiddenLayer(W[l], a[l]));
        a.push(concat([h[l], batch.ones], 0));
      }
      const yHat = this.spec.task === 'classification'
        ? fused.matMul({ a: W[L - 1], b: a[L - 1], activation: 'sigmoid' }) as Tensor2D
        : matMul(W[L - 1], a[L - 1]);

      let delta: Tensor2D = sub(yHat, batch.targets);
      const grads: Tensor[] = new Array(L);
      for (let l = L - 1; l >= 0; l--) {
        grads[l] = reshape(matMul(delta, a[l], false, true), [-1]);
        if (l > 0) {
          const back = slice(matMul<Tensor2D>(W[l], delta, true, false), [0, 0], [this.units[l], batch.size]);
          delta = this.timesDerivative(back, h[l - 1]);
        }
      }
      return mul(concat(grads), 1 / batch.size);
    });
  }

  /**
   * The raw network output z for each of the row-major points `x`: the logit
   * for classification, the prediction for regression. Reads the result back.
   */
  outputs(theta: Tensor1D, x: Float32Array): Float32Array {
    const d = this.units[0];
    const n = x.length / d;
    const z = tidy(() => {
      const W = this.blocks(theta);
      const ones = tensor2d(new Float32Array(n).fill(1), [1, n]);
      let a = tensor2d(this.augmentedColumns(x, n), [d + 1, n]);
      for (let l = 0; l < W.length - 1; l++) a = concat([this.hiddenLayer(W[l], a), ones], 0);
      return matMul(W[W.length - 1], a);
    });
    const values = (z.dataSync() as Float32Array).slice(); // the CPU backend hands out its own buffer
    z.dispose();
    return values;
  }

  /** x̃ᵀ for points `indices` (default 0 … n − 1) of the row-major `x`: one column per point, then a row of ones. */
  private augmentedColumns(x: Float32Array, n: number, indices?: ArrayLike<number>): Float32Array {
    const d = this.units[0];
    const columns = new Float32Array((d + 1) * n);
    for (let c = 0; c < n; c++) {
      const p = indices ? indices[c] : c;
      for (let i = 0; i < d; i++) columns[i * n + c] = x[p * d + i];
      columns[d * n + c] = 1;
    }
    return columns;
  }

  /** θ as one [out, in + 1] matrix per layer. One split, one reshape per layer; no copies. */
  private blocks(theta: Tensor1D): Tensor2D[] {
    return split(theta, this.blockSizes).map((block, l) =>
      reshape(block, [this.units[l + 1], this.units[l] + 1]),
    );
  }

  /** a⁽ℓ⁾ = f(W̃ ã⁽ℓ⁻¹⁾). ReLU and sigmoid fuse into the matMul kernel; the CPU backend has no fused tanh. */
  private hiddenLayer(w: Tensor2D, a: Tensor2D): Tensor2D {
    switch (this.spec.activation) {
      case 'tanh':
        return tanh(matMul<Tensor2D>(w, a));
      case 'relu':
      case 'sigmoid':
        return fused.matMul({ a: w, b: a, activation: this.spec.activation }) as Tensor2D;
      case 'linear':
        return matMul(w, a);
    }
  }

  /** back ⊙ f′, with f′ written through the activation's output a = f(u). */
  private timesDerivative(back: Tensor2D, a: Tensor2D): Tensor2D {
    switch (this.spec.activation) {
      case 'tanh': // tanh′ = 1 − tanh²
        return mul(back, sub(1, square(a)));
      case 'sigmoid': // σ′ = σ(1 − σ)
        return mul(back, mul(a, sub(1, a)));
      case 'relu': // 1 where u > 0 (⇔ a > 0), else 0: PyTorch's choice at the kink
        return mul(back, step(a));
      case 'linear':
        return back;
    }
  }
}

/** Release a batch's tensors. */
export function disposeBatch(batch: Batch): void {
  batch.inputs.dispose();
  batch.targets.dispose();
  batch.ones.dispose();
}

/** The logistic function σ(z) = 1 / (1 + e⁻ᶻ), evaluated without overflow. */
export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/**
 * Mean loss of raw outputs `z` against targets `y`, in float64. Cross-entropy
 * from the logit as max(z, 0) − y·z + log(1 + e^−|z|), which equals
 * log(1 + eᶻ) − y·z but never overflows; regression ½(z − y)².
 */
export function meanLoss(task: Task, z: ArrayLike<number>, y: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < y.length; i++) {
    total += task === 'classification'
      ? Math.max(z[i], 0) - y[i] * z[i] + Math.log1p(Math.exp(-Math.abs(z[i])))
      : 0.5 * (z[i] - y[i]) ** 2;
  }
  return total / y.length;
}
