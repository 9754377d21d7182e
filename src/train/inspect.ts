import { tensor1d } from '@tensorflow/tfjs-core';
import { optimizers } from '../optimizers';
import { Runner } from '../optimizers/runner';

/** The inspector's problem: f(θ) = ½(a₁θ₁² + a₂θ₂²), two parameters whose gradients differ in scale. */
export const CURVATURE = [1, 10];
export const START = [2, 1];
export const inspectLoss = (theta: number[]) => theta.reduce((s, x, i) => s + 0.5 * CURVATURE[i] * x * x, 0);

/** Everything one update saw and produced, as plain numbers. */
export interface StepRecord {
  t: number;
  g: number[];
  theta: number[];
  next: number[];
  before: Record<string, number[]>;
  after: Record<string, number[]>;
  hp: Record<string, number>;
  loss: number;  // f(θ_t)
  /** The compared rule's step Δθ on the same gradients (see StepInspector), when there is one. */
  compared?: number[];
}

const numbers = (state: Record<string, { dataSync(): ArrayLike<number> }>) =>
  Object.fromEntries(Object.entries(state).map(([k, v]) => [k, Array.from(v.dataSync())]));

/** The hyperparameters of `hyper` that `optimizer` takes. */
const ownHyper = (optimizer: string, hyper: Record<string, number>) =>
  Object.fromEntries(Object.entries(hyper).filter(([k]) => k in optimizers[optimizer].defaults));

/**
 * Steps one optimizer on the two-parameter quadratic with its real update, recording each step.
 * With `compare`, a second rule (with the hyperparameters it shares) is fed the very same
 * gradients, so each record also holds the step that rule would have taken after the same
 * history: for adam:nobias against adam the two keep identical m and v, and their steps
 * differ by exactly the bias correction, (1 − β₁ᵗ)/√(1 − β₂ᵗ) (ε aside).
 */
export class StepInspector {
  private runner!: Runner;
  private shadow?: Runner;

  constructor(readonly optimizer: string, hyper: Record<string, number>, readonly compare?: string) {
    const start = tensor1d(START);
    try {
      this.runner = new Runner(optimizers[optimizer], [start], { hyper });
      if (compare) this.shadow = new Runner(optimizers[compare], [start], { hyper: ownHyper(compare, hyper) });
    } catch (e) {
      this.dispose();
      throw e;
    } finally {
      start.dispose();
    }
  }

  get t(): number {
    return this.runner.t;
  }

  get theta(): number[] {
    return Array.from(this.runner.params[0].dataSync());
  }

  step(): StepRecord {
    const theta = this.theta;
    const before = numbers(this.runner.state[0]);
    const g = theta.map((x, i) => CURVATURE[i] * x);
    const hp = { ...this.runner.hyper, lr: this.runner.lr };
    this.runner.step(() => [tensor1d(g)]);
    const next = this.theta;
    const record: StepRecord = { t: this.runner.t, g, theta, next, before, after: numbers(this.runner.state[0]), hp, loss: inspectLoss(next) };
    if (this.shadow) {
      const from = Array.from(this.shadow.params[0].dataSync());
      this.shadow.step(() => [tensor1d(g)]);
      record.compared = Array.from(this.shadow.params[0].dataSync()).map((x, i) => x - from[i]);
    }
    return record;
  }

  dispose(): void {
    this.runner?.dispose();
    this.shadow?.dispose();
  }
}
