import { add, div, mul, sqrt, square, sub, zerosLike } from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { Optimizer } from './types';
import { epsilon, learningRate, rho } from './hyper';

/**
 * RMSprop: Adagrad's sum of squared gradients replaced by a moving average,
 * so old gradients are forgotten and the step size does not decay to zero.
 *
 * $$v_t = \rho\, v_{t-1} + (1-\rho)\, g_t^2, \qquad \theta_t = \theta_{t-1} - \eta\,\frac{g_t}{\sqrt{v_t} + \varepsilon}$$
 *
 * Tieleman & Hinton, Coursera "Neural Networks for Machine Learning", lecture 6e, 2012.
 * Matches `torch.optim.RMSprop(alpha=ρ, centered=False, momentum=0)`, whose ε
 * sits outside the square root.
 */
export const rmsprop: Optimizer<{ lr: number; rho: number; eps: number }, { v: Tensor }> = {
  id: 'rmsprop',
  name: 'RMSprop',
  defaults: { lr: 1e-2, rho: 0.99, eps: 1e-8 },
  hyper: { lr: learningRate, rho, eps: epsilon },
  formula: [
    'v_t \\gets \\rho\\, v_{t-1} + (1-\\rho)\\, g_t^2',
    '\\theta_t \\gets \\theta_{t-1} - \\eta\\, \\frac{g_t}{\\sqrt{v_t} + \\varepsilon}',
  ],
  reference: {
    title: 'Tieleman & Hinton (2012), Neural Networks for Machine Learning, lecture 6e',
    url: 'https://www.cs.toronto.edu/~tijmen/csc321/slides/lecture_slides_lec6.pdf',
  },
  init: (param) => ({ v: zerosLike(param) }),
  update(param, grad, { v }, { lr, rho, eps }) {
    const vt = add(mul(rho, v), mul(1 - rho, square(grad))); // (1)
    const next = sub(param, div(mul(lr, grad), add(sqrt(vt), eps))); // (2)
    return [next, { v: vt }];
  },
};
