import { add, mul, sign, sub, zerosLike } from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { Optimizer } from './types';
import { beta1, beta2, learningRate, weightDecay } from './hyper';

/**
 * Lion: keep only the sign of an interpolation between momentum and the
 * fresh gradient, so every coordinate moves by exactly η. Two different
 * rates are used on purpose: β₁ mixes in more of the current gradient for the
 * step, while the momentum itself is updated more slowly with β₂. Weight
 * decay is decoupled, as in AdamW. Found by program search.
 *
 * $$c_t = \beta_1 m_{t-1} + (1-\beta_1)\, g_t, \qquad
 *   \theta_t = \theta_{t-1} - \eta\,\big(\operatorname{sign}(c_t) + \lambda\,\theta_{t-1}\big), \qquad
 *   m_t = \beta_2 m_{t-1} + (1-\beta_2)\, g_t$$
 *
 * Chen et al., "Symbolic Discovery of Optimization Algorithms", NeurIPS 2023
 * (Program 1). There is no `torch.optim` class; this follows the paper.
 * Because every step has size η, its learning rate wants to be 3–10× smaller
 * than Adam's.
 */
export const lion: Optimizer<
  { lr: number; beta1: number; beta2: number; weightDecay: number },
  { m: Tensor }
> = {
  id: 'lion',
  name: 'Lion',
  defaults: { lr: 1e-4, beta1: 0.9, beta2: 0.99, weightDecay: 0 },
  hyper: {
    lr: learningRate,
    beta1: { ...beta1, label: 'interpolation for the step' },
    beta2: { ...beta2, label: 'momentum decay' },
    weightDecay,
  },
  formula: [
    'c_t \\gets \\beta_1 m_{t-1} + (1-\\beta_1)\\, g_t',
    '\\theta_t \\gets \\theta_{t-1} - \\eta\\,\\big(\\operatorname{sign}(c_t) + \\lambda\\,\\theta_{t-1}\\big)',
    'm_t \\gets \\beta_2 m_{t-1} + (1-\\beta_2)\\, g_t',
  ],
  reference: {
    title: 'Chen et al. (2023), Symbolic Discovery of Optimization Algorithms',
    url: 'https://arxiv.org/abs/2302.06675',
  },
  init: (param) => ({ m: zerosLike(param) }),
  update(param, grad, { m }, { lr, beta1, beta2, weightDecay }) {
    const c = add(mul(beta1, m), mul(1 - beta1, grad)); // (1)
    const next = sub(param, mul(lr, add(sign(c), mul(weightDecay, param)))); // (2)
    const mt = add(mul(beta2, m), mul(1 - beta2, grad)); // (3)
    return [next, { m: mt }];
  },
};
