/**
 * Golden tests: each optimizer's first steps worked out by hand.
 *
 * Every case starts from θ₀ = (1, −2) and sees the gradients
 * g₁ = (0.5, −1), g₂ = (0.2, 0.4), g₃ = (−0.9, 0.1). The expected values are
 * written as the arithmetic one would do on paper, one coordinate at a time,
 * with small round hyperparameters so the simple cases come out as literals.
 */
import { describe, expect, it } from 'vitest';
import { optimizers } from '../../../src/optimizers';
import { expectClose, trajectory, useCpuBackend } from './helpers';

useCpuBackend();

const theta0 = [1, -2];
const G = [
  [0.5, -1],
  [0.2, 0.4],
  [-0.9, 0.1],
];
const { sqrt, abs, max, sign } = Math;
/** Apply a per-coordinate rule to both coordinates. */
const each = (f: (i: number) => number) => [f(0), f(1)];

describe('SGD and momentum, by hand', () => {
  it('sgd: θ ← θ − ηg', () => {
    const run = trajectory(optimizers.sgd, { lr: 0.1 }, theta0, G);
    expectClose(run[0], [0.95, -1.9]);
    expectClose(run[1], [0.93, -1.94]);
    expectClose(run[2], [1.02, -1.95]);
  });

  it('momentum: v = (0.5, −1), (0.65, −0.5), (−0.315, −0.35)', () => {
    const run = trajectory(optimizers.momentum, { lr: 0.1, momentum: 0.9 }, theta0, G);
    expectClose(run[0], [0.95, -1.9]);
    expectClose(run[1], [0.885, -1.85]);
    expectClose(run[2], [0.9165, -1.815]);
  });

  it('nesterov: steps along g + μv', () => {
    const run = trajectory(optimizers.nesterov, { lr: 0.1, momentum: 0.9 }, theta0, G);
    // g + μv: (0.95, −1.9), (0.785, −0.05), (−1.1835, −0.215)
    expectClose(run[0], [0.905, -1.81]);
    expectClose(run[1], [0.8265, -1.805]);
    expectClose(run[2], [0.94485, -1.7835]);
  });

  it('momentum:keras and nesterov:keras trace PyTorch’s path when η is constant', () => {
    const hp = { lr: 0.1, momentum: 0.9 };
    expectClose(trajectory(optimizers['momentum:keras'], hp, theta0, G)[2], [0.9165, -1.815]);
    expectClose(trajectory(optimizers['nesterov:keras'], hp, theta0, G)[2], [0.94485, -1.7835]);
  });

  it('momentum:keras departs from PyTorch when η changes (0.1 then 0.2)', () => {
    const hp = { momentum: 0.9 };
    const lrs = [0.1, 0.2];
    // PyTorch: v₂ = (0.65, −0.5) is scaled by the new η as a whole: θ₂ = θ₁ − 0.2 v₂.
    expectClose(trajectory(optimizers.momentum, hp, theta0, G.slice(0, 2), lrs)[1], [0.82, -1.8]);
    // Keras: v₂ = 0.9·(−0.05, 0.1) − 0.2·(0.2, 0.4) = (−0.085, 0.01), so the old velocity keeps the old η.
    expectClose(trajectory(optimizers['momentum:keras'], hp, theta0, G.slice(0, 2), lrs)[1], [0.865, -1.89]);
  });
});

describe('Adagrad, RMSprop, Adadelta, by hand', () => {
  it('adagrad: first step is η·sign(g); then divides by √(Σg²)', () => {
    const run = trajectory(optimizers.adagrad, { lr: 0.1, eps: 1e-10 }, theta0, G);
    expectClose(run[0], [0.9, -1.9]);
    const s2 = [0.25 + 0.04, 1 + 0.16];
    const t2 = each((i) => run[0][i] - (0.1 * G[1][i]) / (sqrt(s2[i]) + 1e-10));
    expectClose(run[1], t2);
    const s3 = [0.29 + 0.81, 1.16 + 0.01];
    expectClose(run[2], each((i) => t2[i] - (0.1 * G[2][i]) / (sqrt(s3[i]) + 1e-10)));
  });

  it('adagrad: the initial accumulator enters the first step', () => {
    const run = trajectory(optimizers.adagrad, { lr: 0.1, eps: 1e-10, initialAccumulator: 0.75 }, theta0, G);
    // s₁ = 0.75 + g₁² = (1, 1.75)
    expectClose(run[0], [1 - 0.05, -2 + 0.1 / sqrt(1.75)]);
  });

  it('adagrad:keras: s₀ = 0.1 and ε inside the root', () => {
    const run = trajectory(optimizers['adagrad:keras'], { lr: 0.1 }, theta0, G);
    const s1 = [0.1 + 0.25, 0.1 + 1];
    const t1 = each((i) => theta0[i] - (0.1 * G[0][i]) / sqrt(s1[i] + 1e-7));
    expectClose(run[0], t1);
    const s2 = [0.35 + 0.04, 1.1 + 0.16];
    expectClose(run[1], each((i) => t1[i] - (0.1 * G[1][i]) / sqrt(s2[i] + 1e-7)));
  });

  it('rmsprop: first step is η/√(1−ρ)·sign(g)', () => {
    const run = trajectory(optimizers.rmsprop, { lr: 0.01, rho: 0.99, eps: 1e-8 }, theta0, G);
    // v₁ = 0.01·g₁², so √v₁ = 0.1|g₁| and the step is 0.01/0.1 = 0.1 per coordinate.
    expectClose(run[0], [0.9, -1.9]);
    const v2 = [0.99 * 0.0025 + 0.01 * 0.04, 0.99 * 0.01 + 0.01 * 0.16];
    const t1 = [0.9, -1.9];
    const t2 = each((i) => t1[i] - (0.01 * G[1][i]) / (sqrt(v2[i]) + 1e-8));
    expectClose(run[1], t2);
  });

  it('rmsprop:keras: ε inside the root', () => {
    const run = trajectory(optimizers['rmsprop:keras'], { lr: 0.01, rho: 0.9, eps: 1e-7 }, theta0, G);
    const v1 = [0.1 * 0.25, 0.1 * 1];
    const t1 = each((i) => theta0[i] - (0.01 * G[0][i]) / sqrt(v1[i] + 1e-7));
    expectClose(run[0], t1);
    const v2 = each((i) => 0.9 * v1[i] + 0.1 * G[1][i] ** 2);
    expectClose(run[1], each((i) => t1[i] - (0.01 * G[1][i]) / sqrt(v2[i] + 1e-7)));
  });

  it('adadelta: the step is RMS(Δ)/RMS(g)·g, and the first one is only √ε/√(v+ε)·g', () => {
    const eps = 1e-6;
    const run = trajectory(optimizers.adadelta, { lr: 1, rho: 0.9, eps }, theta0, G);
    const v1 = [0.025, 0.1];
    const d1 = each((i) => (sqrt(0 + eps) / sqrt(v1[i] + eps)) * G[0][i]);
    const u1 = each((i) => 0.1 * d1[i] ** 2);
    const t1 = each((i) => theta0[i] - d1[i]);
    expectClose(run[0], t1);
    const v2 = each((i) => 0.9 * v1[i] + 0.1 * G[1][i] ** 2);
    const d2 = each((i) => (sqrt(u1[i] + eps) / sqrt(v2[i] + eps)) * G[1][i]);
    expectClose(run[1], each((i) => t1[i] - d2[i]));
  });
});

describe('Adam family, by hand', () => {
  const hp = { lr: 0.1, beta1: 0.9, beta2: 0.999, eps: 1e-8 };

  it('adam: first step is η·g/(|g|+ε); two more steps with bias correction', () => {
    const run = trajectory(optimizers.adam, hp, theta0, G);
    const t1 = each((i) => theta0[i] - (0.1 * G[0][i]) / (abs(G[0][i]) + 1e-8));
    expectClose(run[0], t1);
    // m₂ = 0.09 g₁ + 0.1 g₂, v₂ = 0.000999 g₁² + 0.001 g₂², corrections 1 − 0.9² and 1 − 0.999²
    const m2 = each((i) => 0.09 * G[0][i] + 0.1 * G[1][i]);
    const v2 = each((i) => 0.000999 * G[0][i] ** 2 + 0.001 * G[1][i] ** 2);
    const t2 = each((i) => t1[i] - (0.1 * (m2[i] / 0.19)) / (sqrt(v2[i] / (1 - 0.999 ** 2)) + 1e-8));
    expectClose(run[1], t2);
    const m3 = each((i) => 0.9 * m2[i] + 0.1 * G[2][i]);
    const v3 = each((i) => 0.999 * v2[i] + 0.001 * G[2][i] ** 2);
    const t3 = each((i) => t2[i] - (0.1 * (m3[i] / 0.271)) / (sqrt(v3[i] / (1 - 0.999 ** 3)) + 1e-8));
    expectClose(run[2], t3);
  });

  it('adam:nobias: without the correction, each step is too long by (1 − β₁ᵗ)/√(1 − β₂ᵗ) for a steady gradient', () => {
    const h = { lr: 0.01, beta1: 0.9, beta2: 0.999, eps: 0 };
    const steady = Array.from({ length: 12 }, () => [2, -10]);
    const corrected = trajectory(optimizers.adam, h, [0, 0], steady);
    const raw = trajectory(optimizers['adam:nobias'], h, [0, 0], steady);
    // Adam's steps are η·sign(g) exactly; the uncorrected ones are η·(1 − 0.9ᵗ)/√(1 − 0.999ᵗ) long.
    for (const t of [1, 2, 12]) {
      const step = (run: number[][]) => run[t - 1].map((x, i) => x - (t > 1 ? run[t - 2][i] : 0));
      expectClose(step(corrected), [-0.01, 0.01]);
      const ratio = (1 - 0.9 ** t) / sqrt(1 - 0.999 ** t);
      expectClose(step(raw), [-0.01 * ratio, 0.01 * ratio]);
    }
    expect((1 - 0.9) / sqrt(1 - 0.999)).toBeCloseTo(3.162, 3); // t = 1: √10
  });

  it('adam:keras: equals PyTorch’s form with ε = ε̂/√(1−β₂ᵗ)', () => {
    const run = trajectory(optimizers['adam:keras'], { ...hp, eps: 1e-3 }, theta0, G);
    // α₁ = 0.1·√0.001/0.1, m₁ = 0.1 g₁, √v₁ = √0.001·|g₁|
    const alpha1 = (0.1 * sqrt(0.001)) / 0.1;
    const t1 = each((i) => theta0[i] - (alpha1 * 0.1 * G[0][i]) / (sqrt(0.001) * abs(G[0][i]) + 1e-3));
    expectClose(run[0], t1);
    const torchLike = trajectory(optimizers.adam, { ...hp, eps: 1e-3 / sqrt(0.001) }, theta0, G.slice(0, 1));
    expectClose(run[0], torchLike[0]);
  });

  it('amsgrad: divides by the largest v so far (v of coordinate 2 falls at step 3)', () => {
    const h = { lr: 0.1, beta1: 0.9, beta2: 0.9, eps: 1e-8 };
    const run = trajectory(optimizers.amsgrad, h, theta0, G);
    // v₁ = (0.025, 0.1), v₂ = (0.0265, 0.106), v₃ = (0.10485, 0.0964): the max keeps 0.106.
    const vMax3 = [0.02385 + 0.081, 0.106];
    const m3 = each((i) => 0.081 * G[0][i] + 0.09 * G[1][i] + 0.1 * G[2][i]);
    const step3 = each((i) => (0.1 / (1 - 0.9 ** 3)) * m3[i] / (sqrt(vMax3[i] / (1 - 0.9 ** 3)) + 1e-8));
    expectClose(run[2], each((i) => run[1][i] - step3[i]));
    // Adam with the same numbers divides by the smaller v₃ and steps further.
    const adam = trajectory(optimizers.adam, h, theta0, G);
    expect(abs(adam[2][1] - adam[1][1])).toBeGreaterThan(abs(run[2][1] - run[1][1]));
  });

  it('adamw: θ(1 − ηλ) first, then the Adam step', () => {
    const run = trajectory(optimizers.adamw, { ...hp, weightDecay: 0.1 }, theta0, G);
    expectClose(run[0], each((i) => theta0[i] * 0.99 - (0.1 * G[0][i]) / (abs(G[0][i]) + 1e-8)));
  });

  it('adamax: u = max(β₂u, |g|+ε), and |g₃| takes over in coordinate 1', () => {
    const run = trajectory(optimizers.adamax, hp, theta0, G);
    const u1 = each((i) => abs(G[0][i]) + 1e-8);
    const t1 = each((i) => theta0[i] - (0.1 / 0.1) * ((0.1 * G[0][i]) / u1[i]));
    expectClose(run[0], t1);
    const u2 = each((i) => max(0.999 * u1[i], abs(G[1][i]) + 1e-8)); // = 0.999 u₁
    const m2 = each((i) => 0.09 * G[0][i] + 0.1 * G[1][i]);
    const t2 = each((i) => t1[i] - (0.1 / 0.19) * (m2[i] / u2[i]));
    expectClose(run[1], t2);
    const u3 = [0.9 + 1e-8, 0.999 * u2[1]];
    const m3 = each((i) => 0.9 * m2[i] + 0.1 * G[2][i]);
    expectClose(run[2], each((i) => t2[i] - (0.1 / 0.271) * (m3[i] / u3[i])));
  });

  it('nadam: μ schedule, running product and look-ahead mix', () => {
    const psi = 0.004;
    const run = trajectory(optimizers.nadam, { ...hp, momentumDecay: psi }, theta0, G.slice(0, 2));
    const mu = (t: number) => 0.9 * (1 - 0.5 * 0.96 ** (t * psi));
    // Step 1: Π₁ = μ₁, so the gradient's share (1 − μ₁)g/(1 − Π₁) is exactly g.
    const m1 = each((i) => 0.1 * G[0][i]);
    const mHat1 = each((i) => (mu(2) * m1[i]) / (1 - mu(1) * mu(2)) + G[0][i]);
    const t1 = each((i) => theta0[i] - (0.1 * mHat1[i]) / (abs(G[0][i]) + 1e-8));
    expectClose(run[0], t1);
    // Step 2: Π₂ = μ₁μ₂.
    const p2 = mu(1) * mu(2);
    const m2 = each((i) => 0.9 * m1[i] + 0.1 * G[1][i]);
    const v2 = each((i) => 0.000999 * G[0][i] ** 2 + 0.001 * G[1][i] ** 2);
    const mHat2 = each((i) => (mu(3) * m2[i]) / (1 - p2 * mu(3)) + ((1 - mu(2)) * G[1][i]) / (1 - p2));
    expectClose(run[1], each((i) => t1[i] - (0.1 * mHat2[i]) / (sqrt(v2[i] / (1 - 0.999 ** 2)) + 1e-8)));
  });

  it('radam: plain momentum steps while ρ_t ≤ 5 (β₂ = 0.999: steps 1–3)', () => {
    const run = trajectory(optimizers.radam, hp, theta0, G);
    const t1 = each((i) => theta0[i] - 0.1 * G[0][i]); // m̂₁ = g₁
    expectClose(run[0], t1);
    const t2 = each((i) => t1[i] - (0.1 * (0.09 * G[0][i] + 0.1 * G[1][i])) / 0.19);
    expectClose(run[1], t2);
  });

  it('radam: the rectified step switches on at t = 6 when β₂ = 0.9', () => {
    // A constant gradient g makes m̂_t = g and v_t = (1 − 0.9ᵗ)g², so every step is explicit.
    const g = [0.5, -1];
    const run = trajectory(optimizers.radam, { ...hp, beta2: 0.9 }, theta0, Array(6).fill(g));
    const rhoInf = 2 / (1 - 0.9) - 1; // 19
    const rho = (t: number) => rhoInf - (2 * t * 0.9 ** t) / (1 - 0.9 ** t);
    expect(rho(5)).toBeLessThan(5);
    expect(rho(6)).toBeGreaterThan(5);
    const t5 = each((i) => theta0[i] - 5 * 0.1 * g[i]);
    expectClose(run[4], t5);
    const r6 = sqrt(((rho(6) - 4) * (rho(6) - 2) * rhoInf) / ((rhoInf - 4) * (rhoInf - 2) * rho(6)));
    const bc = 1 - 0.9 ** 6;
    const l6 = each((i) => sqrt(bc) / (sqrt(bc) * abs(g[i]) + 1e-8));
    expectClose(run[5], each((i) => t5[i] - 0.1 * r6 * g[i] * l6[i]));
  });
});

describe('Lion, by hand', () => {
  it('lion: steps of exactly η·sign(c) plus decoupled decay; c flips before m does', () => {
    const run = trajectory(optimizers.lion, { lr: 0.1, beta1: 0.9, beta2: 0.99, weightDecay: 0.1 }, theta0, G);
    // c₁ = 0.1 g₁ → signs (+, −); m₁ = (0.005, −0.01)
    expectClose(run[0], [1 - 0.1 * (1 + 0.1), -2 - 0.1 * (-1 - 0.2)]);
    // c₂ = (0.0245, 0.031) → (+, +); m₂ = (0.00695, −0.0059)
    expectClose(run[1], [0.89 - 0.1 * (1 + 0.089), -1.88 - 0.1 * (1 - 0.188)]);
    // c₃ = (−0.083745, 0.00469) → (−, +), although m₂ is still positive in coordinate 0
    expectClose(run[2], [0.7811 - 0.1 * (-1 + 0.07811), -1.9612 - 0.1 * (1 - 0.19612)]);
    expect(sign(0.9 * 0.00695 + 0.1 * -0.9)).toBe(-1);
  });
});
