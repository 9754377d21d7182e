import { add, div, maximum, mul, sqrt, square, sub, zerosLike } from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { Optimizer } from './types';
import { beta1, beta2, epsilon, learningRate } from './hyper';

/**
 * AMSGrad: Adam that divides by the largest second moment seen so far, so a
 * coordinate's effective step can never grow back after a burst of large
 * gradients. That monotonicity is what repairs Adam's convergence proof.
 *
 * $$m_t = \beta_1 m_{t-1} + (1-\beta_1)\, g_t, \qquad v_t = \beta_2 v_{t-1} + (1-\beta_2)\, g_t^2,
 *   \qquad v^{\max}_t = \max(v^{\max}_{t-1}, v_t)$$
 * $$\theta_t = \theta_{t-1} - \eta\, \frac{m_t / (1-\beta_1^t)}{\sqrt{v^{\max}_t / (1-\beta_2^t)} + \varepsilon}$$
 *
 * Reddi, Kale & Kumar, "On the Convergence of Adam and Beyond", ICLR 2018.
 * Matches `torch.optim.Adam(amsgrad=True)`: like PyTorch, the maximum is taken
 * over the raw v_t and the bias correction is applied to the maximum afterwards.
 */
export const amsgrad: Optimizer<
  { lr: number; beta1: number; beta2: number; eps: number },
  { m: Tensor; v: Tensor; vMax: Tensor }
> = {
  id: 'amsgrad',
  name: 'AMSGrad',
  defaults: { lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8 },
  hyper: { lr: learningRate, beta1, beta2, eps: epsilon },
  formula: [
    'm_t \\gets \\beta_1 m_{t-1} + (1-\\beta_1)\\, g_t',
    'v_t \\gets \\beta_2 v_{t-1} + (1-\\beta_2)\\, g_t^2',
    'v^{\\max}_t \\gets \\max(v^{\\max}_{t-1},\\, v_t)',
    '\\theta_t \\gets \\theta_{t-1} - \\eta\\, \\frac{m_t / (1-\\beta_1^t)}{\\sqrt{v^{\\max}_t / (1-\\beta_2^t)} + \\varepsilon}',
  ],
  reference: {
    title: 'Reddi, Kale & Kumar (2018), On the Convergence of Adam and Beyond',
    url: 'https://openreview.net/forum?id=ryQu7f-RZ',
  },
  init: (param) => ({ m: zerosLike(param), v: zerosLike(param), vMax: zerosLike(param) }),
  update(param, grad, { m, v, vMax }, { lr, beta1, beta2, eps }, t) {
    const mt = add(mul(beta1, m), mul(1 - beta1, grad)); // (1)
    const vt = add(mul(beta2, v), mul(1 - beta2, square(grad))); // (2)
    const vMaxT = maximum(vMax, vt); // (3)
    const denom = add(sqrt(div(vMaxT, 1 - beta2 ** t)), eps); // (4)
    const next = sub(param, div(mul(lr / (1 - beta1 ** t), mt), denom)); // (4)
    return [next, { m: mt, v: vt, vMax: vMaxT }];
  },
};
