import { add, clone, div, greater, maximum, mul, pow, scalar, sqrt, square, sub, where, zerosLike } from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { Optimizer } from './types';
import { beta1, beta2, epsilon, learningRate, weightDecay } from './hyper';

/**
 * Schedule-free AdamW: no learning-rate schedule and no stopping time to plan
 * for, yet the quality of a well-tuned decaying schedule. It runs three
 * sequences. z takes plain AdamW-style steps (no first moment). x is a
 * running weighted average of the z's — Polyak averaging, the point that
 * converges and the one to evaluate. y = (1−β₁)z + β₁x, an interpolation of
 * the two, is where the gradient is taken; β₁ plays momentum's part.
 *
 * $$z_{k+1} = z_k - \gamma_k \hat g_k, \qquad x_{k+1} = (1-c_{k+1})\, x_k + c_{k+1}\, z_{k+1}, \qquad
 *   y_{k+1} = (1-\beta_1)\, z_{k+1} + \beta_1 x_{k+1}$$
 * with ĝ_k = g_k/(√v_k + ε) + λy_k, v the usual average of g², and the weight
 * c_{k+1} = w_{k+1}/Σw: with r = 0 and a constant step, cₖ = 1/k (the plain
 * average). The parameter this rule updates is y; x is never stored, since
 * eliminating it gives y's update directly:
 * $$y_{k+1} = (1-c)\, y_k + c\, z_k + \gamma_k\big(\beta_1(1-c) - 1\big)\, \hat g_k, \qquad
 *   x = \big(y - (1-\beta_1)\, z\big)/\beta_1$$
 * and `evalPoint` recovers x, which the widgets use for test loss, as the
 * reference implementation's `eval()` mode does.
 *
 * This is `AdamWScheduleFree.step` of facebookresearch/schedule_free
 * (schedulefree/adamw_schedulefree.py), in the version whose step size carries
 * Adam's bias correction, γ_k = η·s_k·√(1 − β₂^(k+1)), and whose denominator is
 * √v + ε; k = t − 1 counts from 0. The warm-up s_k rises linearly over
 * warmupSteps. The average's weights are (k+1)^r · γ_max^p, γ_max the largest
 * step size so far, so steps taken during warm-up count less. γ_max starts at
 * 0 where the source has −1: equivalent, as every γ_k ≥ 0. γ_max and Σw are
 * the same for every tensor, so each tensor's state keeps a copy, as scalars.
 * β₁ must be > 0 here (x divides by it).
 *
 * Defazio et al., "The Road Less Scheduled", NeurIPS 2024; the rule won the
 * self-tuning track of the AlgoPerf 2024 competition.
 */
export const scheduleFreeAdamw: Optimizer<
  {
    lr: number; beta1: number; beta2: number; eps: number; weightDecay: number;
    warmupSteps: number; r: number; weightLrPower: number;
  },
  { z: Tensor; v: Tensor; lrMax: Tensor; weightSum: Tensor }
> = {
  id: 'schedule-free-adamw',
  name: 'Schedule-free AdamW',
  defaults: { lr: 0.0025, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0, warmupSteps: 0, r: 0, weightLrPower: 2 },
  hyper: {
    lr: learningRate,
    beta1: { ...beta1, label: 'interpolation towards the average', min: 0.01 },
    beta2,
    eps: epsilon,
    weightDecay,
    warmupSteps: { label: 'warm-up steps', symbol: 'T', min: 0, max: 1000, integer: true },
    r: { label: 'average weight power of k', symbol: 'r', min: 0, max: 4 },
    weightLrPower: { label: 'average weight power of γ_max', symbol: 'p', min: 0, max: 4 },
  },
  formula: [
    's_k \\gets \\begin{cases} (k+1)/T & k < T \\\\ 1 & \\text{otherwise} \\end{cases}, \\quad k = t - 1',
    '\\gamma_k \\gets \\eta\\, s_k \\sqrt{1 - \\beta_2^{\\,k+1}}',
    '\\gamma_{\\max} \\gets \\max(\\gamma_{\\max}, \\gamma_k)',
    'w_k \\gets (k+1)^r\\, \\gamma_{\\max}^{\\,p}, \\quad W \\gets W + w_k',
    'c \\gets w_k / W \\quad (0 \\text{ if } W = 0)',
    'v \\gets \\beta_2 v + (1-\\beta_2)\\, g_t^2',
    '\\hat g \\gets \\frac{g_t}{\\sqrt{v} + \\varepsilon} + \\lambda\\, y',
    'y \\gets (1-c)\\, y + c\\, z + \\gamma_k \\big(\\beta_1 (1-c) - 1\\big)\\, \\hat g',
    'z \\gets z - \\gamma_k\\, \\hat g',
  ],
  reference: {
    title: 'Defazio et al. (2024), The Road Less Scheduled',
    url: 'https://arxiv.org/abs/2405.15682',
  },
  init: (param) => ({ z: clone(param), v: zerosLike(param), lrMax: scalar(0), weightSum: scalar(0) }),
  evalPoint: (param, { z }, { beta1 }) => div(sub(param, mul(1 - beta1, z)), beta1),
  update(param, grad, { z, v, lrMax, weightSum }, { lr, beta1, beta2, eps, weightDecay, warmupSteps, r, weightLrPower }, t) {
    const k = t - 1;
    const sched = k < warmupSteps ? (k + 1) / warmupSteps : 1; // (1)
    const lrK = lr * sched * Math.sqrt(1 - beta2 ** (k + 1)); // (2)
    const lrMaxK = maximum(lrMax, lrK); // (3)
    const w = mul((k + 1) ** r, pow(lrMaxK, weightLrPower)); // (4)
    const weightSumK = add(weightSum, w); // (4)
    const c = where(greater(weightSumK, 0), div(w, weightSumK), zerosLike(w)); // (5)
    const vt = add(mul(beta2, v), mul(1 - beta2, square(grad))); // (6)
    const gHat = add(div(grad, add(sqrt(vt), eps)), mul(weightDecay, param)); // (7)
    const towardsZ = add(param, mul(c, sub(z, param))); // (8)
    const next = add(towardsZ, mul(mul(lrK, sub(mul(beta1, sub(1, c)), 1)), gHat)); // (8)
    const zt = sub(z, mul(lrK, gHat)); // (9)
    return [next, { z: zt, v: vt, lrMax: lrMaxK, weightSum: weightSumK }];
  },
};
