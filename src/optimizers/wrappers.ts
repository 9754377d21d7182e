import { add, addN, div, greater, mul, sqrt, square, sub, sum, where, zerosLike } from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { HyperSpec } from './types';
import { checkNumber, mergeChecked, nonNegative, type Rule } from './validate';

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

/**
 * How a run is wrapped: SAM's radius ρ (0: off) and Lookahead's period k
 * (0: off) and slow step α. They ride along with a run's hyperparameters
 * (`sgd(lr=0.1,sam=0.05)`, `adam(lookahead=5)`, the trainer's attributes) and
 * are split off before the optimizer sees them (`splitWrap`).
 */
export type Wrap = {
  sam: number;
  lookahead: number;
  lookaheadAlpha: number;
};

/** Off, with α = 0.5 as in Zhang et al.'s experiments and Optax's examples. */
export const wrapDefaults: Wrap = { sam: 0, lookahead: 0, lookaheadAlpha: 0.5 };

/** Sliders and attributes: ranges a reader explores (validation is `wrapRules`). */
export const wrapSpecs: Record<keyof Wrap, HyperSpec> = {
  sam: { label: 'SAM radius (0 off)', symbol: 'ρ', min: 0, max: 1 },
  lookahead: { label: 'Lookahead period (0 off)', symbol: 'k', min: 0, max: 50, integer: true },
  lookaheadAlpha: { label: 'Lookahead slow step', symbol: 'α', min: 0, max: 1 },
};

const wrapRules: Record<keyof Wrap, Rule> = {
  sam: nonNegative,
  lookahead: { ok: (x) => Number.isInteger(x) && x >= 0, says: 'be a whole number ≥ 0 (0 is off)' },
  lookaheadAlpha: unitClosed,
};

/** True for a name `splitWrap` takes: `sam`, `lookahead`, `lookaheadAlpha`. */
export const isWrapName = (name: string): name is keyof Wrap => Object.hasOwn(wrapDefaults, name);

/** Validates wrapper settings (names and values), merged over the defaults; errors name `owner`. */
export function validateWrap(owner: string, given: Partial<Record<string, unknown>> = {}): Wrap {
  return mergeChecked(owner, 'wrapper setting', wrapDefaults, given, (name) => wrapRules[name as keyof Wrap]);
}

/**
 * A run's hyperparameters split into the optimizer's own and its wrapper
 * settings, unchecked: whoever builds the run validates both (`activeWrap`),
 * so that a bad value is that run's error, said aloud.
 */
export function splitWrap(hyper: Record<string, number> = {}): { hyper: Record<string, number>; wrap: Partial<Wrap> } {
  const entries = Object.entries(hyper);
  return {
    hyper: Object.fromEntries(entries.filter(([name]) => !isWrapName(name))),
    wrap: Object.fromEntries(entries.filter(([name]) => isWrapName(name))),
  };
}

/** Validated wrapper settings (errors name `owner`), or undefined when no wrapper is on: an unwrapped run costs nothing. */
export function activeWrap(owner: string, given: Partial<Record<string, unknown>> = {}): Wrap | undefined {
  const wrap = validateWrap(owner, given);
  return wrap.sam > 0 || wrap.lookahead > 0 ? wrap : undefined;
}

/** The runner's Lookahead option for `wrap`: null when it is off. */
export const lookaheadOption = (wrap?: Wrap) => (wrap?.lookahead ? { k: wrap.lookahead, alpha: wrap.lookaheadAlpha } : null);

/**
 * SAM's gradient closure: from `gradient` (parameters → gradients, one batch)
 * to θ ↦ ∇L(θ + ρ·g/‖g‖) with g = ∇L(θ), both on whatever batch `gradient`
 * closes over — the caller makes it the same batch. The base optimizer then
 * steps from θ with the result (the runner does: it passes θ, not θ̂).
 * ε comes from the raw gradient; clipping and penalties belong to the base
 * step and act on what this returns. Call inside a tidy: the intermediate
 * g and θ̂ are freed with it. ρ = 0 returns `gradient` itself (one gradient a step).
 *
 * Global norm, no ε in the denominator: `dual_vector` and `get_sam_gradient`
 * in google-research/sam (sam_jax/training_utils/flax_training.py), where θ̂
 * is θ + ρ·dual_vector(g).
 */
export function samGradient<T extends Tensor[]>(gradient: (params: T) => T, rho: number): (params: T) => T {
  checkNumber('sam', 'rho', rho, nonNegative);
  if (rho === 0) return gradient;
  return (params) => gradient(samPerturb(params, gradient(params), rho) as T);
}
