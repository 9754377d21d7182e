import { tensor1d, type Tensor } from '@tensorflow/tfjs-core';
import { optimizers } from '../optimizers';
import { Runner } from '../optimizers/runner';
import { activeWrap, lookaheadOption, samGradient, splitWrap } from '../optimizers/wrappers';
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
 * A run's hyperparameters may wrap it (`sam`, `lookahead`, `lookaheadAlpha`,
 * see wrappers.ts): SAM then takes the function's exact gradient at the
 * ascent point, Lookahead pulls the walker back to its slow weights.
 */
export class SurfaceRace {
  readonly walkers: Walker[];
  private runners: Runner[] = [];
  /** Per walker: θ ↦ the gradient its optimizer gets (with SAM, at θ + ρ·g/‖g‖). */
  private gradients: ((p: Tensor[]) => Tensor[])[] = [];
  step = 0;

  constructor(
    readonly surface: Surface,
    runs: { optimizer: string; hyper: Record<string, number> }[],
    start: [number, number],
    readonly kappa = 10,
  ) {
    const exact = ([p]: Tensor[]): Tensor[] => {
      const [x, y] = p.dataSync();
      return [tensor1d(surface.grad(x, y, kappa))];
    };
    const origin = tensor1d(start);
    try {
      const wraps = runs.map((r) => {
        const { hyper, wrap } = splitWrap(r.hyper);
        return { hyper, wrap: activeWrap(r.optimizer, wrap) };
      });
      for (const [i, r] of runs.entries()) {
        const { hyper, wrap } = wraps[i];
        this.runners.push(new Runner(optimizers[r.optimizer], [origin], { hyper, lookahead: lookaheadOption(wrap) }));
      }
      this.gradients = wraps.map(({ wrap }) => samGradient(exact, wrap?.sam ?? 0));
    } catch (e) {
      this.dispose();
      throw e;
    } finally {
      origin.dispose();
    }
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
      this.runners[i].step(this.gradients[i]);
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
