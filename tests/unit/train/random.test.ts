import { describe, expect, it } from 'vitest';
import { createRandom, deriveSeed, shuffle } from '../../../src/train/random';

const draw = (seed: number, n: number) => {
  const random = createRandom(seed);
  return Array.from({ length: n }, () => random.next());
};

describe('createRandom', () => {
  it('repeats its stream for the same seed and changes it with the seed', () => {
    expect(draw(42, 100)).toEqual(draw(42, 100));
    expect(draw(43, 100)).not.toEqual(draw(42, 100));
  });

  it('is mulberry32 (values of the reference implementation), so the stream never changes silently', () => {
    expect(draw(1, 3).map((u) => Math.round(u * 2 ** 32))).toEqual([2693262067, 11749833, 2265367787]);
  });

  it('spreads uniforms evenly over [0, 1)', () => {
    const u = draw(9, 20_000);
    expect(Math.min(...u)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...u)).toBeLessThan(1);
    const deciles = new Array(10).fill(0);
    u.forEach((x) => deciles[Math.floor(x * 10)]++);
    deciles.forEach((count) => expect(Math.abs(count - 2000)).toBeLessThan(200));
  });

  it('draws normals with the requested mean and standard deviation', () => {
    const random = createRandom(3);
    const z = Array.from({ length: 20_000 }, () => random.normal(2, 0.5));
    const mean = z.reduce((a, b) => a + b) / z.length;
    const sd = Math.sqrt(z.reduce((a, b) => a + (b - mean) ** 2, 0) / z.length);
    expect(mean).toBeCloseTo(2, 1);
    expect(sd).toBeCloseTo(0.5, 1);
    expect(z.filter((x) => Math.abs(x - 2) < 0.5).length / z.length).toBeCloseTo(0.683, 1.5);
  });

  it('draws integers in 0 … n − 1, each about equally often', () => {
    const random = createRandom(5);
    const counts = new Array(6).fill(0);
    for (let i = 0; i < 6000; i++) counts[random.int(6)]++;
    counts.forEach((c) => expect(Math.abs(c - 1000)).toBeLessThan(120));
  });
});

describe('deriveSeed', () => {
  it('gives different streams different seeds, reproducibly', () => {
    expect(deriveSeed(1, 'init')).toBe(deriveSeed(1, 'init'));
    const seeds = new Set(['init', 'batches', 'noise'].flatMap((s) => [1, 2, 3].map((k) => deriveSeed(k, s))));
    expect(seeds.size).toBe(9);
  });
});

describe('shuffle', () => {
  it('permutes in place, reproducibly', () => {
    const a = shuffle([...Array(50).keys()], createRandom(1));
    expect([...a].sort((x, y) => x - y)).toEqual([...Array(50).keys()]);
    expect(shuffle([...Array(50).keys()], createRandom(1))).toEqual(a);
    expect(a).not.toEqual([...Array(50).keys()]);
  });
});
