import { add, div, mul, sqrt, square, sub, zerosLike } from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { Optimizer } from './types';
import { epsilon, learningRate, rho } from './hyper';

/**
 * Adadelta: RMSprop whose step is rescaled by the RMS of its own recent
 * steps, so the update carries the units of θ rather than of the gradient.
 * ε inside both roots lets the first steps, when u is still zero, move at all.
 *
 * $$v_t = \rho\, v_{t-1} + (1-\rho)\, g_t^2, \qquad
 *   \Delta_t = \frac{\sqrt{u_{t-1} + \varepsilon}}{\sqrt{v_t + \varepsilon}}\, g_t$$
 * $$u_t = \rho\, u_{t-1} + (1-\rho)\, \Delta_t^2, \qquad \theta_t = \theta_{t-1} - \eta\, \Delta_t$$
 *
 * Zeiler, "ADADELTA: An Adaptive Learning Rate Method", 2012.
 * Matches `torch.optim.Adadelta` (the paper is the case η = 1). Not the same
 * as TensorFlow.js's `train.adadelta`, which departs from the paper.
 */
export const adadelta: Optimizer<{ lr: number; rho: number; eps: number }, { v: Tensor; u: Tensor }> = {
  id: 'adadelta',
  name: 'Adadelta',
  defaults: { lr: 1.0, rho: 0.9, eps: 1e-6 },
  hyper: { lr: learningRate, rho: { ...rho, label: 'decay' }, eps: epsilon },
  formula: [
    'v_t \\gets \\rho\\, v_{t-1} + (1-\\rho)\\, g_t^2',
    '\\Delta_t \\gets \\frac{\\sqrt{u_{t-1} + \\varepsilon}}{\\sqrt{v_t + \\varepsilon}}\\, g_t',
    'u_t \\gets \\rho\\, u_{t-1} + (1-\\rho)\\, \\Delta_t^2',
    '\\theta_t \\gets \\theta_{t-1} - \\eta\\, \\Delta_t',
  ],
  reference: {
    title: 'Zeiler (2012), ADADELTA: An Adaptive Learning Rate Method',
    url: 'https://arxiv.org/abs/1212.5701',
  },
  init: (param) => ({ v: zerosLike(param), u: zerosLike(param) }),
  update(param, grad, { v, u }, { lr, rho, eps }) {
    const vt = add(mul(rho, v), mul(1 - rho, square(grad))); // (1)
    const delta = mul(div(sqrt(add(u, eps)), sqrt(add(vt, eps))), grad); // (2)
    const ut = add(mul(rho, u), mul(1 - rho, square(delta))); // (3)
    const next = sub(param, mul(lr, delta)); // (4)
    return [next, { v: vt, u: ut }];
  },
};
