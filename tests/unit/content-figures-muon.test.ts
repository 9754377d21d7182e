/**
 * The Muon chapter's race (content/muon.mdx, id muon-digits), re-run through
 * the engine the race widget drives: the digits, the dataset's 64-32-10 tanh
 * network, batches of 32, seed 1. Muon takes the hidden matrix and an AdamW
 * companion the rest (src/train/groups.ts).
 */
import { memory } from '@tensorflow/tfjs-core';
import { beforeAll, expect, it } from 'vitest';
import { loadDataset } from '../../src/train/datasets';
import { ready } from '../../src/train/tf';
import { Trainer } from '../../src/train/trainer';

beforeAll(() => Promise.all([ready(), loadDataset('digits')]));

const accuracyAt = (optimizer: string, lr: number, steps: number) => {
  const t = new Trainer({ dataset: 'digits', noise: 0.1, activation: 'tanh', optimizer, hyper: { lr }, batchSize: 32, seed: 1 });
  t.train(steps);
  const { testAccuracy } = t.losses();
  t.dispose();
  return testAccuracy!; // the digits have a test set
};

it('at step 300, on seed 1: Muon (η 0.02) above 96 %, AdamW at its default η below 90 %, AdamW at η 0.01 above 95 % and behind Muon', () => {
  const before = memory().numTensors;
  const muon = accuracyAt('muon', 0.02, 300);
  const adamwDefault = accuracyAt('adamw', 0.001, 300);
  const adamwFast = accuracyAt('adamw', 0.01, 300);
  expect(muon).toBeGreaterThan(0.96);
  expect(adamwDefault).toBeLessThan(0.9);
  expect(adamwFast).toBeGreaterThan(0.95);
  expect(adamwFast).toBeLessThan(muon);
  expect(memory().numTensors).toBe(before);
}, 600_000);
