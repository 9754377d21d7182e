import { add, mul, sub, zerosLike } from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { Optimizer } from './types';
import { learningRate, momentum as momentumSpec } from './hyper';

/**
 * Heavy-ball momentum: a velocity accumulates past gradients and the step
 * follows the velocity, so consistent directions build up speed while
 * oscillating ones cancel.
 *
 * $$v_t = \mu\, v_{t-1} + g_t, \qquad \theta_t = \theta_{t-1} - \eta\, v_t$$
 *
 * Polyak, "Some methods of speeding up the convergence of iteration methods", 1964.
 * Matches `torch.optim.SGD(momentum=μ, dampening=0, nesterov=False)`. PyTorch
 * fills the buffer with g₁ on the first step, which is what μ·0 + g₁ gives here.
 */
export const momentum: Optimizer<{ lr: number; momentum: number }, { v: Tensor }> = {
  id: 'momentum',
  name: 'SGD with momentum',
  defaults: { lr: 1e-3, momentum: 0.9 },
  hyper: { lr: learningRate, momentum: momentumSpec },
  formula: [
    'v_t \\gets \\mu\\, v_{t-1} + g_t',
    '\\theta_t \\gets \\theta_{t-1} - \\eta\\, v_t',
  ],
  reference: {
    title: 'Polyak (1964), Some methods of speeding up the convergence of iteration methods',
    url: 'https://doi.org/10.1016/0041-5553(64)90137-5',
  },
  init: (param) => ({ v: zerosLike(param) }),
  update(param, grad, { v }, { lr, momentum: mu }) {
    const vt = add(mul(mu, v), grad); // (1)
    const next = sub(param, mul(lr, vt)); // (2)
    return [next, { v: vt }];
  },
};
