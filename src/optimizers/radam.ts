import { add, div, mul, sqrt, square, sub, zerosLike } from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { Optimizer } from './types';
import { beta1, beta2, epsilon, learningRate } from './hyper';

/**
 * RAdam: Adam whose adaptive denominator is switched on only once enough
 * gradients have been averaged for √v to be trusted. ρ_t estimates how many
 * samples the moving average effectively holds; while ρ_t ≤ 5 the variance of
 * the adaptive step is unbounded, so RAdam takes a plain momentum step, and
 * afterwards it scales the Adam step by the rectifier r_t ∈ (0, 1) — a warm-up
 * derived rather than tuned.
 *
 * $$\rho_\infty = \frac{2}{1-\beta_2} - 1, \qquad \rho_t = \rho_\infty - \frac{2t\,\beta_2^t}{1-\beta_2^t}, \qquad
 *   r_t = \sqrt{\frac{(\rho_t-4)(\rho_t-2)\,\rho_\infty}{(\rho_\infty-4)(\rho_\infty-2)\,\rho_t}}$$
 * $$\theta_t = \begin{cases}
 *   \theta_{t-1} - \eta\, r_t\, \hat m_t\, \dfrac{\sqrt{1-\beta_2^t}}{\sqrt{v_t} + \varepsilon} & \rho_t > 5 \\
 *   \theta_{t-1} - \eta\, \hat m_t & \text{otherwise}
 * \end{cases}$$
 *
 * Liu et al., "On the Variance of the Adaptive Learning Rate and Beyond", ICLR 2020.
 * Matches `torch.optim.RAdam(weight_decay=0)`, threshold 5 and ε placement included.
 */
export const radam: Optimizer<
  { lr: number; beta1: number; beta2: number; eps: number },
  { m: Tensor; v: Tensor }
> = {
  id: 'radam',
  name: 'RAdam',
  defaults: { lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8 },
  hyper: { lr: learningRate, beta1, beta2, eps: epsilon },
  formula: [
    'm_t \\gets \\beta_1 m_{t-1} + (1-\\beta_1)\\, g_t',
    'v_t \\gets \\beta_2 v_{t-1} + (1-\\beta_2)\\, g_t^2',
    '\\hat m_t \\gets \\frac{m_t}{1-\\beta_1^t}',
    '\\rho_t \\gets \\rho_\\infty - \\frac{2t\\,\\beta_2^t}{1-\\beta_2^t}, \\quad \\rho_\\infty = \\frac{2}{1-\\beta_2} - 1',
    'r_t \\gets \\sqrt{\\frac{(\\rho_t-4)(\\rho_t-2)\\,\\rho_\\infty}{(\\rho_\\infty-4)(\\rho_\\infty-2)\\,\\rho_t}}',
    '\\theta_t \\gets \\begin{cases} \\theta_{t-1} - \\eta\\, r_t\\, \\hat m_t\\, \\dfrac{\\sqrt{1-\\beta_2^t}}{\\sqrt{v_t} + \\varepsilon} & \\rho_t > 5 \\\\ \\theta_{t-1} - \\eta\\, \\hat m_t & \\text{otherwise} \\end{cases}',
  ],
  reference: {
    title: 'Liu et al. (2020), On the Variance of the Adaptive Learning Rate and Beyond',
    url: 'https://arxiv.org/abs/1908.03265',
  },
  init: (param) => ({ m: zerosLike(param), v: zerosLike(param) }),
  update(param, grad, { m, v }, { lr, beta1, beta2, eps }, t) {
    const mt = add(mul(beta1, m), mul(1 - beta1, grad)); // (1)
    const vt = add(mul(beta2, v), mul(1 - beta2, square(grad))); // (2)
    const mHat = div(mt, 1 - beta1 ** t); // (3)
    const rhoInf = 2 / (1 - beta2) - 1; // (4)
    const rhoT = rhoInf - (2 * t * beta2 ** t) / (1 - beta2 ** t); // (4)
    // Too few gradients averaged yet for 1/√v to be trusted: an un-adapted momentum step.
    if (rhoT <= 5) return [sub(param, mul(lr, mHat)), { m: mt, v: vt }]; // (6)
    const r = Math.sqrt(((rhoT - 4) * (rhoT - 2) * rhoInf) / ((rhoInf - 4) * (rhoInf - 2) * rhoT)); // (5)
    const adaptive = div(Math.sqrt(1 - beta2 ** t), add(sqrt(vt), eps)); // (6)
    const next = sub(param, mul(lr * r, mul(mHat, adaptive))); // (6)
    return [next, { m: mt, v: vt }];
  },
};
