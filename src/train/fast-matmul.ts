/**
 * A faster CPU kernel for BatchMatMul on the engine's case: two rank-2 float32
 * matrices, either one transposed or not (the network's forward pass and its
 * gradient, src/train/mlp.ts).
 *
 * TensorFlow.js's CPU kernel handles batches and broadcasting in general: per
 * call it reshapes both inputs to rank 3 and allocates through a TensorBuffer;
 * per product it recomputes both inputs' offsets from batch, row and column
 * strides, and for an untransposed right-hand side it walks a column, one row
 * length apart per term. Here both operands are read along contiguous rows (a
 * strided operand is copied once into its transpose), which on the digits
 * network (64-32-10) is most of the kernel's time.
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

/** `rows × cols` row-major → its transpose, `cols × rows` row-major. */
function transposed(values: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(values.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = values[r * cols + c];
  return out;
}

/**
 * C = A B for A given as its rows (`a`, m × k) and B given as its columns (`bt`, n × k),
 * summing k in blocks as TensorFlow.js's kernel does.
 */
export function multiplyRows(a: Float32Array, bt: Float32Array, m: number, n: number, k: number, block: number): Float32Array {
  const out = new Float32Array(m * n);
  for (let i = 0; i < m; i++) {
    const ai = i * k;
    for (let j = 0; j < n; j++) {
      const bj = j * k;
      let acc = 0;
      for (let k0 = 0; k0 < k; k0 += block) {
        const end = Math.min(k0 + block, k);
        let sum = 0.0;
        for (let t = k0; t < end; t++) sum += a[ai + t] * bt[bj + t];
        // The original adds each block's sum into its Float32Array: round there too.
        acc = Math.fround(acc + sum);
      }
      out[i * n + j] = acc;
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
    const columnsOfB = transposeB ? bVals : transposed(bVals, k, n);
    return backend.makeTensorInfo([m, n], 'float32', multiplyRows(rowsOfA, columnsOfB, m, n, k, backend.blockSize));
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
