import { mul, sub } from '@tensorflow/tfjs-core';
import type { Optimizer } from './types';
import { learningRate } from './hyper';

/**
 * Plain (stochastic) gradient descent: step against the gradient.
 *
 * $$\theta_t = \theta_{t-1} - \eta\, g_t$$
 *
 * Robbins & Monro, "A Stochastic Approximation Method", 1951.
 * Matches `torch.optim.SGD(momentum=0)`.
 */
export const sgd: Optimizer<{ lr: number }, Record<string, never>> = {
  id: 'sgd',
  name: 'SGD',
  defaults: { lr: 1e-3 },
  hyper: { lr: learningRate },
  formula: ['\\theta_t \\gets \\theta_{t-1} - \\eta\\, g_t'],
  reference: {
    title: 'Robbins & Monro (1951), A Stochastic Approximation Method',
    url: 'https://doi.org/10.1214/aoms/1177729586',
  },
  init: () => ({}),
  update(param, grad, state, { lr }) {
    const next = sub(param, mul(lr, grad)); // (1)
    return [next, state];
  },
};
