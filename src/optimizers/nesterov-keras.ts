import { add, mul, sub, zerosLike } from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { Optimizer } from './types';
import { learningRate, momentum as momentumSpec } from './hyper';

/**
 * Nesterov momentum as Keras writes it, with η inside the velocity.
 *
 * $$v_t = \mu\, v_{t-1} - \eta\, g_t, \qquad \theta_t = \theta_{t-1} + \mu\, v_t - \eta\, g_t$$
 *
 * For a constant η this is PyTorch's `nesterov=True` rule with v scaled by −η;
 * the two differ only when η changes during training.
 *
 * Matches `keras.optimizers.SGD(momentum=μ, nesterov=True)` (Keras 3). Defaults
 * are Keras's, except μ (Keras defaults to 0).
 */
export const nesterovKeras: Optimizer<{ lr: number; momentum: number }, { v: Tensor }> = {
  id: 'nesterov:keras',
  name: 'Nesterov momentum (Keras)',
  note: 'Keras puts η inside the velocity (v ← μv − ηg, θ ← θ + μv − ηg): same path as PyTorch for a constant η, different once η is scheduled.',
  defaults: { lr: 1e-2, momentum: 0.9 },
  hyper: { lr: learningRate, momentum: momentumSpec },
  formula: [
    'v_t \\gets \\mu\\, v_{t-1} - \\eta\\, g_t',
    '\\theta_t \\gets \\theta_{t-1} + \\mu\\, v_t - \\eta\\, g_t',
  ],
  reference: {
    title: 'Keras 3 API documentation, SGD',
    url: 'https://keras.io/api/optimizers/sgd/',
  },
  init: (param) => ({ v: zerosLike(param) }),
  update(param, grad, { v }, { lr, momentum: mu }) {
    const vt = sub(mul(mu, v), mul(lr, grad)); // (1)
    const next = sub(add(param, mul(mu, vt)), mul(lr, grad)); // (2)
    return [next, { v: vt }];
  },
};
