import { clone, keep, tidy } from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { Hyper, Optimizer, State } from './types';
import { checkNumber, nonNegative, validateHyper, type Rule } from './validate';
import { schedules, validateSchedule, type Schedule, type ScheduleParams } from './schedules';
import { clipByGlobalNorm, clipByValue, l2Penalty } from './transforms';
import { lookaheadSync } from './wrappers';

export interface RunnerOptions {
  /** Hyperparameters, merged over the optimizer's defaults (and over earlier ones in `configure`). */
  hyper?: Partial<Hyper>;
  /** A learning-rate schedule; its η_k replaces `hyper.lr` at step k. `null` switches it off. */
  schedule?: { id: string; params?: ScheduleParams } | null;
  /** Clamp every gradient component to [−clipValue, clipValue]. */
  clipValue?: number;
  /** Rescale the gradients so that their joint L2 norm is at most clipNorm. */
  clipNorm?: number;
  /** Coupled L2 penalty λ: λθ is added to the gradient (after clipping, as in PyTorch). */
  l2?: number;
  /**
   * Lookahead: every k-th update the slow weights φ move a fraction α towards
   * θ and θ restarts from φ (see `lookaheadSync`). `null` or k = 0 switches it off.
   */
  lookahead?: { k: number; alpha: number } | null;
}

type Grads = Tensor[] | ((params: Tensor[]) => Tensor[]);

const positive: Rule = { ok: (x) => x > 0, says: 'be > 0' };

/**
 * Applies an optimizer to a list of parameter tensors and owns every tensor it
 * keeps: the parameters, the optimizer state, nothing else. Each `step` runs
 * the gradient transforms and the update inside one `tidy`, keeps the new
 * parameters and state, and disposes the old ones, so tensor count stays flat
 * however long it runs. Call `dispose()` when done.
 *
 * Options that are off cost nothing per step: no clipping op is built unless
 * clipping is on.
 */
export class Runner<H extends Hyper = Hyper, S extends State = State> {
  /** Number of updates applied so far; the next update is step t + 1. */
  t = 0;
  private current: Tensor[];
  private states: S[];
  private hp!: H;
  private schedule: { fn: Schedule; params: ScheduleParams } | null = null;
  private options: RunnerOptions = {};
  /** Lookahead's slow weights φ, while it is on. Owned by the runner, never the same tensors as θ. */
  private slow: Tensor[] | null = null;

  /** The initial parameters are cloned: the caller keeps ownership of the tensors it passes. */
  constructor(readonly optimizer: Optimizer<H, S>, params: Tensor[], options: RunnerOptions = {}) {
    this.configure(options);
    this.current = params.map((p) => keep(clone(p)));
    this.states = [];
    try {
      // init may refuse a tensor (Muon a vector, Shampoo a factor too wide): then nothing is kept.
      for (const p of this.current) this.states.push(tidy(() => optimizer.init(p)));
    } catch (e) {
      this.dispose();
      throw e;
    }
    this.states.forEach((s) => Object.values(s).forEach((x) => keep(x)));
    this.startLookahead();
  }

  /** Change options; keys that are present replace earlier ones. Everything is validated first. */
  configure(options: RunnerOptions): void {
    const next = { ...this.options, ...options, hyper: { ...this.hp, ...options.hyper } };
    const hp = validateHyper(this.optimizer, next.hyper);
    const schedule = next.schedule
      ? { params: validateSchedule(next.schedule.id, next.schedule.params), fn: schedules[next.schedule.id] }
      : null;
    if (next.clipValue !== undefined) checkNumber('runner', 'clipValue', next.clipValue, positive);
    if (next.clipNorm !== undefined) checkNumber('runner', 'clipNorm', next.clipNorm, positive);
    if (next.l2 !== undefined) checkNumber('runner', 'l2', next.l2, nonNegative);
    if (next.lookahead) {
      checkNumber('lookahead', 'k', next.lookahead.k, { ok: (x) => Number.isInteger(x) && x >= 0, says: 'be a whole number ≥ 0' });
      checkNumber('lookahead', 'alpha', next.lookahead.alpha, { ok: (x) => x >= 0 && x <= 1, says: 'be in [0, 1]' });
    }
    this.options = next;
    this.hp = hp;
    this.schedule = schedule;
    if (this.current) this.startLookahead();
  }

  /** Lookahead's slow weights, while it is on (φ: where θ restarts at the next synchronisation). Owned by the runner. */
  get slowWeights(): readonly Tensor[] | null {
    return this.slow;
  }

  /**
   * Slow weights from the current θ when Lookahead is switched on (φ₀ = θ₀,
   * as in the paper and Optax's `LookaheadParams.init_synced`), none when off.
   */
  private startLookahead(): void {
    const on = !!this.options.lookahead?.k;
    if (on && !this.slow) this.slow = this.current.map((p) => keep(clone(p)));
    if (!on && this.slow) {
      this.slow.forEach((x) => x.dispose());
      this.slow = null;
    }
  }

  /** The current parameters. Owned by the runner: valid until the next `step` or `dispose`. */
  get params(): readonly Tensor[] {
    return this.current;
  }

  /** The current optimizer state, one record per parameter tensor. Owned by the runner. */
  get state(): readonly S[] {
    return this.states;
  }

  /** The validated hyperparameters (with the unscheduled lr). */
  get hyper(): Readonly<H> {
    return this.hp;
  }

  /** The learning rate the next update will use. */
  get lr(): number {
    return this.lrAt(this.t);
  }

  /** Learning rate of update k + 1 (k counts from 0). */
  lrAt(k: number): number {
    return this.schedule ? this.schedule.fn.lr(k, this.hp.lr, this.schedule.params) : this.hp.lr;
  }

  /**
   * Apply one update. `grads` is either the gradients (one per parameter, still
   * owned by the caller) or a function from the parameters to the gradients,
   * called inside the step's tidy so that everything it allocates is freed.
   */
  step(grads: Grads): void {
    const t = this.t + 1;
    const lr = this.lrAt(this.t);
    const hp = lr === this.hp.lr ? this.hp : { ...this.hp, lr };
    const { clipValue, clipNorm, l2 } = this.options;
    const old = this.owned();

    const result = tidy(() => {
      let g = typeof grads === 'function' ? grads(this.current) : grads;
      if (g.length !== this.current.length) {
        throw new Error(`runner: expected ${this.current.length} gradients, got ${g.length}`);
      }
      if (clipValue !== undefined) g = clipByValue(g, clipValue);
      if (clipNorm !== undefined) g = clipByGlobalNorm(g, clipNorm);
      if (l2) g = l2Penalty(g, this.current, l2);
      const updates = this.current.map((p, i) => this.optimizer.update(p, g[i], this.states[i], hp, t));
      return { params: updates.map(([p]) => p), states: updates.map(([, s]) => s) };
    });

    this.current = result.params;
    this.states = result.states as S[];
    const fresh = new Set(this.owned());
    // keep(): survive an enclosing tidy of the caller's. An optimizer may hand back
    // an input tensor unchanged, so only what is no longer referenced is disposed.
    fresh.forEach((x) => keep(x));
    for (const x of old) if (!fresh.has(x)) x.dispose();
    this.t = t;
    const lookahead = this.options.lookahead;
    if (this.slow && lookahead && t % lookahead.k === 0) this.synchronise(lookahead.alpha);
  }

  /** Lookahead's step back: φ ← φ + α(θ − φ), θ ← φ. The optimizer state carries on untouched. */
  private synchronise(alpha: number): void {
    const slow = tidy(() => lookaheadSync(this.current, this.slow!, alpha));
    const fast = slow.map((x) => keep(clone(x)));
    slow.forEach((x) => keep(x));
    // θ may be shared with the state (an optimizer that hands a tensor back): free only what nothing holds.
    const held = new Set(this.states.flatMap((s) => Object.values(s)));
    for (const x of [...this.current, ...this.slow!]) if (!held.has(x)) x.dispose();
    this.current = fast;
    this.slow = slow;
  }

  /** Free the parameters, state and slow weights. The runner must not be used afterwards. */
  dispose(): void {
    new Set(this.owned()).forEach((x) => x.dispose());
    this.slow?.forEach((x) => x.dispose());
    this.current = [];
    this.states = [];
    this.slow = null;
  }

  private owned(): Tensor[] {
    return [...this.current, ...this.states.flatMap((s) => Object.values(s))];
  }
}
