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
}

const numbers = (state: Record<string, { dataSync(): ArrayLike<number> }>) =>
  Object.fromEntries(Object.entries(state).map(([k, v]) => [k, Array.from(v.dataSync())]));

/** Steps one optimizer on the two-parameter quadratic with its real update, recording each step. */
export class StepInspector {
  private runner: Runner;

  constructor(readonly optimizer: string, hyper: Record<string, number>) {
    const start = tensor1d(START);
    this.runner = new Runner(optimizers[optimizer], [start], { hyper });
    start.dispose();
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
    return { t: this.runner.t, g, theta, next, before, after: numbers(this.runner.state[0]), hp, loss: inspectLoss(next) };
  }

  dispose(): void {
    this.runner.dispose();
  }
}
