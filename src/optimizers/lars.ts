import { add, div, greater, logicalAnd, mul, norm, onesLike, where, zerosLike } from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { Optimizer } from './types';
import { learningRate, momentum as momentumSpec, nesterov as nesterovSpec, weightDecay } from './hyper';

/**
 * LARS: SGD with momentum whose step, for each tensor, is first rescaled by a
 * trust ratio r = κ‖θ‖/‖g + λθ‖. A layer then moves by about ηκ‖θ‖ per step
 * — a fixed fraction of its own size — instead of by whatever its gradient's
 * scale dictates, so one global learning rate suits layers whose gradients
 * differ by orders of magnitude (the problem of large-batch training).
 *
 * $$u_t = g_t + \lambda\theta_{t-1}, \qquad r_t = \frac{\kappa\,\lVert\theta_{t-1}\rVert}{\lVert u_t\rVert + \varepsilon}, \qquad s_t = -\eta\, r_t\, u_t$$
 * $$m_t = s_t + \mu\, m_{t-1}, \qquad \theta_t = \theta_{t-1} + \begin{cases} s_t + \mu m_t & \text{nesterov} \\ m_t & \text{otherwise} \end{cases}$$
 * with r_t = 1 when either norm is 0.
 *
 * This is `optax.lars` (optax/_src/alias.py) with both masks true:
 * add_decayed_weights, scale_by_trust_ratio (κ, ε; min_norm = 0),
 * scale_by_learning_rate, then trace (momentum, optionally Nesterov) — so the
 * momentum accumulates steps already scaled by −η rather than gradients, and
 * a change of η applies only to new steps, as in the paper's Algorithm 1. The
 * paper's ratio divides by ‖g‖ + λ‖θ‖ where optax (and this rule) takes
 * ‖g + λθ‖; the two agree when λ = 0. Default η = 1 because the trust ratio
 * already carries the scale (κ = 10⁻³).
 *
 * You, Gitman & Ginsburg, "Large Batch Training of Convolutional Networks",
 * arXiv:1708.03888 (2017).
 */
export const lars: Optimizer<
  { lr: number; momentum: number; nesterov: number; weightDecay: number; trustCoefficient: number; eps: number },
  { m: Tensor }
> = {
  id: 'lars',
  name: 'LARS',
  defaults: { lr: 1, momentum: 0.9, nesterov: 0, weightDecay: 0, trustCoefficient: 1e-3, eps: 0 },
  hyper: {
    lr: learningRate,
    momentum: momentumSpec,
    nesterov: nesterovSpec,
    weightDecay,
    trustCoefficient: { label: 'trust coefficient', symbol: 'κ', min: 1e-5, max: 1, log: true },
    eps: { label: 'epsilon', symbol: 'ε', min: 0, max: 1e-3 },
  },
  formula: [
    'u_t \\gets g_t + \\lambda\\, \\theta_{t-1}',
    'r_t \\gets \\frac{\\kappa\\, \\lVert\\theta_{t-1}\\rVert}{\\lVert u_t\\rVert + \\varepsilon} \\quad (1 \\text{ if either norm is } 0)',
    's_t \\gets -\\eta\\, r_t\\, u_t',
    'm_t \\gets s_t + \\mu\\, m_{t-1}',
    '\\theta_t \\gets \\theta_{t-1} + \\begin{cases} s_t + \\mu\\, m_t & \\text{nesterov} \\\\ m_t & \\text{otherwise} \\end{cases}',
  ],
  reference: {
    title: 'You, Gitman & Ginsburg (2017), Large Batch Training of Convolutional Networks',
    url: 'https://arxiv.org/abs/1708.03888',
  },
  scope: 'tensor',
  init: (param) => ({ m: zerosLike(param) }),
  update(param, grad, { m }, { lr, momentum: mu, nesterov, weightDecay, trustCoefficient, eps }) {
    const u = add(grad, mul(weightDecay, param)); // (1)
    const [pNorm, uNorm] = [norm(param), norm(u)];
    const ratio = div(mul(trustCoefficient, pNorm), add(uNorm, eps));
    const r = where(logicalAnd(greater(pNorm, 0), greater(uNorm, 0)), ratio, onesLike(pNorm)); // (2)
    const s = mul(-lr, mul(r, u)); // (3)
    const mt = add(s, mul(mu, m)); // (4)
    const next = add(param, nesterov ? add(s, mul(mu, mt)) : mt); // (5)
    return [next, { m: mt }];
  },
};
