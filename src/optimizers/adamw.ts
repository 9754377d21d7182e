import { add, div, mul, sqrt, square, sub, zerosLike } from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { Optimizer } from './types';
import { beta1, beta2, epsilon, learningRate, weightDecay } from './hyper';

/**
 * AdamW: Adam with weight decay taken out of the gradient. Added to g, an L2
 * penalty would be divided by √v̂ like everything else, so heavily-updated
 * weights would hardly decay; shrinking θ directly decays every weight alike.
 *
 * $$\tilde\theta = \theta_{t-1}(1 - \eta\lambda), \qquad
 *   \theta_t = \tilde\theta - \eta\, \frac{\hat m_t}{\sqrt{\hat v_t} + \varepsilon}$$
 * with m̂, v̂ exactly as in Adam.
 *
 * Loshchilov & Hutter, "Decoupled Weight Decay Regularization", ICLR 2019.
 * Matches `torch.optim.AdamW(amsgrad=False)`, which decays by ηλ (not λ alone).
 */
export const adamw: Optimizer<
  { lr: number; beta1: number; beta2: number; eps: number; weightDecay: number },
  { m: Tensor; v: Tensor }
> = {
  id: 'adamw',
  name: 'AdamW',
  defaults: { lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 1e-2 },
  hyper: { lr: learningRate, beta1, beta2, eps: epsilon, weightDecay },
  formula: [
    '\\tilde\\theta \\gets \\theta_{t-1}\\,(1 - \\eta\\lambda)',
    'm_t \\gets \\beta_1 m_{t-1} + (1-\\beta_1)\\, g_t',
    'v_t \\gets \\beta_2 v_{t-1} + (1-\\beta_2)\\, g_t^2',
    '\\hat m_t \\gets \\frac{m_t}{1-\\beta_1^t}, \\quad \\hat v_t \\gets \\frac{v_t}{1-\\beta_2^t}',
    '\\theta_t \\gets \\tilde\\theta - \\eta\\, \\frac{\\hat m_t}{\\sqrt{\\hat v_t} + \\varepsilon}',
  ],
  reference: {
    title: 'Loshchilov & Hutter (2019), Decoupled Weight Decay Regularization',
    url: 'https://arxiv.org/abs/1711.05101',
  },
  init: (param) => ({ m: zerosLike(param), v: zerosLike(param) }),
  update(param, grad, { m, v }, { lr, beta1, beta2, eps, weightDecay }, t) {
    const decayed = mul(param, 1 - lr * weightDecay); // (1)
    const mt = add(mul(beta1, m), mul(1 - beta1, grad)); // (2)
    const vt = add(mul(beta2, v), mul(1 - beta2, square(grad))); // (3)
    const mHat = div(mt, 1 - beta1 ** t); // (4)
    const vHat = div(vt, 1 - beta2 ** t); // (4)
    const next = sub(decayed, div(mul(lr, mHat), add(sqrt(vHat), eps))); // (5)
    return [next, { m: mt, v: vt }];
  },
};
