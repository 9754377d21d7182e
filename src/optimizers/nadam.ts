import { add, div, mul, scalar, sqrt, square, sub, zerosLike } from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { Optimizer } from './types';
import { beta1, beta2, epsilon, learningRate, momentumDecay } from './hyper';

/**
 * NAdam: Adam with Nesterov's look-ahead. The step uses the momentum it is
 * about to have (μ_{t+1} m_t) plus the fresh gradient's share, instead of the
 * momentum it already has. The momentum coefficient μ_t also warms up from
 * β₁/2 towards β₁ at a pace set by ψ, and the bias correction divides by the
 * running product of the μ's instead of 1 − β₁ᵗ.
 *
 * $$\mu_t = \beta_1\big(1 - \tfrac12\, 0.96^{t\psi}\big), \qquad \Pi_t = \prod_{i=1}^{t} \mu_i$$
 * $$\hat m_t = \frac{\mu_{t+1}\, m_t}{1 - \Pi_t\, \mu_{t+1}} + \frac{(1-\mu_t)\, g_t}{1 - \Pi_t}, \qquad
 *   \theta_t = \theta_{t-1} - \eta\, \frac{\hat m_t}{\sqrt{v_t / (1-\beta_2^t)} + \varepsilon}$$
 *
 * Dozat, "Incorporating Nesterov Momentum into Adam", ICLR 2016 workshop.
 * Matches `torch.optim.NAdam(weight_decay=0, decoupled_weight_decay=False)`,
 * including its μ schedule with `momentum_decay` = ψ. The product Π_t is kept
 * in the state as a scalar tensor, as PyTorch keeps `mu_product`.
 */
export const nadam: Optimizer<
  { lr: number; beta1: number; beta2: number; eps: number; momentumDecay: number },
  { m: Tensor; v: Tensor; muProduct: Tensor }
> = {
  id: 'nadam',
  name: 'NAdam',
  defaults: { lr: 2e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, momentumDecay: 4e-3 },
  hyper: { lr: learningRate, beta1, beta2, eps: epsilon, momentumDecay },
  formula: [
    '\\mu_t \\gets \\beta_1\\big(1 - \\tfrac12\\, 0.96^{t\\psi}\\big), \\quad \\mu_{t+1} \\gets \\beta_1\\big(1 - \\tfrac12\\, 0.96^{(t+1)\\psi}\\big)',
    '\\Pi_t \\gets \\Pi_{t-1}\\, \\mu_t',
    'm_t \\gets \\beta_1 m_{t-1} + (1-\\beta_1)\\, g_t',
    'v_t \\gets \\beta_2 v_{t-1} + (1-\\beta_2)\\, g_t^2',
    '\\hat m_t \\gets \\frac{\\mu_{t+1}\\, m_t}{1 - \\Pi_t\\, \\mu_{t+1}} + \\frac{(1-\\mu_t)\\, g_t}{1 - \\Pi_t}',
    '\\hat v_t \\gets \\frac{v_t}{1-\\beta_2^t}',
    '\\theta_t \\gets \\theta_{t-1} - \\eta\\, \\frac{\\hat m_t}{\\sqrt{\\hat v_t} + \\varepsilon}',
  ],
  reference: {
    title: 'Dozat (2016), Incorporating Nesterov Momentum into Adam',
    url: 'https://openreview.net/forum?id=OM0jvwB8jIp57ZJjtNEZ',
  },
  init: (param) => ({ m: zerosLike(param), v: zerosLike(param), muProduct: scalar(1) }),
  update(param, grad, { m, v, muProduct }, { lr, beta1, beta2, eps, momentumDecay: psi }, t) {
    const mu = beta1 * (1 - 0.5 * 0.96 ** (t * psi)); // (1)
    const muNext = beta1 * (1 - 0.5 * 0.96 ** ((t + 1) * psi)); // (1)
    const prod = mul(muProduct, mu); // (2)
    const mt = add(mul(beta1, m), mul(1 - beta1, grad)); // (3)
    const vt = add(mul(beta2, v), mul(1 - beta2, square(grad))); // (4)
    const mHat = add(
      div(mul(muNext, mt), sub(1, mul(prod, muNext))), // (5)
      div(mul(1 - mu, grad), sub(1, prod)), // (5)
    );
    const vHat = div(vt, 1 - beta2 ** t); // (6)
    const next = sub(param, div(mul(lr, mHat), add(sqrt(vHat), eps))); // (7)
    return [next, { m: mt, v: vt, muProduct: prod }];
  },
};
