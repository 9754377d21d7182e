import { add, div, greater, logicalAnd, mul, norm, onesLike, sqrt, square, sub, where, zerosLike } from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { Optimizer } from './types';
import { beta1, beta2, epsilon, learningRate, weightDecay } from './hyper';

/**
 * LAMB: Adam's direction, plus weight decay, rescaled per tensor so that its
 * length is proportional to the tensor's own: the trust ratio r = ‖θ‖/‖u‖
 * makes every layer move by η·‖θ‖ per step, whatever the scale of its
 * gradients. That is what lets very large batches (and their large learning
 * rates) train without one layer's step dwarfing its weights.
 *
 * $$m_t = \beta_1 m_{t-1} + (1-\beta_1)\, g_t, \qquad v_t = \beta_2 v_{t-1} + (1-\beta_2)\, g_t^2$$
 * $$u_t = \frac{m_t/(1-\beta_1^t)}{\sqrt{v_t/(1-\beta_2^t)} + \varepsilon} + \lambda\,\theta_{t-1}, \qquad
 *   r_t = \frac{\lVert\theta_{t-1}\rVert}{\lVert u_t\rVert}, \qquad \theta_t = \theta_{t-1} - \eta\, r_t\, u_t$$
 * with r_t = 1 when either norm is 0 (a zero-initialised tensor still moves).
 *
 * This is `optax.lamb` (optax/_src/alias.py): scale_by_adam (eps_root = 0),
 * add_decayed_weights, scale_by_trust_ratio (min_norm = 0, trust_coefficient = 1),
 * scale by −η. The paper clips ‖θ‖ with a scaling function φ and leaves it
 * unspecified; optax, and so this rule, uses φ(x) = x. Norms are over the
 * whole tensor (one layer's weight matrix or bias), so the rule runs per tensor.
 *
 * You et al., "Large Batch Optimization for Deep Learning: Training BERT in
 * 76 minutes", ICLR 2020.
 */
export const lamb: Optimizer<
  { lr: number; beta1: number; beta2: number; eps: number; weightDecay: number },
  { m: Tensor; v: Tensor }
> = {
  id: 'lamb',
  name: 'LAMB',
  defaults: { lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-6, weightDecay: 0 },
  hyper: { lr: learningRate, beta1, beta2, eps: epsilon, weightDecay },
  formula: [
    'm_t \\gets \\beta_1 m_{t-1} + (1-\\beta_1)\\, g_t',
    'v_t \\gets \\beta_2 v_{t-1} + (1-\\beta_2)\\, g_t^2',
    '\\hat m_t \\gets \\frac{m_t}{1-\\beta_1^t}, \\quad \\hat v_t \\gets \\frac{v_t}{1-\\beta_2^t}',
    'u_t \\gets \\frac{\\hat m_t}{\\sqrt{\\hat v_t} + \\varepsilon} + \\lambda\\, \\theta_{t-1}',
    'r_t \\gets \\lVert\\theta_{t-1}\\rVert / \\lVert u_t \\rVert \\quad (1 \\text{ if either norm is } 0)',
    '\\theta_t \\gets \\theta_{t-1} - \\eta\\, r_t\\, u_t',
  ],
  reference: {
    title: 'You et al. (2020), Large Batch Optimization for Deep Learning: Training BERT in 76 minutes',
    url: 'https://arxiv.org/abs/1904.00962',
  },
  scope: 'tensor',
  init: (param) => ({ m: zerosLike(param), v: zerosLike(param) }),
  update(param, grad, { m, v }, { lr, beta1, beta2, eps, weightDecay }, t) {
    const mt = add(mul(beta1, m), mul(1 - beta1, grad)); // (1)
    const vt = add(mul(beta2, v), mul(1 - beta2, square(grad))); // (2)
    const mHat = div(mt, 1 - beta1 ** t); // (3)
    const vHat = div(vt, 1 - beta2 ** t); // (3)
    const u = add(div(mHat, add(sqrt(vHat), eps)), mul(weightDecay, param)); // (4)
    const [pNorm, uNorm] = [norm(param), norm(u)];
    const r = where(logicalAnd(greater(pNorm, 0), greater(uNorm, 0)), div(pNorm, uNorm), onesLike(pNorm)); // (5)
    const next = sub(param, mul(lr, mul(r, u))); // (6)
    return [next, { m: mt, v: vt }];
  },
};
