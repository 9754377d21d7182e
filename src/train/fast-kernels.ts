/**
 * Faster CPU kernels for the four element-wise binary ops the optimizers use
 * on every step (Add, Sub, Multiply, RealDiv), for the cases the engine has:
 * two float32 tensors of one shape, or a float32 tensor and a float32 scalar.
 *
 * TensorFlow.js's own kernels handle broadcasting in general: per call they
 * compute strides and broadcast dimensions, and per element they take an
 * index modulo each input's length and call the op through a closure. On the
 * engine's vectors (a few dozen to a few thousand entries) that is most of the
 * kernel's time. These loops compute the same float64 result of each pair and
 * store it in a Float32Array, as the originals do, so the bits are the same
 * (tests/unit/train/fast-kernels.test.ts); any other case (broadcasting,
 * int32, complex) goes to the original kernel.
 */
import { getKernel, registerKernel, unregisterKernel } from '@tensorflow/tfjs-core';
import type { KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import type { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import { float32s } from './slab';

type Op = 'Add' | 'Sub' | 'Multiply' | 'RealDiv';
export const FAST_BINARY_OPS: readonly Op[] = ['Add', 'Sub', 'Multiply', 'RealDiv'];

const sameShape = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((d, i) => d === b[i]);

/** out[i] = a[i] op b[i], or with a scalar on one side (its one value read once): tight loops, one per case. */
function apply(op: Op, a: Float32Array, aScalar: boolean, b: Float32Array, bScalar: boolean, out: Float32Array): void {
  const n = out.length;
  if (aScalar && bScalar) {
    out[0] = arithmetic(op, a[0], b[0]);
    return;
  }
  if (bScalar) {
    const y = b[0];
    switch (op) {
      case 'Add': for (let i = 0; i < n; i++) out[i] = a[i] + y; return;
      case 'Sub': for (let i = 0; i < n; i++) out[i] = a[i] - y; return;
      case 'Multiply': for (let i = 0; i < n; i++) out[i] = a[i] * y; return;
      case 'RealDiv': for (let i = 0; i < n; i++) out[i] = a[i] / y; return;
    }
  }
  if (aScalar) {
    const x = a[0];
    switch (op) {
      case 'Add': for (let i = 0; i < n; i++) out[i] = x + b[i]; return;
      case 'Sub': for (let i = 0; i < n; i++) out[i] = x - b[i]; return;
      case 'Multiply': for (let i = 0; i < n; i++) out[i] = x * b[i]; return;
      case 'RealDiv': for (let i = 0; i < n; i++) out[i] = x / b[i]; return;
    }
  }
  switch (op) {
    case 'Add': for (let i = 0; i < n; i++) out[i] = a[i] + b[i]; return;
    case 'Sub': for (let i = 0; i < n; i++) out[i] = a[i] - b[i]; return;
    case 'Multiply': for (let i = 0; i < n; i++) out[i] = a[i] * b[i]; return;
    case 'RealDiv': for (let i = 0; i < n; i++) out[i] = a[i] / b[i]; return;
  }
}

const arithmetic = (op: Op, x: number, y: number) => (op === 'Add' ? x + y : op === 'Sub' ? x - y : op === 'Multiply' ? x * y : x / y);

function fastKernel(op: Op, original: KernelFunc): KernelFunc {
  return (args) => {
    const { a, b } = args.inputs as { a: TensorInfo; b: TensorInfo };
    if (a.dtype !== 'float32' || b.dtype !== 'float32') return original(args);
    // A rank-0 scalar broadcasts to the other's shape; anything else broadcasting goes to the original.
    const shape = sameShape(a.shape, b.shape) ? a.shape : b.shape.length === 0 ? a.shape : a.shape.length === 0 ? b.shape : null;
    if (!shape) return original(args);
    const backend = args.backend as MathBackendCPU;
    const aVals = backend.data.get(a.dataId).values as Float32Array;
    const bVals = backend.data.get(b.dataId).values as Float32Array;
    const out = float32s(shape.reduce((size, d) => size * d, 1));
    apply(op, aVals, aVals.length !== out.length, bVals, bVals.length !== out.length, out);
    return backend.makeTensorInfo(shape, 'float32', out);
  };
}

let installed = false;

/** Replaces the CPU backend's Add, Sub, Multiply and RealDiv kernels (once). */
export function installFastBinaryKernels(): void {
  if (installed) return;
  for (const op of FAST_BINARY_OPS) {
    const original = getKernel(op, 'cpu');
    if (!original) throw new Error(`fast kernels: the CPU backend has no ${op} kernel to replace`);
    unregisterKernel(op, 'cpu');
    registerKernel({ ...original, kernelFunc: fastKernel(op, original.kernelFunc) });
  }
  installed = true;
}
