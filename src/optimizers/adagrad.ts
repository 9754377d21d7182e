import { add, div, mul, sqrt, square, sub, zerosLike } from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { Optimizer } from './types';
import { epsilon, initialAccumulator, learningRate } from './hyper';

/**
 * Adagrad: each coordinate's step is divided by the root of the sum of all
 * its squared gradients so far, so frequently large coordinates slow down
 * and rare ones keep a large step. The sum only grows, so steps only shrink.
 *
 * $$s_t = s_{t-1} + g_t^2, \qquad \theta_t = \theta_{t-1} - \eta\,\frac{g_t}{\sqrt{s_t} + \varepsilon}$$
 *
 * Duchi, Hazan & Singer, "Adaptive Subgradient Methods for Online Learning
 * and Stochastic Optimization", JMLR 2011.
 * Matches `torch.optim.Adagrad(lr_decay=0, weight_decay=0)`: s₀ is
 * `initial_accumulator_value` and ε sits outside the square root.
 */
export const adagrad: Optimizer<{ lr: number; eps: number; initialAccumulator: number }, { s: Tensor }> = {
  id: 'adagrad',
  name: 'Adagrad',
  defaults: { lr: 1e-2, eps: 1e-10, initialAccumulator: 0 },
  hyper: { lr: learningRate, eps: epsilon, initialAccumulator },
  formula: [
    's_t \\gets s_{t-1} + g_t^2',
    '\\theta_t \\gets \\theta_{t-1} - \\eta\\, \\frac{g_t}{\\sqrt{s_t} + \\varepsilon}',
  ],
  reference: {
    title: 'Duchi, Hazan & Singer (2011), Adaptive Subgradient Methods for Online Learning and Stochastic Optimization',
    url: 'https://jmlr.org/papers/v12/duchi11a.html',
  },
  init: (param) => ({ s: zerosLike(param) }),
  update(param, grad, { s }, { lr, eps, initialAccumulator: s0 }, t) {
    // init() cannot see s₀, so the sum starts at zero and s₀ joins it on the first step.
    const prev = t === 1 ? add(s, s0) : s;
    const st = add(prev, square(grad)); // (1)
    const next = sub(param, div(mul(lr, grad), add(sqrt(st), eps))); // (2)
    return [next, { s: st }];
  },
};
