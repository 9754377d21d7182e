import { mul, scalar, tidy, type Tensor } from '@tensorflow/tfjs-core';
import { optimizers } from '../optimizers';

/** A run of an optimizer on f(θ) = ½·a·θ², the smallest problem that shows what a learning rate does. */
export interface Run1D {
  theta: number[]; // θ₀ … θ_T
  loss: number[];  // f(θ₀) … f(θ_T)
}

export const quadratic1d = (a: number, theta: number) => 0.5 * a * theta * theta;

/** Steps the registered optimizer `id` on the quadratic with its real `update`, T times. */
export function runQuadratic1D(id: string, hp: Record<string, number>, a: number, theta0: number, steps: number): Run1D {
  const opt = optimizers[id];
  const theta = [theta0];
  tidy(() => {
    let param: Tensor = scalar(theta0);
    let state = opt.init(param);
    for (let t = 1; t <= steps; t++) {
      const grad = mul(a, param); // f'(θ) = aθ
      [param, state] = opt.update(param, grad, state, { ...opt.defaults, ...hp }, t);
      theta.push(param.dataSync()[0]);
    }
  });
  return { theta, loss: theta.map((x) => quadratic1d(a, x)) };
}

export type Behaviour = 'diverged' | 'oscillating' | 'converging' | 'slow';

/**
 * Names what a run did, from the run itself: growing loss is divergence;
 * sign flips of θ are oscillation; otherwise it converges, slowly if after
 * the run the loss is still above 1% of where it started.
 */
export function describeRun({ theta, loss }: Run1D): Behaviour {
  const last = loss[loss.length - 1];
  if (!Number.isFinite(last) || last > loss[0]) return 'diverged';
  const flips = theta.slice(1).filter((x, i) => Math.sign(x) !== Math.sign(theta[i]) && x !== 0).length;
  if (flips > theta.length / 3) return 'oscillating';
  return last > 0.01 * loss[0] ? 'slow' : 'converging';
}
