import { add, sub, tensor1d, tidy, type Tensor1D } from '@tensorflow/tfjs-core';
import { meanLoss, type Role } from './mlp';
import { createRandom, deriveSeed } from './random';
import { stabilityLimit, type StabilityLimit } from './stability';
import type { Trainer, TrainerConfig } from './trainer';

/**
 * Training diagnostics: what the optimizer is doing to each parameter tensor,
 * and how sharp the loss surface is where it stands. Measured from a Trainer
 * at its current step without changing it, and returned as plain data
 * (numbers, strings, arrays; `null` where a number is undefined or not
 * finite), so that a sample crosses a Worker boundary or JSON unchanged.
 *
 * Everything is measured on the full training loss L(θ) at the current θ,
 * before clipping and penalties (`Trainer.fullGradient`):
 *
 * - per named tensor, the gradient norm ‖g‖ and the update-to-weight ratio
 *   ‖Δθ‖/‖θ‖, with Δθ the step the optimizer would take next for g from its
 *   current state (`Trainer.probeStep`). The rule of thumb of Stanford's
 *   CS231n notes ("Neural Networks Part 3") is a ratio around 10⁻³ per step:
 *   far above and the weights churn, far below and the layer hardly learns.
 * - the effective step of each coordinate, |Δθᵢ|/|gᵢ|: η everywhere for SGD,
 *   spread over decades for an adaptive method (Adam divides by √v̂ᵢ).
 * - sharpness, λ_max: the largest eigenvalue of the Hessian ∇²L(θ). Gradient
 *   descent with step η on a quadratic of curvature λ is stable only while
 *   λ < 2/η; Cohen et al. (2021) found that full-batch GD on neural networks
 *   raises λ_max until it reaches 2/η ("progressive sharpening") and then
 *   hovers there while the loss keeps falling, non-monotonically ("the edge
 *   of stability"). See `EDGE_OF_STABILITY` for a setup that shows it here.
 *   The sample carries GD's 2/η and the limit of the rule in use
 *   ((2 + 2μ)/η with heavy-ball momentum μ; none for adaptive methods): see
 *   stability.ts.
 *
 * J. Cohen, S. Kaur, Y. Li, J. Z. Kolter, A. Talwalkar, "Gradient Descent on
 * Neural Networks Typically Occurs at the Edge of Stability", ICLR 2021,
 * https://arxiv.org/abs/2103.00065
 */

/**
 * A setup where full-batch gradient descent shows progressive sharpening and
 * then the edge of stability, in a couple of seconds in Node (measured with
 * this module, sampling every 50 steps; tests/unit/train/diagnostics.test.ts
 * checks it):
 *
 *   the sine regression (200 points, 100 for training, noise 0.1, seed 1),
 *   a 1-16-16-1 tanh network (321 parameters), half squared error, SGD with
 *   η = 0.15 (2/η ≈ 13.3) on the whole training set every step, 2,000 steps.
 *
 * λ_max starts at 5.76 (0.43 · 2/η) and rises steadily while the loss falls
 * from 0.21 to 0.0057: 10.4 at step 400, 13.0 at 800. It crosses 2/η near step
 * 850, overshoots to 14.2 (1.06 · 2/η) at step 1000, and from there on stays
 * within 6 % of 2/η (12.6 … 13.8), rising and being knocked back below 2/η;
 * meanwhile the loss keeps falling on the whole but no longer monotonically
 * (spikes to 0.008, 0.018, 0.011 between its dips to 0.0052). As in Cohen et
 * al.'s experiments the squared loss shows it most cleanly: with
 * cross-entropy (circles, η = 1) λ_max reaches 2/η and then falls as the
 * margins grow.
 */
export const EDGE_OF_STABILITY = {
  config: {
    dataset: 'sine', noise: 0.1, size: 200, hidden: [16, 16], activation: 'tanh',
    optimizer: 'sgd', hyper: { lr: 0.15 }, batchSize: 100, seed: 1,
  } satisfies TrainerConfig,
  steps: 2000,
  /** Steps between samples. */
  every: 50,
} as const;

/** One named parameter tensor (layer1.weight, layer1.bias, …) at one step. */
export interface TensorDiagnostics {
  name: string;
  layer: number;
  role: Role;
  /** [out, in] for a weight matrix, [out] for a bias. */
  shape: number[];
  /** Entries in the tensor. */
  size: number;
  /** ‖g‖ of this tensor's part of the full-batch gradient. */
  gradNorm: number | null;
  /** ‖θ‖ of the tensor. */
  weightNorm: number | null;
  /** ‖Δθ‖ of the step the optimizer would take next. */
  updateNorm: number | null;
  /** ‖Δθ‖/‖θ‖; null where ‖θ‖ = 0 (biases start at zero). */
  updateRatio: number | null;
  /** Median of |Δθᵢ|/|gᵢ| over the tensor's resolved coordinates (see `StepDistribution`); null if none is. */
  medianStep: number | null;
}

/**
 * The distribution of the effective per-coordinate step |Δθᵢ|/|gᵢ| over every
 * coordinate of θ where it can be read: gᵢ ≠ 0 and the step is large enough
 * against θᵢ for float32 to resolve it (`RESOLVED_STEP`).
 */
export interface StepDistribution {
  /** Coordinates counted. */
  counted: number;
  /** Coordinates left out: zero gradient, or a step float32 cannot resolve. */
  skipped: number;
  /** Smallest, 10th percentile, median, 90th percentile, largest; null when nothing was counted. */
  quantiles: { min: number; p10: number; median: number; p90: number; max: number } | null;
  /** Counts in log-spaced bins: bin j holds steps in [edges[j], edges[j + 1]). */
  histogram: { edges: number[]; counts: number[] };
}

/** The top Hessian eigenvalue as power iteration found it. */
export interface Sharpness {
  /** λ_max ≈ vᵀHv for the unit vector v the iteration reached. */
  lambdaMax: number;
  /** Hessian-vector products this sample cost (two full-batch gradients each). */
  iterations: number;
  /** ‖Hv − λv‖/|λ|: 0 for an exact eigenvector; small means converged. */
  residual: number;
}

/** Everything measured at one step: plain data, JSON-safe. */
export interface DiagnosticsSample {
  /** Optimizer steps taken before the measurement. */
  step: number;
  /** Mean training loss at θ (null once it is not finite). */
  loss: number | null;
  /** η of the next step (the schedule applied). */
  lr: number;
  /** 2/η: gradient descent's stability threshold for λ_max. */
  twoOverLr: number;
  /** The threshold for this rule (2/η, (2 + 2μ)/η with momentum, …), or why there is none (see stability.ts). */
  limit: StabilityLimit;
  /** Per named tensor, in `Mlp.parameters` order: per layer its weight matrix, then its bias. */
  tensors: TensorDiagnostics[];
  effectiveStep: StepDistribution;
  /** null when not measured; `sharpnessMissing` says why. */
  sharpness: Sharpness | null;
  sharpnessMissing: SharpnessMissing | null;
}

/**
 * Why a sample has no λ_max: switched off; θ or the gradient is no longer
 * finite (training diverged); or the network has ReLU units, whose kinks
 * make the gradient jump, so that differences of gradients measure the jumps
 * rather than curvature (see `hessianVectorProduct`).
 */
export type SharpnessMissing = 'off' | 'not-finite' | 'kinks';

export interface DiagnosticsOptions {
  /** Measure λ_max (default true; never for ReLU hidden units); it costs 2 full-batch gradients per power iteration. */
  sharpness?: boolean;
  /** Power iterations per sample at least (default 2): with a warm start, a couple suffice. */
  minIterations?: number;
  /** And at most (default 20; the first sample, started cold, may use them all). */
  maxIterations?: number;
  /** Stop once λ changes by at most this fraction between iterations (default 1e-3). */
  tolerance?: number;
  /** …and the residual ‖Hv − λv‖/|λ| is at most this (default 0.05): a slowly crawling iteration also changes λ little. */
  residualTolerance?: number;
  /** Finite-difference step as a fraction of ‖θ‖ (at least 1; default 3e-4; see `hessianVectorProduct`). */
  epsilon?: number;
  /** Log-spaced histogram bins per decade of effective step (default 4). */
  binsPerDecade?: number;
}

/**
 * Which effective steps are counted: |Δθᵢ| > RESOLVED_STEP·|θᵢ + Δθᵢ|. Δθ is
 * read back as θ' − θ of two float32 vectors, and θ'ᵢ carries a rounding error
 * of up to 2⁻²⁴|θ'ᵢ|; below this bound that error could exceed 2⁻¹² ≈ 0.02 %
 * of the step and the ratio would be noise, not the optimizer's.
 */
export const RESOLVED_STEP = 2 ** -12;

/** Most histogram bins: past this many decades the bins get wider. */
const MAX_BINS = 48;

/**
 * Measures diagnostics of one trainer, sample after sample. It keeps only the
 * power iteration's last vector (a plain Float64Array, no tensor), so the next
 * sample starts from it: θ moves little between samples, nor does the top
 * eigenvector, and a couple of iterations then suffice. Nothing is allocated
 * on the backend between calls; `measure` frees every tensor it makes.
 *
 * Cost, measured in Node: a Hessian-vector product is two full-batch
 * gradients. In the edge-of-stability setup a sample takes 2–3 of them
 * (8 on the first, cold), some 6 ms. On the digits (64-32-10 tanh, 899
 * training points, Adam) a product takes some 30 ms and a sample 3–15 of
 * them (up to 20 while the top eigenvalues crowd early on), and λ_max was
 * within 1.2 % of a 300-iteration reference at every sample.
 */
export class Diagnostics {
  private vector: Float64Array | null = null;
  private shift = 0;
  private readonly o: Required<DiagnosticsOptions>;

  constructor(readonly trainer: Trainer, options: DiagnosticsOptions = {}) {
    this.o = { sharpness: true, minIterations: 2, maxIterations: 20, tolerance: 1e-3, residualTolerance: 0.05, epsilon: 3e-4, binsPerDecade: 4, ...options };
    const { minIterations, maxIterations, tolerance, epsilon, binsPerDecade } = this.o;
    if (!(Number.isInteger(minIterations) && minIterations >= 1)) throw new Error(`diagnostics: minIterations must be a whole number ≥ 1, got ${minIterations}`);
    if (!(Number.isInteger(maxIterations) && maxIterations >= minIterations)) throw new Error(`diagnostics: maxIterations must be a whole number ≥ minIterations, got ${maxIterations}`);
    if (!(tolerance >= 0)) throw new Error(`diagnostics: tolerance must be ≥ 0, got ${tolerance}`);
    if (!(epsilon > 0)) throw new Error(`diagnostics: epsilon must be > 0, got ${epsilon}`);
    if (!(binsPerDecade > 0)) throw new Error(`diagnostics: binsPerDecade must be > 0, got ${binsPerDecade}`);
  }

  /**
   * Measure at the trainer's current step. The trainer does not change.
   * `sharpness`: measure λ_max this time (default: as the options say).
   */
  measure(sharpness = this.o.sharpness): DiagnosticsSample {
    const t = this.trainer;
    const lr = t.currentLr();
    const { g, delta, theta } = this.readBack();
    const thetaOk = theta.every(Number.isFinite);
    const gOk = g.every(Number.isFinite);
    return {
      step: t.step,
      loss: thetaOk ? finite(this.loss()) : null,
      lr,
      twoOverLr: 2 / lr,
      limit: stabilityLimit(t.config, lr),
      tensors: t.mlp.parameters.map((p, k) => tensorDiagnostics(p, t.mlp.indicesOf(k), g, delta, theta)),
      effectiveStep: stepDistribution(effectiveSteps(g, delta, theta), g.length, this.o.binsPerDecade),
      ...this.sharpnessOrWhyNot(theta, thetaOk && gOk, sharpness),
    };
  }

  /** Forget the eigenvector: the next sample starts power iteration afresh. */
  reset(): void {
    this.vector = null;
    this.shift = 0;
  }

  /** g = ∇L(θ), Δθ = the optimizer's next step for g, and θ, read back. */
  private readBack(): { g: Float32Array; delta: Float32Array; theta: Float32Array } {
    const t = this.trainer;
    const g = t.fullGradient();
    try {
      const delta = t.probeStep(g);
      try {
        // Copies: the CPU backend hands out its own buffers.
        return { g: g.dataSync<'float32'>().slice(), delta: delta.dataSync<'float32'>().slice(), theta: t.theta.dataSync<'float32'>().slice() };
      } finally {
        delta.dispose();
      }
    } finally {
      g.dispose();
    }
  }

  /** The training loss at θ itself (a schedule-free trainer reports it at its averaged point instead). */
  private loss(): number {
    const { mlp, data } = this.trainer;
    return meanLoss(data.task, mlp.outputs(this.trainer.theta, data.xTrain), data.yTrain, mlp.outputSize);
  }

  private sharpnessOrWhyNot(theta: Float32Array, finite: boolean, wanted: boolean): Pick<DiagnosticsSample, 'sharpness' | 'sharpnessMissing'> {
    const { spec, units } = this.trainer.mlp;
    const kinks = spec.activation === 'relu' && units.length > 2; // a network without hidden layers has no ReLU
    const missing: SharpnessMissing | null = !wanted ? 'off' : kinks ? 'kinks' : !finite ? 'not-finite' : null;
    const sharpness = missing ? null : this.sharpness(theta);
    return { sharpness, sharpnessMissing: missing ?? (sharpness ? null : 'not-finite') };
  }

  private sharpness(theta: Float32Array): Sharpness | null {
    const t = this.trainer;
    if (this.vector?.length !== theta.length) {
      const random = createRandom(deriveSeed(t.config.seed, 'diagnostics/power-iteration'));
      this.vector = Float64Array.from(theta, () => random.normal());
      this.shift = 0;
    }
    const epsilon = this.o.epsilon * Math.max(1, norm(theta));
    const result = topEigenpair((v) => hessianVectorProduct(t, v, epsilon), this.vector, { ...this.o, shift: this.shift });
    if (!Number.isFinite(result.value)) {
      this.reset();
      return null;
    }
    this.vector = result.vector;
    this.shift = result.shift;
    return { lambdaMax: result.value, iterations: result.iterations, residual: result.residual };
  }
}

/**
 * Hv for the Hessian H of the full training loss at the trainer's θ, by a
 * central difference of gradients:
 *   Hv ≈ (∇L(θ + εv) − ∇L(θ − εv)) / 2ε,
 * exact for a quadratic loss, with an error of O(ε²) otherwise. In float32 the
 * gradients carry rounding errors of some 10⁻⁷ of their per-point size, which
 * the division by 2ε magnifies, so ε must not be too small either. Against a
 * float64 Hessian of two tiny networks (tests), λ_max came out within
 * 1–2·10⁻⁵ for ε = 3·10⁻⁴‖θ‖ (for a unit v: each weight moves by a few
 * 10⁻⁴ of its size), 4–8·10⁻⁵ for 10⁻³‖θ‖ (the O(ε²) term) and 2–5·10⁻⁴ for
 * 10⁻⁵‖θ‖ (rounding); hence the default. For the linear model on the sine
 * set, whose loss is exactly quadratic, the 7·10⁻⁵ left at 3·10⁻⁴ is all rounding.
 * On the digits (64-32-10 tanh) the product agrees with automatic
 * differentiation (tf.grad of g·v) to 2·10⁻⁵.
 *
 * It needs a smooth loss. ReLU units make ∇L jump wherever a unit switches
 * on or off, and θ ± εv crosses such kinks: on the digits with ReLU the
 * "λ_max" came out 3.4, 4.9 and 4.0 for ε = 3·10⁻⁴, 3·10⁻⁵ and 3·10⁻⁶‖θ‖.
 * `Diagnostics` therefore measures no sharpness for ReLU networks.
 */
export function hessianVectorProduct(trainer: Trainer, v: Float64Array, epsilon: number): Float64Array {
  const difference = tidy(() => {
    const offset = tensor1d(Float32Array.from(v, (x) => epsilon * x));
    const theta = trainer.theta;
    return sub(trainer.fullGradient(add<Tensor1D>(theta, offset)), trainer.fullGradient(sub<Tensor1D>(theta, offset)));
  });
  try {
    return Float64Array.from(difference.dataSync(), (x) => x / (2 * epsilon));
  } finally {
    difference.dispose();
  }
}

export interface EigenOptions {
  minIterations: number;
  maxIterations: number;
  tolerance: number;
  /** Also required for stopping early: the relative residual at most this (default: no requirement). */
  residualTolerance?: number;
  /** Start from H + shift·I (default 0); see `topEigenpair`. */
  shift?: number;
}

export interface Eigenpair {
  /** The Rayleigh quotient vᵀHv of the last unit vector v multiplied. */
  value: number;
  /** The next iterate, (H + shift·I)v normalised: where to start next time. */
  vector: Float64Array;
  /** Products with H computed. */
  iterations: number;
  /** ‖Hv − value·v‖/|value| for that last v. */
  residual: number;
  /** The shift in use at the end. */
  shift: number;
}

/**
 * The largest (most positive) eigenvalue of a symmetric matrix H given only
 * as v ↦ Hv, by power iteration from `start`: v ← Hv/‖Hv‖ converges to the
 * eigenvector whose eigenvalue is largest in magnitude, at the rate
 * |λ₂/λ₁| per step, and the Rayleigh quotient vᵀHv to its eigenvalue, twice
 * as fast. Stops after at least `minIterations` products once the quotient
 * changes by at most `tolerance` of itself and the relative residual
 * ‖Hv − μv‖/|μ| is at most `residualTolerance` (some eigenvalue of H lies
 * within ‖Hv − μv‖ of the quotient μ), or after `maxIterations`.
 *
 * A negative eigenvalue can be the largest in magnitude (a saddle's direction
 * of descent): once the quotient comes out negative, say μ < 0, the iteration
 * multiplies by H + sI with s = −μ instead, which moves that eigenvalue to
 * about 0 and keeps λ_max + s the largest; the shift is returned for reuse.
 */
export function topEigenpair(multiply: (v: Float64Array) => Float64Array, start: ArrayLike<number>, o: EigenOptions): Eigenpair {
  let shift = o.shift ?? 0;
  let v = normalised(Float64Array.from(start));
  let value = NaN;
  let previous = NaN;
  let residual = NaN;
  let iterations = 0;
  while (iterations < o.maxIterations) {
    const hv = multiply(v);
    iterations++;
    value = dot(v, hv);
    if (!Number.isFinite(value)) break;
    if (value < -shift) shift = -value;
    residual = Math.sqrt(hv.reduce((s, x, i) => s + (x - value * v[i]) ** 2, 0)) / Math.abs(value);
    const converged = iterations >= o.minIterations && Math.abs(value - previous) <= o.tolerance * Math.abs(value) && residual <= (o.residualTolerance ?? Infinity);
    previous = value;
    const next = hv.map((x, i) => x + shift * v[i]);
    if (norm(next) > 0) v = normalised(next);
    if (converged) break;
  }
  return { value, vector: v, iterations, residual, shift };
}

/** One tensor's norms and step, from the flat read-back vectors and its indices in θ. */
function tensorDiagnostics(
  p: { name: string; layer: number; role: Role; shape: readonly number[] },
  indices: Int32Array,
  g: Float32Array,
  delta: Float32Array,
  theta: Float32Array,
): TensorDiagnostics {
  const pick = (x: Float32Array) => Float64Array.from(indices, (i) => x[i]);
  const [gradNorm, updateNorm, weightNorm] = [g, delta, theta].map((x) => norm(pick(x)));
  const steps = effectiveSteps(pick(g), pick(delta), pick(theta));
  return {
    name: p.name,
    layer: p.layer,
    role: p.role,
    shape: [...p.shape],
    size: indices.length,
    gradNorm: finite(gradNorm),
    weightNorm: finite(weightNorm),
    updateNorm: finite(updateNorm),
    updateRatio: weightNorm > 0 ? finite(updateNorm / weightNorm) : null,
    medianStep: steps.length ? quantile(steps.sort(), 0.5) : null,
  };
}

/**
 * |Δθᵢ|/|gᵢ| for every coordinate where gᵢ ≠ 0 and the step is resolved,
 * |Δθᵢ| > RESOLVED_STEP·|θᵢ + Δθᵢ| (unsorted).
 */
export function effectiveSteps(g: ArrayLike<number>, delta: ArrayLike<number>, theta: ArrayLike<number>): Float64Array {
  const out: number[] = [];
  for (let i = 0; i < g.length; i++) {
    const step = Math.abs(delta[i]);
    if (g[i] !== 0 && step > RESOLVED_STEP * Math.abs(theta[i] + delta[i])) {
      const s = step / Math.abs(g[i]);
      if (Number.isFinite(s)) out.push(s);
    }
  }
  return Float64Array.from(out);
}

/** Quantiles and a log-spaced histogram of positive `steps`, out of `total` coordinates. */
export function stepDistribution(steps: Float64Array, total: number, binsPerDecade = 4): StepDistribution {
  const sorted = steps.slice().sort();
  const n = sorted.length;
  return {
    counted: n,
    skipped: total - n,
    quantiles: n
      ? { min: sorted[0], p10: quantile(sorted, 0.1), median: quantile(sorted, 0.5), p90: quantile(sorted, 0.9), max: sorted[n - 1] }
      : null,
    histogram: logHistogram(sorted, binsPerDecade),
  };
}

/**
 * Counts of positive `values` in bins equally wide in log₁₀, aligned to
 * 10^(j/binsPerDecade) so that neighbouring samples share edges, from the bin
 * of the smallest value to that of the largest; when that would make more
 * than MAX_BINS bins, fewer per decade (and the edges lose their alignment).
 */
export function logHistogram(values: ArrayLike<number>, binsPerDecade = 4): { edges: number[]; counts: number[] } {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    lo = Math.min(lo, values[i]);
    hi = Math.max(hi, values[i]);
  }
  if (!(lo > 0 && Number.isFinite(hi))) return { edges: [], counts: [] };
  // The bins span the decades plus at most one part bin at each end; past MAX_BINS, wider bins.
  const decades = Math.log10(hi / lo);
  const per = decades * binsPerDecade + 2 <= MAX_BINS ? binsPerDecade : (MAX_BINS - 2) / decades;
  // Edges at 10^(j/per), from the one at or below the smallest value to the first above the largest.
  const edge = (j: number) => 10 ** (j / per);
  let first = Math.floor(Math.log10(lo) * per);
  let last = Math.floor(Math.log10(hi) * per) + 1;
  while (edge(first) > lo) first--; // the logarithm is rounded: the edges decide
  while (edge(last) <= hi) last++;
  const edges = Array.from({ length: last - first + 1 }, (_, j) => edge(first + j));
  const counts = new Array<number>(last - first).fill(0);
  for (let i = 0; i < values.length; i++) {
    let j = Math.min(counts.length - 1, Math.max(0, Math.floor(Math.log10(values[i]) * per) - first));
    while (j > 0 && values[i] < edges[j]) j--;
    while (j + 1 < counts.length && values[i] >= edges[j + 1]) j++;
    counts[j]++;
  }
  return { edges, counts };
}

/** The q-quantile of ascending `sorted`, interpolating linearly between ranks (NumPy's default). */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  const at = q * (sorted.length - 1);
  const below = Math.floor(at);
  const above = Math.min(sorted.length - 1, below + 1);
  return sorted[below] + (at - below) * (sorted[above] - sorted[below]);
}

const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
};
const norm = (a: ArrayLike<number>) => Math.sqrt(dot(a, a));
const normalised = (a: Float64Array) => {
  const n = norm(a);
  return n > 0 ? a.map((x) => x / n) : a;
};
/** A number as JSON can carry it: null for NaN and ±∞. */
const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);
