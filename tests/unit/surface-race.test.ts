import '@tensorflow/tfjs-backend-cpu';
import { memory, setBackend } from '@tensorflow/tfjs-core';
import { beforeAll, expect, it } from 'vitest';
import { meanRate, SurfaceRace } from '../../src/train/surface-race';
import { surfaces } from '../../src/train/surfaces';

beforeAll(async () => {
  await setBackend('cpu');
});

it('walks each optimizer with its own update: sgd on the quadratic follows (1 − ηλ)^t per axis', () => {
  const race = new SurfaceRace(surfaces.quadratic, [{ optimizer: 'sgd', hyper: { lr: 0.1 } }], [2, 1], 4);
  for (let i = 0; i < 10; i++) race.advance();
  const [x, y] = race.walkers[0].path[10];
  expect(x).toBeCloseTo(2 * 0.9 ** 10, 5);
  expect(y).toBeCloseTo(1 * 0.6 ** 10, 5);
  race.dispose();
});

it('races several optimizers from one start; Adam reaches the Rosenbrock valley floor', () => {
  const race = new SurfaceRace(
    surfaces.rosenbrock,
    [{ optimizer: 'sgd', hyper: { lr: 1e-3 } }, { optimizer: 'adam', hyper: { lr: 0.05 } }],
    [-1.5, 2.5],
  );
  for (let i = 0; i < 2000; i++) race.advance();
  expect(race.walkers.map((w) => w.path[0])).toEqual([[-1.5, 2.5], [-1.5, 2.5]]);
  expect(race.walkers[1].losses.at(-1)!).toBeLessThan(0.05);
  race.dispose();
});

it('stops a walker that diverges and keeps the others going', () => {
  const race = new SurfaceRace(
    surfaces.quadratic,
    [{ optimizer: 'sgd', hyper: { lr: 5 } }, { optimizer: 'sgd', hyper: { lr: 0.1 } }],
    [1, 1],
    10,
  );
  for (let i = 0; i < 400; i++) race.advance();
  expect(race.walkers[0].diverged).toBe(true);
  expect(race.walkers[0].path.length).toBeLessThan(400);
  expect(race.walkers[1].diverged).toBe(false);
  expect(race.active).toBe(true);
  race.dispose();
});

it('leaks no tensors', () => {
  const before = memory().numTensors;
  const race = new SurfaceRace(surfaces.himmelblau, [{ optimizer: 'adam', hyper: { lr: 0.1 } }, { optimizer: 'lion', hyper: {} }], [0, 0]);
  for (let i = 0; i < 500; i++) race.advance();
  race.dispose();
  expect(memory().numTensors).toBe(before);
});

it('measures the mean per-step rate of the loss gap, as Goh’s theory predicts for tuned momentum', () => {
  expect(meanRate([8, 4, 2, 1], 0)).toBeCloseTo(0.5, 12);
  expect(meanRate([1], 0)).toBeNaN();
  // κ = 100, α = (2/(√λ₁+√λₙ))², β = ((√κ−1)/(√κ+1))²: the distance shrinks by √β per step, the loss gap by β.
  const kappa = 100;
  const alpha = (2 / (1 + Math.sqrt(kappa))) ** 2;
  const beta = ((Math.sqrt(kappa) - 1) / (Math.sqrt(kappa) + 1)) ** 2;
  const race = new SurfaceRace(surfaces.quadratic, [{ optimizer: 'momentum', hyper: { lr: alpha, momentum: beta } }], [3, 1], kappa);
  for (let i = 0; i < 200; i++) race.advance();
  expect(meanRate(race.walkers[0].losses, 0) / beta).toBeGreaterThan(0.9);
  expect(meanRate(race.walkers[0].losses, 0) / beta).toBeLessThan(1.1);
  race.dispose();
});
