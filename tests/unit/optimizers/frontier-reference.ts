/**
 * Independent float64 references for the frontier rules, transcribed statement
 * by statement from their sources rather than from src/: torch.optim.Muon's
 * `_single_tensor_muon` and torch.optim.Adafactor's `_single_tensor_adafactor`
 * (in-place ops written out), optax's `lamb` and `lars` chains (each
 * transformation in turn), `AdamWScheduleFree.step` of facebookresearch/
 * schedule_free, and Algorithm 1 of the Shampoo paper. Shampoo's matrix roots
 * come from a coupled Newton iteration here, not from the eigensolver in
 * src/optimizers/linalg.ts, so the two sides share no linear algebra.
 *
 * A reference is made for one parameter shape, [n] or [m, n], and steps on
 * flat row-major arrays: `step(param, grad)` returns the new parameter.
 * `mutation` names a deliberate error, for the tests that show the agreement
 * checks would notice it.
 */
import type { Hp, Step } from './reference';

export type Matrix = number[][];
export type FrontierReference = (hp: Hp, shape: number[], mutation?: string) => Step;

const zeros = (n: number) => new Array<number>(n).fill(0);
const toMatrix = (flat: number[], [m, n]: number[]): Matrix =>
  Array.from({ length: m }, (_, i) => flat.slice(i * n, (i + 1) * n));
const matmul = (a: Matrix, b: Matrix): Matrix =>
  a.map((row) => b[0].map((_, j) => row.reduce((s, x, k) => s + x * b[k][j], 0)));
const transpose = (a: Matrix): Matrix => a[0].map((_, j) => a.map((row) => row[j]));
const identity = (n: number): Matrix => Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
const combine = (a: Matrix, b: Matrix, alpha: number, beta: number): Matrix =>
  a.map((row, i) => row.map((x, j) => alpha * x + beta * b[i][j]));
const frobenius = (a: number[]) => Math.sqrt(a.reduce((s, x) => s + x * x, 0));

/**
 * A^(−1/p) for symmetric positive-definite A by the coupled Newton iteration
 * (Guo & Higham 2006, as used for Shampoo by Anil et al. 2020):
 * X₀ = z^(1/p)·I, M₀ = z·A with z = (1+p)/(2‖A‖_F), then
 * T = ((p+1)I − M)/p, X ← XT, M ← TᵖM until M = I, where X = A^(−1/p).
 */
export function newtonInverseRoot(a: Matrix, p: number): Matrix {
  const n = a.length;
  const z = (1 + p) / (2 * frobenius(a.flat()));
  let x = combine(identity(n), identity(n), z ** (1 / p), 0);
  let m = combine(a, a, z, 0);
  for (let k = 0; k < 500; k++) {
    const t = combine(identity(n), m, (p + 1) / p, -1 / p);
    x = matmul(x, t);
    let tp = t;
    for (let j = 1; j < p; j++) tp = matmul(tp, t);
    m = matmul(tp, m);
    const off = Math.max(...combine(m, identity(n), 1, -1).flat().map(Math.abs));
    if (off < 1e-14) return x;
  }
  throw new Error('newtonInverseRoot: no convergence');
}

export const frontierReferences: Record<string, FrontierReference> = {
  // torch _single_tensor_muon: buf.lerp_(grad, 1 - momentum); update = grad.lerp(buf, momentum) if nesterov else buf;
  // _zeropower_via_newtonschulz (float64 here, bfloat16 there): X = update (.T if rows > cols); X.div_(X.norm().clamp(min=eps));
  // ns_steps × { gram = X @ X.T; gram_update = b*gram + c*gram@gram; X = a*X + gram_update@X }; (.T back);
  // adjusted_lr = lr * sqrt(max(1, A/B)); param.mul_(1 - lr*wd); param.add_(update, alpha=-adjusted_lr)
  muon: ({ lr, momentum, nesterov, weightDecay, nsSteps, eps }, shape, mutation) => {
    const [A, B] = shape;
    let buf = zeros(A * B);
    const [a, b, c] = [3.4445, -4.775, 2.0315];
    // 'sum buffer' is the docstring's form, B ← μB + g and G + μB, which the doc comment of muon.ts argues is equivalent.
    const sumBuffer = mutation === 'sum buffer';
    return (p, g) => {
      buf = sumBuffer ? buf.map((x, i) => momentum * x + g[i]) : buf.map((x, i) => x + (g[i] - x) * (1 - momentum));
      const update = nesterov
        ? g.map((x, i) => (sumBuffer ? x + momentum * buf[i] : x + (buf[i] - x) * momentum))
        : buf;
      let X = toMatrix(update, shape);
      if (A > B) X = transpose(X);
      const scale = Math.max(frobenius(X.flat()), eps);
      X = X.map((row) => row.map((x) => x / scale));
      for (let s = 0; s < nsSteps; s++) {
        const gram = matmul(X, transpose(X));
        const gramUpdate = combine(gram, matmul(gram, gram), b, c);
        X = combine(X, matmul(gramUpdate, X), a, 1);
      }
      if (A > B) X = transpose(X);
      const adjustedLr = mutation === 'no aspect-ratio factor' ? lr : lr * Math.sqrt(Math.max(1, A / B));
      const o = X.flat();
      return p.map((x, i) => x * (1 - lr * weightDecay) - adjustedLr * o[i]);
    };
  },

  // torch _single_tensor_adafactor: step += 1; one_minus_beta2_t = step**beta2_decay; rho_t = min(lr, 1/step**0.5);
  // alpha = max(eps2, param.norm(2)/numel**0.5) * rho_t; if wd: param.mul_(1 - lr*wd);
  // dim > 1: row_mean = norm(grad, dim=-1)²/size(-1); row_var.lerp_(row_mean, 1-β₂); col likewise over dim -2;
  //          var_estimate = row_var @ col_var / row_var.mean(dim=-2).clamp_(min=eps1)
  // else:    variance.lerp_(grad*grad, 1-β₂); var_estimate = variance.clone()
  // update = var_estimate.clamp_(min=eps1*eps1).rsqrt_() * grad; denom = max(1, update.norm(2)/(numel**0.5 * d));
  // param.add_(update, alpha=-alpha/denom)
  adafactor: ({ lr, beta2Decay, eps1, eps2, d, weightDecay }, shape, mutation) => {
    let step = 0;
    const numel = shape.reduce((x, y) => x * y, 1);
    const [rows, cols] = shape.length === 2 ? shape : [0, 0];
    let rowVar = zeros(rows);
    let colVar = zeros(cols);
    let variance = zeros(numel);
    return (p, g) => {
      step += 1;
      const omb = step ** beta2Decay;
      const rho = Math.min(lr, 1 / step ** 0.5);
      const alphaOf = (q: number[]) => Math.max(eps2, frobenius(q) / numel ** 0.5) * rho;
      let alpha = alphaOf(p);
      const param = weightDecay !== 0 ? p.map((x) => x * (1 - lr * weightDecay)) : p;
      if (mutation === 'alpha after decay') alpha = alphaOf(param);
      let varEstimate: number[];
      if (shape.length > 1) {
        const G = toMatrix(g, shape);
        const rowMean = G.map((row) => row.reduce((s, x) => s + x * x, 0) / cols);
        const colMean = G[0].map((_, j) => G.reduce((s, row) => s + row[j] ** 2, 0) / rows);
        rowVar = rowVar.map((x, i) => x + (rowMean[i] - x) * omb);
        colVar = colVar.map((x, j) => x + (colMean[j] - x) * omb);
        const rowVarMean = Math.max(rowVar.reduce((s, x) => s + x, 0) / rows, eps1);
        varEstimate = rowVar.flatMap((r) => colVar.map((c) => (r * c) / rowVarMean));
      } else {
        variance = variance.map((x, i) => x + (g[i] * g[i] - x) * omb);
        varEstimate = [...variance];
      }
      const update = varEstimate.map((v, i) => g[i] / Math.sqrt(Math.max(v, eps1 * eps1)));
      const denom = Math.max(1, frobenius(update) / (numel ** 0.5 * d));
      return param.map((x, i) => x - (alpha / denom) * update[i]);
    };
  },

  // optax.lamb = chain(scale_by_adam(b1, b2, eps, eps_root=0), add_decayed_weights(wd), scale_by_trust_ratio(),
  // scale_by_learning_rate(lr)). scale_by_adam: mu = (1-b1)g + b1 mu; nu = (1-b2)g² + b2 nu; count += 1;
  // mu_hat = mu/(1-b1**count); nu_hat = nu/(1-b2**count); u = mu_hat/(sqrt(nu_hat + eps_root) + eps).
  // scale_by_trust_ratio: trust = ‖param‖/‖u‖, 1 where either norm is 0. Then u ← -lr·u; param + u.
  lamb: ({ lr, beta1, beta2, eps, weightDecay }, _shape, mutation) => {
    let count = 0;
    let mu: number[] | null = null;
    let nu: number[] | null = null;
    return (p, g) => {
      mu = (mu ?? zeros(p.length)).map((m, i) => (1 - beta1) * g[i] + beta1 * m);
      nu = (nu ?? zeros(p.length)).map((v, i) => (1 - beta2) * g[i] ** 2 + beta2 * v);
      count += 1;
      const unbiased = mutation !== 'no bias correction';
      const muHat = mu.map((m) => (unbiased ? m / (1 - beta1 ** count) : m));
      const nuHat = nu.map((v) => (unbiased ? v / (1 - beta2 ** count) : v));
      let u = muHat.map((m, i) => m / (Math.sqrt(nuHat[i] + 0) + eps));
      u = u.map((x, i) => x + weightDecay * p[i]);
      const [pn, un] = [frobenius(p), frobenius(u)];
      const trust = pn === 0 || un === 0 ? 1 : pn / un;
      return p.map((x, i) => x + -lr * (u[i] * trust));
    };
  },

  // optax.lars = chain(add_decayed_weights(wd), scale_by_trust_ratio(trust_coefficient, eps), scale_by_learning_rate(lr),
  // trace(decay=momentum, nesterov)). trust = tc·‖param‖/(‖u‖ + eps), 1 where either norm is 0;
  // trace: f = u + decay·f; out = u + decay·f if nesterov else f.
  lars: ({ lr, momentum, nesterov, weightDecay, trustCoefficient, eps }, _shape, mutation) => {
    let trace: number[] | null = null;
    const useNesterov = mutation === 'nesterov switched' ? !nesterov : !!nesterov;
    return (p, g) => {
      let u = g.map((x, i) => x + weightDecay * p[i]);
      const [pn, un] = [frobenius(p), frobenius(u)];
      const trust = pn === 0 || un === 0 ? 1 : (trustCoefficient * pn) / (un + eps);
      u = u.map((x) => -lr * (x * trust));
      trace = (trace ?? zeros(p.length)).map((f, i) => u[i] + momentum * f);
      const out = useNesterov ? u.map((x, i) => x + momentum * trace![i]) : trace;
      return p.map((x, i) => x + out[i]);
    };
  },

  // Gupta, Koren & Singer (2018), Algorithm 1: L₀ = εI_m, R₀ = εI_n; L ← L + GGᵀ; R ← R + GᵀG;
  // W ← W − η L^(−1/4) G R^(−1/4). Vectors (Algorithm 2, k = 1): H ← H + ggᵀ; w ← w − η H^(−1/2) g.
  shampoo: ({ lr, eps }, shape, mutation) => {
    const root = mutation === '−1/2 roots' ? 2 : 4;
    if (shape.length === 1) {
      let H = combine(identity(shape[0]), identity(shape[0]), eps, 0);
      return (p, g) => {
        H = H.map((row, i) => row.map((x, j) => x + g[i] * g[j]));
        const step = matmul(newtonInverseRoot(H, 2), g.map((x) => [x])).flat();
        return p.map((x, i) => x - lr * step[i]);
      };
    }
    let L = combine(identity(shape[0]), identity(shape[0]), eps, 0);
    let R = combine(identity(shape[1]), identity(shape[1]), eps, 0);
    return (p, g) => {
      const G = toMatrix(g, shape);
      L = combine(L, matmul(G, transpose(G)), 1, 1);
      R = combine(R, matmul(transpose(G), G), 1, 1);
      const step = matmul(matmul(newtonInverseRoot(L, root), G), newtonInverseRoot(R, root)).flat();
      return p.map((x, i) => x - lr * step[i]);
    };
  },

  // AdamWScheduleFree.step: sched = (k+1)/warmup_steps if k < warmup_steps else 1; bias_correction2 = 1 - beta2**(k+1);
  // lr = group lr*sched*sqrt(bias_correction2); lr_max = max(lr, lr_max) (starts at -1);
  // weight = (k+1)**r * lr_max**weight_lr_power; weight_sum += weight; ckp1 = weight/weight_sum (0 on ZeroDivisionError);
  // z = clone(p) and exp_avg_sq = 0 on first sight; exp_avg_sq.mul_(beta2).addcmul_(grad, grad, 1-beta2);
  // denom = exp_avg_sq.sqrt().add_(eps); grad_normalized = grad/denom (+ decay*y); y.lerp_(z, ckp1);
  // y.add_(grad_normalized, alpha=lr*(beta1*(1-ckp1)-1)); z.sub_(grad_normalized, alpha=lr); k += 1
  'schedule-free-adamw': ({ lr: baseLr, beta1, beta2, eps, weightDecay, warmupSteps, r, weightLrPower }, _shape, mutation) => {
    let k = 0;
    let lrMax = -1;
    let weightSum = 0;
    let z: number[] | null = null;
    let expAvgSq: number[] | null = null;
    return (y, g) => {
      const sched = k < warmupSteps ? (k + 1) / warmupSteps : 1;
      const biasCorrection2 = 1 - beta2 ** (k + 1);
      const lr = mutation === 'no √(1−β₂^(k+1)) factor' ? baseLr * sched : baseLr * sched * Math.sqrt(biasCorrection2);
      lrMax = Math.max(lr, lrMax);
      const weight = (k + 1) ** r * lrMax ** weightLrPower;
      weightSum += weight;
      const ckp1 = weightSum === 0 ? 0 : weight / weightSum;
      z ??= [...y];
      expAvgSq = (expAvgSq ?? zeros(y.length)).map((v, i) => v * beta2 + (1 - beta2) * g[i] * g[i]);
      const gn = g.map((x, i) => x / (Math.sqrt(expAvgSq![i]) + eps) + weightDecay * y[i]);
      const yMixed = y.map((x, i) => x + (z![i] - x) * ckp1);
      const next = yMixed.map((x, i) => x + lr * (beta1 * (1 - ckp1) - 1) * gn[i]);
      z = z.map((x, i) => x - lr * gn[i]);
      k += 1;
      return next;
    };
  },
};

/** The deliberate errors the agreement tests must catch, one per rule, with the settings that expose it. */
export const mutations: Record<string, { mutation: string; hp: Hp }> = {
  muon: { mutation: 'no aspect-ratio factor', hp: {} },
  adafactor: { mutation: 'alpha after decay', hp: { lr: 0.03, weightDecay: 1, d: 2, beta2Decay: -0.5 } },
  // With λ = 0 and ε ≈ 0, LAMB's trust ratio cancels the bias correction (a common factor of u), so only
  // weight decay or a large ε can reveal it.
  lamb: { mutation: 'no bias correction', hp: { weightDecay: 0.1 } },
  lars: { mutation: 'nesterov switched', hp: {} },
  shampoo: { mutation: '−1/2 roots', hp: {} },
  'schedule-free-adamw': { mutation: 'no √(1−β₂^(k+1)) factor', hp: {} },
};
