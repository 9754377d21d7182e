import { abs, add, div, maximum, mul, sub, zerosLike } from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { Optimizer } from './types';
import { beta1, beta2, epsilon, learningRate } from './hyper';

/**
 * Adamax: Adam with the root-mean-square replaced by an exponentially
 * weighted maximum (the p → ∞ limit of an Lᵖ average). A maximum started at
 * zero is not biased towards zero the way an average is, so only m needs
 * bias correction.
 *
 * $$m_t = \beta_1 m_{t-1} + (1-\beta_1)\, g_t, \qquad u_t = \max(\beta_2 u_{t-1},\, |g_t| + \varepsilon)$$
 * $$\theta_t = \theta_{t-1} - \frac{\eta}{1-\beta_1^t}\, \frac{m_t}{u_t}$$
 *
 * Kingma & Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015 (section 7.1).
 * Matches `torch.optim.Adamax`, which puts ε inside the maximum (the paper
 * has none); TensorFlow.js's `train.adamax` instead adds ε to u in the divisor.
 */
export const adamax: Optimizer<
  { lr: number; beta1: number; beta2: number; eps: number },
  { m: Tensor; u: Tensor }
> = {
  id: 'adamax',
  name: 'Adamax',
  defaults: { lr: 2e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8 },
  hyper: { lr: learningRate, beta1, beta2: { ...beta2, label: 'infinity-norm decay' }, eps: epsilon },
  formula: [
    'm_t \\gets \\beta_1 m_{t-1} + (1-\\beta_1)\\, g_t',
    'u_t \\gets \\max(\\beta_2 u_{t-1},\\, |g_t| + \\varepsilon)',
    '\\theta_t \\gets \\theta_{t-1} - \\frac{\\eta}{1-\\beta_1^t}\\, \\frac{m_t}{u_t}',
  ],
  reference: {
    title: 'Kingma & Ba (2015), Adam: A Method for Stochastic Optimization, section 7.1',
    url: 'https://arxiv.org/abs/1412.6980',
  },
  init: (param) => ({ m: zerosLike(param), u: zerosLike(param) }),
  update(param, grad, { m, u }, { lr, beta1, beta2, eps }, t) {
    const mt = add(mul(beta1, m), mul(1 - beta1, grad)); // (1)
    const ut = maximum(mul(beta2, u), add(abs(grad), eps)); // (2)
    const next = sub(param, mul(lr / (1 - beta1 ** t), div(mt, ut))); // (3)
    return [next, { m: mt, u: ut }];
  },
};
