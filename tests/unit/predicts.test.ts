import { describe, expect, it } from 'vitest';
import { predicts } from '../../src/predict/predicts';
import { choicesOf, raceTrainerConfigs } from '../../src/predict/outcome';
import { verdict, winnerOf } from '../../src/predict/verdict';
import { createTrainer } from '../../src/train/trainer';
import { leaderboard, type Standing } from '../../src/widgets/views';

/** Every Predict's race, re-run through the engine to its last step: its answer key must name the run the page will show winning. */
describe('Predict answer keys', () => {
  it.each(predicts.map((p) => [p.id, p] as const))('%s', async (_, p) => {
    const steps = Number(p.race.steps);
    const standings: Standing[] = [];
    for (const config of raceTrainerConfigs(p.race)) {
      const trainer = await createTrainer(config);
      try {
        trainer.train(steps);
        const { train, test } = trainer.losses();
        standings.push({ train, test, diverged: trainer.diverged });
      } finally {
        trainer.dispose();
      }
    }
    const choices = choicesOf(p.race);
    expect(choices[winnerOf(standings)], p.id).toBe(choices[p.answer]);
    if (p.last !== undefined) expect(choices[leaderboard(standings).at(-1)!], 'the run that ends last').toBe(choices[p.last]);
    expect(standings.flatMap((s, i) => (s.diverged ? [i] : [])), 'runs that diverge').toEqual(p.diverged ?? []);
  }, 300_000);
});

describe('the outcome of a race', () => {
  const s = (train: number, diverged = false): Standing => ({ train, test: null, diverged });
  it('is the lowest training loss among the runs that did not diverge', () => {
    expect(winnerOf([s(0.3), s(0.1, true), s(0.2)])).toBe(2);
  });
  it('is no run when all diverged', () => {
    expect(winnerOf([s(1, true), s(2, true)])).toBe(-1);
  });
  it('sets the reader\'s answer beside it', () => {
    expect(verdict(['A', 'B'], 0, 1)).toEqual({ text: 'You said A · the run says B.', right: false });
    expect(verdict(['A', 'B'], 1, 1).right).toBe(true);
    expect(verdict(['A', 'B'], 0, -1).text).toContain('every run diverged');
  });
});
