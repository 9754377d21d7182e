// The one place that loads TensorFlow.js. Widgets import it lazily (it is heavy),
// so nothing here runs before a widget comes into view.
import '@tensorflow/tfjs-backend-cpu';
import { ready as tfReady, setBackend } from '@tensorflow/tfjs-core';

let backend: Promise<void> | undefined;

/** Resolves once the CPU backend is active (measured fastest for our tiny networks). */
export function ready(): Promise<void> {
  backend ??= setBackend('cpu').then(() => tfReady());
  return backend;
}
