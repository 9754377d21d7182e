import { add, div, matMul, maximum, mul, norm, sub, transpose, zerosLike } from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { Optimizer } from './types';
import { epsilon, learningRate, momentum as momentumSpec, nesterov as nesterovSpec, weightDecay } from './hyper';

/**
 * Muon: momentum, then replace the update matrix by the nearest semi-orthogonal
 * matrix (all singular values ≈ 1), computed without an SVD by a few
 * Newton–Schulz iterations. The step therefore has the same size in every
 * direction of the matrix's row and column spaces — steepest descent under
 * the spectral norm — however lopsided the gradient's singular values are.
 *
 * $$B_t = \mu B_{t-1} + (1-\mu)\, G_t, \qquad
 *   U_t = \begin{cases} (1-\mu) G_t + \mu B_t & \text{nesterov} \\ B_t & \text{otherwise} \end{cases}$$
 * $$X_0 = U_t / \max(\lVert U_t\rVert_F, \varepsilon), \qquad
 *   X_{j+1} = a X_j + \big(b\, X_j X_j^\top + c\, (X_j X_j^\top)^2\big) X_j, \qquad O_t = X_k$$
 * $$\theta_t = \theta_{t-1}(1 - \eta\lambda) - \eta \sqrt{\max(1, m/n)}\; O_t$$
 * for an m×n weight matrix, with (a, b, c) = (3.4445, −4.7750, 2.0315). When
 * m > n the iteration runs on Uᵀ (so XXᵀ is the smaller Gram matrix) and the
 * result is transposed back.
 *
 * This is `torch.optim.Muon` (PyTorch ≥ 2.9, torch/optim/_muon.py) with
 * adjust_lr_fn = "original" line by line, with one difference: PyTorch runs
 * Newton–Schulz in bfloat16, we run it in float32, so our O_t is the more
 * precise one. Muon is meant for the hidden layers' weight matrices only; on
 * a network, biases and embeddings go to a standard optimizer such as AdamW,
 * as PyTorch's documentation prescribes (Keller Jordan's recipe also hands
 * the first and last layers to AdamW). Anything but a 2-D tensor is an error here.
 *
 * Why the EMA buffer gives the same update as the sum buffer. PyTorch's
 * docstring writes the buffer as S_t = μS_{t−1} + G_t (and the Nesterov
 * input as G_t + μS_t), while its code keeps the exponential average
 * B_t = lerp(B_{t−1}, G_t, 1−μ). Both start at zero, so by induction
 * B_t = (1−μ)S_t. Without Nesterov, U_t = B_t = (1−μ)S_t; with Nesterov,
 * U_t = lerp(G_t, B_t, μ) = (1−μ)G_t + μ(1−μ)S_t = (1−μ)(G_t + μS_t). So in
 * both cases the code's U_t is exactly (1−μ) times the docstring's, and
 * Newton–Schulz starts by dividing by the Frobenius norm, which removes any
 * positive factor: in exact arithmetic the two updates are identical whenever
 * both inputs' norms reach ε, i.e. (1−μ)‖S̃_t‖_F ≥ ε for the docstring's input
 * S̃_t. They differ only when ‖S̃_t‖_F < ε/(1−μ) (there the code's smaller
 * input is divided by ε instead of by its norm, and gives the smaller step),
 * and the argument needs μ < 1, which validation enforces. With the default
 * ε = 10⁻⁷ that is a gradient history of norm below 2·10⁻⁶ at μ = 0.95.
 *
 * References: Jordan et al. (2024), "Muon: An optimizer for hidden layers in
 * neural networks", https://kellerjordan.github.io/posts/muon/; Liu et al.
 * (2025), "Muon is Scalable for LLM Training", arXiv:2502.16982.
 */
export const muon: Optimizer<
  { lr: number; momentum: number; nesterov: number; weightDecay: number; nsSteps: number; eps: number },
  { buf: Tensor }
> = {
  id: 'muon',
  name: 'Muon',
  defaults: { lr: 1e-3, momentum: 0.95, nesterov: 1, weightDecay: 0.1, nsSteps: 5, eps: 1e-7 },
  hyper: {
    lr: learningRate,
    momentum: momentumSpec,
    nesterov: nesterovSpec,
    weightDecay,
    nsSteps: { label: 'Newton–Schulz steps', symbol: 'k', min: 1, max: 10, integer: true },
    eps: epsilon,
  },
  formula: [
    'B_t \\gets \\mu B_{t-1} + (1-\\mu)\\, G_t',
    'U_t \\gets \\begin{cases} (1-\\mu)\\, G_t + \\mu B_t & \\text{nesterov} \\\\ B_t & \\text{otherwise} \\end{cases}',
    'X_0 \\gets U_t / \\max(\\lVert U_t \\rVert_F, \\varepsilon) \\quad (U_t^\\top \\text{ if } m > n)',
    'X_{j+1} \\gets a X_j + \\big(b\\, X_j X_j^\\top + c\\, (X_j X_j^\\top)^2\\big) X_j, \\quad j = 0, \\dots, k-1',
    'O_t \\gets X_k \\quad (X_k^\\top \\text{ if } m > n)',
    '\\tilde\\theta \\gets \\theta_{t-1}\\,(1 - \\eta\\lambda)',
    '\\theta_t \\gets \\tilde\\theta - \\eta \\sqrt{\\max(1, m/n)}\\; O_t',
  ],
  reference: {
    title: 'Jordan et al. (2024), Muon: An optimizer for hidden layers in neural networks',
    url: 'https://kellerjordan.github.io/posts/muon/',
  },
  scope: 'matrix',
  // init() and update() are self-contained (no module-level helpers): the exercise's reference solution and the playground's "Start from…" are their text.
  init(param) {
    if (param.rank !== 2) throw new Error(`muon: updates 2-D weight matrices only, got a tensor of shape [${param.shape.join(', ')}]`);
    return { buf: zerosLike(param) };
  },
  update(param, grad, { buf }, { lr, momentum: mu, nesterov, weightDecay, nsSteps, eps }) {
    if (param.rank !== 2) throw new Error(`muon: updates 2-D weight matrices only, got a tensor of shape [${param.shape}]`);
    const [m, n] = param.shape;
    const [a, b, c] = [3.4445, -4.775, 2.0315]; // the quintic x ↦ ax + bx³ + cx⁵ (Keller Jordan's, kept by PyTorch)
    const bt = add(mul(mu, buf), mul(1 - mu, grad)); // (1)
    const u = nesterov ? add(mul(1 - mu, grad), mul(mu, bt)) : bt; // (2)
    const wide = m > n ? transpose(u) : u; // iterate on the wide side: X Xᵀ is then the smaller Gram matrix
    let x = div(wide, maximum(norm(wide), eps)); // (3)
    for (let j = 0; j < nsSteps; j++) {
      const gram = matMul(x, x, false, true);
      x = add(mul(a, x), matMul(add(mul(b, gram), mul(c, matMul(gram, gram))), x)); // (4)
    }
    const o = m > n ? transpose(x) : x; // (5)
    const decayed = mul(param, 1 - lr * weightDecay); // (6)
    const next = sub(decayed, mul(lr * Math.sqrt(Math.max(1, m / n)), o)); // (7)
    return [next, { buf: bt }];
  },
};
