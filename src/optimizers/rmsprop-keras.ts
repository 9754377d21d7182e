import { add, div, mul, sqrt, square, sub, zerosLike } from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { Optimizer } from './types';
import { epsilon, learningRate, rho } from './hyper';

/**
 * RMSprop as Keras writes it: ε inside the square root.
 *
 * $$v_t = \rho\, v_{t-1} + (1-\rho)\, g_t^2, \qquad \theta_t = \theta_{t-1} - \eta\,\frac{g_t}{\sqrt{v_t + \varepsilon}}$$
 *
 * Inside the root, ε puts a floor of √ε under the denominator: about 3·10⁻⁴
 * for Keras's ε = 1e-7, against PyTorch's floor of ε = 1e-8 itself. Gradients
 * whose RMS is below that floor are no longer normalised to steps of about η.
 *
 * Matches `keras.optimizers.RMSprop(centered=False, momentum=0)` in Keras 3
 * (`increment = lr * g / sqrt(velocity + epsilon)`) and TensorFlow.js's
 * `train.rmsprop`, with Keras's defaults η = 1e-3, ρ = 0.9, ε = 1e-7.
 */
export const rmspropKeras: Optimizer<{ lr: number; rho: number; eps: number }, { v: Tensor }> = {
  id: 'rmsprop:keras',
  name: 'RMSprop (Keras)',
  note: 'Keras 3 and TensorFlow.js put ε inside the square root, √(v + ε), and default to ρ = 0.9, ε = 1e-7, η = 1e-3.',
  defaults: { lr: 1e-3, rho: 0.9, eps: 1e-7 },
  hyper: { lr: learningRate, rho, eps: epsilon },
  formula: [
    'v_t \\gets \\rho\\, v_{t-1} + (1-\\rho)\\, g_t^2',
    '\\theta_t \\gets \\theta_{t-1} - \\eta\\, \\frac{g_t}{\\sqrt{v_t + \\varepsilon}}',
  ],
  reference: {
    title: 'Keras 3 API documentation, RMSprop',
    url: 'https://keras.io/api/optimizers/rmsprop/',
  },
  init: (param) => ({ v: zerosLike(param) }),
  update(param, grad, { v }, { lr, rho, eps }) {
    const vt = add(mul(rho, v), mul(1 - rho, square(grad))); // (1)
    const next = sub(param, div(mul(lr, grad), sqrt(add(vt, eps)))); // (2)
    return [next, { v: vt }];
  },
};
