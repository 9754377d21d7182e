/** The range test's reading rules, on sweeps whose answers are known. */
import { describe, expect, it } from 'vitest';
import { beforeBlowUp, lossReadings, smithBounds, type SweepPoint } from '../../../src/train/range-test';

/** A sweep over η = 10^(−4 + k/10), k = 0 … n − 1, with loss and accuracy given per point. */
const sweep = (loss: number[], accuracy: (number | null)[] = loss.map(() => null)): SweepPoint[] =>
  loss.map((l, k) => ({ step: k + 1, lr: 10 ** (-4 + k / 10), loss: l, accuracy: accuracy[k] }));

describe('beforeBlowUp (fast.ai’s stop)', () => {
  it('keeps points until the loss passes 4× the best so far, or stops being finite', () => {
    expect(beforeBlowUp(sweep([2, 1, 0.5, 1.9, 2.1, 0.1])).map((p) => p.loss)).toEqual([2, 1, 0.5, 1.9]);
    expect(beforeBlowUp(sweep([2, 1, NaN, 0.1])).map((p) => p.loss)).toEqual([2, 1]);
  });
});

describe('lossReadings (fast.ai’s steep and minimum)', () => {
  it('steep is the rate at the start of the largest fall per unit of log η; minimum a tenth of the lowest loss’s rate', () => {
    const r = lossReadings(sweep([2.3, 2.25, 2.1, 1.4, 1.0, 0.8, 0.7, 0.75, 1.5, 9, 40]))!;
    expect(r.steep).toBeCloseTo(10 ** -3.8, 12); // 2.1 → 1.4 is the steepest fall
    expect(r.lowest).toBeCloseTo(10 ** -3.4, 12);
    expect(r.minimum).toBeCloseTo(10 ** -4.4, 12);
  });

  it('looks for the steepest fall on the descent only, before the lowest loss', () => {
    // After the bottom (0.2) the loss wobbles, 1.5 → 0.3, a steeper fall than any on the descent: ignored.
    const r = lossReadings(sweep([2.3, 2.0, 1.5, 1.0, 0.2, 1.5, 0.3, 0.9]))!;
    expect(r.steep).toBeCloseTo(10 ** -3.7, 12);
    expect(r.lowest).toBeCloseTo(10 ** -3.6, 12);
  });

  it('ignores everything after the blow-up, and needs three points', () => {
    const r = lossReadings(sweep([2, 1.5, 1.2, 10, 0.01]))!;
    expect(r.lowest).toBeCloseTo(10 ** -3.8, 12);
    expect(lossReadings(sweep([2, 1]))).toBeNull();
  });
});

describe('smithBounds (Smith’s reading of accuracy)', () => {
  it('lower: where accuracy has made a tenth of its climb; upper: where it peaks', () => {
    const b = smithBounds(sweep([2, 2, 2, 2, 2, 2], [0.1, 0.11, 0.3, 0.8, 0.9, 0.6]))!;
    expect(b.lower).toBeCloseTo(10 ** -3.8, 12); // 0.3 ≥ 0.1 + 0.08
    expect(b.upper).toBeCloseTo(10 ** -3.6, 12);
  });

  it('is null without accuracy or when accuracy never rises', () => {
    expect(smithBounds(sweep([2, 1, 0.5]))).toBeNull();
    expect(smithBounds(sweep([2, 1, 0.5], [0.5, 0.4, 0.3]))).toBeNull();
  });
});
