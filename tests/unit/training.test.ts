import { describe, expect, it } from 'vitest';
import { StepBudget } from '../../src/train/step-budget';
import { LossHistory, trainerConfig, workerSliceMs } from '../../src/widgets/training';
import { parseSettings } from '../../src/widgets/schema';
import { trainerSchema } from '../../src/widgets/specs';

describe('StepBudget', () => {
  it('starts at one step per millisecond and follows the measured cost', () => {
    const b = new StepBudget();
    expect(b.steps(8)).toBe(8);
    for (let i = 0; i < 30; i++) b.record(10, 40); // 4 ms a step
    expect(b.steps(8)).toBe(2);
    expect(b.steps(1)).toBe(1); // always at least one
  });
});

describe('LossHistory', () => {
  it('keeps at most its maximum by thinning, always keeping the first point', () => {
    const h = new LossHistory(10);
    for (let s = 0; s <= 1000; s++) h.add(s, 1 / (s + 1), null);
    expect(h.rows.length).toBeLessThanOrEqual(10);
    expect(h.rows[0].step).toBe(0);
    expect(h.rows.at(-1)!.step).toBeGreaterThan(800);
  });
});

describe('trainerConfig', () => {
  it('maps widget settings to a trainer config, with schedule parameters and clipping', () => {
    const { values } = parseSettings(trainerSchema, (n) =>
      ({ schedule: 'cosine', totalSteps: '500', clip: 'norm', threshold: '2', l2: '0.001', batch: '20' })[n] ?? null,
    );
    const config = trainerConfig(values, 'adam', { lr: 0.01 });
    expect(config).toMatchObject({
      optimizer: 'adam', hyper: { lr: 0.01 }, batchSize: 20, dataset: 'circles', hidden: [8, 8],
      schedule: { id: 'cosine', params: { totalSteps: 500, minLr: 0, warmupSteps: 0 } },
      clip: { kind: 'norm', threshold: 2 }, l2: 0.001, seed: 1,
    });
  });
  it('leaves out what is off', () => {
    const { values } = parseSettings(trainerSchema, () => null);
    const config = trainerConfig(values, 'sgd', {});
    expect(config.schedule).toBeUndefined();
    expect(config.clip).toBeUndefined();
    expect(config.l2).toBeUndefined();
  });
});

describe('workerSliceMs', () => {
  it('gives one run 40 ms a request, more runs proportionally more, up to 160 ms', () => {
    expect(workerSliceMs(1)).toBe(40);
    expect(workerSliceMs(0)).toBe(40);
    expect(workerSliceMs(2)).toBe(80);
    expect(workerSliceMs(4)).toBe(160);
    expect(workerSliceMs(6)).toBe(160);
    expect(workerSliceMs(14)).toBe(160);
  });
});
