import { memory } from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  Diagnostics, EDGE_OF_STABILITY, effectiveSteps, logHistogram, quantile, RESOLVED_STEP, stepDistribution, topEigenpair,
  type DiagnosticsSample,
} from '../../../src/train/diagnostics';
import { ready } from '../../../src/train/tf';
import { Trainer, type TrainerConfig } from '../../../src/train/trainer';
import { numericGradient, referenceLoss } from './reference-mlp';

beforeAll(ready);

const live: Trainer[] = [];
const trainer = (config: Partial<TrainerConfig>) => {
  const t = new Trainer({ dataset: 'circles', noise: 0.1, size: 40, hidden: [4], activation: 'tanh', optimizer: 'sgd', hyper: { lr: 0.5 }, batchSize: 1000, seed: 3, ...config });
  live.push(t);
  return t;
};
afterEach(() => live.splice(0).forEach((t) => t.dispose()));

/** Every eigenvalue of a symmetric matrix (rows of float64), by cyclic Jacobi rotations. */
function eigenvalues(matrix: number[][]): number[] {
  const a = matrix.map((r) => r.slice());
  const n = a.length;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p][q] ** 2;
    if (off < 1e-30) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        if (a[p][q] === 0) continue;
        const theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const [akp, akq] = [a[k][p], a[k][q]];
          a[k][p] = c * akp - s * akq;
          a[k][q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const [apk, aqk] = [a[p][k], a[q][k]];
          a[p][k] = c * apk - s * aqk;
          a[q][k] = s * apk + c * aqk;
        }
      }
    }
  }
  return a.map((r, i) => r[i]);
}

/** The Hessian of `loss` at θ by second central differences, in float64. */
function numericHessian(loss: (theta: Float64Array) => number, theta: ArrayLike<number>, h = 1e-4): number[][] {
  const t = Float64Array.from(theta);
  const n = t.length;
  const at = (i: number, di: number, j: number, dj: number) => {
    t[i] += di;
    t[j] += dj;
    const value = loss(t);
    t[i] -= di;
    t[j] -= dj;
    return value;
  };
  const H = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      H[i][j] = H[j][i] = (at(i, h, j, h) - at(i, h, j, -h) - at(i, -h, j, h) + at(i, -h, j, -h)) / (4 * h * h);
    }
  }
  return H;
}

/** Hv for an explicit matrix. */
const times = (A: number[][]) => (v: Float64Array) => Float64Array.from(A, (row) => row.reduce((s, a, j) => s + a * v[j], 0));

describe('topEigenpair', () => {
  // Q diag(d) Qᵀ for a fixed rotation Q, so that no eigenvector is a coordinate axis.
  const rotated = (d: number[]) => {
    const [c, s] = [Math.cos(0.7), Math.sin(0.7)];
    const Q = [[c, -s, 0], [s * 0.6, c * 0.6, 0.8], [-s * 0.8, -c * 0.8, 0.6]];
    return Q.map((qi) => Q.map((qj) => d.reduce((sum, dk, k) => sum + qi[k] * dk * qj[k], 0)));
  };

  it('finds the largest eigenvalue of a symmetric matrix', () => {
    const r = topEigenpair(times(rotated([5, 2, -1])), [1, 1, 1], { minIterations: 1, maxIterations: 200, tolerance: 1e-12 });
    expect(r.value).toBeCloseTo(5, 9);
    expect(r.residual).toBeLessThan(1e-5);
    expect(r.shift).toBe(0);
  });

  it('finds the largest, not the most negative, when a negative eigenvalue dominates', () => {
    const A = rotated([3, -10, 1]);
    expect(eigenvalues(A).sort((a, b) => a - b)[0]).toBeCloseTo(-10, 9);
    const r = topEigenpair(times(A), [1, 0.2, -0.4], { minIterations: 1, maxIterations: 500, tolerance: 1e-12 });
    expect(r.value).toBeCloseTo(3, 6);
    expect(r.shift).toBeGreaterThan(0);
  });

  it('does not stop while the residual is large, however little λ moves (two close top eigenvalues)', () => {
    const A = rotated([5, 4.9, 1]);
    const o = { minIterations: 2, maxIterations: 500, tolerance: 1e-3 };
    const loose = topEigenpair(times(A), [1, 1, 1], o);
    const strict = topEigenpair(times(A), [1, 1, 1], { ...o, residualTolerance: 1e-3 });
    expect(loose.residual).toBeGreaterThan(1e-3);
    expect(strict.residual).toBeLessThanOrEqual(1e-3);
    expect(strict.iterations).toBeGreaterThan(loose.iterations);
    expect(strict.value).toBeCloseTo(5, 3); // the quotient's error is about residual² · λ²/gap
  });

  it('stops after minIterations from a start that is already an eigenvector', () => {
    const A = rotated([5, 2, -1]);
    const first = topEigenpair(times(A), [1, 1, 1], { minIterations: 1, maxIterations: 200, tolerance: 1e-12 });
    const again = topEigenpair(times(A), first.vector, { minIterations: 2, maxIterations: 200, tolerance: 1e-6 });
    expect(again.iterations).toBe(2);
    expect(again.value).toBeCloseTo(5, 9);
  });
});

describe('sharpness', () => {
  it('is the top eigenvalue of a linear model’s exact Hessian [[mean x², mean x], [mean x, 1]] (sine, half squared error)', () => {
    const t = trainer({ dataset: 'sine', size: 200, hidden: [], hyper: { lr: 0.1 } });
    const x = t.data.xTrain;
    const mean = (f: (v: number) => number) => x.reduce((s, v) => s + f(v), 0) / x.length;
    const [a, b] = [mean((v) => v * v), mean((v) => v)];
    const exact = (a + 1) / 2 + Math.sqrt(((a - 1) / 2) ** 2 + b * b);
    const d = new Diagnostics(t, { tolerance: 1e-9, maxIterations: 50 });
    // Exact up to float32 rounding in the gradients, which the finite difference magnifies.
    expect(Math.abs(d.measure().sharpness!.lambdaMax / exact - 1)).toBeLessThan(1e-4);
    // The loss is quadratic in θ: its Hessian stays put while θ moves.
    t.train(20);
    expect(Math.abs(d.measure().sharpness!.lambdaMax / exact - 1)).toBeLessThan(1e-4);
    // With the defaults, warm-started: a couple of products, still within 10⁻³.
    const quick = new Diagnostics(t);
    quick.measure();
    const s = quick.measure().sharpness!;
    expect(s.iterations).toBe(2);
    expect(Math.abs(s.lambdaMax / exact - 1)).toBeLessThan(1e-3);
  });

  it.each([
    ['circles', [4], 'cross-entropy'],
    ['sine', [3, 3], 'squared error'],
  ] as const)('matches a float64 finite-difference Hessian of a tiny network (%s, %j tanh, %s)', (dataset, hidden, _loss) => {
    const t = trainer({ dataset, hidden, hyper: { lr: dataset === 'sine' ? 0.1 : 0.5 } });
    t.train(300);
    const { units } = t.mlp;
    const { task, xTrain, yTrain } = t.data;
    const H = numericHessian((theta) => referenceLoss([...units], 'tanh', task, theta, xTrain, yTrain), t.parameters());
    const top = Math.max(...eigenvalues(H));
    const s = new Diagnostics(t, { tolerance: 1e-9, maxIterations: 300 }).measure().sharpness!;
    expect(Math.abs(s.lambdaMax / top - 1)).toBeLessThan(1e-4);
    expect(top).toBeGreaterThan(0.05); // not a trivially flat point
  });

  it('warm-starts: a second sample at the same θ takes the fewest iterations and agrees', () => {
    const t = trainer({ hidden: [8, 8], size: 100 });
    t.train(100);
    const d = new Diagnostics(t);
    const first = d.measure().sharpness!;
    const second = d.measure().sharpness!;
    expect(first.iterations).toBeGreaterThan(2);
    expect(second.iterations).toBe(2);
    expect(Math.abs(second.lambdaMax / first.lambdaMax - 1)).toBeLessThan(2e-3);
  });

  it('is not measured across ReLU kinks, but is for a ReLU setting without hidden layers', () => {
    const relu = trainer({ activation: 'relu' });
    expect(new Diagnostics(relu).measure()).toMatchObject({ sharpness: null, sharpnessMissing: 'kinks' });
    const linear = trainer({ activation: 'relu', hidden: [] });
    const s = new Diagnostics(linear).measure();
    expect(s.sharpnessMissing).toBeNull();
    expect(s.sharpness!.lambdaMax).toBeGreaterThan(0);
  });

  it('reports 2/η of the learning rate in use, schedule applied', () => {
    const t = trainer({ hyper: { lr: 0.4 }, schedule: { id: 'stepDecay', params: { stepSize: 5, gamma: 0.5 } } });
    const d = new Diagnostics(t, { sharpness: false });
    expect(d.measure()).toMatchObject({ lr: 0.4, twoOverLr: 5, sharpness: null, sharpnessMissing: 'off' });
    t.train(5);
    expect(d.measure()).toMatchObject({ lr: 0.2, twoOverLr: 10 });
  });
});

describe('per-tensor statistics and effective steps', () => {
  it('SGD: ‖Δθ‖/‖θ‖ = η‖g‖/‖θ‖ per tensor and an effective step of η everywhere', () => {
    const eta = 0.5;
    const t = trainer({ hidden: [4, 3], hyper: { lr: eta } });
    t.train(30);
    const s = new Diagnostics(t, { sharpness: false }).measure();
    expect(s.tensors.map((x) => x.name)).toEqual(['layer1.weight', 'layer1.bias', 'layer2.weight', 'layer2.bias', 'layer3.weight', 'layer3.bias']);
    expect(s.tensors.map((x) => x.role)).toEqual(['hidden', 'bias', 'hidden', 'bias', 'output', 'bias']);
    expect(s.tensors.map((x) => x.size)).toEqual([8, 4, 12, 3, 3, 1]);
    expect(s.tensors.map((x) => x.shape)).toEqual([[4, 2], [4], [3, 4], [3], [1, 3], [1]]);
    for (const x of s.tensors) {
      expect(Math.abs(x.updateRatio! / ((eta * x.gradNorm!) / x.weightNorm!) - 1)).toBeLessThan(1e-4);
      expect(Math.abs(x.medianStep! / eta - 1)).toBeLessThan(1e-3);
    }
    const q = s.effectiveStep.quantiles!;
    for (const v of [q.min, q.p10, q.median, q.p90, q.max]) expect(Math.abs(v / eta - 1)).toBeLessThan(1e-3);
    expect(s.effectiveStep.counted + s.effectiveStep.skipped).toBe(t.mlp.parameterCount);
    expect(s.effectiveStep.counted).toBeGreaterThan(0.9 * t.mlp.parameterCount);
  });

  it('takes the gradient norms of the full training loss, tensor by tensor (against float64 finite differences)', () => {
    const t = trainer({ hidden: [4, 3] });
    t.train(10);
    const { units } = t.mlp;
    const { task, xTrain, yTrain } = t.data;
    const g = numericGradient((theta) => referenceLoss([...units], 'tanh', task, theta, xTrain, yTrain), t.parameters());
    const s = new Diagnostics(t, { sharpness: false }).measure();
    s.tensors.forEach((x, k) => {
      const expected = Math.sqrt(Array.from(t.mlp.indicesOf(k), (i) => g[i] ** 2).reduce((a, b) => a + b, 0));
      expect(x.gradNorm! / expected).toBeCloseTo(1, 4);
    });
    expect(s.loss!).toBeCloseTo(referenceLoss([...units], 'tanh', task, t.parameters(), xTrain, yTrain), 6);
  });

  it('follows parameter groups: biases at their own learning rate', () => {
    const t = trainer({ hidden: [4], hyper: { lr: 0.5 }, groups: [{ roles: ['bias'], optimizer: 'sgd', hyper: { lr: 0.02 } }] });
    t.train(20);
    const s = new Diagnostics(t, { sharpness: false }).measure();
    for (const x of s.tensors) expect(x.medianStep! / (x.role === 'bias' ? 0.02 : 0.5)).toBeCloseTo(1, 3);
    expect(s.effectiveStep.quantiles!.min / 0.02).toBeCloseTo(1, 3);
    expect(s.effectiveStep.quantiles!.max / 0.5).toBeCloseTo(1, 3);
  });

  it('Adam: effective steps spread over decades, per coordinate', () => {
    const t = trainer({ hidden: [8, 8], size: 100, optimizer: 'adam', hyper: { lr: 0.01 }, batchSize: 10 });
    t.train(200);
    const s = new Diagnostics(t, { sharpness: false }).measure();
    const q = s.effectiveStep.quantiles!;
    expect(q.max / q.min).toBeGreaterThan(100);
    expect(q.p90 / q.p10).toBeGreaterThan(3);
    expect(s.effectiveStep.histogram.counts.filter((c) => c > 0).length).toBeGreaterThan(4);
    expect(s.effectiveStep.histogram.counts.reduce((a, b) => a + b, 0)).toBe(s.effectiveStep.counted);
  });

  it('leaves out zero gradients and steps that float32 cannot resolve', () => {
    const steps = effectiveSteps([1, 0, 2, 1e-3, -4], [-0.1, 0.1, -0.2, -1e-9, 0.4], [1, 1, 1, 1, -1]);
    expect(Array.from(steps)).toEqual([0.1, 0.1, 0.1]);
    expect(1e-9).toBeLessThan(RESOLVED_STEP * 1); // why the fourth is left out
    const d = stepDistribution(steps, 5);
    expect(d).toMatchObject({ counted: 3, skipped: 2, quantiles: { min: 0.1, median: 0.1, max: 0.1 } });
    expect(stepDistribution(new Float64Array(0), 4)).toEqual({ counted: 0, skipped: 4, quantiles: null, histogram: { edges: [], counts: [] } });
  });
});

describe('quantile and logHistogram', () => {
  it('interpolates between ranks as NumPy does', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 0.1)).toBe(2);
    expect(quantile([7], 0.9)).toBe(7);
  });

  it('bins by log₁₀ on edges aligned to 10^(j/4); every value in its bin', () => {
    const values = [1e-4, 3e-4, 0.001, 0.0012, 0.02, 0.5, 0.9, 1, 7];
    const { edges, counts } = logHistogram(values, 4);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(values.length);
    expect(edges[0]).toBeCloseTo(1e-4, 12);
    expect(edges.length).toBe(counts.length + 1);
    for (let j = 0; j < edges.length; j++) expect(Math.log10(edges[j]) * 4).toBeCloseTo(Math.round(Math.log10(edges[j]) * 4), 9);
    for (const v of values) {
      const j = counts.findIndex((_, k) => v >= edges[k] && v < edges[k + 1]);
      expect(j).toBeGreaterThanOrEqual(0);
    }
    expect(counts[counts.length - 1]).toBe(1); // 7 alone in [5.6, 10)
    expect(logHistogram([0.3, 0.3], 4).counts).toEqual([2]);
  });

  it('widens its bins rather than exceed 48 over many decades', () => {
    const { edges, counts } = logHistogram([1e-12, 1, 1e12], 4);
    expect(counts.length).toBeLessThanOrEqual(48);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(3);
    expect(edges[0]).toBeLessThanOrEqual(1e-12);
    expect(edges.at(-1)).toBeGreaterThan(1e12);
  });
});

describe('samples as plain data', () => {
  it('survive JSON unchanged, also once training has diverged (nulls, not NaN)', () => {
    const t = trainer({ hidden: [4], size: 100 });
    t.train(10);
    const d = new Diagnostics(t);
    const fine = d.measure();
    expect(JSON.parse(JSON.stringify(fine))).toStrictEqual(fine);
    expect(fine.sharpness).not.toBeNull();
    expect(fine.sharpnessMissing).toBeNull();

    const bad = trainer({ dataset: 'sine', hidden: [8], hyper: { lr: 1e4 } });
    bad.train(20);
    expect(bad.diverged).toBe(true);
    const s = new Diagnostics(bad).measure();
    expect(JSON.parse(JSON.stringify(s))).toStrictEqual(s);
    expect(s.sharpness).toBeNull();
    expect(s.sharpnessMissing).toBe('not-finite');
  });

  it('leave no tensor behind: the count stays flat sample after sample', () => {
    const trainers = [
      trainer({ hidden: [8, 8], size: 100 }),
      trainer({ hidden: [4], optimizer: 'adam', hyper: { lr: 0.01 }, batchSize: 10 }),
      trainer({ hidden: [4], groups: [{ roles: ['bias'], optimizer: 'momentum' }] }), // per-tensor runners
    ];
    for (const t of trainers) {
      const d = new Diagnostics(t);
      t.train(5);
      d.measure(); // the first full gradient builds the trainer's diagnostic batch
      const before = memory().numTensors;
      for (let i = 0; i < 5; i++) {
        t.train(5);
        d.measure();
      }
      expect(memory().numTensors).toBe(before);
    }
  });
});

describe('edge of stability (the documented setup)', () => {
  it('full-batch GD: λ_max rises from below half of 2/η to 2/η, then hovers around it', () => {
    const t = new Trainer(EDGE_OF_STABILITY.config);
    live.push(t);
    expect(t.batchSize).toBe(t.data.trainSize);
    const d = new Diagnostics(t);
    const samples: DiagnosticsSample[] = [];
    for (let step = 0; step <= EDGE_OF_STABILITY.steps; step += EDGE_OF_STABILITY.every) {
      samples.push(d.measure());
      t.train(EDGE_OF_STABILITY.every);
    }
    const edge = 2 / EDGE_OF_STABILITY.config.hyper.lr;
    const ratio = (s: DiagnosticsSample) => s.sharpness!.lambdaMax / edge;
    expect(samples[0].twoOverLr).toBeCloseTo(edge, 9);

    // Progressive sharpening: from 0.43·2/η up, step after step, while the loss falls.
    expect(ratio(samples[0])).toBeLessThan(0.5);
    const rising = samples.filter((s) => s.step <= 800);
    for (let i = 1; i < rising.length; i++) expect(rising[i].sharpness!.lambdaMax).toBeGreaterThan(rising[i - 1].sharpness!.lambdaMax);

    // The edge: from step 1000 on, every sample within 8 % of 2/η (measured: 0.944 … 1.064), some above, some below.
    const window = samples.filter((s) => s.step >= 1000);
    expect(window.length).toBe(21);
    for (const s of window) expect(Math.abs(ratio(s) - 1)).toBeLessThan(0.08);
    expect(window.filter((s) => ratio(s) > 1).length).toBeGreaterThan(3);
    expect(window.filter((s) => ratio(s) < 1).length).toBeGreaterThan(3);
    // Never ran away beyond it.
    for (const s of samples) expect(ratio(s)).toBeLessThan(1.1);

    // The loss goes on falling overall, but not monotonically any more.
    const losses = window.map((s) => s.loss!);
    expect(losses.some((l, i) => i > 0 && l > 1.2 * losses[i - 1])).toBe(true);
    expect(Math.min(...losses)).toBeLessThan(samples[0].loss! / 30);
    expect(t.diverged).toBe(false);
  });
});
