/**
 * SAM and Lookahead wrapped around real runs, against hand calculations:
 * SAM's gradient closure with the runner and on a surface, Lookahead's
 * synchronisation inside the runner (optimizer state carried on), and a
 * mutation of each that the same numbers catch.
 */
import { describe, expect, it } from 'vitest';
import { memory, tensor1d, tidy } from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { optimizers } from '../../../src/optimizers';
import { Runner } from '../../../src/optimizers/runner';
import { activeWrap, lookaheadOption, samGradient, samPerturb, splitWrap } from '../../../src/optimizers/wrappers';
import { SurfaceRace } from '../../../src/train/surface-race';
import { surfaces } from '../../../src/train/surfaces';
import { expectClose, useCpuBackend } from './helpers';

useCpuBackend();

const read = (ts: readonly Tensor[]) => ts.flatMap((t) => Array.from(t.dataSync()));
/** ∇½‖θ‖² = θ, for any list of tensors. */
const identityGradient = (params: Tensor[]) => params.map((p) => p.clone());

/**
 * SGD + SAM on ½(x² + y²), θ₀ = (3, 4), η = 0.5, ρ = 0.5. The gradient at
 * θ + ρθ/‖θ‖ is θ(1 + ρ/‖θ‖), so each step multiplies θ by 1 − η(1 + ρ/‖θ‖):
 * ‖θ₀‖ = 5 → ×0.45 → (1.35, 1.8); ‖θ₁‖ = 2.25 → ×(1 − 0.5·(1 + 0.5/2.25)) = ×7/18
 * → (0.525, 0.7); ‖θ₂‖ = 0.875 → ×(1 − 0.5·(1 + 0.5/0.875)) = ×3/14 → (0.1125, 0.15).
 */
const samByHand = [[1.35, 1.8], [0.525, 0.7], [0.1125, 0.15]];

describe('SAM through the runner', () => {
  it('x and y as two tensors: one norm over both (per-tensor norms would give other numbers)', () => {
    const runner = new Runner(optimizers.sgd, [tensor1d([3]), tensor1d([4])], { hyper: { lr: 0.5 } });
    const seen: number[][] = [];
    for (let t = 0; t < 3; t++) {
      runner.step(samGradient(identityGradient, 0.5));
      seen.push(read(runner.params));
    }
    samByHand.forEach((row, i) => expectClose(seen[i], row));
    runner.dispose();
  });

  it('catches a SAM that steps from θ + ε instead of θ: its first step lands at (1.65, 2.2), not (1.35, 1.8)', () => {
    // The mutant: the base step taken from the ascent point, as a broken runner would.
    const theta = [tensor1d([3, 4])];
    const mutant = tidy(() => {
      const ascent = samPerturb(theta, identityGradient(theta), 0.5);
      return optimizers.sgd.update(ascent[0], identityGradient(ascent)[0], {}, { lr: 0.5 }, 1)[0];
    });
    expectClose(read([mutant]), [1.65, 2.2]);
    const runner = new Runner(optimizers.sgd, theta, { hyper: { lr: 0.5 } });
    runner.step(samGradient(identityGradient, 0.5));
    expect(Math.abs(read(runner.params)[0] - 1.65)).toBeGreaterThan(0.2);
    runner.dispose();
  });

  it('ρ = 0 is the plain gradient, the same closure (one gradient a step)', () => {
    expect(samGradient(identityGradient, 0)).toBe(identityGradient);
    expect(() => samGradient(identityGradient, -1)).toThrow('sam: rho must be ≥ 0, got -1');
  });

  it('clipping acts on the SAM gradient the optimizer receives: clipNorm 1 makes every step η·1 long', () => {
    const runner = new Runner(optimizers.sgd, [tensor1d([3, 4])], { hyper: { lr: 0.5 }, clipNorm: 1 });
    runner.step(samGradient(identityGradient, 0.5));
    // g_SAM = 1.1·(3, 4), norm 5.5, clipped to norm 1 − 1e-6-ish: θ moves 0.5 along (3, 4)/5.
    expectClose(read(runner.params), [3 - 0.3, 4 - 0.4], 1e-5);
    runner.dispose();
  });
});

describe('SAM on a surface (the exact gradient at the ascent point)', () => {
  it('SGD + SAM on the quadratic with κ = 1 walks the hand-computed path', () => {
    const race = new SurfaceRace(surfaces.quadratic, [{ optimizer: 'sgd', hyper: { lr: 0.5, sam: 0.5 } }], [3, 4], 1);
    for (let t = 0; t < 3; t++) race.advance();
    samByHand.forEach((row, i) => expectClose(race.walkers[0].path[i + 1], row));
    race.dispose();
  });

  it('a plain walker beside it takes plain steps: θ·(1 − η) = (1.5, 2)', () => {
    const race = new SurfaceRace(surfaces.quadratic, [{ optimizer: 'sgd', hyper: { lr: 0.5 } }, { optimizer: 'sgd', hyper: { lr: 0.5, sam: 0.5 } }], [3, 4], 1);
    race.advance();
    expectClose(race.walkers[0].path[1], [1.5, 2]);
    expectClose(race.walkers[1].path[1], [1.35, 1.8]);
    race.dispose();
  });
});

/**
 * Lookahead(SGD), k = 2, α = 0.5, on ½θ² with η = 0.5 from 4: fast steps halve θ:
 * 4 → 2 → 1, sync φ = 4 + ½(1 − 4) = 2.5; 2.5 → 1.25 → 0.625, sync φ = 2.5 + ½(0.625 − 2.5)
 * = 1.5625; step 5: 0.78125.
 */
const lookaheadSgd = [2, 2.5, 1.25, 1.5625, 0.78125];

describe('Lookahead in the runner', () => {
  it('SGD, k = 2, α = 0.5, five steps by hand', () => {
    const runner = new Runner(optimizers.sgd, [tensor1d([4])], { hyper: { lr: 0.5 }, lookahead: { k: 2, alpha: 0.5 } });
    const seen: number[] = [];
    for (let t = 0; t < 5; t++) {
      runner.step(identityGradient);
      seen.push(read(runner.params)[0]);
    }
    expectClose(seen, lookaheadSgd);
    expectClose(read(runner.slowWeights!), [1.5625]);
    runner.dispose();
  });

  it('on a surface too: the walker is pulled back to φ every k-th step', () => {
    const race = new SurfaceRace(surfaces.quadratic, [{ optimizer: 'sgd', hyper: { lr: 0.5, lookahead: 2, lookaheadAlpha: 0.5 } }], [4, 0], 1);
    for (let t = 0; t < 5; t++) race.advance();
    expectClose(race.walkers[0].path.slice(1).map(([x]) => x), lookaheadSgd);
    race.dispose();
  });

  it('the optimizer state carries on across a synchronisation (momentum, by hand), which a reset would break', () => {
    // PyTorch momentum, μ = 0.5, η = 0.5, ∇ = θ, from 4: v = 4, θ = 2; v = 4, θ = 0 → φ = 2, θ = 2;
    // v = 0.5·4 + 2 = 4 (kept), θ = 0; v = 2, θ = −1 → φ = 2 + ½(−1 − 2) = 0.5; v = 1.5, θ = −0.25.
    // Resetting v at the sync would give v = 2, θ = 1 at step 3 instead.
    const runner = new Runner(optimizers.momentum, [tensor1d([4])], { hyper: { lr: 0.5, momentum: 0.5 }, lookahead: { k: 2, alpha: 0.5 } });
    const seen: number[] = [];
    for (let t = 0; t < 5; t++) {
      runner.step(identityGradient);
      seen.push(read(runner.params)[0]);
    }
    expectClose(seen, [2, 2, 0, 0.5, -0.25]);
    runner.dispose();
  });

  it('α = 1 is the base optimizer; switching it off by configure frees the slow weights', () => {
    const plain = new Runner(optimizers.adam, [tensor1d([1, -2])], { hyper: { lr: 0.1 } });
    const wrapped = new Runner(optimizers.adam, [tensor1d([1, -2])], { hyper: { lr: 0.1 }, lookahead: { k: 3, alpha: 1 } });
    for (let t = 0; t < 7; t++) [plain, wrapped].forEach((r) => r.step(identityGradient));
    expect(read(wrapped.params)).toEqual(read(plain.params));
    const before = memory().numTensors;
    wrapped.configure({ lookahead: null });
    expect(wrapped.slowWeights).toBeNull();
    expect(memory().numTensors).toBe(before - 1);
    [plain, wrapped].forEach((r) => r.dispose());
  });

  it('refuses a bad period or slow step aloud', () => {
    const make = (lookahead: { k: number; alpha: number }) => () => new Runner(optimizers.sgd, [tensor1d([1])], { lookahead });
    expect(make({ k: 2.5, alpha: 0.5 })).toThrow('lookahead: k must be a whole number ≥ 0, got 2.5');
    expect(make({ k: 2, alpha: 1.5 })).toThrow('lookahead: alpha must be in [0, 1], got 1.5');
  });
});

describe('wrapper settings among a run’s hyperparameters', () => {
  it('splits them off and validates them with the run’s name', () => {
    expect(splitWrap({ lr: 0.1, sam: 0.05, lookahead: 5 })).toEqual({ hyper: { lr: 0.1 }, wrap: { sam: 0.05, lookahead: 5 } });
    expect(activeWrap('sgd', { sam: 0.05 })).toEqual({ sam: 0.05, lookahead: 0, lookaheadAlpha: 0.5 });
    expect(activeWrap('sgd', { sam: 0, lookahead: 0 })).toBeUndefined();
    expect(() => activeWrap('sgd', { sam: -0.1 })).toThrow('sgd: sam must be ≥ 0, got -0.1');
    expect(() => activeWrap('adam', { lookahead: 2.5 })).toThrow('adam: lookahead must be a whole number ≥ 0 (0 is off), got 2.5');
    expect(() => activeWrap('adam', { lookahead: 5, lookaheadAlpha: 2 })).toThrow('adam: lookaheadAlpha must be in [0, 1], got 2');
    expect(lookaheadOption(activeWrap('sgd', { lookahead: 5 }))).toEqual({ k: 5, alpha: 0.5 });
    expect(lookaheadOption(undefined)).toBeNull();
  });

  it('a surface run with a bad wrapper refuses to start, leaking nothing', () => {
    const before = memory().numTensors;
    expect(() => new SurfaceRace(surfaces.quadratic, [{ optimizer: 'sgd', hyper: {} }, { optimizer: 'adam', hyper: { sam: -1 } }], [1, 1])).toThrow(
      'adam: sam must be ≥ 0, got -1',
    );
    expect(memory().numTensors).toBe(before);
  });

  it('wrapped runs leak no tensors, stepping or disposed', () => {
    const before = memory().numTensors;
    const race = new SurfaceRace(surfaces.rosenbrock, [{ optimizer: 'adam', hyper: { lr: 0.05, sam: 0.05, lookahead: 5 } }, { optimizer: 'momentum', hyper: { lr: 1e-3, sam: 0.1 } }], [-1.5, 2.5]);
    race.advance();
    const during = memory().numTensors;
    for (let t = 0; t < 50; t++) race.advance();
    expect(memory().numTensors).toBe(during);
    race.dispose();
    expect(memory().numTensors).toBe(before);
  });
});
