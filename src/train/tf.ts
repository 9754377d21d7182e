// The one place that loads TensorFlow.js. Widgets import it lazily (it is heavy),
// so nothing here runs before a widget comes into view.
import '@tensorflow/tfjs-backend-cpu';
import { memory, ready as tfReady, setBackend } from '@tensorflow/tfjs-core';
import { installFastBinaryKernels } from './fast-kernels';
import { installFastMatMul } from './fast-matmul';

let backend: Promise<void> | undefined;

/** Resolves once the CPU backend is active (measured fastest for our tiny networks), with its faster binary and matMul kernels. */
export function ready(): Promise<void> {
  backend ??= setBackend('cpu').then(() => {
    installFastBinaryKernels();
    installFastMatMul();
    return tfReady();
  });
  return backend;
}

// The widgets' tensorCount getter reads this, so a page (or a test) can check for leaks without bundling tfjs twice.
(globalThis as { __descentTensorCount?: () => number }).__descentTensorCount = () => memory().numTensors;
