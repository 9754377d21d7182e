import { add, div, mul, sqrt, square, sub, zerosLike } from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { Optimizer } from './types';
import { beta1, beta2, epsilon, learningRate } from './hyper';

/**
 * Adam without its bias correction: Kingma & Ba's Algorithm 1 with the two
 * lines that compute m̂ and v̂ left out, so the step divides the raw averages.
 * No framework ships it; it is here to show what the correction does. For a
 * steady gradient each step is too long by (1 − β₁ᵗ)/√(1 − β₂ᵗ): 3.16 at
 * t = 1, 6.57 at t = 12, 3.24 at t = 100, 1.26 at t = 1000 with the defaults.
 *
 * $$m_t = \beta_1 m_{t-1} + (1-\beta_1)\, g_t, \qquad v_t = \beta_2 v_{t-1} + (1-\beta_2)\, g_t^2$$
 * $$\theta_t = \theta_{t-1} - \eta\, \frac{m_t}{\sqrt{v_t} + \varepsilon}$$
 */
export const adamNobias: Optimizer<
  { lr: number; beta1: number; beta2: number; eps: number },
  { m: Tensor; v: Tensor }
> = {
  id: 'adam:nobias',
  name: 'Adam (no bias correction)',
  note: 'Not a framework’s variant: Adam with the bias correction removed, to show what the correction does.',
  defaults: { lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8 },
  hyper: { lr: learningRate, beta1, beta2, eps: epsilon },
  formula: [
    'm_t \\gets \\beta_1 m_{t-1} + (1-\\beta_1)\\, g_t',
    'v_t \\gets \\beta_2 v_{t-1} + (1-\\beta_2)\\, g_t^2',
    '\\theta_t \\gets \\theta_{t-1} - \\eta\\, \\frac{m_t}{\\sqrt{v_t} + \\varepsilon}',
  ],
  reference: {
    title: 'Kingma & Ba (2015), Adam: A Method for Stochastic Optimization (section 3, initialization bias correction)',
    url: 'https://arxiv.org/abs/1412.6980',
  },
  init: (param) => ({ m: zerosLike(param), v: zerosLike(param) }),
  update(param, grad, { m, v }, { lr, beta1, beta2, eps }) {
    const mt = add(mul(beta1, m), mul(1 - beta1, grad)); // (1)
    const vt = add(mul(beta2, v), mul(1 - beta2, square(grad))); // (2)
    const next = sub(param, div(mul(lr, mt), add(sqrt(vt), eps))); // (3)
    return [next, { m: mt, v: vt }];
  },
};
