/**
 * The schedules chapter's warm-up comparison over five seeds: its two digits trainers
 * (Adam at η 0.2, warmup-stable-decay over 600 steps, with and without 100 steps of
 * warm-up), re-run from their own attributes for seeds 1–5. The chapter states how
 * many seeds warm-up wins and the mean test accuracies; this checks both.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, expect, it } from 'vitest';
import { loadDataset } from '../../../src/train/datasets';
import { ready } from '../../../src/train/tf';
import { Trainer } from '../../../src/train/trainer';
import { widgetAttributes, widgetConfigs } from '../figures/run-figures';

const mdx = readFileSync(new URL('../../../content/schedules.mdx', import.meta.url), 'utf8');
const seeds = [1, 2, 3, 4, 5];
const words = ['zero', 'one', 'two', 'three', 'four', 'five'];

const finalAccuracy = (id: string, seed: number) => {
  const t = new Trainer(widgetConfigs(widgetAttributes(mdx, id)!, `seed=${seed}`)[0]);
  t.train(600);
  const accuracy = t.losses().testAccuracy!;
  t.dispose();
  return accuracy;
};

let without: number[] = [];
let withWarmup: number[] = [];
beforeAll(async () => {
  await Promise.all([ready(), loadDataset('digits')]);
  without = seeds.map((seed) => finalAccuracy('no-warmup', seed));
  withWarmup = seeds.map((seed) => finalAccuracy('with-warmup', seed));
}, 600_000);

it('the two trainers differ only in their warm-up', () => {
  const [a, b] = ['no-warmup', 'with-warmup'].map((id) => widgetConfigs(widgetAttributes(mdx, id)!)[0]);
  expect({ ...a, schedule: undefined }).toEqual({ ...b, schedule: undefined });
  expect([a.schedule!.params!.warmupSteps, b.schedule!.params!.warmupSteps]).toEqual([0, 100]);
});

it('warm-up wins on as many seeds as the chapter says, and the means are as written', () => {
  const wins = seeds.filter((_, i) => withWarmup[i] > without[i]).length;
  const claim = mdx.match(/higher test accuracy in (\w+) of the five, and on average at (\d+) % against (\d+) %/);
  expect(claim, 'the chapter states the five-seed comparison').not.toBeNull();
  expect(words.indexOf(claim![1]), `wins: ${withWarmup} vs ${without}`).toBe(wins);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  expect(Math.abs(Number(claim![2]) / 100 - mean(withWarmup))).toBeLessThanOrEqual(0.01);
  expect(Math.abs(Number(claim![3]) / 100 - mean(without))).toBeLessThanOrEqual(0.01);
  expect(wins).toBeGreaterThanOrEqual(4); // the chapter's point: warm-up helps at this rate
});
