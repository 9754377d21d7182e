/**
 * Chapter claims that compare optimizers, checked over five seeds (1–5) rather
 * than the page's one: the race's own setup, repeated as a race with seeds="5"
 * repeats it (seeds.ts).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ready } from '../../src/train/tf';
import { seededConfigs } from '../../src/widgets/seeds';
import { chapterSource, lossesAt, raceConfigs } from './chapter-runs';

beforeAll(ready);

const SEEDS = 5;

/** Training losses at `checkpoints` for each run of a race, per seed: [run][seed][checkpoint]. */
async function seededLosses(slug: string, id: string, checkpoints: number[]): Promise<number[][][]> {
  const configs = seededConfigs(raceConfigs(slug, id), SEEDS);
  const losses: number[][] = [];
  for (const c of configs) losses.push((await lossesAt(c, checkpoints)).map((l) => l.train));
  return Array.from({ length: configs.length / SEEDS }, (_, r) => losses.slice(r * SEEDS, (r + 1) * SEEDS));
}

describe('over five seeds', () => {
  it('momentum: momentum leaves SGD with the same η far behind and keeps pace with SGD at ten times η (step 50); at step 2000 it is below SGD with the same η', async () => {
    const mdx = chapterSource('momentum');
    expect(mdx).toMatch(/Momentum leaves SGD with the same \$\\eta\$ far behind \(at step 50[^)]*\) and keeps pace with SGD at ten times the learning rate/);
    const [sgd, sgdFast, momentum] = await seededLosses('momentum', 'effective-lr-race', [50, 2000]);
    const mean = (runs: number[][], at: number) => runs.reduce((a, r) => a + r[at], 0) / runs.length;
    for (let seed = 0; seed < SEEDS; seed++) {
      const label = `seed ${seed + 1}`;
      expect(momentum[seed][0], `${label}, step 50`).toBeLessThan(sgd[seed][0]);
      // "keeps pace": no more than 5 % above SGD at ten times η (measured: within 0.5 %, or below).
      expect(momentum[seed][0], `${label}, step 50`).toBeLessThan(1.05 * sgdFast[seed][0]);
      expect(momentum[seed][1], `${label}, step 2000`).toBeLessThan(sgd[seed][1]);
    }
    // "far behind": over the five seeds, momentum's mean loss at step 50 is under three quarters of SGD's (measured: 0.26 and 0.44).
    expect(mean(momentum, 0)).toBeLessThan(0.75 * mean(sgd, 0));
  }, 600_000);
});
