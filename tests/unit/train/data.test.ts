/**
 * The real and the sparse data: the handwritten digits decode to the source's
 * numbers and split by seed; the sparse set has the frequencies and the
 * signal it promises.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  datasets, decodeDigits, loadDataset, makeDataset, SPARSE_FEATURES, sparseFrequency, sparseWeights,
} from '../../../src/train/datasets';
import digitsRecords from '../../../src/train/data/digits-data';

beforeAll(() => loadDataset('digits'));

describe('handwritten digits', () => {
  const source = '/usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz';
  let csv: string | null = null;
  try {
    csv = gunzipSync(readFileSync(source)).toString('utf8');
  } catch {
    // python3-sklearn is not installed here: the counts below still check the file.
  }

  it('holds the 1,797 images of 64 pixels in [0, 1] and labels 0–9, about 180 of each', () => {
    const { x, y } = decodeDigits(digitsRecords);
    expect(y).toHaveLength(1797);
    expect(x).toHaveLength(1797 * 64);
    expect(Math.min(...x)).toBe(0);
    expect(Math.max(...x)).toBe(1);
    const counts = Array.from({ length: 10 }, (_, d) => y.filter((v) => v === d).length);
    expect(counts.reduce((a, b) => a + b)).toBe(1797);
    for (const c of counts) expect(c).toBeGreaterThanOrEqual(174);
  });

  it.runIf(csv !== null)("matches scikit-learn's digits.csv.gz, pixel for pixel", () => {
    const { x, y } = decodeDigits(digitsRecords);
    const lines = csv!.trim().split('\n');
    expect(lines).toHaveLength(1797);
    lines.forEach((line, i) => {
      const values = line.split(',').map(Number);
      expect(y[i]).toBe(values[64]);
      expect(x.slice(64 * i, 64 * i + 64).map((v) => v * 16)).toEqual(values.slice(0, 64));
    });
  });

  it('splits by seed: half for testing by default, disjoint, the same for the same seed', () => {
    const a = makeDataset('digits', { seed: 1 });
    expect([a.trainSize, a.testSize, a.inputDim, a.classes]).toEqual([898, 899, 64, 10]);
    expect(makeDataset('digits', { seed: 1 })).toEqual(a);
    expect(makeDataset('digits', { seed: 2 }).yTrain).not.toEqual(a.yTrain);
    // Every image is in exactly one of the two sets.
    const key = (x: Float32Array, i: number) => Array.from(x.subarray(64 * i, 64 * i + 64)).join();
    const all = Float32Array.from(decodeDigits(digitsRecords).x);
    const count = new Map<string, number>();
    for (let i = 0; i < 1797; i++) count.set(key(all, i), (count.get(key(all, i)) ?? 0) + 1);
    for (let i = 0; i < a.trainSize; i++) count.set(key(a.xTrain, i), count.get(key(a.xTrain, i))! - 1);
    for (let i = 0; i < a.testSize; i++) count.set(key(a.xTest, i), count.get(key(a.xTest, i))! - 1);
    expect([...count.values()].every((c) => c === 0)).toBe(true);
  });

  it('ignores noise, and refuses more images than there are', () => {
    expect(makeDataset('digits', { noise: 0.5, seed: 1 })).toEqual(makeDataset('digits', { seed: 1 }));
    expect(() => makeDataset('digits', { size: 1798 })).toThrow(/at most 1797/);
    expect(makeDataset('digits', { size: 100, seed: 1 }).trainSize).toBe(50);
  });

  it('credits its source and licence', () => {
    expect(datasets.digits.credit?.text).toMatch(/Alpaydin.*CC BY 4\.0/);
  });
});

describe('sparse features', () => {
  const d = makeDataset('sparse', { seed: 1 });
  const n = d.trainSize;
  const column = (j: number) => Array.from({ length: n }, (_, i) => d.xTrain[i * SPARSE_FEATURES + j]);

  it('has binary features whose frequencies fall like a Zipf law, from 9 in 10 to about 1 in 85', () => {
    expect([d.trainSize, d.testSize, d.inputDim, d.classes]).toEqual([2000, 2000, 300, 2]);
    expect(new Set(d.xTrain)).toEqual(new Set([0, 1]));
    const freq = (j: number) => column(j).reduce((a, b) => a + b) / n;
    expect(freq(0)).toBeCloseTo(sparseFrequency(0), 1);
    expect(sparseFrequency(SPARSE_FEATURES - 1)).toBeCloseTo(0.9 / (1 + 299 / 4), 6);
    expect(1 / sparseFrequency(SPARSE_FEATURES - 1)).toBeCloseTo(84.2, 1);
    // The 50 rarest together appear about as often as their expected rate.
    const rare = Array.from({ length: 50 }, (_, k) => freq(SPARSE_FEATURES - 1 - k)).reduce((a, b) => a + b) / 50;
    const expected = Array.from({ length: 50 }, (_, k) => sparseFrequency(SPARSE_FEATURES - 1 - k)).reduce((a, b) => a + b) / 50;
    expect(rare).toBeGreaterThan(0.7 * expected);
    expect(rare).toBeLessThan(1.3 * expected);
  });

  it('puts the strongest signal on the rarest features, and labels follow the true weights', () => {
    const { w, b } = sparseWeights(1);
    expect(Math.abs(w[0])).toBeCloseTo(0.5);
    expect(Math.abs(w[SPARSE_FEATURES - 1])).toBeCloseTo(3);
    // The true model classifies its own training labels far better than chance.
    let right = 0;
    for (let i = 0; i < n; i++) {
      let s = b;
      for (let j = 0; j < SPARSE_FEATURES; j++) s += w[j] * d.xTrain[i * SPARSE_FEATURES + j];
      if ((s > 0 ? 1 : 0) === d.yTrain[i]) right++;
    }
    // Only the 5 % of flipped labels disagree with the true model.
    expect(right / n).toBeGreaterThan(0.93);
    // Both classes, roughly balanced.
    const ones = d.yTrain.reduce((a, v) => a + v, 0) / n;
    expect(ones).toBeGreaterThan(0.3);
    expect(ones).toBeLessThan(0.7);
  });

  it('is the same for the same seed and ignores noise', () => {
    expect(makeDataset('sparse', { seed: 1, noise: 0.3 })).toEqual(d);
    expect(makeDataset('sparse', { seed: 2 }).yTrain).not.toEqual(d.yTrain);
  });
});
