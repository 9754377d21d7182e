import { add, div, mul, sqrt, square, sub, zerosLike } from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { Optimizer } from './types';
import { epsilon, initialAccumulator, learningRate } from './hyper';

/**
 * Adagrad as Keras writes it: the sum of squares starts at 0.1, not 0, and ε
 * sits inside the square root.
 *
 * $$s_0 = 0.1, \qquad s_t = s_{t-1} + g_t^2, \qquad \theta_t = \theta_{t-1} - \eta\,\frac{g_t}{\sqrt{s_t + \varepsilon}}$$
 *
 * The nonzero start caps the very first steps: PyTorch's first step is η·sign(g)
 * whatever the size of g, while here a small g gives a small step.
 *
 * Matches `keras.optimizers.Adagrad` in Keras 3 (defaults η = 1e-3, s₀ = 0.1,
 * ε = 1e-7) and TensorFlow.js's `train.adagrad`.
 */
export const adagradKeras: Optimizer<{ lr: number; eps: number; initialAccumulator: number }, { s: Tensor }> = {
  id: 'adagrad:keras',
  name: 'Adagrad (Keras)',
  note: 'Keras starts the sum of squares at s₀ = 0.1 and puts ε inside the square root, √(s + ε); defaults η = 1e-3, ε = 1e-7.',
  defaults: { lr: 1e-3, eps: 1e-7, initialAccumulator: 0.1 },
  hyper: { lr: learningRate, eps: epsilon, initialAccumulator },
  formula: [
    's_t \\gets s_{t-1} + g_t^2',
    '\\theta_t \\gets \\theta_{t-1} - \\eta\\, \\frac{g_t}{\\sqrt{s_t + \\varepsilon}}',
  ],
  reference: {
    title: 'Keras 3 API documentation, Adagrad',
    url: 'https://keras.io/api/optimizers/adagrad/',
  },
  init: (param) => ({ s: zerosLike(param) }),
  update(param, grad, { s }, { lr, eps, initialAccumulator: s0 }, t) {
    // init() cannot see s₀, so the sum starts at zero and s₀ joins it on the first step.
    const prev = t === 1 ? add(s, s0) : s;
    const st = add(prev, square(grad)); // (1)
    const next = sub(param, div(mul(lr, grad), sqrt(add(st, eps)))); // (2)
    return [next, { s: st }];
  },
};
