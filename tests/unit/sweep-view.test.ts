/** The trainer's range-test mode: its points, status line and data table. */
import { describe, expect, it } from 'vitest';
import { isSweep, sweepPoints, sweepStatus, sweepTable } from '../../src/widgets/sweep-view';

const params = { totalSteps: 5, startLr: 1e-4, endLr: 1 };

describe('sweep points', () => {
  it('pair the row measured after step s with the rate of step s (k = s − 1), and skip step 0', () => {
    const rows = [0, 1, 2, 5].map((step) => ({ step, train: 2 - step / 10, accuracy: null }));
    const points = sweepPoints(rows, 'exponentialSweep', params);
    expect(points.map((p) => p.step)).toEqual([1, 2, 5]);
    [1e-4, 1e-3, 1].forEach((lr, i) => expect(points[i].lr).toBeCloseTo(lr, 12));
    expect(points.map((p) => p.loss)).toEqual([1.9, 1.8, 1.5]);
  });

  it('only the two sweeps count as range tests', () => {
    expect(['linearSweep', 'exponentialSweep', 'cosine', 'constant'].map(isSweep)).toEqual([true, true, false, false]);
  });
});

describe('sweep status and table', () => {
  const point = (step: number, lr: number, loss: number, accuracy: number | null) => ({ step, lr, loss, accuracy });
  const points = [point(1, 0.001, 2.3, 0.1), point(2, 0.01, 2.2, 0.12), point(3, 0.1, 1.0, 0.7), point(4, 1, 0.9, 0.8), point(5, 10, 50, 0.1)];

  it('names each reading rule with its author', () => {
    expect(sweepStatus(points)).toBe(
      'fast.ai: steepest fall at η 0.01; lowest loss at η 1, a tenth of it 0.1 · Smith: accuracy starts to rise at η 0.1 and peaks at η 1',
    );
    expect(sweepStatus(points.slice(0, 2).map((p) => ({ ...p, accuracy: null })))).toBe('fast.ai: not enough points yet');
  });

  it('tabulates rate, loss and accuracy', () => {
    const t = sweepTable(points);
    expect(t.head).toEqual(['step', 'learning rate', 'train loss', 'test accuracy']);
    expect(t.body[2]).toEqual(['3', '0.1', '1', '70.0 %']);
  });
});
