import { add, div, mul, sqrt, square, sub, zerosLike } from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { Optimizer } from './types';
import { beta1, beta2, epsilon, learningRate } from './hyper';

/**
 * Adam: momentum on the gradient (first moment) divided by the root of a
 * moving average of its square (second moment). Both averages start at zero,
 * so early on they are too small; dividing by 1 − βᵗ undoes that bias.
 *
 * $$m_t = \beta_1 m_{t-1} + (1-\beta_1)\, g_t, \qquad v_t = \beta_2 v_{t-1} + (1-\beta_2)\, g_t^2$$
 * $$\theta_t = \theta_{t-1} - \eta\, \frac{m_t / (1-\beta_1^t)}{\sqrt{v_t / (1-\beta_2^t)} + \varepsilon}$$
 *
 * Kingma & Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015 (Algorithm 1).
 * Matches `torch.optim.Adam(amsgrad=False, weight_decay=0)`. `optax.adam` is the
 * same rule (its `eps_root` defaults to 0), so it has no variant of its own here.
 */
export const adam: Optimizer<
  { lr: number; beta1: number; beta2: number; eps: number },
  { m: Tensor; v: Tensor }
> = {
  id: 'adam',
  name: 'Adam',
  defaults: { lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8 },
  hyper: { lr: learningRate, beta1, beta2, eps: epsilon },
  formula: [
    'm_t \\gets \\beta_1 m_{t-1} + (1-\\beta_1)\\, g_t',
    'v_t \\gets \\beta_2 v_{t-1} + (1-\\beta_2)\\, g_t^2',
    '\\hat m_t \\gets \\frac{m_t}{1-\\beta_1^t}, \\quad \\hat v_t \\gets \\frac{v_t}{1-\\beta_2^t}',
    '\\theta_t \\gets \\theta_{t-1} - \\eta\\, \\frac{\\hat m_t}{\\sqrt{\\hat v_t} + \\varepsilon}',
  ],
  reference: {
    title: 'Kingma & Ba (2015), Adam: A Method for Stochastic Optimization',
    url: 'https://arxiv.org/abs/1412.6980',
  },
  init: (param) => ({ m: zerosLike(param), v: zerosLike(param) }),
  update(param, grad, { m, v }, { lr, beta1, beta2, eps }, t) {
    const mt = add(mul(beta1, m), mul(1 - beta1, grad)); // (1)
    const vt = add(mul(beta2, v), mul(1 - beta2, square(grad))); // (2)
    const mHat = div(mt, 1 - beta1 ** t); // (3)
    const vHat = div(vt, 1 - beta2 ** t); // (3)
    const next = sub(param, div(mul(lr, mHat), add(sqrt(vHat), eps))); // (4)
    return [next, { m: mt, v: vt }];
  },
};
