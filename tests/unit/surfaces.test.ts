import { describe, expect, it } from 'vitest';
import { surfaces } from '../../src/train/surfaces';

describe.each(Object.values(surfaces))('surface $id', (s) => {
  const kappa = 7;
  it('has an exact gradient (checked by central differences)', () => {
    const h = 1e-6;
    for (const [x, y] of [s.start, [0.3, -0.7], [1.1, 0.4], [-1.3, 1.9]] as [number, number][]) {
      const [gx, gy] = s.grad(x, y, kappa);
      const fx = (s.f(x + h, y, kappa) - s.f(x - h, y, kappa)) / (2 * h);
      const fy = (s.f(x, y + h, kappa) - s.f(x, y - h, kappa)) / (2 * h);
      expect(gx).toBeCloseTo(fx, 3);
      expect(gy).toBeCloseTo(fy, 3);
    }
  });
  it('has zero gradient at its minima, which are lower than the start', () => {
    for (const [x, y] of s.minima) {
      const [gx, gy] = s.grad(x, y, kappa);
      expect(Math.hypot(gx, gy)).toBeLessThan(1e-4);
      expect(s.f(x, y, kappa)).toBeLessThan(s.f(...s.start, kappa));
    }
  });
  it('starts inside its view window', () => {
    expect(s.start[0]).toBeGreaterThanOrEqual(s.x[0]);
    expect(s.start[0]).toBeLessThanOrEqual(s.x[1]);
    expect(s.start[1]).toBeGreaterThanOrEqual(s.y[0]);
    expect(s.start[1]).toBeLessThanOrEqual(s.y[1]);
  });
});

it('the saddle has a saddle point at the origin: a minimum along x, a maximum along y', () => {
  const { f } = surfaces.saddle;
  expect(f(0.1, 0, 1)).toBeGreaterThan(f(0, 0, 1));
  expect(f(0, 0.1, 1)).toBeLessThan(f(0, 0, 1));
});
