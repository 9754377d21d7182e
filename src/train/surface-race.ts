import { tensor1d } from '@tensorflow/tfjs-core';
import { optimizers } from '../optimizers';
import { Runner } from '../optimizers/runner';
import type { Surface } from './surfaces';

/** One optimizer's walk on a surface. */
export interface Walker {
  optimizer: string;
  path: [number, number][];   // positions, starting with the start point
  losses: number[];           // f at each position
  diverged: boolean;          // left the finite numbers (or flew absurdly far): stopped there
}

// Far beyond every view window: a walker out here is not coming back.
const ESCAPE = 1e6;

/**
 * Several optimizers stepping on one 2-D function from the same start, each
 * with the real update rule from src/optimizers on a two-element tensor.
 */
export class SurfaceRace {
  readonly walkers: Walker[];
  private runners: Runner[];
  step = 0;

  constructor(
    readonly surface: Surface,
    runs: { optimizer: string; hyper: Record<string, number> }[],
    start: [number, number],
    readonly kappa = 10,
  ) {
    const origin = tensor1d(start);
    this.runners = runs.map((r) => new Runner(optimizers[r.optimizer], [origin], { hyper: r.hyper }));
    origin.dispose();
    this.walkers = runs.map((r) => ({
      optimizer: r.optimizer,
      path: [start],
      losses: [surface.f(start[0], start[1], kappa)],
      diverged: false,
    }));
  }

  /** True while at least one walker can still move. */
  get active(): boolean {
    return this.walkers.some((w) => !w.diverged);
  }

  /** One update for every walker still moving. */
  advance(): void {
    this.step++;
    this.walkers.forEach((w, i) => {
      if (w.diverged) return;
      const [x, y] = w.path[w.path.length - 1];
      const g = this.surface.grad(x, y, this.kappa);
      this.runners[i].step(() => [tensor1d(g)]);
      const [nx, ny] = this.runners[i].params[0].dataSync();
      const loss = this.surface.f(nx, ny, this.kappa);
      w.path.push([nx, ny]);
      w.losses.push(loss);
      if (!Number.isFinite(loss) || Math.abs(nx) > ESCAPE || Math.abs(ny) > ESCAPE) w.diverged = true;
    });
  }

  dispose(): void {
    this.runners.forEach((r) => r.dispose());
  }
}

/**
 * The average factor by which the loss gap f − f* shrank per step over a run:
 * (gap_T / gap_0)^(1/T). On a quadratic it is the square of the rate at which
 * the distance to the minimum shrinks, which theory predicts (Goh 2017).
 */
export function meanRate(losses: number[], floor: number): number {
  const first = losses[0] - floor;
  const steps = losses.length - 1;
  const last = losses[steps] - floor;
  if (steps < 1 || !(first > 0) || !Number.isFinite(last)) return NaN;
  return Math.max(last, 0) ** (1 / steps) / first ** (1 / steps);
}
