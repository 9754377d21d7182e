import { add, div, maximum, mean, mul, norm, sqrt, square, sub, zerosLike } from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { Optimizer } from './types';
import { learningRate, weightDecay } from './hyper';

/**
 * Adafactor: Adam's second moment without its memory. For an m×n matrix it
 * keeps only the running mean of g² over each row (m numbers) and over each
 * column (n numbers), and rebuilds the full m×n estimate as their outer
 * product divided by the overall mean — exact when the squared gradients
 * form a rank-one pattern. Vectors keep the plain average. There is no first
 * moment at all. Instead of a learning rate the step is relative: a fraction
 * ρ_t of the parameter's own RMS; and an update whose RMS exceeds d is scaled
 * back to d (update clipping), which tames the first steps where the average
 * has seen little. The decay β₂,t = 1 − t^τ rises towards 1 with t, so early
 * steps average over few gradients and later ones over many.
 *
 * $$\rho_t = \min(\gamma, 1/\sqrt t), \qquad \alpha_t = \max(\varepsilon_2, \operatorname{RMS}(\theta_{t-1}))\,\rho_t, \qquad 1-\hat\beta_{2,t} = t^{\tau}$$
 * $$R_t = \hat\beta_{2,t} R_{t-1} + (1-\hat\beta_{2,t})\, \operatorname{mean}_{\text{cols}}(G_t^2), \qquad
 *   C_t = \hat\beta_{2,t} C_{t-1} + (1-\hat\beta_{2,t})\, \operatorname{mean}_{\text{rows}}(G_t^2), \qquad
 *   \hat V_t = \frac{R_t C_t}{\max(\operatorname{mean}(R_t), \varepsilon_1)}$$
 * $$U_t = \frac{G_t}{\sqrt{\max(\hat V_t, \varepsilon_1^2)}}, \qquad
 *   \theta_t = \theta_{t-1}(1-\gamma\lambda) - \frac{\alpha_t}{\max(1, \operatorname{RMS}(U_t)/d)}\, U_t$$
 *
 * This follows `torch.optim.Adafactor` (PyTorch ≥ 2.5, torch/optim/_adafactor.py,
 * the single-tensor loop), which departs from the paper in three ways that
 * its documentation states: γ (lr) caps ρ_t, where the paper has a constant
 * 0.01; ε₁ is applied to the variance estimate and to the denominator rather
 * than added to g² inside the row and column averages; and rows and columns
 * hold means, not sums (the same estimate). α_t uses RMS(θ) before the weight
 * decay of the same step, and the decay is γλ, decoupled. ε₁ defaults to
 * float32's machine epsilon, PyTorch's choice for float32 parameters. Tensors
 * of rank > 2 are factored over their last two axes, as in PyTorch; rank 0
 * and 1 keep the full average.
 *
 * Shazeer & Stern, "Adafactor: Adaptive Learning Rates with Sublinear Memory
 * Cost", ICML 2018.
 */
export const adafactor: Optimizer<
  { lr: number; beta2Decay: number; eps1: number; eps2: number; d: number; weightDecay: number },
  { row: Tensor; col: Tensor } | { v: Tensor }
> = {
  id: 'adafactor',
  name: 'Adafactor',
  defaults: { lr: 1e-2, beta2Decay: -0.8, eps1: 1.1920929e-7, eps2: 1e-3, d: 1, weightDecay: 0 },
  hyper: {
    lr: { ...learningRate, label: 'largest relative step', symbol: 'γ', max: 1 },
    beta2Decay: { label: 'second-moment decay exponent', symbol: 'τ', min: -1, max: 0 },
    eps1: { label: 'variance floor', symbol: 'ε₁', min: 1e-12, max: 1e-3, log: true },
    eps2: { label: 'smallest parameter scale', symbol: 'ε₂', min: 1e-6, max: 0.1, log: true },
    d: { label: 'clipping threshold', symbol: 'd', min: 1, max: 10 },
    weightDecay,
  },
  formula: [
    '\\rho_t \\gets \\min(\\gamma, 1/\\sqrt{t})',
    '\\alpha_t \\gets \\max\\big(\\varepsilon_2, \\operatorname{RMS}(\\theta_{t-1})\\big)\\, \\rho_t',
    '\\tilde\\theta \\gets \\theta_{t-1}\\,(1 - \\gamma\\lambda)',
    '1 - \\hat\\beta_{2,t} \\gets t^{\\tau}',
    'R_t \\gets \\hat\\beta_{2,t} R_{t-1} + (1-\\hat\\beta_{2,t})\\, \\operatorname{mean}_{\\text{cols}}(G_t^2), \\quad C_t \\gets \\hat\\beta_{2,t} C_{t-1} + (1-\\hat\\beta_{2,t})\\, \\operatorname{mean}_{\\text{rows}}(G_t^2)',
    '\\hat V_t \\gets R_t C_t / \\max\\big(\\operatorname{mean}(R_t), \\varepsilon_1\\big)',
    '\\text{vectors: } \\hat V_t \\gets \\hat\\beta_{2,t} \\hat V_{t-1} + (1-\\hat\\beta_{2,t})\\, g_t^2',
    'U_t \\gets G_t / \\sqrt{\\max(\\hat V_t, \\varepsilon_1^2)}',
    '\\theta_t \\gets \\tilde\\theta - \\frac{\\alpha_t}{\\max\\big(1, \\operatorname{RMS}(U_t)/d\\big)}\\, U_t',
  ],
  reference: {
    title: 'Shazeer & Stern (2018), Adafactor: Adaptive Learning Rates with Sublinear Memory Cost',
    url: 'https://arxiv.org/abs/1804.04235',
  },
  scope: 'tensor',
  init(param) {
    if (param.rank < 2) return { v: zerosLike(param) };
    // Row statistics keep the last axis as 1, column statistics the one before it.
    const row = zerosLike(mean(param, -1, true));
    const col = zerosLike(mean(param, -2, true));
    return { row, col };
  },
  update(param, grad, state, { lr, beta2Decay, eps1, eps2, d, weightDecay }, t) {
    const rho = Math.min(lr, 1 / Math.sqrt(t)); // (1)
    const alpha = mul(maximum(div(norm(param), Math.sqrt(param.size)), eps2), rho); // (2)
    const decayed = mul(param, 1 - lr * weightDecay); // (3)
    const w = t ** beta2Decay; // (4)
    let vHat, nextState; // plain JavaScript (no annotations): the exercise's reference solution is this text
    if ('row' in state) {
      const row = add(state.row, mul(w, sub(mean(square(grad), -1, true), state.row))); // (5)
      const col = add(state.col, mul(w, sub(mean(square(grad), -2, true), state.col))); // (5)
      vHat = div(mul(row, col), maximum(mean(row, -2, true), eps1)); // (6)
      nextState = { row, col };
    } else {
      vHat = add(state.v, mul(w, sub(square(grad), state.v))); // (7)
      nextState = { v: vHat };
    }
    const u = div(grad, sqrt(maximum(vHat, eps1 * eps1))); // (8)
    const rmsU = div(norm(u), Math.sqrt(u.size));
    const next = sub(decayed, mul(div(alpha, maximum(div(rmsU, d), 1)), u)); // (9)
    return [next, nextState];
  },
};
