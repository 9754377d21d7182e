import { describe, expect, it } from 'vitest';
import { hyperOf, leaderboard, lossTable, raceStatus, raceTable, runLabel, standingText, surfaceStatus, thin, trainerStatus, type Standing } from '../../src/widgets/views';

const ok = (train: number, test: number | null = null): Standing => ({ train, test, diverged: false });
const dead = (train: number): Standing => ({ train, test: null, diverged: true });
const broken = (error: string): Standing => ({ train: NaN, test: null, diverged: false, error });

describe('run labels', () => {
  it('name the optimizer and the learning rate in effect, the default where none is set', () => {
    expect(runLabel({ optimizer: 'adam', hyper: { lr: 0.01 } })).toBe('Adam (η 0.01)');
    expect(runLabel({ optimizer: 'adam', hyper: {} })).toBe('Adam (η 0.001)');
    // Runs of one optimizer are told apart by what they change; a default given explicitly is not named.
    expect(runLabel({ optimizer: 'adam', hyper: { lr: 0.03, beta2: 0.9 } })).toBe('Adam (η 0.03, β₂ 0.9)');
    expect(runLabel({ optimizer: 'adam', hyper: { lr: 0.03, beta1: 0, eps: 0.1 } })).toBe('Adam (η 0.03, β₁ 0, ε 0.1)');
    expect(runLabel({ optimizer: 'momentum', hyper: { lr: 0.01, momentum: 0.9 } })).toBe('SGD with momentum (η 0.01)');
    expect(hyperOf({ optimizer: 'momentum', hyper: { lr: 0.05 } }, 'momentum')).toBe(0.9);
  });
});

describe('trainerStatus', () => {
  const base = { step: 120, epoch: 24, restoring: false, ...ok(0.0123, 0.05) };
  it('says step, losses and epoch', () => {
    expect(trainerStatus(base)).toBe('step 120 · loss 0.0123 · test loss 0.05 · epoch 24');
  });
  it('adds the test accuracy for classification', () => {
    expect(trainerStatus({ ...base, step: 1200, train: 0.084, test: 0.121, accuracy: 0.9637 })).toBe('step 1200 · loss 0.084 · test loss 0.121 · test accuracy 96.4 % · epoch 24');
    expect(standingText('Adam (η 0.001)', { ...ok(0.2, 0.3), accuracy: 0.5 })).toBe('Adam (η 0.001): train 0.2, test 0.3, 50.0 % right');
    expect(lossTable([{ step: 0, train: 2.3, test: 2.31, accuracy: 0.1 }]).head).toEqual(['step', 'train loss', 'test loss', 'test accuracy']);
    expect(lossTable([{ step: 0, train: 2.3, test: 2.31, accuracy: null }]).head).toEqual(['step', 'train loss', 'test loss']);
  });
  it('starts a run from the dataset’s learning rate where its optimizer’s default is far off', () => {
    expect(hyperOf({ optimizer: 'sgd', hyper: {} }, 'lr')).toBe(0.001);
    expect(hyperOf({ optimizer: 'sgd', hyper: {} }, 'lr', 'digits')).toBe(0.1);
    expect(hyperOf({ optimizer: 'sgd', hyper: { lr: 0.05 } }, 'lr', 'digits')).toBe(0.05);
    expect(hyperOf({ optimizer: 'adam', hyper: {} }, 'lr', 'digits')).toBe(0.001);
    expect(runLabel({ optimizer: 'sgd', hyper: {} }, 'digits')).toBe('SGD (η 0.1)');
  });
  it('says when a linked run is being replayed', () => {
    expect(trainerStatus({ ...base, restoring: true })).toMatch(/^restoring the linked run: step 120 /);
  });
  it('says what to do after divergence, and why a run cannot start', () => {
    expect(trainerStatus({ ...base, ...dead(Infinity) })).toBe('step 120 · loss ∞ — diverged: press Reset, then lower the learning rate');
    expect(trainerStatus({ ...base, restoring: true, ...dead(NaN) })).toMatch(/^step 120 · loss NaN — diverged/);
    expect(trainerStatus({ ...base, ...broken('adam: lr must be > 0') })).toBe('Cannot train: adam: lr must be > 0');
  });
});

describe('leaderboard', () => {
  it('orders by training loss; diverged, broken and unmeasured runs last in their own order', () => {
    expect(leaderboard([ok(0.5), dead(0.01), ok(0.1), broken('x'), ok(NaN), ok(0.3)])).toEqual([2, 5, 0, 1, 3, 4]);
  });
  it('keeps the given order between equal losses', () => {
    expect(leaderboard([ok(0.2), ok(0.2), ok(0.1)])).toEqual([2, 0, 1]);
  });
});

describe('raceStatus', () => {
  const labels = ['SGD (η 0.1)', 'Adam (η 0.01)', 'Lion (η 10)'];
  it('names the leader and its loss, then the runs that diverged', () => {
    expect(raceStatus(40, labels, [ok(0.3), ok(0.1), dead(Infinity)], false)).toBe('step 40 · loss 0.1 · leader: Adam (η 0.01) · Lion (η 10) diverged (loss ∞)');
  });
  it('says a race is finished', () => {
    expect(raceStatus(1000, labels.slice(0, 2), [ok(0.3), ok(0.1)], true)).toBe('step 1000 · loss 0.1 · leader: Adam (η 0.01) · finished');
  });
  it('says when every run diverged, and which cannot run at all', () => {
    expect(raceStatus(7, labels, [dead(NaN), dead(1e9), broken('lion: lr too large')], false)).toBe('step 7 · loss ∞ — diverged · cannot run Lion (η 10): lion: lr too large');
  });
});

describe('standingText', () => {
  it('gives losses, or the run’s state', () => {
    expect(standingText('SGD', ok(0.25, 0.5))).toBe('SGD: train 0.25, test 0.5');
    expect(standingText('SGD', dead(3))).toBe('SGD: diverged');
    expect(standingText('SGD', broken('no'))).toBe('SGD: cannot run');
  });
});

describe('surfaceStatus', () => {
  it('reports the lowest loss among walkers still going, and those that diverged', () => {
    expect(surfaceStatus(30, ['a', 'b'], [0.5, Infinity], [false, true])).toBe('step 30 · loss 0.5 · b diverged (loss ∞)');
    expect(surfaceStatus(30, ['a', 'b'], [NaN, Infinity], [true, true])).toBe('step 30 · loss ∞ — diverged');
  });
});

describe('tables', () => {
  it('thins long histories to about a dozen rows, keeping the first and the last', () => {
    const rows = Array.from({ length: 100 }, (_, i) => i);
    const kept = thin(rows);
    expect(kept.length).toBeLessThanOrEqual(13);
    expect(kept[0]).toBe(0);
    expect(kept.at(-1)).toBe(99);
    expect(thin([1, 2, 3])).toEqual([1, 2, 3]);
  });
  it('write losses, with a dash where there is no test set', () => {
    expect(lossTable([{ step: 0, train: 0.69, test: null }, { step: 10, train: 0.5, test: 0.6 }])).toEqual({
      head: ['step', 'train loss', 'test loss'],
      body: [['0', '0.69', '—'], ['10', '0.5', '0.6']],
    });
    expect(raceTable(['A', 'B'], [5, 3], [ok(0.1, 0.2), dead(NaN)]).body).toEqual([['A', '5', '0.1', '0.2'], ['B', '3', 'NaN', 'NaN']]);
  });
});
