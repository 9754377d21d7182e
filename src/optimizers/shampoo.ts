import { add, dot, eye, matMul, mul, outerProduct, sub, tensor2d, zeros } from '@tensorflow/tfjs-core';
import type { Tensor, Tensor1D } from '@tensorflow/tfjs-core';
import type { Optimizer } from './types';
import { learningRate } from './hyper';
import { inverseRoot } from './linalg';

/**
 * M^(−1/p) for a symmetric positive-definite tensor M, eigenvalues below
 * `floor` raised to it. TensorFlow.js has no eigendecomposition, so this is
 * the one place an update reads values back from the backend (dataSync): the
 * root is taken in float64 by linalg.ts and returned as a new tensor.
 */
function inverseRootOf(m: Tensor, p: number, floor: number): Tensor {
  const n = m.shape[0];
  const values = m.dataSync();
  const rows = Array.from({ length: n }, (_, i) => Array.from(values.subarray(i * n, (i + 1) * n)));
  return tensor2d(inverseRoot(rows, p, floor), [n, n]);
}

/**
 * The largest factor whose root is taken every step: a Jacobi sweep costs n³,
 * so 64 (the digits network's widest layer) keeps a step within milliseconds.
 * Practical Shampoo splits bigger tensors into blocks; this one says so instead.
 */
const MAX_FACTOR = 64;

/** The shape Shampoo can precondition, or a clear error. */
function checkRank(param: Tensor): void {
  if (param.rank !== 1 && param.rank !== 2) {
    throw new Error(`shampoo: preconditions vectors and matrices only, got a tensor of shape [${param.shape.join(', ')}]`);
  }
  const widest = Math.max(...param.shape);
  if (widest > MAX_FACTOR) {
    throw new Error(`shampoo: a ${widest}×${widest} factor is too large to take its root every step here (at most ${MAX_FACTOR}), got a tensor of shape [${param.shape.join(', ')}]`);
  }
}

/**
 * Shampoo: full-matrix Adagrad made affordable by Kronecker factors. For an
 * m×n weight matrix, full-matrix Adagrad would keep an (mn)×(mn) sum of
 * gradient outer products; Shampoo keeps one m×m factor L for the rows and
 * one n×n factor R for the columns, and preconditions from both sides.
 * Unlike Adagrad's per-coordinate scaling, this follows the gradients'
 * correlations, so it is unaffected by a rotation of the row or column space.
 *
 * $$L_t = L_{t-1} + G_t G_t^\top, \qquad R_t = R_{t-1} + G_t^\top G_t, \qquad L_0 = \varepsilon I_m,\ R_0 = \varepsilon I_n$$
 * $$\theta_t = \theta_{t-1} - \eta\, L_t^{-1/4}\, G_t\, R_t^{-1/4}$$
 * and for a vector (full-matrix Adagrad, the order-1 case of the paper's Algorithm 2)
 * $$H_t = H_{t-1} + g_t g_t^\top,\ H_0 = \varepsilon I, \qquad \theta_t = \theta_{t-1} - \eta\, H_t^{-1/2}\, g_t$$
 *
 * Gupta, Koren & Singer, "Shampoo: Preconditioned Stochastic Tensor
 * Optimization", ICML 2018, Algorithm 1, with exact matrix roots recomputed
 * every step (by a float64 Jacobi eigensolver, linalg.ts). The −1/4 powers
 * make L^(−1/4) ⊗ R^(−1/4) approximate the −1/2 power of full-matrix Adagrad's
 * statistics. The practical Shampoo that won AlgoPerf 2024 adds much to this
 * (grafting onto Adam's step sizes, roots refreshed only every few steps,
 * exponential averages, blocking); this is the paper's algorithm.
 *
 * Details: init() cannot see ε, so εI joins the factors on the first step
 * (as Adagrad's s₀ does). In exact arithmetic every factor is ⪰ εI; an
 * eigenvalue that float32 rounding pushes below ε is raised back to ε before
 * the root, which keeps ε^(−1/4) the largest possible gain. ε must be > 0.
 * The paper sets no default step size; η = 0.1 and ε = 10⁻⁴ are ours.
 * Tensors of other ranks are an error.
 */
export const shampoo: Optimizer<{ lr: number; eps: number }, { L: Tensor; R: Tensor } | { H: Tensor }> = {
  id: 'shampoo',
  name: 'Shampoo',
  defaults: { lr: 0.1, eps: 1e-4 },
  hyper: {
    lr: learningRate,
    eps: { label: 'initial diagonal', symbol: 'ε', min: 1e-8, max: 1, log: true },
  },
  formula: [
    'L_t \\gets L_{t-1} + G_t G_t^\\top, \\quad L_0 = \\varepsilon I',
    'R_t \\gets R_{t-1} + G_t^\\top G_t, \\quad R_0 = \\varepsilon I',
    '\\theta_t \\gets \\theta_{t-1} - \\eta\\, L_t^{-1/4}\\, G_t\\, R_t^{-1/4}',
    '\\text{vectors: } H_t \\gets H_{t-1} + g_t g_t^\\top, \\quad H_0 = \\varepsilon I',
    '\\theta_t \\gets \\theta_{t-1} - \\eta\\, H_t^{-1/2}\\, g_t',
  ],
  reference: {
    title: 'Gupta, Koren & Singer (2018), Shampoo: Preconditioned Stochastic Tensor Optimization',
    url: 'https://arxiv.org/abs/1802.09568',
  },
  scope: 'tensor',
  init(param) {
    checkRank(param);
    const [m, n] = param.shape;
    return param.rank === 2 ? { L: zeros([m, m]), R: zeros([n, n]) } : { H: zeros([m, m]) };
  },
  update(param, grad, state, { lr, eps }, t) {
    checkRank(param);
    const start = (s: Tensor) => (t === 1 ? add(s, mul(eps, eye(s.shape[0]))) : s);
    if ('L' in state) {
      const L = add(start(state.L), matMul(grad, grad, false, true)); // (1)
      const R = add(start(state.R), matMul(grad, grad, true, false)); // (2)
      const step = matMul(matMul(inverseRootOf(L, 4, eps), grad), inverseRootOf(R, 4, eps)); // (3)
      return [sub(param, mul(lr, step)), { L, R }]; // (3)
    }
    const g = grad as Tensor1D; // a vector on this branch
    const H = add(start(state.H), outerProduct(g, g)); // (4)
    return [sub(param, mul(lr, dot(inverseRootOf(H, 2, eps), g))), { H }]; // (5)
  },
};
