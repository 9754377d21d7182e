import { add, mul, sub, zerosLike } from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { Optimizer } from './types';
import { learningRate, momentum as momentumSpec } from './hyper';

/**
 * Momentum as Keras writes it: the learning rate goes into the velocity.
 *
 * $$v_t = \mu\, v_{t-1} - \eta\, g_t, \qquad \theta_t = \theta_{t-1} + v_t$$
 *
 * With a constant η this is PyTorch's rule with v scaled by −η, so both trace
 * the same path. Under a schedule they part: here a change of η reaches the
 * step only as old velocity decays, while PyTorch rescales the whole velocity
 * at once.
 *
 * Matches `keras.optimizers.SGD(momentum=μ, nesterov=False)` (Keras 3) and
 * TensorFlow 2's `tf.keras.optimizers.SGD`. Defaults are Keras's, except μ:
 * Keras defaults to 0, which would be plain SGD.
 */
export const momentumKeras: Optimizer<{ lr: number; momentum: number }, { v: Tensor }> = {
  id: 'momentum:keras',
  name: 'SGD with momentum (Keras)',
  note: 'Keras puts η inside the velocity (v ← μv − ηg, θ ← θ + v): same path as PyTorch for a constant η, different once η is scheduled.',
  defaults: { lr: 1e-2, momentum: 0.9 },
  hyper: { lr: learningRate, momentum: momentumSpec },
  formula: [
    'v_t \\gets \\mu\\, v_{t-1} - \\eta\\, g_t',
    '\\theta_t \\gets \\theta_{t-1} + v_t',
  ],
  reference: {
    title: 'Keras 3 API documentation, SGD',
    url: 'https://keras.io/api/optimizers/sgd/',
  },
  init: (param) => ({ v: zerosLike(param) }),
  update(param, grad, { v }, { lr, momentum: mu }) {
    const vt = sub(mul(mu, v), mul(lr, grad)); // (1)
    const next = add(param, vt); // (2)
    return [next, { v: vt }];
  },
};
