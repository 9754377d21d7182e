import { add, addN, clipByValue as clip, div, minimum, mul, sqrt, square, sum } from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';

/**
 * Gradient transforms applied before the optimizer sees the gradients. Each
 * takes the gradients of all parameter tensors together and returns new
 * tensors; none disposes its inputs (the runner calls them inside a tidy).
 */

/** Clamp every gradient component to [−c, c]. Changes the direction, not only the length. */
export function clipByValue(grads: Tensor[], c: number): Tensor[] {
  return grads.map((g) => clip(g, -c, c));
}

/**
 * Rescale all gradients by one factor so that their joint L2 norm is at most
 * `maxNorm`, keeping the direction. Like `torch.nn.utils.clip_grad_norm_`:
 * scale = min(1, maxNorm / (‖g‖ + 1e-6)), the 1e-6 guarding ‖g‖ = 0.
 * The scale stays a tensor so no value is read back from the backend.
 */
export function clipByGlobalNorm(grads: Tensor[], maxNorm: number): Tensor[] {
  const squares = grads.map((g) => sum(square(g)));
  const norm = sqrt(squares.length === 1 ? squares[0] : addN(squares));
  const scale = minimum(div(maxNorm, add(norm, 1e-6)), 1);
  return grads.map((g) => mul(g, scale));
}

/**
 * Coupled L2 regularisation: add λθ to the gradient, as `weight_decay` does in
 * torch.optim.SGD and Adam. Adaptive optimizers then rescale the penalty along
 * with the gradient; AdamW and Lion decay the weights directly instead.
 */
export function l2Penalty(grads: Tensor[], params: Tensor[], lambda: number): Tensor[] {
  return grads.map((g, i) => add(g, mul(lambda, params[i])));
}
