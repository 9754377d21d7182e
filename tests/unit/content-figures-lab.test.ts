/**
 * What the lab says about its frontier race, checked by re-running the run it
 * names (seed 1, as on the page): LAMB moved to η = 0.01.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ready } from '../../src/train/tf';
import { lossesAt, raceConfigs } from './chapter-runs';

beforeAll(ready);

describe('the lab’s frontier race', () => {
  it('races the six frontier rules and AdamW on the digits', () => {
    const configs = raceConfigs('lab', 'lab-race-frontier');
    expect(configs.map((c) => c.optimizer).sort()).toEqual(['adafactor', 'adamw', 'lamb', 'lars', 'muon', 'schedule-free-adamw', 'shampoo']);
    expect(new Set(configs.map((c) => c.dataset))).toEqual(new Set(['digits']));
  });

  it('LAMB at η = 0.01: the training loss falls for 500 steps, then climbs back up before step 1000', async () => {
    const configs = raceConfigs('lab', 'lab-race-frontier');
    const lamb = configs.find((c) => c.optimizer === 'lamb')!;
    const [l250, l500, l1000] = await lossesAt({ ...lamb, hyper: { ...lamb.hyper, lr: 0.01 } }, [250, 500, 1000]);
    expect(l500.train).toBeLessThan(l250.train);
    expect(l1000.train).toBeGreaterThan(l500.train);
  }, 300_000);
});
