/**
 * What the schedule-free chapter says about its widgets, checked by re-running
 * them (seed 1, as on the page), and the schedule figure it quotes.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { schedules } from '../../src/optimizers/schedules';
import { ready } from '../../src/train/tf';
import { chapterSource, lossesAt, raceConfigs, trainerWidgetConfig } from './chapter-runs';

beforeAll(ready);

const mdx = chapterSource('schedule-free');
const checkpoints = [500, 1000, 1500, 2000, 2500, 3000];
const trainAt = async (config: Parameters<typeof lossesAt>[0], steps = checkpoints) =>
  (await lossesAt(config, steps)).map((l) => l.train);
const at = (losses: number[], step: number) => losses[checkpoints.indexOf(step)];

describe('the schedule-free chapter', () => {
  it('quotes the cosine schedule’s rate at step 1000 of 3000 as three quarters of the peak', () => {
    expect(mdx).toMatch(/at step 1000 its rate is still three quarters of the peak/);
    const cosine = schedules.cosine;
    const config = trainerWidgetConfig('schedule-free', 'schedule-free-cosine');
    expect(config.schedule).toEqual({ id: 'cosine', params: { totalSteps: 3000, minLr: 0, warmupSteps: 0 } });
    expect(cosine.lr(1000, 1, config.schedule!.params!)).toBeCloseTo(0.75, 12);
  });

  it('race and trainer, re-run: constant AdamW wanders above schedule-free; cosine catches up only at its end; a 1000-step cosine does better at 1000 but not as well as schedule-free', async () => {
    const [adamw, scheduleFree] = raceConfigs('schedule-free', 'schedule-free-race');
    expect([adamw.optimizer, scheduleFree.optimizer, adamw.hyper?.lr, scheduleFree.hyper?.lr, adamw.schedule]).toEqual(['adamw', 'schedule-free-adamw', 0.01, 0.01, undefined]);
    const constant = await trainAt(adamw);
    const free = await trainAt(scheduleFree);
    // "stays above schedule-free's at all three" (steps 1000, 2000, 3000)
    for (const step of [1000, 2000, 3000]) expect(at(constant, step), `step ${step}`).toBeGreaterThan(at(free, step));
    // "goes up and down": not monotone
    expect(constant.some((l, i) => i > 0 && l > constant[i - 1])).toBe(true);
    // "settles early and stays settled": within 10 % from step 1500 on
    const late = free.slice(checkpoints.indexOf(1500));
    expect(Math.max(...late) / Math.min(...late)).toBeLessThan(1.1);

    const cosine = await trainAt(trainerWidgetConfig('schedule-free', 'schedule-free-cosine'));
    expect(at(cosine, 1000)).toBeGreaterThanOrEqual(at(constant, 1000)); // no better than constant AdamW at 1000
    expect(Math.abs(at(cosine, 3000) / at(free, 3000) - 1)).toBeLessThan(0.1); // level at the end
    expect(at(cosine, 2000)).toBeGreaterThan(at(cosine, 3000)); // comes down as the rate falls

    const [short] = await trainAt(trainerWidgetConfig('schedule-free', 'schedule-free-cosine', { totalSteps: '1000' }), [1000]);
    expect(short).toBeLessThan(at(cosine, 1000));
    expect(short).toBeGreaterThan(at(free, 1000));
  }, 600_000);
});
