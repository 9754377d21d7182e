import { describe, expect, it } from 'vitest';
import { datasets, makeDataset, type DatasetId } from '../../../src/train/datasets';

const all = Object.keys(datasets) as DatasetId[];
/** The generated sets drawn in the plane (the digits and the sparse set have tests of their own: data.test.ts). */
const ids = all.filter((id) => datasets[id].extent);
const classification = ids.filter((id) => datasets[id].task === 'classification');

/** Rows of a row-major array. */
const rows = (x: Float32Array, d: number) => Array.from({ length: x.length / d }, (_, i) => Array.from(x.subarray(i * d, i * d + d)));

describe('dataset registry', () => {
  it('has the five classification sets and the sine regression in the plane, then the digits and the sparse set', () => {
    expect(all).toEqual(['circles', 'xor', 'gaussians', 'spiral', 'moons', 'sine', 'digits', 'sparse']);
    expect(ids).toEqual(['circles', 'xor', 'gaussians', 'spiral', 'moons', 'sine']);
    expect(classification).toEqual(['circles', 'xor', 'gaussians', 'spiral', 'moons']);
    expect(datasets.sine).toMatchObject({ task: 'regression', inputDim: 1 });
    for (const id of all) {
      expect(datasets[id].id).toBe(id);
      expect(datasets[id].name).toMatch(/\w/);
    }
  });
});

describe.each(ids)('%s', (id) => {
  it('is the same for the same seed, and different for another', () => {
    const a = makeDataset(id, { noise: 0.2, seed: 3 });
    expect(makeDataset(id, { noise: 0.2, seed: 3 })).toEqual(a);
    expect(makeDataset(id, { noise: 0.2, seed: 4 }).xTrain).not.toEqual(a.xTrain);
  });

  it('splits size points into train and test, half each by default', () => {
    const d = makeDataset(id, { seed: 1 });
    const dim = datasets[id].inputDim;
    expect([d.trainSize, d.testSize]).toEqual([100, 100]);
    expect(d.xTrain).toBeInstanceOf(Float32Array);
    expect([d.xTrain.length, d.yTrain.length, d.xTest.length, d.yTest.length]).toEqual([100 * dim, 100, 100 * dim, 100]);
    const odd = makeDataset(id, { size: 31, testFraction: 0.2, seed: 1 });
    expect([odd.trainSize, odd.testSize]).toEqual([25, 6]);
    expect(makeDataset(id, { size: 10, testFraction: 0 }).testSize).toBe(0);
  });

  it('keeps its clean points inside the plotted extent', () => {
    const d = makeDataset(id, { size: 400, seed: 2 });
    const { inputDim } = datasets[id];
    const extent = datasets[id].extent!;
    for (const [x, y] of [...rows(d.xTrain, inputDim).map((r, i) => [r, d.yTrain[i]] as const)]) {
      expect(x[0]).toBeGreaterThanOrEqual(extent.x[0]);
      expect(x[0]).toBeLessThanOrEqual(extent.x[1]);
      const vertical = inputDim === 2 ? x[1] : y;
      expect(vertical).toBeGreaterThanOrEqual(extent.y[0]);
      expect(vertical).toBeLessThanOrEqual(extent.y[1]);
    }
  });

  it('moves the same points further as the noise grows, and keeps their labels', () => {
    const clean = makeDataset(id, { seed: 5 });
    const [a, b] = [0.1, 0.3].map((noise) => makeDataset(id, { noise, seed: 5 }));
    const regression = datasets[id].task === 'regression';
    const [c0, c1, c2] = [clean, a, b].map((d) => (regression ? d.yTrain : d.xTrain));
    // Noise of std ν·spread: the displacement scales exactly with ν.
    c0.forEach((v, i) => expect(c2[i] - v).toBeCloseTo(3 * (c1[i] - v), 4));
    const moved = c0.reduce((s, v, i) => s + (c1[i] - v) ** 2, 0) / c0.length;
    expect(Math.sqrt(moved)).toBeGreaterThan(0.07);
    expect(Math.sqrt(moved)).toBeLessThan(0.13);
    if (!regression) expect(a.yTrain).toEqual(clean.yTrain);
  });

  it('rejects options outside their ranges', () => {
    expect(() => makeDataset(id, { noise: 0.6 })).toThrow(/noise/);
    expect(() => makeDataset(id, { noise: -0.1 })).toThrow(/noise/);
    expect(() => makeDataset(id, { size: 1 })).toThrow(/size/);
    expect(() => makeDataset(id, { size: 20.5 })).toThrow(/size/);
    expect(() => makeDataset(id, { testFraction: 1 })).toThrow(/testFraction/);
  });
});

describe.each(classification)('%s labels', (id) => {
  it('are 0 and 1, balanced', () => {
    const d = makeDataset(id, { size: 400, seed: 1, testFraction: 0 });
    expect(new Set(d.yTrain)).toEqual(new Set([0, 1]));
    const ones = d.yTrain.reduce((a, b) => a + b, 0);
    expect(Math.abs(ones - 200)).toBeLessThanOrEqual(2);
  });
});

describe('dataset shapes', () => {
  const clean = (id: DatasetId) => {
    const d = makeDataset(id, { size: 400, seed: 1, testFraction: 0 });
    return rows(d.xTrain, 2).map(([x1, x2], i) => ({ x1, x2, r: Math.hypot(x1, x2), label: d.yTrain[i] }));
  };

  it('circles: a disc of radius 0.5 labelled 1 inside a ring from 0.7 to 1', () => {
    for (const p of clean('circles')) {
      if (p.label === 1) expect(p.r).toBeLessThanOrEqual(0.5);
      else expect(p.r >= 0.7 && p.r <= 1).toBe(true);
    }
  });

  it('xor: label 1 exactly where x₁x₂ > 0, clear of the axes', () => {
    for (const p of clean('xor')) {
      expect(p.label).toBe(p.x1 * p.x2 > 0 ? 1 : 0);
      expect(Math.min(Math.abs(p.x1), Math.abs(p.x2))).toBeGreaterThanOrEqual(0.1);
    }
  });

  it('gaussians: clusters around (0.5, 0.5) for 1 and (−0.5, −0.5) for 0', () => {
    const points = clean('gaussians');
    for (const label of [0, 1]) {
      const mine = points.filter((p) => p.label === label);
      const centre = label ? 0.5 : -0.5;
      expect(mine.reduce((s, p) => s + p.x1, 0) / mine.length).toBeCloseTo(centre, 1);
      expect(mine.reduce((s, p) => s + p.x2, 0) / mine.length).toBeCloseTo(centre, 1);
    }
  });

  it('spiral: two arms, each point at angle 3.5π·r (+π for label 0)', () => {
    for (const p of clean('spiral')) {
      const phi = 3.5 * Math.PI * p.r + (p.label ? 0 : Math.PI);
      expect(p.x1).toBeCloseTo(p.r * Math.cos(phi), 5);
      expect(p.x2).toBeCloseTo(p.r * Math.sin(phi), 5);
    }
  });

  it('moons: the upper moon labelled 1, the lower 0', () => {
    for (const p of clean('moons')) {
      const [u, v] = [p.x1 * 1.5 + 0.5, p.x2 * 1.5 + 0.25];
      if (p.label === 1) expect(Math.hypot(u, v)).toBeCloseTo(1, 5);
      else expect(Math.hypot(u - 1, v - 0.5)).toBeCloseTo(1, 5);
    }
  });

  it('sine: y = sin x on [−π, π]', () => {
    const d = makeDataset('sine', { seed: 1 });
    d.xTrain.forEach((x, i) => {
      expect(Math.abs(x)).toBeLessThanOrEqual(Math.PI);
      expect(d.yTrain[i]).toBeCloseTo(Math.sin(x), 6);
    });
  });
});
