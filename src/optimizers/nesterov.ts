import { add, mul, sub, zerosLike } from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { Optimizer } from './types';
import { learningRate, momentum as momentumSpec } from './hyper';

/**
 * Nesterov momentum in the form deep-learning libraries use: the step takes
 * the fresh gradient plus the velocity it is about to follow, a look-ahead
 * that damps the overshoot of plain momentum.
 *
 * $$v_t = \mu\, v_{t-1} + g_t, \qquad \theta_t = \theta_{t-1} - \eta\,(g_t + \mu\, v_t)$$
 *
 * Nesterov (1983); this rewriting in terms of the gradient at the current
 * point is from Sutskever, Martens, Dahl & Hinton (2013).
 * Matches `torch.optim.SGD(momentum=μ, dampening=0, nesterov=True)`.
 */
export const nesterov: Optimizer<{ lr: number; momentum: number }, { v: Tensor }> = {
  id: 'nesterov',
  name: 'Nesterov momentum',
  defaults: { lr: 1e-3, momentum: 0.9 },
  hyper: { lr: learningRate, momentum: momentumSpec },
  formula: [
    'v_t \\gets \\mu\\, v_{t-1} + g_t',
    '\\theta_t \\gets \\theta_{t-1} - \\eta\\,(g_t + \\mu\\, v_t)',
  ],
  reference: {
    title: 'Sutskever, Martens, Dahl & Hinton (2013), On the importance of initialization and momentum in deep learning',
    url: 'https://proceedings.mlr.press/v28/sutskever13.html',
  },
  init: (param) => ({ v: zerosLike(param) }),
  update(param, grad, { v }, { lr, momentum: mu }) {
    const vt = add(mul(mu, v), grad); // (1)
    const next = sub(param, mul(lr, add(grad, mul(mu, vt)))); // (2)
    return [next, { v: vt }];
  },
};
