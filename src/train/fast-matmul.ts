/**
 * A faster CPU kernel for BatchMatMul on the engine's case: two rank-2 float32
 * matrices, either one transposed or not (the network's forward pass and its
 * gradient, src/train/mlp.ts).
 *
 * TensorFlow.js's CPU kernel handles batches and broadcasting in general: per
 * call it reshapes both inputs to rank 3 and allocates through a TensorBuffer;
 * per product it recomputes both inputs' offsets from batch, row and column
 * strides, and for an untransposed right-hand side it walks a column, one row
 * length apart per term. Here every inner loop runs along contiguous rows: dot
 * products of rows when B comes transposed, else rows of B scaled and summed
 * (a transposed A is copied once into rows).
 *
 * The bits are the original's (tests/unit/train/fast-matmul.test.ts): it sums
 * the shared dimension in blocks of the backend's `blockSize` (48), each block
 * in float64 from 0 in increasing k, and adds each block's sum to a float32
 * result; so does this, in the same order. Anything else (a batch, another
 * dtype) goes to the original kernel.
 */
import { getKernel, registerKernel, unregisterKernel } from '@tensorflow/tfjs-core';
import type { KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import type { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import { float32s } from './slab';

/** The CPU backend's `blockSize`: the length of the runs in which it sums a product's shared dimension. */
export const BLOCK_SIZE = 48;

/** `rows × cols` row-major → its transpose, `cols × rows` row-major. */
export function transposed(values: Float32Array, rows: number, cols: number): Float32Array {
  const out = float32s(values.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = values[r * cols + c];
  return out;
}

/**
 * C = A B for A as its rows (`a`, m × k) and B as its columns (`bt`, n × k): each entry a dot
 * product along two contiguous rows, the shared dimension summed in blocks as TensorFlow.js does.
 * Four entries of a row of C at a time, so each a(i, t) is read once for four products; every
 * entry still has its own sum, in the same order.
 */
export function multiplyByColumns(a: Float32Array, bt: Float32Array, m: number, n: number, k: number, block: number): Float32Array {
  const out = float32s(m * n);
  const n4 = n - (n % 4);
  for (let i = 0; i < m; i++) {
    const ai = i * k;
    const ci = i * n;
    for (let j = 0; j < n4; j += 4) {
      const [b0, b1, b2, b3] = [j * k, (j + 1) * k, (j + 2) * k, (j + 3) * k];
      let acc0 = 0, acc1 = 0, acc2 = 0, acc3 = 0;
      for (let k0 = 0; k0 < k; k0 += block) {
        const end = Math.min(k0 + block, k);
        let s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
        for (let t = k0; t < end; t++) {
          const at = a[ai + t];
          s0 += at * bt[b0 + t];
          s1 += at * bt[b1 + t];
          s2 += at * bt[b2 + t];
          s3 += at * bt[b3 + t];
        }
        // The original adds each block's sum into its Float32Array: round there too.
        acc0 = Math.fround(acc0 + s0);
        acc1 = Math.fround(acc1 + s1);
        acc2 = Math.fround(acc2 + s2);
        acc3 = Math.fround(acc3 + s3);
      }
      out[ci + j] = acc0;
      out[ci + j + 1] = acc1;
      out[ci + j + 2] = acc2;
      out[ci + j + 3] = acc3;
    }
    for (let j = n4; j < n; j++) {
      const bj = j * k;
      let acc = 0;
      for (let k0 = 0; k0 < k; k0 += block) {
        const end = Math.min(k0 + block, k);
        let sum = 0.0;
        for (let t = k0; t < end; t++) sum += a[ai + t] * bt[bj + t];
        acc = Math.fround(acc + sum);
      }
      out[ci + j] = acc;
    }
  }
  return out;
}

let sums = new Float64Array(128); // multiplyByRows's running sums, kept between calls

/**
 * C = A B for A as its rows (`a`, m × k) and B as its rows (`b`, k × n): adding a(i, t) times
 * row t of B into float64 sums, in increasing t, so each entry's sum is the dot product's, term
 * for term; each block's sums are then added into the float32 row. Contiguous inner loops along
 * a row of n: the network's forward pass (k = a layer's width + 1, n = the batch) and its
 * backward pass. Two rows of C at a time, so each entry of B is read once for two products.
 */
export function multiplyByRows(a: Float32Array, b: Float32Array, m: number, n: number, k: number, block: number): Float32Array {
  const out = float32s(m * n);
  if (sums.length < 2 * n) sums = new Float64Array(2 * n);
  const sum = sums;
  let i = 0;
  for (; i + 1 < m; i += 2) {
    const [a0, a1] = [i * k, (i + 1) * k];
    const [c0, c1] = [i * n, (i + 1) * n];
    for (let k0 = 0; k0 < k; k0 += block) {
      const end = Math.min(k0 + block, k);
      sum.fill(0, 0, 2 * n);
      for (let t = k0; t < end; t++) {
        const [x0, x1] = [a[a0 + t], a[a1 + t]];
        const bt = t * n;
        for (let j = 0; j < n; j++) {
          const y = b[bt + j];
          sum[j] += x0 * y;
          sum[n + j] += x1 * y;
        }
      }
      for (let j = 0; j < n; j++) {
        out[c0 + j] = Math.fround(out[c0 + j] + sum[j]);
        out[c1 + j] = Math.fround(out[c1 + j] + sum[n + j]);
      }
    }
  }
  for (; i < m; i++) {
    const ai = i * k;
    const ci = i * n;
    for (let k0 = 0; k0 < k; k0 += block) {
      const end = Math.min(k0 + block, k);
      sum.fill(0, 0, n);
      for (let t = k0; t < end; t++) {
        const x = a[ai + t];
        const bt = t * n;
        for (let j = 0; j < n; j++) sum[j] += x * b[bt + j];
      }
      for (let j = 0; j < n; j++) out[ci + j] = Math.fround(out[ci + j] + sum[j]);
    }
  }
  return out;
}

function fastMatMul(original: KernelFunc): KernelFunc {
  return (args) => {
    const { a, b } = args.inputs as { a: TensorInfo; b: TensorInfo };
    const { transposeA, transposeB } = args.attrs as { transposeA: boolean; transposeB: boolean };
    if (a.dtype !== 'float32' || b.dtype !== 'float32' || a.shape.length !== 2 || b.shape.length !== 2) return original(args);
    const m = transposeA ? a.shape[1] : a.shape[0];
    const k = transposeA ? a.shape[0] : a.shape[1];
    const n = transposeB ? b.shape[0] : b.shape[1];
    // A mismatch gets the original's error message.
    if (k !== (transposeB ? b.shape[1] : b.shape[0])) return original(args);
    const backend = args.backend as MathBackendCPU;
    const aVals = backend.data.get(a.dataId).values as Float32Array;
    const bVals = backend.data.get(b.dataId).values as Float32Array;
    const rowsOfA = transposeA ? transposed(aVals, k, m) : aVals;
    const product = transposeB ? multiplyByColumns(rowsOfA, bVals, m, n, k, BLOCK_SIZE) : multiplyByRows(rowsOfA, bVals, m, n, k, BLOCK_SIZE);
    return backend.makeTensorInfo([m, n], 'float32', product);
  };
}

let installed = false;

/** Replaces the CPU backend's BatchMatMul kernel (once). */
export function installFastMatMul(): void {
  if (installed) return;
  const original = getKernel('BatchMatMul', 'cpu');
  if (!original) throw new Error('fast kernels: the CPU backend has no BatchMatMul kernel to replace');
  unregisterKernel('BatchMatMul', 'cpu');
  registerKernel({ ...original, kernelFunc: fastMatMul(original.kernelFunc) });
  installed = true;
}
