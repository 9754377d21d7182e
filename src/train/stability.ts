import { optimizers } from '../optimizers';
import type { TrainerConfig } from './trainer';

/**
 * The largest sharpness λ_max at which a rule's full-batch steps are still
 * stable, where one exists: the line the diagnostics plot λ_max against.
 *
 * On a quadratic of curvature λ, gradient descent θ ← θ − ηλθ shrinks θ only
 * while ηλ < 2. With heavy-ball momentum μ (v ← μv + g, θ ← θ − ηv, PyTorch's
 * form; Keras's, with η inside v, takes the same path) the iteration
 * θₜ₊₁ = (1 + μ − ηλ)θₜ − μθₜ₋₁ is stable while ηλ < 2 + 2μ; with Nesterov
 * momentum (θ ← θ − η(g + μv)) while ηλ(1 + 2μ) < 2 + 2μ: in both cases the
 * limit is where an eigenvalue of the 2×2 iteration matrix reaches −1
 * (1 + trace + determinant = 0). Cohen et al. (2021, appendix on momentum)
 * give both and find full-batch training hovering at them as at 2/η.
 *
 * A coupled L2 penalty λ₂ adds λ₂I to the Hessian the steps see, so the loss's
 * own λ_max may only reach the limit minus λ₂.
 *
 * No limit of this kind for rules that do not step by η times the gradient
 * (Adam and the other adaptive methods divide each coordinate by its own
 * running scale; Lion takes signs), nor for clipped steps or parameter groups
 * with rates of their own. For adaptive methods Cohen et al. (2022) plot the
 * "preconditioned sharpness" instead, which these diagnostics do not measure.
 *
 * J. Cohen et al., "Gradient Descent on Neural Networks Typically Occurs at the
 * Edge of Stability", ICLR 2021, https://arxiv.org/abs/2103.00065;
 * J. Cohen et al., "Adaptive Gradient Methods at the Edge of Stability", 2022,
 * https://arxiv.org/abs/2207.14484
 */
export type StabilityLimit =
  | { value: number; formula: string }
  | { value: null; why: string };

type Rule = { formula: string; limit: (lr: number, mu: number) => number };

const gd: Rule = { formula: '2/η', limit: (lr) => 2 / lr };
const heavyBall: Rule = { formula: '(2 + 2μ)/η', limit: (lr, mu) => (2 + 2 * mu) / lr };
const nesterov: Rule = { formula: '(2 + 2μ)/(η(1 + 2μ))', limit: (lr, mu) => (2 + 2 * mu) / (lr * (1 + 2 * mu)) };

const rules: Record<string, Rule> = {
  sgd: gd,
  momentum: heavyBall,
  'momentum:keras': heavyBall,
  nesterov,
  'nesterov:keras': nesterov,
};

/** The stability limit of `config`'s rule at learning rate `lr` (the schedule applied). */
export function stabilityLimit(config: Pick<TrainerConfig, 'optimizer' | 'hyper' | 'groups' | 'clip' | 'l2'>, lr: number): StabilityLimit {
  const rule = rules[config.optimizer];
  const name = optimizers[config.optimizer]?.name ?? config.optimizer;
  if (!rule) return { value: null, why: `${name} does not step by η times the gradient (an adaptive method rescales each coordinate), so no line like 2/η applies` };
  if (config.groups?.length) return { value: null, why: 'parameter groups take steps at rates of their own, so no single limit applies' };
  if (config.clip) return { value: null, why: 'clipping shortens the steps that would cross the limit, so it does not apply as such' };
  const mu = { ...optimizers[config.optimizer].defaults, ...config.hyper }.momentum ?? 0;
  const l2 = config.l2 ?? 0;
  return { value: rule.limit(lr, mu) - l2, formula: l2 ? `${rule.formula} − λ₂` : rule.formula };
}
