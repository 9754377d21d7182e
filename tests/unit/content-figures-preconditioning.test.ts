/**
 * The Preconditioning chapter's claims, re-run through the surface widget's
 * engine (SurfaceRace, the real update rules): on the quadratic turned by 45°
 * Shampoo (full-matrix Adagrad on the point) reaches the minimum in a number
 * of steps that does not grow with κ, while the diagonal methods slow down as κ grows;
 * on the same valley left along the axes the diagonal methods are fast again.
 */
import '@tensorflow/tfjs-backend-cpu';
import { memory, setBackend } from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { SurfaceRace } from '../../src/train/surface-race';
import { surfaces } from '../../src/train/surfaces';

beforeAll(async () => {
  await setBackend('cpu');
});

/** The chapter's race: the widget's runs (content/preconditioning.mdx, id rotated-race). */
const runs = [
  { optimizer: 'shampoo', hyper: { lr: 1 } },
  { optimizer: 'adagrad', hyper: { lr: 1 } },
  { optimizer: 'rmsprop', hyper: { lr: 0.01 } },
  { optimizer: 'adam', hyper: { lr: 0.1 } },
];

/** Steps until each walker's loss is below 1e-6 (Infinity if never within `steps`). */
function stepsToMinimum(fn: string, kappa: number, steps: number): number[] {
  const s = surfaces[fn];
  const race = new SurfaceRace(s, runs, s.start, kappa);
  const first = runs.map(() => Infinity);
  for (let t = 1; t <= steps; t++) {
    race.advance();
    race.walkers.forEach((w, i) => {
      if (first[i] === Infinity && w.losses.at(-1)! < 1e-6) first[i] = t;
    });
  }
  race.dispose();
  return first;
}

describe('the rotated quadratic', () => {
  it('is the axis-aligned valley turned by 45°: same values along the turned axes', () => {
    const [r, q] = [surfaces.rotated, surfaces.quadratic];
    const c = Math.SQRT1_2;
    for (const [u, v] of [[1, 0], [0, 1], [2, -0.5]]) {
      expect(r.f(c * (u - v), c * (u + v), 50)).toBeCloseTo(q.f(u, v, 50), 10);
    }
  });

  it('in the chapter\'s race (κ = 50, 300 steps): Shampoo is below 1e-6 within 25 steps; Adagrad, RMSprop and Adam are not after 300', () => {
    const before = memory().numTensors;
    const [shampoo, ...diagonal] = stepsToMinimum('rotated', 50, 300);
    expect(shampoo).toBeLessThanOrEqual(25);
    for (const s of diagonal) expect(s).toBe(Infinity);
    expect(memory().numTensors).toBe(before);
  });

  it('Shampoo\'s step count does not grow with κ; Adagrad\'s and Adam\'s grow about in proportion', () => {
    const at = (kappa: number) => stepsToMinimum('rotated', kappa, 3000);
    const [k10, k100] = [at(10), at(100)];
    expect(k100[0]).toBeLessThanOrEqual(k10[0]);
    expect(k100[1] / k10[1]).toBeGreaterThan(5); // Adagrad
    expect(k100[3] / k10[3]).toBeGreaterThan(3); // Adam
  });

  it('try this: on the axis-aligned quadratic (κ = 50) Adagrad and Adam reach 1e-6 within the 300 steps', () => {
    const [, adagrad, , adam] = stepsToMinimum('quadratic', 50, 300);
    expect(adagrad).toBeLessThan(300);
    expect(adam).toBeLessThan(300);
  });
});
