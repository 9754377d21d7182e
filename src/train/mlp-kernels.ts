/**
 * The element-wise steps of the network's forward and backward pass (see
 * Mlp.gradient in ./mlp.ts), as plain loops over Float32Arrays.
 *
 * Each loop computes what a chain of TensorFlow.js CPU kernels computed, bit
 * for bit: a kernel works in float64 and stores its result in a Float32Array,
 * so a chain of kernels rounds to float32 after every op. Where a loop fuses
 * several ops it rounds in the same places with Math.fround (a store into a
 * Float32Array rounds the last one). tests/unit/train/mlp-kernels.test.ts
 * checks the equality against the ops themselves.
 */
import type { Activation } from './mlp';
import { float32s } from './slab';

/**
 * [f(u); 1 … 1]: `u` ([units, n] row-major) through the activation, then a row
 * of n ones. Each f is the CPU backend's own kernel function (Tanh, Relu,
 * Sigmoid, the last two as fused into a matMul).
 */
export function withOnesRow(u: Float32Array, activation: Activation, n: number): Float32Array {
  const out = float32s(u.length + n);
  switch (activation) {
    case 'tanh':
      for (let i = 0; i < u.length; i++) out[i] = Math.tanh(u[i]);
      break;
    case 'relu':
      for (let i = 0; i < u.length; i++) out[i] = Math.max(0, u[i]);
      break;
    case 'sigmoid':
      for (let i = 0; i < u.length; i++) out[i] = 1 / (1 + Math.exp(-u[i]));
      break;
    case 'linear':
      out.set(u);
      break;
  }
  out.fill(1, u.length);
  return out;
}

/** σ(z) − y, element-wise, σ rounded to float32 first (tfjs Sigmoid, then Sub). */
export function sigmoidMinus(z: Float32Array, y: Float32Array): Float32Array {
  const out = float32s(z.length);
  for (let i = 0; i < z.length; i++) out[i] = Math.fround(1 / (1 + Math.exp(-z[i]))) - y[i];
  return out;
}

/** a − b, element-wise (tfjs Sub). */
export function difference(a: Float32Array, b: Float32Array): Float32Array {
  const out = float32s(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] - b[i];
  return out;
}

/**
 * softmax(z) − y down each of the n columns of the [k, n] logits z, as tfjs's
 * ops computed it: e = exp(z − max(z, 0)), ŷ = e / sum(e, 0), ŷ − y. Max and
 * Sum reduce each column in row order (Sum adds in float64, then rounds).
 */
export function softmaxMinus(z: Float32Array, y: Float32Array, k: number, n: number): Float32Array {
  const out = float32s(k * n);
  const e = new Float32Array(k);
  for (let c = 0; c < n; c++) {
    let m = z[c];
    for (let i = 0; i < k; i++) {
      const v = z[i * n + c];
      if (Number.isNaN(v) || v > m) m = v; // tfjs Max: a NaN wins
    }
    let s = 0;
    for (let i = 0; i < k; i++) {
      e[i] = Math.exp(Math.fround(z[i * n + c] - m));
      s += e[i];
    }
    const sum = Math.fround(s);
    for (let i = 0; i < k; i++) out[i * n + c] = Math.fround(e[i] / sum) - y[i * n + c];
  }
  return out;
}

/**
 * back ⊙ f′ over the first `count` entries, f′ written through the
 * activation's output h = f(u), as tfjs's ops did:
 *   tanh    mul(back, sub(1, square(h)))   tanh′ = 1 − tanh²
 *   sigmoid mul(back, mul(h, sub(1, h)))   σ′ = σ(1 − σ)
 *   relu    mul(back, step(h))             1 where u > 0 (⇔ h > 0), else 0: PyTorch's choice at the kink
 *   linear  back
 */
export function timesDerivative(activation: Activation, back: Float32Array, h: Float32Array, count: number): Float32Array {
  const out = float32s(count);
  switch (activation) {
    case 'tanh':
      for (let i = 0; i < count; i++) out[i] = back[i] * Math.fround(1 - Math.fround(h[i] * h[i]));
      break;
    case 'sigmoid':
      for (let i = 0; i < count; i++) out[i] = back[i] * Math.fround(h[i] * Math.fround(1 - h[i]));
      break;
    case 'relu':
      for (let i = 0; i < count; i++) out[i] = back[i] * (Number.isNaN(h[i]) ? NaN : h[i] > 0 ? 1 : 0); // tfjs Step, alpha 0
      break;
    case 'linear':
      out.set(back.subarray(0, count));
      break;
  }
  return out;
}

/** target[offset + i] = block[i] · scale (tfjs Mul by a float32 scalar). */
export function scaleInto(target: Float32Array, offset: number, block: Float32Array, scale: number): void {
  for (let i = 0; i < block.length; i++) target[offset + i] = block[i] * scale;
}
