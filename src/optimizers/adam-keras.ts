import { add, div, mul, sqrt, square, sub, zerosLike } from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { Optimizer } from './types';
import { beta1, beta2, epsilon, learningRate } from './hyper';

/**
 * Adam as Keras writes it: both bias corrections are folded into one step
 * size α_t, and ε ("ε-hat" in Kingma & Ba's section 2) is added to the
 * uncorrected √v.
 *
 * $$\alpha_t = \eta\, \frac{\sqrt{1-\beta_2^t}}{1-\beta_1^t}, \qquad
 *   \theta_t = \theta_{t-1} - \alpha_t\, \frac{m_t}{\sqrt{v_t} + \hat\varepsilon}$$
 *
 * This equals PyTorch's Adam with ε = ε̂ / √(1−β₂ᵗ): early on, when 1−β₂ᵗ is
 * small, ε̂ weighs far more than the same number would in PyTorch.
 *
 * Matches `keras.optimizers.Adam(amsgrad=False)` in Keras 3 (defaults η = 1e-3,
 * β₁ = 0.9, β₂ = 0.999, ε̂ = 1e-7) and TensorFlow 2's `tf.keras.optimizers.Adam`.
 */
export const adamKeras: Optimizer<
  { lr: number; beta1: number; beta2: number; eps: number },
  { m: Tensor; v: Tensor }
> = {
  id: 'adam:keras',
  name: 'Adam (Keras)',
  note: 'Keras folds the bias corrections into the step size and adds ε̂ = 1e-7 to the uncorrected √v (Kingma & Ba, section 2).',
  defaults: { lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-7 },
  hyper: { lr: learningRate, beta1, beta2, eps: { ...epsilon, label: 'epsilon-hat', symbol: 'ε̂' } },
  formula: [
    'm_t \\gets \\beta_1 m_{t-1} + (1-\\beta_1)\\, g_t',
    'v_t \\gets \\beta_2 v_{t-1} + (1-\\beta_2)\\, g_t^2',
    '\\alpha_t \\gets \\eta\\, \\frac{\\sqrt{1-\\beta_2^t}}{1-\\beta_1^t}',
    '\\theta_t \\gets \\theta_{t-1} - \\alpha_t\\, \\frac{m_t}{\\sqrt{v_t} + \\hat\\varepsilon}',
  ],
  reference: {
    title: 'Kingma & Ba (2015), Adam: A Method for Stochastic Optimization, section 2; Keras 3 Adam',
    url: 'https://keras.io/api/optimizers/adam/',
  },
  init: (param) => ({ m: zerosLike(param), v: zerosLike(param) }),
  update(param, grad, { m, v }, { lr, beta1, beta2, eps }, t) {
    const mt = add(mul(beta1, m), mul(1 - beta1, grad)); // (1)
    const vt = add(mul(beta2, v), mul(1 - beta2, square(grad))); // (2)
    const alpha = (lr * Math.sqrt(1 - beta2 ** t)) / (1 - beta1 ** t); // (3)
    const next = sub(param, div(mul(alpha, mt), add(sqrt(vt), eps))); // (4)
    return [next, { m: mt, v: vt }];
  },
};
