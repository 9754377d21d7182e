import { mergeChecked, nonNegative, type Rule } from './validate';

/**
 * Learning-rate schedules: pure functions of the step.
 *
 * Steps are counted from 0: `lr(k, …)` is the learning rate of update k + 1,
 * so the first update uses `lr(0, …)` (PyTorch's convention when
 * `scheduler.step()` follows every `optimizer.step()`). The runner passes
 * k = t − 1 for the 1-based optimizer step t.
 *
 * `baseLr` is the optimizer's own η. The two cyclical schedules (oneCycle and
 * triangular) set the learning rate from their own parameters and ignore it,
 * as PyTorch's OneCycleLR and CyclicLR overwrite the optimizer's.
 */

/** How one schedule parameter is shown, bounded and checked. */
export interface ScheduleParamSpec {
  label: string;   // words for a form label
  symbol: string;  // the symbol the formula uses
  min: number;     // smallest value a slider offers
  max: number;     // largest value a slider offers
  log?: boolean;   // slider moves on a logarithmic scale
  integer?: boolean; // a count of steps
  default: number;
  rule: Rule;      // what validation demands (may be wider than min..max)
}

export type ScheduleParams = Record<string, number>;

export interface Schedule<P extends ScheduleParams = ScheduleParams> {
  id: string;
  name: string;
  params: { [K in keyof P]: ScheduleParamSpec };
  formula: string[];          // TeX display lines for η_k
  reference?: { title: string; url: string };
  /** Constraints between parameters; returns the complaint, or null. */
  relation?: (p: P) => string | null;
  lr(step: number, baseLr: number, p: P): number;
}

const positive: Rule = { ok: (x) => x > 0, says: 'be > 0' };
const count: Rule = { ok: (x) => Number.isInteger(x) && x >= 1, says: 'be a whole number ≥ 1' };
const countOrZero: Rule = { ok: (x) => Number.isInteger(x) && x >= 0, says: 'be a whole number ≥ 0' };
const decayFactor: Rule = { ok: (x) => x > 0 && x <= 1, says: 'be in (0, 1]' };
const openUnit: Rule = { ok: (x) => x > 0 && x < 1, says: 'be in (0, 1)' };

const totalSteps: ScheduleParamSpec = {
  label: 'total steps', symbol: 'T', min: 1, max: 100_000, log: true, integer: true, default: 1000, rule: count,
};

/** b + (a − b)·½(1 + cos πx): from a at x = 0 to b at x = 1, flat at both ends. */
const cosineBetween = (a: number, b: number, x: number) => b + ((a - b) / 2) * (1 + Math.cos(Math.PI * x));

const constant: Schedule<Record<string, never>> = {
  id: 'constant',
  name: 'Constant',
  params: {},
  formula: ['\\eta_k = \\eta'],
  lr: (_k, lr) => lr,
};

const stepDecay: Schedule<{ stepSize: number; gamma: number }> = {
  id: 'stepDecay',
  name: 'Step decay',
  params: {
    stepSize: { label: 'steps between drops', symbol: 's', min: 1, max: 10_000, log: true, integer: true, default: 100, rule: count },
    gamma: { label: 'drop factor', symbol: 'γ', min: 0.01, max: 1, default: 0.1, rule: decayFactor },
  },
  formula: ['\\eta_k = \\eta\\, \\gamma^{\\lfloor k / s \\rfloor}'],
  reference: { title: 'PyTorch StepLR', url: 'https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.StepLR.html' },
  lr: (k, lr, { stepSize, gamma }) => lr * gamma ** Math.floor(k / stepSize),
};

const exponential: Schedule<{ gamma: number }> = {
  id: 'exponential',
  name: 'Exponential decay',
  params: {
    gamma: { label: 'decay per step', symbol: 'γ', min: 0.9, max: 1, default: 0.995, rule: decayFactor },
  },
  formula: ['\\eta_k = \\eta\\, \\gamma^{k}'],
  reference: { title: 'PyTorch ExponentialLR', url: 'https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.ExponentialLR.html' },
  lr: (k, lr, { gamma }) => lr * gamma ** k,
};

const inverseTime: Schedule<{ decayRate: number; decaySteps: number }> = {
  id: 'inverseTime',
  name: 'Inverse-time decay',
  params: {
    decayRate: { label: 'decay rate', symbol: 'r', min: 0, max: 10, default: 1, rule: nonNegative },
    decaySteps: { label: 'steps per unit of decay', symbol: 's', min: 1, max: 10_000, log: true, integer: true, default: 100, rule: count },
  },
  formula: ['\\eta_k = \\frac{\\eta}{1 + r\\, k / s}'],
  reference: { title: 'Keras InverseTimeDecay', url: 'https://keras.io/api/optimizers/learning_rate_schedules/inverse_time_decay/' },
  lr: (k, lr, { decayRate, decaySteps }) => lr / (1 + (decayRate * k) / decaySteps),
};

const cosine: Schedule<{ totalSteps: number; minLr: number; warmupSteps: number }> = {
  id: 'cosine',
  name: 'Cosine annealing (with optional warm-up)',
  params: {
    totalSteps,
    minLr: { label: 'final learning rate', symbol: 'η_{\\min}', min: 0, max: 1, default: 0, rule: nonNegative },
    warmupSteps: { label: 'warm-up steps', symbol: 'W', min: 0, max: 10_000, integer: true, default: 0, rule: countOrZero },
  },
  formula: [
    '\\eta_k = \\eta\\, \\frac{k + 1}{W} \\quad (k < W)',
    '\\eta_k = \\eta_{\\min} + \\tfrac12 (\\eta - \\eta_{\\min}) \\Big(1 + \\cos\\Big(\\pi\\, \\frac{\\min(k, T) - W}{T - W}\\Big)\\Big) \\quad (k \\ge W)',
  ],
  reference: { title: 'Loshchilov & Hutter (2017), SGDR: Stochastic Gradient Descent with Warm Restarts', url: 'https://arxiv.org/abs/1608.03983' },
  relation: ({ totalSteps, warmupSteps }) =>
    warmupSteps < totalSteps ? null : `warmupSteps must be < totalSteps, got ${warmupSteps} ≥ ${totalSteps}`,
  // Warm-up reaches η on its last step rather than starting from η·0, so no update is wasted.
  // Past T the rate stays at η_min instead of rising again as a pure cosine would.
  lr: (k, lr, { totalSteps, minLr, warmupSteps }) =>
    k < warmupSteps
      ? (lr * (k + 1)) / warmupSteps
      : cosineBetween(lr, minLr, (Math.min(k, totalSteps) - warmupSteps) / (totalSteps - warmupSteps)),
};

const oneCycle: Schedule<{ totalSteps: number; maxLr: number; pctStart: number; divFactor: number; finalDivFactor: number }> = {
  id: 'oneCycle',
  name: 'One-cycle',
  params: {
    totalSteps,
    maxLr: { label: 'peak learning rate', symbol: 'η_{\\max}', min: 1e-5, max: 10, log: true, default: 0.01, rule: positive },
    pctStart: { label: 'share of steps rising', symbol: 'p', min: 0.01, max: 0.99, default: 0.3, rule: openUnit },
    divFactor: { label: 'start = peak ÷', symbol: 'd', min: 1, max: 1000, log: true, default: 25, rule: positive },
    finalDivFactor: { label: 'end = start ÷', symbol: 'd_f', min: 1, max: 1e6, log: true, default: 1e4, rule: positive },
  },
  formula: [
    'K = pT - 1, \\quad c(a, b, x) = b + \\tfrac{a - b}{2}\\,(1 + \\cos \\pi x)',
    '\\eta_k = c\\big(\\eta_{\\max}/d,\\ \\eta_{\\max},\\ k / K\\big) \\quad (k \\le K)',
    '\\eta_k = c\\big(\\eta_{\\max},\\ \\eta_{\\max}/(d\\, d_f),\\ (k - K)/(T - 1 - K)\\big) \\quad (k > K)',
  ],
  reference: { title: 'Smith & Topin (2019), Super-Convergence; PyTorch OneCycleLR', url: 'https://arxiv.org/abs/1708.07120' },
  relation: ({ totalSteps, pctStart }) =>
    pctStart * totalSteps > 1 && pctStart * totalSteps < totalSteps
      ? null
      : `pctStart·totalSteps must lie in (1, totalSteps) so both phases have length, got ${pctStart * totalSteps}`,
  // PyTorch raises past T; here the last rate simply holds.
  lr: (k, _lr, { totalSteps, maxLr, pctStart, divFactor, finalDivFactor }) => {
    const peakAt = pctStart * totalSteps - 1;
    const start = maxLr / divFactor;
    const step = Math.min(k, totalSteps - 1);
    return step <= peakAt
      ? cosineBetween(start, maxLr, step / peakAt)
      : cosineBetween(maxLr, start / finalDivFactor, (step - peakAt) / (totalSteps - 1 - peakAt));
  },
};

const triangular: Schedule<{ baseLr: number; maxLr: number; stepSize: number }> = {
  id: 'triangular',
  name: 'Triangular cyclical',
  params: {
    baseLr: { label: 'lowest learning rate', symbol: 'η_{\\text{lo}}', min: 1e-5, max: 10, log: true, default: 1e-3, rule: nonNegative },
    maxLr: { label: 'highest learning rate', symbol: 'η_{\\text{hi}}', min: 1e-5, max: 10, log: true, default: 6e-3, rule: nonNegative },
    stepSize: { label: 'steps per half cycle', symbol: 's', min: 1, max: 10_000, log: true, integer: true, default: 200, rule: count },
  },
  formula: [
    'c = \\lfloor 1 + k / (2s) \\rfloor, \\quad x = |k / s - 2c + 1|',
    '\\eta_k = \\eta_{\\text{lo}} + (\\eta_{\\text{hi}} - \\eta_{\\text{lo}}) \\max(0,\\, 1 - x)',
  ],
  reference: { title: 'Smith (2017), Cyclical Learning Rates for Training Neural Networks', url: 'https://arxiv.org/abs/1506.01186' },
  lr: (k, _lr, { baseLr, maxLr, stepSize }) => {
    const cycle = Math.floor(1 + k / (2 * stepSize));
    const x = Math.abs(k / stepSize - 2 * cycle + 1);
    return baseLr + (maxLr - baseLr) * Math.max(0, 1 - x);
  },
};

const warmupSteps: ScheduleParamSpec = {
  label: 'warm-up steps', symbol: 'W', min: 0, max: 10_000, integer: true, default: 0, rule: countOrZero,
};
/** Linear warm-up that reaches η on its last step (as cosine's), so no update is wasted at η·0. */
const warmedUp = (k: number, lr: number, warmup: number) => (lr * (k + 1)) / warmup;

const linear: Schedule<{ totalSteps: number; warmupSteps: number }> = {
  id: 'linear',
  name: 'Linear decay to zero (with optional warm-up)',
  params: { totalSteps, warmupSteps },
  formula: [
    '\\eta_k = \\eta\\, \\frac{k + 1}{W} \\quad (k < W)',
    '\\eta_k = \\eta\\, \\frac{T - \\min(k, T)}{T - W} \\quad (k \\ge W)',
  ],
  reference: { title: 'Defazio et al. (2023), When, Why and How Much? Adaptive Learning Rate Scheduling by Refinement; PyTorch LinearLR', url: 'https://arxiv.org/abs/2310.07831' },
  relation: ({ totalSteps, warmupSteps }) =>
    warmupSteps < totalSteps ? null : `warmupSteps must be < totalSteps, got ${warmupSteps} ≥ ${totalSteps}`,
  // Without warm-up this is PyTorch's LinearLR(start_factor=1, end_factor=0, total_iters=T): η(1 − min(k, T)/T).
  lr: (k, lr, { totalSteps, warmupSteps }) =>
    k < warmupSteps ? warmedUp(k, lr, warmupSteps) : (lr * (totalSteps - Math.min(k, totalSteps))) / (totalSteps - warmupSteps),
};

const wsd: Schedule<{ totalSteps: number; warmupSteps: number; cooldownSteps: number; minLr: number }> = {
  id: 'wsd',
  name: 'Warmup-stable-decay',
  params: {
    totalSteps,
    warmupSteps: { ...warmupSteps, default: 50 },
    cooldownSteps: { label: 'cool-down steps (at the end)', symbol: 'D', min: 0, max: 100_000, integer: true, default: 200, rule: countOrZero },
    minLr: { label: 'final learning rate', symbol: 'η_{\\min}', min: 0, max: 1, default: 0, rule: nonNegative },
  },
  formula: [
    '\\eta_k = \\eta\\, \\frac{k + 1}{W} \\quad (k < W)',
    '\\eta_k = \\eta \\quad (W \\le k < T - D)',
    '\\eta_k = \\eta_{\\min} + (\\eta - \\eta_{\\min})\\, \\frac{T - \\min(k, T)}{D} \\quad (k \\ge T - D)',
  ],
  reference: { title: 'Hägele et al. (2024), Scaling Laws and Compute-Optimal Training Beyond Fixed Training Durations (linear cooldown); Hu et al. (2024), MiniCPM', url: 'https://arxiv.org/abs/2405.18392' },
  relation: ({ totalSteps, warmupSteps, cooldownSteps }) =>
    warmupSteps + cooldownSteps <= totalSteps ? null : `warmupSteps + cooldownSteps must be ≤ totalSteps, got ${warmupSteps} + ${cooldownSteps} > ${totalSteps}`,
  // The stable phase needs no length of its own: a run can be stopped anywhere in it and
  // cooled down from there, which is the point of the schedule (no T fixed in advance).
  lr: (k, lr, { totalSteps, warmupSteps, cooldownSteps, minLr }) => {
    if (k < warmupSteps) return warmedUp(k, lr, warmupSteps);
    if (k < totalSteps - cooldownSteps || cooldownSteps === 0) return lr; // D = 0: no cool-down, η for good
    return minLr + ((lr - minLr) * (totalSteps - Math.min(k, totalSteps))) / cooldownSteps;
  },
};

/**
 * The learning-rate range test's sweeps: the rate rises from η_lo to η_hi over
 * T steps of one short run, and the loss is read against it. Smith (2017)
 * raised it linearly; fast.ai's `lr_find` raises it exponentially (by default
 * from 1e-7 to 10 over 100 steps). Like the cyclical schedules they ignore the
 * optimizer's own η. Past T the rate holds at η_hi.
 */
const sweepParams = {
  totalSteps: { ...totalSteps, default: 100 },
  startLr: { label: 'first learning rate', symbol: 'η_{\\text{lo}}', min: 1e-7, max: 10, log: true, default: 1e-5, rule: positive },
  endLr: { label: 'last learning rate', symbol: 'η_{\\text{hi}}', min: 1e-7, max: 100, log: true, default: 10, rule: positive },
};
type SweepParams = { totalSteps: number; startLr: number; endLr: number };
const sweepRelation = ({ totalSteps, startLr, endLr }: SweepParams) =>
  totalSteps < 2 ? `totalSteps must be ≥ 2 for a sweep, got ${totalSteps}`
    : endLr > startLr ? null : `endLr must be > startLr, got ${endLr} ≤ ${startLr}`;
/** Where step k stands in the sweep, 0 at the first step, 1 at the last (step T − 1) and after. */
const sweepAt = (k: number, totalSteps: number) => Math.min(k, totalSteps - 1) / (totalSteps - 1);

const linearSweep: Schedule<SweepParams> = {
  id: 'linearSweep',
  name: 'Range test, linear (Smith)',
  params: sweepParams,
  formula: ['\\eta_k = \\eta_{\\text{lo}} + (\\eta_{\\text{hi}} - \\eta_{\\text{lo}})\\, \\frac{\\min(k, T-1)}{T - 1}'],
  reference: { title: 'Smith (2017), Cyclical Learning Rates for Training Neural Networks, section 3.3', url: 'https://arxiv.org/abs/1506.01186' },
  relation: sweepRelation,
  lr: (k, _lr, { totalSteps, startLr, endLr }) => startLr + (endLr - startLr) * sweepAt(k, totalSteps),
};

const exponentialSweep: Schedule<SweepParams> = {
  id: 'exponentialSweep',
  name: 'Range test, exponential (fast.ai lr_find)',
  params: sweepParams,
  formula: ['\\eta_k = \\eta_{\\text{lo}} \\left(\\eta_{\\text{hi}} / \\eta_{\\text{lo}}\\right)^{\\min(k, T-1)/(T - 1)}'],
  reference: { title: 'fast.ai, Learner.lr_find', url: 'https://docs.fast.ai/callback.schedule.html#learner.lr_find' },
  relation: sweepRelation,
  lr: (k, _lr, { totalSteps, startLr, endLr }) => startLr * (endLr / startLr) ** sweepAt(k, totalSteps),
};

/** The range test's sweeps: a trainer on one of these plots its loss against the rate. */
export const sweepIds: readonly string[] = [linearSweep.id, exponentialSweep.id];

/** Every schedule, by id. */
export const schedules: Record<string, Schedule<any>> = Object.fromEntries(
  [constant, stepDecay, exponential, inverseTime, cosine, linear, wsd, oneCycle, triangular, linearSweep, exponentialSweep].map((s) => [s.id, s]),
);

/** A schedule's default parameters, read from its metadata. */
export function scheduleDefaults<P extends ScheduleParams>(schedule: Schedule<P>): P {
  return Object.fromEntries(Object.entries(schedule.params).map(([name, spec]) => [name, spec.default])) as P;
}

/**
 * Validate parameters for `schedule` (or a schedule id) and return them merged
 * over its defaults. Throws an Error naming the schedule and the parameter.
 */
export function validateSchedule<P extends ScheduleParams>(
  schedule: Schedule<P> | string,
  params: Partial<Record<string, unknown>> = {},
): P {
  const s = typeof schedule === 'string' ? schedules[schedule] : schedule;
  if (!s) throw new Error(`unknown schedule '${String(schedule)}' (expected: ${Object.keys(schedules).join(', ')})`);
  const merged = mergeChecked(s.id, 'parameter', scheduleDefaults(s), params, (name) => s.params[name]?.rule);
  const complaint = s.relation?.(merged);
  if (complaint) throw new Error(`${s.id}: ${complaint}`);
  return merged as P;
}
