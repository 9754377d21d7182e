/**
 * What the step inspector shows for each formula line of an optimizer: the
 * quantities that line computes, as numbers per parameter. State and
 * parameters come from the real update; quantities the update keeps only in
 * local variables (bias-corrected moments, Adadelta's Δ, RAdam's ρ and r) are
 * recomputed here from the real state, for display only.
 */
export interface TraceContext {
  g: number[];                          // gradient g_t
  theta: number[];                      // θ_{t-1}
  next: number[];                       // θ_t
  before: Record<string, number[]>;     // state entering the step
  after: Record<string, number[]>;      // state leaving it
  hp: Record<string, number>;
  t: number;
}
export type TraceRow = [symbol: string, values: number[]];
type Trace = ((c: TraceContext) => TraceRow[])[];

const map = (xs: number[], f: (x: number, i: number) => number) => xs.map(f);
const scalar = (c: TraceContext, x: number) => c.g.map(() => x);
const theta: (c: TraceContext) => TraceRow[] = (c) => [['θₜ', c.next]];
const mHat = (c: TraceContext) => map(c.after.m, (m) => m / (1 - c.hp.beta1 ** c.t));
const vHat = (c: TraceContext) => map(c.after.v, (v) => v / (1 - c.hp.beta2 ** c.t));
const state = (name: string, symbol: string) => (c: TraceContext): TraceRow[] => [[symbol, c.after[name]]];
const adamMoments: Trace = [state('m', 'mₜ'), state('v', 'vₜ'), (c) => [['m̂ₜ', mHat(c)], ['v̂ₜ', vHat(c)]]];

const nadamMu = (c: TraceContext, t: number) => c.hp.beta1 * (1 - 0.5 * 0.96 ** (t * c.hp.momentumDecay));
const radamRho = (c: TraceContext) => {
  const inf = 2 / (1 - c.hp.beta2) - 1;
  return { inf, t: inf - (2 * c.t * c.hp.beta2 ** c.t) / (1 - c.hp.beta2 ** c.t) };
};

export const traces: Record<string, Trace> = {
  sgd: [theta],
  momentum: [state('v', 'vₜ'), theta],
  nesterov: [state('v', 'vₜ'), theta],
  adagrad: [state('s', 'sₜ'), theta],
  rmsprop: [state('v', 'vₜ'), theta],
  adadelta: [
    state('v', 'vₜ'),
    (c) => [['Δₜ', map(c.theta, (th, i) => (th - c.next[i]) / c.hp.lr)]],
    state('u', 'uₜ'),
    theta,
  ],
  adam: [...adamMoments, theta],
  amsgrad: [state('m', 'mₜ'), state('v', 'vₜ'), state('vMax', 'vᵐᵃˣₜ'), theta],
  adamw: [(c) => [['θ̃', map(c.theta, (th) => th * (1 - c.hp.lr * c.hp.weightDecay))]], ...adamMoments, theta],
  adamax: [state('m', 'mₜ'), state('u', 'uₜ'), theta],
  nadam: [
    (c) => [['μₜ', scalar(c, nadamMu(c, c.t))], ['μₜ₊₁', scalar(c, nadamMu(c, c.t + 1))]],
    (c) => [['Πₜ', c.after.muProduct.length === 1 ? scalar(c, c.after.muProduct[0]) : c.after.muProduct]],
    state('m', 'mₜ'),
    state('v', 'vₜ'),
    (c) => {
      const [mu, muNext] = [nadamMu(c, c.t), nadamMu(c, c.t + 1)];
      const prod = c.after.muProduct[0];
      return [['m̂ₜ', map(c.after.m, (m, i) => (muNext * m) / (1 - prod * muNext) + ((1 - mu) * c.g[i]) / (1 - prod))]];
    },
    (c) => [['v̂ₜ', vHat(c)]],
    theta,
  ],
  radam: [
    state('m', 'mₜ'),
    state('v', 'vₜ'),
    (c) => [['m̂ₜ', mHat(c)]],
    (c) => [['ρₜ', scalar(c, radamRho(c).t)]],
    (c) => {
      const rho = radamRho(c);
      const r = rho.t > 5 ? Math.sqrt(((rho.t - 4) * (rho.t - 2) * rho.inf) / ((rho.inf - 4) * (rho.inf - 2) * rho.t)) : NaN;
      return [['rₜ', scalar(c, r)]];
    },
    theta,
  ],
  lion: [
    (c) => [['cₜ', map(c.before.m, (m, i) => c.hp.beta1 * m + (1 - c.hp.beta1) * c.g[i])]],
    theta,
    state('m', 'mₜ'),
  ],
};

/**
 * The rows for formula line k (1-based) of `id`. Optimizers without a trace
 * (framework variants) show their new state on the first line and θ_t on the last.
 */
export function traceLine(id: string, lines: number, k: number, c: TraceContext): TraceRow[] {
  const trace = traces[id];
  if (trace && trace.length === lines) return trace[k - 1](c);
  if (k === lines) return theta(c);
  return k === 1 ? Object.entries(c.after).map(([name, v]) => [`${name}ₜ`, v]) : [];
}
