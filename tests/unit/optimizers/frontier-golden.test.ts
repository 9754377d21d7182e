/**
 * Golden tests for the frontier rules: their first steps worked out by hand,
 * on gradients chosen so that the arithmetic stays on paper — diagonal or
 * rank-one matrices whose singular vectors are known, 3-4-5 triangles,
 * coordinates that are exactly ±1 after normalisation. Where a rule applies a
 * scalar map to singular values (Muon's Newton–Schulz), that map is iterated
 * here on the number itself.
 */
import { describe, expect, it } from 'vitest';
import { tensor1d } from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { frontierOptimizers } from '../../../src/optimizers/frontier';
import { validateHyper } from '../../../src/optimizers/validate';
import { expectClose, shapedStepper, useCpuBackend } from './helpers';

useCpuBackend();

const { sqrt, max, hypot } = Math;
/** θ after each step, for a parameter of the given shape (all flat, row-major). */
function run(id: string, hp: Record<string, number>, shape: number[], theta0: number[], grads: number[][]): number[][] {
  const s = shapedStepper(frontierOptimizers[id], hp, theta0, shape);
  const out = grads.map((g) => s.step(g));
  s.dispose();
  return out;
}
const rms = (x: number[]) => sqrt(x.reduce((s, v) => s + v * v, 0) / x.length);
const norm = (x: number[]) => sqrt(x.reduce((s, v) => s + v * v, 0));
/** x − k·y, entrywise. */
const minus = (x: number[], k: number, y: number[]) => x.map((v, i) => v - k * y[i]);

describe('Muon, by hand', () => {
  /** Five Newton–Schulz steps on one singular value s: s ← 3.4445s − 4.7750s³ + 2.0315s⁵. */
  const ns5 = (s: number) => {
    for (let j = 0; j < 5; j++) s = 3.4445 * s - 4.775 * s ** 3 + 2.0315 * s ** 5;
    return s;
  };
  const hp = { lr: 0.1, momentum: 0.9, nesterov: 1, weightDecay: 0.1, nsSteps: 5, eps: 1e-7 };

  it('the polynomial pushes singular values towards 1 (the point of the iteration)', () => {
    for (const s of [0.05, 0.3, 0.6, 0.8]) expect(Math.abs(ns5(s) - 1)).toBeLessThan(0.32);
  });

  it('tall 3×2 diagonal gradients: singular values 0.6, 0.8 after normalising, step scaled by √(3/2)', () => {
    const theta0 = [0.5, -1, 1, 0, 0, 2];
    const g1 = [3, 0, 0, 4, 0, 0];
    const g2 = [-1, 0, 0, 2, 0, 0];
    const [t1, t2] = run('muon', hp, [3, 2], theta0, [g1, g2]);
    // Step 1: B = 0.1 g₁, U = 0.1 g₁ + 0.9 B = 0.19 g₁, whose singular values 0.57, 0.76 normalise to 0.6, 0.8.
    const o1 = [ns5(0.6), 0, 0, ns5(0.8), 0, 0];
    const e1 = minus(theta0.map((x) => x * 0.99), 0.1 * sqrt(1.5), o1);
    expectClose(t1, e1, 1e-5, 1e-6);
    // Step 2: B = 0.9·diag(0.3, 0.4) + 0.1 g₂ = diag(0.17, 0.56); U = 0.1 g₂ + 0.9 B = diag(0.053, 0.704).
    const n2 = hypot(0.053, 0.704);
    const o2 = [ns5(0.053 / n2), 0, 0, ns5(0.704 / n2), 0, 0];
    expectClose(t2, minus(e1.map((x) => x * 0.99), 0.1 * sqrt(1.5), o2), 1e-5, 1e-6);
  });

  it('wide 2×3: the same singular values, no √ factor (max(1, 2/3) = 1); without Nesterov U = B', () => {
    const theta0 = [1, 2, 3, -1, -2, -3];
    const [t1] = run('muon', { ...hp, nesterov: 0, weightDecay: 0 }, [2, 3], theta0, [[3, 0, 0, 0, 4, 0]]);
    expectClose(t1, minus(theta0, 0.1, [ns5(0.6), 0, 0, 0, ns5(0.8), 0]), 1e-5, 1e-6);
  });

  it('a rotated gradient R·diag(3, 4) becomes R·diag(ns(0.6), ns(0.8)): orthogonalisation, not per-entry scaling', () => {
    const R = [0.6, -0.8, 0.8, 0.6]; // rotation with cos 0.6, sin 0.8
    const g = [0.6 * 3, -0.8 * 4, 0.8 * 3, 0.6 * 4];
    const [t1] = run('muon', { ...hp, momentum: 0, weightDecay: 0 }, [2, 2], [0, 0, 0, 0], [g]);
    const [a, b] = [ns5(0.6), ns5(0.8)];
    expectClose(t1, [R[0] * a, R[1] * b, R[2] * a, R[3] * b].map((x) => -0.1 * x), 1e-5, 1e-6);
  });

  it('ε floors the norm: a gradient of norm 1e-3 with ε = 0.01 gives singular values 0.06, 0.08', () => {
    const [t1] = run('muon', { ...hp, momentum: 0, weightDecay: 0, eps: 0.01 }, [2, 2], [0, 0, 0, 0], [[6e-4, 0, 0, 8e-4]]);
    expectClose(t1, [-0.1 * ns5(0.06), 0, 0, -0.1 * ns5(0.08)], 1e-5, 1e-7);
  });
});

describe('Adafactor, by hand', () => {
  it('vector, first step: V = g², so U = sign(g) and θ moves by RMS(θ)·min(η, 1)', () => {
    const [t1] = run('adafactor', {}, [2], [1, -2], [[0.5, -1]]);
    expectClose(t1, minus([1, -2], sqrt(2.5) * 0.01, [1, -1]), 1e-6, 1e-7);
  });

  it('a zero parameter still moves: α = ε₂·ρ', () => {
    const [t1] = run('adafactor', {}, [2], [0, 0], [[3, -4]]);
    expectClose(t1, [-1e-3 * 0.01, 1e-3 * 0.01], 1e-5, 1e-12);
  });

  it('2×2 matrix, two steps: row and column means, their outer product over mean(R), clipping by RMS(U)', () => {
    const theta0 = [1, -2, 0.5, 0.25];
    const g1 = [0.5, -1, 0.3, 0.4]; // g² is not rank one, so the factored V is only an estimate
    const g2 = [-0.9, 0.1, 0.3, 0.3];
    const [t1, t2] = run('adafactor', { lr: 0.1 }, [2, 2], theta0, [g1, g2]);
    // Step 1: 1 − β₂ = 1^−0.8 = 1, so R = row means of g², C = column means.
    const R1 = [(0.25 + 1) / 2, (0.09 + 0.16) / 2]; // 0.625, 0.125
    const C1 = [(0.25 + 0.09) / 2, (1 + 0.16) / 2]; // 0.17, 0.58
    const meanR1 = (0.625 + 0.125) / 2;
    const V1 = [R1[0] * C1[0], R1[0] * C1[1], R1[1] * C1[0], R1[1] * C1[1]].map((v) => v / meanR1);
    const U1 = g1.map((g, i) => g / sqrt(V1[i]));
    const alpha1 = rms(theta0) * 0.1; // ρ₁ = min(0.1, 1/√1)
    const e1 = minus(theta0, alpha1 / max(1, rms(U1)), U1);
    expect(rms(U1)).toBeGreaterThan(1); // so the clipping is exercised
    expectClose(t1, e1, 1e-5, 1e-7);
    // Step 2: 1 − β₂ = 2^−0.8, ρ₂ = min(0.1, 1/√2) = 0.1.
    const w = 2 ** -0.8;
    const R2 = [R1[0] + w * ((0.81 + 0.01) / 2 - R1[0]), R1[1] + w * ((0.09 + 0.09) / 2 - R1[1])];
    const C2 = [C1[0] + w * ((0.81 + 0.09) / 2 - C1[0]), C1[1] + w * ((0.01 + 0.09) / 2 - C1[1])];
    const meanR2 = (R2[0] + R2[1]) / 2;
    const V2 = [R2[0] * C2[0], R2[0] * C2[1], R2[1] * C2[0], R2[1] * C2[1]].map((v) => v / meanR2);
    const U2 = g2.map((g, i) => g / sqrt(V2[i]));
    expectClose(t2, minus(e1, (rms(e1) * 0.1) / max(1, rms(U2)), U2), 1e-5, 1e-7);
  });

  it('weight decay: α from θ before the decay, decay by ηλ', () => {
    const [t1] = run('adafactor', { lr: 0.1, weightDecay: 0.5 }, [2], [1, -2], [[0.5, -1]]);
    expectClose(t1, minus([0.95, -1.9], sqrt(2.5) * 0.1, [1, -1]), 1e-6, 1e-7);
  });

  it('d = 2 leaves an update of RMS ≤ 2 unclipped; ρ is capped by 1/√t once η > 1/√t', () => {
    // A gradient whose squares are rank-one, g² = (1, 4)ᵀ(1, 1)·…: V = g², U = sign(g), RMS(U) = 1.
    const theta0 = [2, 2, 2, 2];
    const g = [1, -1, 2, 2];
    const [t1, t2] = run('adafactor', { lr: 1, d: 2 }, [2, 2], theta0, [g, g]);
    const e1 = minus(theta0, 2 * 1, [1, -1, 1, 1]); // ρ₁ = min(1, 1) = 1, α = RMS(θ₀) = 2
    expectClose(t1, e1, 1e-6, 1e-7);
    // Same gradient again: V stays g², ρ₂ = 1/√2.
    expectClose(t2, minus(e1, rms(e1) / sqrt(2), [1, -1, 1, 1]), 1e-6, 1e-7);
  });
});

describe('LAMB, by hand', () => {
  const hp = { lr: 0.1, beta1: 0.9, beta2: 0.999, eps: 1e-6, weightDecay: 0.1 };

  it('vector, two steps: Adam’s bias-corrected direction plus λθ, rescaled to ‖θ‖', () => {
    const theta0 = [1, -2];
    const [g1, g2] = [[0.5, -1], [0.2, 0.4]];
    const [t1, t2] = run('lamb', hp, [2], theta0, [g1, g2]);
    // Step 1: m̂ = g, v̂ = g².
    const u1 = g1.map((g, i) => g / (Math.abs(g) + 1e-6) + 0.1 * theta0[i]);
    const e1 = minus(theta0, (0.1 * norm(theta0)) / norm(u1), u1);
    expectClose(t1, e1, 1e-6, 1e-7);
    // Step 2: m = 0.09 g₁ + 0.1 g₂, v = 0.000999 g₁² + 0.001 g₂², corrections 1 − 0.9², 1 − 0.999².
    const m2 = g1.map((g, i) => (0.09 * g + 0.1 * g2[i]) / 0.19);
    const v2 = g1.map((g, i) => (0.000999 * g * g + 0.001 * g2[i] ** 2) / (1 - 0.999 ** 2));
    const u2 = m2.map((m, i) => m / (sqrt(v2[i]) + 1e-6) + 0.1 * e1[i]);
    expectClose(t2, minus(e1, (0.1 * norm(e1)) / norm(u2), u2), 1e-5, 1e-7);
  });

  it('the trust ratio uses the norm of the whole matrix: ‖θ‖ = 5, u ≈ sign(g) with ‖u‖ ≈ 2', () => {
    const theta0 = [3, 0, 0, 4];
    const g = [1, -1, 2, 0.5];
    const [t1] = run('lamb', { ...hp, weightDecay: 0 }, [2, 2], theta0, [g]);
    const u = g.map((x) => x / (Math.abs(x) + 1e-6));
    expectClose(t1, minus(theta0, (0.1 * 5) / norm(u), u), 1e-6, 1e-7);
  });

  it('a zero tensor takes the plain step: r = 1', () => {
    const [t1] = run('lamb', { ...hp, weightDecay: 0 }, [2], [0, 0], [[3, -4]]);
    expectClose(t1, [-0.1 * (3 / (3 + 1e-6)), 0.1 * (4 / (4 + 1e-6))], 1e-6, 1e-9);
  });
});

describe('LARS, by hand', () => {
  const hp = { lr: 1, momentum: 0.9, nesterov: 0, weightDecay: 0, trustCoefficient: 0.01, eps: 0 };

  it('two steps: r = κ‖θ‖/‖g‖, momentum over the scaled steps', () => {
    const [t1, t2] = run('lars', hp, [2], [3, -4], [[0.6, 0.8], [0, 2]]);
    // Step 1: r = 0.01·5/1 = 0.05, s = m = (−0.03, −0.04).
    expectClose(t1, [2.97, -4.04], 1e-6, 1e-7);
    // Step 2: r = 0.01‖θ₁‖/2, s = −r·(0, 2), m = s + 0.9·(−0.03, −0.04).
    const r2 = (0.01 * hypot(2.97, 4.04)) / 2;
    expectClose(t2, [2.97 - 0.027, -4.04 - 2 * r2 - 0.036], 1e-6, 1e-7);
  });

  it('Nesterov steps by s + μm: 1.9·s on the first step', () => {
    const [t1, t2] = run('lars', { ...hp, nesterov: 1 }, [2], [3, -4], [[0.6, 0.8], [0, 2]]);
    expectClose(t1, [3 - 1.9 * 0.03, -4 - 1.9 * 0.04], 1e-6, 1e-7);
    const r2 = (0.01 * norm(t1)) / 2;
    const s2 = [0, -2 * r2];
    const m2 = [s2[0] + 0.9 * -0.03, s2[1] + 0.9 * -0.04];
    expectClose(t2, t1.map((x, i) => x + s2[i] + 0.9 * m2[i]), 1e-6, 1e-7);
  });

  it('weight decay and ε enter the ratio as κ‖θ‖/(‖g + λθ‖ + ε), on the matrix as one tensor', () => {
    const theta0 = [1, 2, 2, 4]; // ‖θ‖ = 5
    const g = [1, 0, 0, 1];
    const [t1] = run('lars', { ...hp, weightDecay: 0.5, eps: 0.1 }, [2, 2], theta0, [g]);
    const u = g.map((x, i) => x + 0.5 * theta0[i]); // (1.5, 1, 1, 3)
    expectClose(t1, minus(theta0, (0.01 * 5) / (norm(u) + 0.1), u), 1e-6, 1e-7);
  });

  it('r = 1 when a norm is 0: a zero tensor steps by −ηg; a zero gradient only coasts', () => {
    expectClose(run('lars', hp, [2], [0, 0], [[0.5, -1]])[0], [-0.5, 1], 1e-6, 1e-9);
    const [t1, t2] = run('lars', hp, [2], [3, -4], [[0.6, 0.8], [0, 0]]);
    expectClose(t2, [t1[0] - 0.9 * 0.03, t1[1] - 0.9 * 0.04], 1e-6, 1e-7);
  });
});

describe('Shampoo, by hand', () => {
  const eps = 1e-4;
  // Orthonormal pairs: u₁ ⟂ u₂ in ℝ³, v₁ ⟂ v₂ in ℝ².
  const [u1, u2] = [[1, 2, 2].map((x) => x / 3), [2, 1, -2].map((x) => x / 3)];
  const [v1, v2] = [[0.6, 0.8], [-0.8, 0.6]];
  const outer = (s: number, u: number[], v: number[]) => u.flatMap((a) => v.map((b) => s * a * b));

  it('rank-one gradients along orthogonal singular vectors: each step is lr·G/√(ε + accumulated σ²)', () => {
    const theta0 = [1, 0, 0, 1, 1, 1];
    const G1 = outer(3, u1, v1); // σ = 3
    const G2 = outer(6, u2, v2); // σ = 6, orthogonal to G₁ on both sides
    const [t1, t2, t3] = run('shampoo', { lr: 0.5, eps }, [3, 2], theta0, [G1, G2, G1]);
    // L₁ = εI + 9u₁u₁ᵀ has u₁ as eigenvector with eigenvalue ε + 9, R₁ likewise v₁,
    // so L^(−1/4) G R^(−1/4) = (ε + 9)^(−1/2) G — though L and R are not diagonal.
    const e1 = minus(theta0, 0.5 / sqrt(9 + eps), G1);
    expectClose(t1, e1, 1e-5, 1e-6);
    // G₂ lives in the other eigenvectors, whose eigenvalues are now ε + 36.
    const e2 = minus(e1, 0.5 / sqrt(36 + eps), G2);
    expectClose(t2, e2, 1e-5, 1e-6);
    // G₁ again: its eigenvalues have grown to ε + 18 on both sides.
    expectClose(t3, minus(e2, 0.5 / sqrt(18 + eps), G1), 1e-5, 1e-6);
  });

  it('vectors: H^(−1/2)g with H = εI + Σggᵀ (full-matrix Adagrad)', () => {
    const [t1, t2, t3] = run('shampoo', { lr: 0.5, eps }, [2], [1, -2], [[3, 4], [-4, 3], [1, 0]]);
    // H₁ = εI + (3,4)(3,4)ᵀ: g is an eigenvector with eigenvalue ε + 25.
    const e1 = minus([1, -2], 0.5 / sqrt(25 + eps), [3, 4]);
    expectClose(t1, e1, 1e-5, 1e-6);
    // H₂ = (ε + 25)I.
    const e2 = minus(e1, 0.5 / sqrt(25 + eps), [-4, 3]);
    expectClose(t2, e2, 1e-5, 1e-6);
    // H₃ = (ε + 25)I + e₁e₁ᵀ.
    expectClose(t3, minus(e2, 0.5 / sqrt(26 + eps), [1, 0]), 1e-5, 1e-6);
  });

  it('ε sets the start: with ε = 1 the first vector step is g/√(1 + ‖g‖²)', () => {
    const [t1] = run('shampoo', { lr: 1, eps: 1 }, [2], [0, 0], [[3, 4]]);
    expectClose(t1, [-3 / sqrt(26), -4 / sqrt(26)], 1e-6, 1e-7);
  });
});

describe('schedule-free AdamW, by hand', () => {
  const hp = { lr: 0.1, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0, warmupSteps: 0, r: 0, weightLrPower: 2 };
  const theta0 = [1, -2];
  const G = [[0.5, -1], [0.2, 0.4], [-0.9, 0.1]];

  /** The hand computation: y, z and the weight sum through three steps, for warm-up T and powers r, p. */
  function byHand({ lr, warmupSteps: T, r, weightLrPower: p, weightDecay: wd }: typeof hp) {
    let [y, z, v] = [theta0, theta0, [0, 0]];
    let [lrMax, W] = [0, 0];
    const ys: number[][] = [];
    const zs: number[][] = [];
    G.forEach((g, k) => {
      const lrK = lr * (k < T ? (k + 1) / T : 1) * sqrt(1 - 0.999 ** (k + 1));
      lrMax = max(lrMax, lrK);
      const w = (k + 1) ** r * lrMax ** p;
      W += w;
      const c = w / W;
      v = v.map((vi, i) => 0.999 * vi + 0.001 * g[i] ** 2);
      const gHat = g.map((gi, i) => gi / (sqrt(v[i]) + 1e-8) + wd * y[i]);
      y = y.map((yi, i) => (1 - c) * yi + c * z[i] + lrK * (0.9 * (1 - c) - 1) * gHat[i]);
      z = z.map((zi, i) => zi - lrK * gHat[i]);
      ys.push(y);
      zs.push(z);
    });
    return { ys, zs };
  }

  it('step 1 has c = 1, so y = z = θ₀ − η·g/|g| (to ε)', () => {
    const [t1] = run('schedule-free-adamw', hp, [2], theta0, G.slice(0, 1));
    expectClose(t1, [0.9, -1.9], 1e-6, 1e-7);
  });

  it('three steps: c = γ_k²/Σγ², y mixes towards z, z takes the plain steps', () => {
    const ys = run('schedule-free-adamw', hp, [2], theta0, G);
    // At k = 1 the weight is (1 − 0.999²)/((1 − 0.999) + (1 − 0.999²)) ≈ 2/3: the larger step size counts more.
    const c1 = (1 - 0.999 ** 2) / (1 - 0.999 + (1 - 0.999 ** 2));
    expect(c1).toBeCloseTo(0.6667, 3);
    const { ys: expected } = byHand(hp);
    ys.forEach((y, k) => expectClose(y, expected[k], 1e-5, 1e-7));
  });

  it('warm-up, r and p change the step sizes and the weights as written', () => {
    const h = { ...hp, warmupSteps: 2, r: 1, weightLrPower: 1, weightDecay: 0.1 };
    const ys = run('schedule-free-adamw', h, [2], theta0, G);
    const { ys: expected } = byHand(h);
    ys.forEach((y, k) => expectClose(y, expected[k], 1e-5, 1e-7));
    // And they differ from the plain run: the settings are not ignored.
    expect(Math.abs(ys[2][0] - byHand(hp).ys[2][0])).toBeGreaterThan(1e-3);
  });

  it('η = 0: no weight yet, c = 0 rather than 0/0, and nothing moves', () => {
    expect(run('schedule-free-adamw', { ...hp, lr: 0 }, [2], theta0, G)).toEqual([theta0, theta0, theta0]);
  });

  it('evalPoint returns the average x = (y − (1−β₁)z)/β₁', () => {
    const opt = frontierOptimizers['schedule-free-adamw'];
    const full = validateHyper(opt, hp);
    let param: Tensor = tensor1d(theta0);
    let state = opt.init(param);
    const { ys, zs } = byHand(hp);
    G.forEach((g, k) => {
      [param, state] = opt.update(param, tensor1d(g), state, full, k + 1);
      const x = Array.from(opt.evalPoint!(param, state, full).dataSync());
      expectClose(x, ys[k].map((y, i) => (y - 0.1 * zs[k][i]) / 0.9), 1e-5, 1e-6);
    });
    // After one step y = z, so x = y: the average of a single point.
    const [p1, s1] = opt.update(tensor1d(theta0), tensor1d(G[0]), opt.init(tensor1d(theta0)), full, 1);
    expectClose(Array.from(opt.evalPoint!(p1, s1, full).dataSync()), Array.from(p1.dataSync()), 1e-6, 1e-7);
  });
});
