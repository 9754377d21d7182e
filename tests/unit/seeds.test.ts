/**
 * Runs over several seeds: the seeded configs, the aggregation (checked by
 * hand), the wording of status, leaderboard and table, the `seeds` setting's
 * round trip, and a seeded race in the engine whose first seeds are the
 * single-seed race.
 */
import { memory } from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { EngineHost } from '../../src/train/engine-host';
import { ready } from '../../src/train/tf';
import type { TrainerConfig } from '../../src/train/trainer';
import { parseSettings, toAttributes } from '../../src/widgets/schema';
import { aggregateHistories, aggregateStandings, meanRange, seededConfigs } from '../../src/widgets/seeds';
import { playgroundSchema, raceSchema, trainerSchema } from '../../src/widgets/specs';
import { trainerConfig } from '../../src/widgets/training';
import { lossTable, lossText, raceStatus, raceTable, standingText, trainerStatus, type Standing } from '../../src/widgets/views';

beforeAll(ready);

const base: TrainerConfig = { dataset: 'circles', noise: 0.1, hidden: [8, 8], activation: 'tanh', optimizer: 'sgd', hyper: { lr: 0.1 }, batchSize: 10, seed: 7 };
const ok = (train: number, test: number | null = null, accuracy: number | null = null): Standing => ({ train, test, accuracy, diverged: false });

describe('seededConfigs', () => {
  it('repeats each config over seeds s, s+1, …, run-major; one seed changes nothing', () => {
    const adam = { ...base, optimizer: 'adam', hyper: { lr: 0.01 } };
    expect(seededConfigs([base, adam], 1)).toEqual([base, adam]);
    const three = seededConfigs([base, adam], 3);
    expect(three.map((c) => [c.optimizer, c.seed])).toEqual([['sgd', 7], ['sgd', 8], ['sgd', 9], ['adam', 7], ['adam', 8], ['adam', 9]]);
    expect(three[1]).toEqual({ ...base, seed: 8 });
  });
});

describe('aggregateStandings', () => {
  it('gives one standing per run: means, and the training loss’s min–max range', () => {
    // Run 0: train 0.1, 0.2, 0.6 → mean 0.3, range [0.1, 0.6]; test 0.2, 0.3, 0.4 → 0.3; accuracy 0.9, 0.8, 0.7 → 0.8.
    // Run 1: train 1, 1, 1 → 1, range [1, 1].
    const standings = [ok(0.1, 0.2, 0.9), ok(0.2, 0.3, 0.8), ok(0.6, 0.4, 0.7), ok(1, 2, 0.5), ok(1, 2, 0.5), ok(1, 2, 0.5)];
    const [a, b] = aggregateStandings(standings, 3);
    expect(a.train).toBeCloseTo(0.3, 12);
    expect(a.test).toBeCloseTo(0.3, 12);
    expect(a.accuracy).toBeCloseTo(0.8, 12);
    expect(a).toMatchObject({ diverged: false, seeds: 3, spread: [0.1, 0.6] });
    expect(b).toMatchObject({ train: 1, test: 2, accuracy: 0.5, spread: [1, 1] });
    expect(aggregateStandings(standings, 3)).toHaveLength(2);
  });

  it('leaves single-seed standings as they are', () => {
    const standings = [ok(0.1), ok(0.2)];
    expect(aggregateStandings(standings, 1)).toBe(standings);
  });

  it('counts a run that diverged on any seed as diverged, with the worst loss and how many seeds diverged', () => {
    const standings = [ok(0.1), { ...ok(12), diverged: true }, ok(0.3), ok(0.2), ok(0.2), ok(0.2)];
    const [a, b] = aggregateStandings(standings, 3);
    expect(a).toMatchObject({ diverged: true, train: 12, seeds: 3, divergedSeeds: 1 });
    expect(a.spread).toBeUndefined();
    expect(b.diverged).toBe(false);
    // NaN is the worst there is.
    expect(aggregateStandings([{ ...ok(NaN), diverged: true }, { ...ok(1e9), diverged: true }], 2)[0].train).toBeNaN();
  });

  it('a run that cannot run on a seed cannot run', () => {
    const broken: Standing = { ...ok(NaN), error: 'lr must be > 0' };
    expect(aggregateStandings([ok(0.1), broken], 2)[0].error).toBe('lr must be > 0');
  });

  it('keeps null where there is no test set', () => {
    expect(aggregateStandings([ok(0.1), ok(0.3)], 2)[0]).toMatchObject({ test: null, accuracy: null });
  });
});

describe('meanRange', () => {
  it('is the mean, min and max, or NaN for all where one value is not finite', () => {
    expect(meanRange([1, 2, 6])).toEqual({ mean: 3, min: 1, max: 6 });
    expect(meanRange([1, Infinity])).toEqual({ mean: NaN, min: NaN, max: NaN });
  });
});

describe('aggregateHistories', () => {
  it('averages each run’s seeds per recorded step, with min and max, over the steps every seed recorded', () => {
    const runs = aggregateHistories([
      [{ step: 0, train: 1 }, { step: 10, train: 0.5 }, { step: 20, train: 0.2 }],
      [{ step: 0, train: 1 }, { step: 10, train: 0.7 }], // stopped (diverged) after step 10
      [{ step: 0, train: 2 }, { step: 10, train: 1 }, { step: 20, train: 0.5 }],
      [{ step: 0, train: 2 }, { step: 10, train: 0.6 }, { step: 20, train: 0.3 }],
    ], 2);
    const none = { test: null, accuracy: null };
    expect(runs).toHaveLength(2);
    expect(runs[0]).toEqual([{ step: 0, train: 1, min: 1, max: 1, ...none }, { step: 10, train: 0.6, min: 0.5, max: 0.7, ...none }]);
    expect(runs[1][2]).toEqual({ step: 20, train: 0.4, min: 0.3, max: 0.5, ...none });
    expect(runs[1][1]).toEqual({ step: 10, train: 0.8, min: 0.6, max: 1, ...none });
  });

  it('averages test loss and accuracy where every seed has them', () => {
    const [[row]] = aggregateHistories([[{ step: 5, train: 0.2, test: 0.3, accuracy: 0.9 }], [{ step: 5, train: 0.4, test: 0.5, accuracy: 0.7 }]], 2);
    expect(row.train).toBeCloseTo(0.3, 12);
    expect(row.test).toBeCloseTo(0.4, 12);
    expect(row.accuracy).toBeCloseTo(0.8, 12);
    expect([row.min, row.max]).toEqual([0.2, 0.4]);
  });

  it('with one seed, is each run’s finite rows', () => {
    expect(aggregateHistories([[{ step: 0, train: 1, test: 2 }, { step: 5, train: NaN }]], 1)).toEqual([[{ step: 0, train: 1, min: 1, max: 1, test: 2, accuracy: null }]]);
  });
});

describe('what a seeded race says', () => {
  const standings = aggregateStandings([ok(0.072, 0.1), ok(0.096, 0.12), ok(0.5, 0.6), ok(0.7, 0.8)], 2);
  const labels = ['Adam (η 0.01)', 'SGD (η 0.1)'];

  it('reads mean ± half the min–max range, and how many seeds', () => {
    expect(lossText(standings[0])).toBe('0.084 ± 0.012');
    expect(lossText(ok(0.084))).toBe('0.084');
    // The spread to two significant digits: 0.07946 → 0.079.
    expect(lossText({ ...ok(0.1143), spread: [0.06245, 0.22137] })).toBe('0.1143 ± 0.079');
    expect(raceStatus(1200, labels, standings, false)).toBe('step 1200 · loss 0.084 ± 0.012 (2 seeds) · leader: Adam (η 0.01)');
    expect(standingText(labels[1], standings[1])).toBe('SGD (η 0.1): train 0.6 ± 0.1, test 0.7');
  });

  it('names the seeds a run diverged on', () => {
    const dead = aggregateStandings([ok(0.1), ok(0.1), ok(0.2), { ...ok(50), diverged: true }], 2);
    expect(raceStatus(80, labels, dead, false)).toBe('step 80 · loss 0.1 ± 0 (2 seeds) · leader: Adam (η 0.01) · SGD (η 0.1) diverged on 1 of 2 seeds (loss 50)');
    expect(standingText(labels[1], dead[1])).toBe('SGD (η 0.1): diverged on 1 of 2 seeds');
  });

  it('tables means with the training loss’s min and max; a single-seed table is as before', () => {
    expect(raceTable(labels, [1200, 1200], standings)).toEqual({
      head: ['optimizer', 'steps', 'train loss (mean)', 'train loss min', 'train loss max', 'test loss (mean)'],
      body: [['Adam (η 0.01)', '1200', '0.084', '0.072', '0.096', '0.11'], ['SGD (η 0.1)', '1200', '0.6', '0.5', '0.7', '0.7']],
    });
    expect(raceTable(labels, [5, 5], [ok(0.1, 0.2), ok(0.3, 0.4)]).head).toEqual(['optimizer', 'steps', 'train loss', 'test loss']);
  });
});

describe('what a seeded trainer says', () => {
  it('reads mean ± half the range in its status, and tables min and max', () => {
    const [standing] = aggregateStandings([ok(0.072, 0.1), ok(0.096, 0.12)], 2);
    expect(trainerStatus({ ...standing, step: 1200, epoch: 120, restoring: false })).toBe('step 1200 · loss 0.084 ± 0.012 (2 seeds) · test loss 0.11 · epoch 120');
    const rows = aggregateHistories([[{ step: 0, train: 0.5, test: 0.6 }], [{ step: 0, train: 0.7, test: 0.8 }]], 2)[0];
    expect(lossTable(rows, 2)).toEqual({
      head: ['step', 'train loss (mean)', 'train loss min', 'train loss max', 'test loss (mean)'],
      body: [['0', '0.6', '0.5', '0.7', '0.7']],
    });
  });
});

describe('the seeds setting', () => {
  const read = (attrs: Record<string, string>) => parseSettings(raceSchema, (n) => attrs[n] ?? null);

  it('defaults to 1, reads 1–10, and writes back only when set (permalinks and embeds keep it)', () => {
    expect(read({}).values.seeds).toBe(1);
    const { values } = read({ seeds: '5' });
    expect(values.seeds).toBe(5);
    expect(toAttributes(raceSchema, values)).toEqual({ seeds: '5' });
    expect(read(toAttributes(raceSchema, values)).values.seeds).toBe(5);
    expect(toAttributes(raceSchema, read({}).values)).toEqual({});
    expect(read({ seeds: '11' }).notes).toEqual(['seeds: “11” is outside 1–10; using 10']);
  });

  it('is a setting of the trainer and the playground too', () => {
    for (const schema of [trainerSchema, playgroundSchema]) {
      const { values } = parseSettings(schema, (n) => (n === 'seeds' ? '4' : null));
      expect(values.seeds).toBe(4);
      expect(toAttributes(schema, values)).toEqual({ seeds: '4' });
    }
  });
});

describe('a seeded race in the engine', () => {
  it('trains runs × seeds networks; each run’s first seed is the single-seed race, number for number', async () => {
    const { values } = parseSettings(raceSchema, (n) => ({ seeds: '3', seed: '4' })[n] ?? null);
    const configs = [trainerConfig(values, 'sgd', { lr: 0.1 }), trainerConfig(values, 'adam', { lr: 0.01 })];
    const host = new EngineHost();
    const train = async (session: number, list: TrainerConfig[]) => {
      await host.handle({ op: 'build', session, configs: structuredClone(list), end: 30 });
      let reply = await host.handle({ op: 'advance', session, max: 30, budgetMs: 1e9, models: [] });
      while (reply.report!.step < 30) reply = await host.handle({ op: 'advance', session, max: 30, budgetMs: 1e9, models: [] });
      return reply.report!.runs;
    };
    const one = await train(1, seededConfigs(configs, 1));
    const three = await train(2, seededConfigs(configs, values.seeds));
    expect(one).toHaveLength(2);
    expect(three).toHaveLength(6);
    expect(three[0]).toEqual(one[0]);
    expect(three[3]).toEqual(one[1]);
    // The other seeds are other networks and batches: other losses.
    expect(three[1].train).not.toBe(three[0].train);
    expect(three[2].train).not.toBe(three[1].train);
    const [sgd] = aggregateStandings(three.map((r) => ({ ...r })), 3);
    expect(sgd.spread![0]).toBeLessThanOrEqual(sgd.train);
    expect(sgd.spread![1]).toBeGreaterThanOrEqual(sgd.train);
    await host.handle({ op: 'dispose', session: 1 });
    const { tensors } = await host.handle({ op: 'dispose', session: 2 });
    expect(tensors).toBe(memory().numTensors);
  });
});
