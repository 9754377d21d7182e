import { describe, expect, it } from 'vitest';
import { cannotRunStatus, idleStatus, playgroundStatus } from '../../../src/lab/status';
import { aggregateStandings } from '../../../src/widgets/seeds';

const run = (train: number, diverged = false) => ({ train, test: null, diverged });
const labels = ['Your optimizer', 'Adam (η 0.01)'];

describe('playground status', () => {
  it('names the reader’s run first, with its step and loss, then the leader', () => {
    expect(playgroundStatus(380, labels, [run(0.041), run(0.03)], false)).toBe('Your optimizer · step 380 · loss 0.041 · leader: Adam (η 0.01), loss 0.03');
    expect(playgroundStatus(1000, labels, [run(0.02), run(0.03)], true)).toBe('Your optimizer · step 1000 · loss 0.02 · leader: yours · finished');
    expect(playgroundStatus(5, labels.slice(0, 1), [run(0.5)], false)).toBe('Your optimizer · step 5 · loss 0.5');
  });

  it('over several seeds, gives means ± half their min–max range and how many seeds', () => {
    const standings = aggregateStandings([run(0.037), run(0.045), run(0.02), run(0.04)], 2);
    expect(playgroundStatus(380, labels, standings, false)).toBe('Your optimizer · step 380 · loss 0.041 ± 0.004 (2 seeds) · leader: Adam (η 0.01), loss 0.03 ± 0.01');
  });

  it('says when it diverged, failed or timed out', () => {
    expect(playgroundStatus(12, labels, [run(NaN, true), run(0.3)], false)).toBe('Your optimizer · step 12 · diverged (loss NaN): NaN, ∞ or a loss that blew up · leader: Adam (η 0.01), loss 0.3');
    expect(playgroundStatus(40, labels, [run(0.4), run(0.3)], false, 'timed out: your optimizer did not return within 3 s, so the run was stopped'))
      .toBe('Your optimizer · step 40 · timed out: your optimizer did not return within 3 s, so the run was stopped');
    expect(cannotRunStatus('ReferenceError: document is not available (line 3)')).toBe('Your optimizer · cannot run: ReferenceError: document is not available (line 3)');
    expect(idleStatus(true)).toMatch(/has not run.*press Run/);
  });
});
