import { add, addN, div, greater, mul, sqrt, square, sub, sum, where, zerosLike } from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { checkNumber, nonNegative, type Rule } from './validate';

/**
 * Wrappers that turn any optimizer into another: the pure tensor steps they
 * add, for the runner to call. Like the gradient transforms, each takes all
 * parameter tensors together, returns new tensors and disposes nothing (the
 * runner calls them inside its tidy and owns the results).
 */

/** Same number of tensors, pairwise of the same shape, or a clear error naming `who`. */
function checkPairs(who: string, first: Tensor[], second: Tensor[], names: [string, string]): void {
  if (first.length !== second.length) {
    throw new Error(`${who}: got ${first.length} ${names[0]} but ${second.length} ${names[1]}`);
  }
  first.forEach((x, i) => {
    const [a, b] = [x.shape.join(', '), second[i].shape.join(', ')];
    if (a !== b) throw new Error(`${who}: ${names[0]} ${i} has shape [${a}] but ${names[1]} ${i} has shape [${b}]`);
  });
}

/**
 * SAM's ascent point: θ + ρ·g/‖g‖, with ‖g‖ the L2 norm of all gradients
 * together (the whole model is one vector here, as in the paper), and θ
 * unchanged when ‖g‖ = 0 (a stationary point has no uphill direction).
 *
 * Sharpness-Aware Minimization minimises max_{‖ε‖≤ρ} L(θ + ε) instead of
 * L(θ). To first order the inner maximum is at ε = ρ·g/‖g‖, so one SAM
 * step is: g = ∇L(θ); θ̂ = samPerturb(θ, g, ρ); then the base optimizer's
 * update from θ (not θ̂) with the gradient ∇L(θ̂). It costs two gradients
 * per step, which is why the runner takes a gradient closure for it.
 *
 * Foret, Kleiner, Mobahi & Neyshabur, "Sharpness-Aware Minimization for
 * Efficiently Improving Generalization", ICLR 2021 (Algorithm 1, p = 2).
 */
export function samPerturb(params: Tensor[], grads: Tensor[], rho: number): Tensor[] {
  checkNumber('sam', 'rho', rho, nonNegative);
  checkPairs('sam', params, grads, ['parameters', 'gradients']);
  if (params.length === 0) return [];
  const squares = grads.map((g) => sum(square(g)));
  const norm = sqrt(squares.length === 1 ? squares[0] : addN(squares));
  // The where keeps ρ/0 = ∞ out of the product: at ‖g‖ = 0 the scale is 0.
  const scale = where(greater(norm, 0), div(rho, norm), zerosLike(norm));
  return params.map((p, i) => add(p, mul(scale, grads[i])));
}

const unitClosed: Rule = { ok: (x) => x >= 0 && x <= 1, says: 'be in [0, 1]' };

/**
 * Lookahead's synchronisation: the slow weights move a fraction α of the way
 * to the fast ones, φ ← φ + α(θ − φ), and the fast weights restart from the
 * new φ. Returns the new φ, which is both the new slow and the new fast weights.
 *
 * Lookahead runs any optimizer (the "fast" one) from θ = φ for k steps, then
 * calls this: every k-th fast step (t = k, 2k, 3k, … counting fast steps from
 * 1), never in between. The slow weights start equal to the initial
 * parameters. The base optimizer's state (momentum, second moments) carries
 * on across synchronisations, as in the paper. α = 1 is the base optimizer
 * alone; α = 0 would never move.
 *
 * Zhang, Lucas, Hinton & Ba, "Lookahead Optimizer: k steps forward, 1 step
 * back", NeurIPS 2019 (Algorithm 1).
 */
export function lookaheadSync(fast: Tensor[], slow: Tensor[], alpha: number): Tensor[] {
  checkNumber('lookahead', 'alpha', alpha, unitClosed);
  checkPairs('lookahead', fast, slow, ['fast weights', 'slow weights']);
  return slow.map((phi, i) => add(phi, mul(alpha, sub(fast[i], phi))));
}
