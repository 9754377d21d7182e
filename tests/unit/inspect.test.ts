import '@tensorflow/tfjs-backend-cpu';
import { memory, setBackend } from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { baseOptimizerIds, optimizers } from '../../src/optimizers';
import { StepInspector } from '../../src/train/inspect';
import { traceLine, traces } from '../../src/widgets/traces';

beforeAll(async () => {
  await setBackend('cpu');
});

describe('step traces', () => {
  it.each(baseOptimizerIds)('%s has one trace entry per formula line, ending in θₜ', (id) => {
    expect(traces[id]).toHaveLength(optimizers[id].formula.length);
    const insp = new StepInspector(id, {});
    const rec = insp.step();
    const rows = optimizers[id].formula.flatMap((_, k) => traceLine(id, optimizers[id].formula.length, k + 1, rec));
    expect(rows.find(([s]) => s === 'θₜ')?.[1]).toEqual(rec.next);
    for (const [, values] of rows) expect(values).toHaveLength(2);
    insp.dispose();
  });

  it('shows Adam’s bias-corrected moments as computed by hand', () => {
    const insp = new StepInspector('adam', { lr: 0.1 });
    insp.step();
    const rec = insp.step(); // t = 2
    const [g1, g2] = [[2, 10], rec.g]; // first gradients at θ₀ = (2, 1), curvature (1, 10)
    const m = g1.map((g, i) => 0.9 * 0.1 * g + 0.1 * g2[i]);
    const v = g1.map((g, i) => 0.999 * 0.001 * g * g + 0.001 * g2[i] ** 2);
    const rows = Object.fromEntries(traceLine('adam', 4, 3, rec));
    rows['m̂ₜ'].forEach((x, i) => expect(x).toBeCloseTo(m[i] / (1 - 0.81), 4));
    rows['v̂ₜ'].forEach((x, i) => expect(x / (v[i] / (1 - 0.999 ** 2))).toBeCloseTo(1, 4));
    insp.dispose();
  });

  it('recovers Adadelta’s Δ from the real step', () => {
    const insp = new StepInspector('adadelta', { lr: 1 });
    const rec = insp.step();
    // t = 1: v = 0.1 g², u = 0, Δ = √ε/√(v + ε) · g
    const delta = rec.g.map((g) => (Math.sqrt(1e-6) / Math.sqrt(0.1 * g * g + 1e-6)) * g);
    traceLine('adadelta', 4, 2, rec)[0][1].forEach((x, i) => expect(x).toBeCloseTo(delta[i], 5));
    insp.dispose();
  });

  it('steps Adam without bias correction on the same gradients: its step is (1 − β₁ᵗ)/√(1 − β₂ᵗ) times Adam’s, ≈ 3.16 at t = 1 and peaking near 6.6 at t = 12', () => {
    const before = memory().numTensors;
    const insp = new StepInspector('adam', { lr: 0.1 }, 'adam:nobias');
    const ratios: number[][] = [];
    for (let t = 1; t <= 30; t++) {
      const rec = insp.step();
      ratios.push(rec.compared!.map((d, i) => d / (rec.next[i] - rec.theta[i])));
    }
    // By hand: after t steps of the same history both rules hold the same m and v, so ε aside
    // the ratio of m/√v to m̂/√v̂ is (1 − β₁ᵗ)/√(1 − β₂ᵗ).
    const byHand = (t: number) => (1 - 0.9 ** t) / Math.sqrt(1 - 0.999 ** t);
    ratios.forEach((r, k) => r.forEach((x) => expect(x).toBeCloseTo(byHand(k + 1), 3)));
    expect(byHand(1)).toBeCloseTo(3.16, 2);
    const peak = ratios.reduce((best, r, k) => (r[0] > ratios[best][0] ? k : best), 0) + 1;
    expect(peak).toBe(12);
    expect(byHand(12)).toBeCloseTo(6.57, 2);
    insp.dispose();
    expect(memory().numTensors).toBe(before);
  });

  it('falls back to state and θ for a variant, and leaks no tensors', () => {
    const before = memory().numTensors;
    const insp = new StepInspector('adam:keras', {});
    const rec = insp.step();
    expect(traceLine('adam:keras', 4, 1, rec).map(([s]) => s)).toEqual(['mₜ', 'vₜ']);
    expect(traceLine('adam:keras', 4, 4, rec)[0][1]).toEqual(rec.next);
    insp.dispose();
    expect(memory().numTensors).toBe(before);
  });
});
