/**
 * What the sharpness chapter says about its two diagnostics trainers, checked
 * by re-running them as the page configures them (the edge-of-stability run
 * itself is pinned in tests/unit/train/diagnostics.test.ts, for exactly the
 * config the first trainer must have).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Diagnostics, EDGE_OF_STABILITY } from '../../src/train/diagnostics';
import { ready } from '../../src/train/tf';
import { createTrainer, type TrainerConfig } from '../../src/train/trainer';
import { chapterSource, trainerWidgetConfig } from './chapter-runs';

beforeAll(ready);

/** λ_max and the losses every 250 steps up to step 2000. */
async function sharpnessRun(config: TrainerConfig) {
  const t = await createTrainer(config);
  try {
    const d = new Diagnostics(t);
    const out: { step: number; lambda: number; train: number; test: number }[] = [];
    for (let step = 0; step <= 2000; step += 250) {
      if (step) t.train(250);
      const s = d.measure();
      const { train, test } = t.losses();
      out.push({ step, lambda: s.sharpness!.lambdaMax, train, test: test! });
    }
    return out;
  } finally {
    t.dispose();
  }
}

describe('the sharpness chapter', () => {
  const edge = trainerWidgetConfig('sharpness', 'edge-of-stability');

  it('runs the documented edge-of-stability setup, and quotes its limit', () => {
    const { size: _size, ...documented } = EDGE_OF_STABILITY.config;
    expect(edge).toMatchObject(documented);
    expect(edge.wrap).toBeUndefined();
    expect(chapterSource('sharpness')).toMatch(/the limit is \$2\/0\.15 \\approx 13\.3\$/);
    expect(2 / 0.15).toBeCloseTo(13.3, 1);
  });

  it('η = 0.1: λ_max climbs past 13.3 and is still rising below 20 at step 2000', async () => {
    const run = await sharpnessRun(trainerWidgetConfig('sharpness', 'edge-of-stability', { lr: '0.1' }));
    const [before, last] = run.slice(-2);
    expect(last.lambda).toBeGreaterThan(2 / 0.15);
    expect(last.lambda).toBeLessThan(2 / 0.1);
    expect(last.lambda).toBeGreaterThan(before.lambda);
  }, 600_000);

  it('SAM (ρ = 0.05): λ_max falls from its start to below a quarter of 2/η, with higher train and test losses than plain GD; ρ = 0.2 pushes both further', async () => {
    const sam = trainerWidgetConfig('sharpness', 'sam-sharpness');
    expect(sam.wrap).toEqual({ sam: 0.05 });
    const { wrap: _wrap, ...rest } = sam;
    expect(rest).toEqual(edge); // the same run, SAM apart
    const plain = await sharpnessRun(edge);
    const withSam = await sharpnessRun(sam);
    for (let i = 1; i < withSam.length; i++) expect(withSam[i].lambda).toBeLessThan(withSam[i - 1].lambda);
    const [p, s] = [plain.at(-1)!, withSam.at(-1)!];
    expect(s.lambda).toBeLessThan(0.25 * (2 / 0.15));
    expect(s.train).toBeGreaterThan(p.train);
    expect(s.test).toBeGreaterThan(p.test);
    const wider = (await sharpnessRun(trainerWidgetConfig('sharpness', 'sam-sharpness', { sam: '0.2' }))).at(-1)!;
    expect(wider.lambda).toBeLessThan(s.lambda);
    expect(wider.train).toBeGreaterThan(s.train);
    expect(wider.test).toBeGreaterThan(s.test);
  }, 900_000);
});
