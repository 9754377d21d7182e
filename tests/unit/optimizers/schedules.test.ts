/**
 * Learning-rate schedules: values at telling steps worked out by hand, the
 * metadata the site builds sliders from, and validation of parameters.
 */
import { describe, expect, it } from 'vitest';
import { schedules, scheduleDefaults, validateSchedule } from '../../../src/optimizers/schedules';

const lr = (id: string, k: number, params: Record<string, number> = {}, base = 0.1) =>
  schedules[id].lr(k, base, validateSchedule(id, params));
const { cos, PI } = Math;

describe('schedule values', () => {
  it('constant', () => {
    expect([0, 1, 1000].map((k) => lr('constant', k))).toEqual([0.1, 0.1, 0.1]);
  });

  it('stepDecay drops by γ every s steps, the first drop at k = s', () => {
    const p = { stepSize: 10, gamma: 0.5 };
    expect([0, 9, 10, 19, 20, 35].map((k) => lr('stepDecay', k, p, 1))).toEqual([1, 1, 0.5, 0.5, 0.25, 0.125]);
  });

  it('exponential multiplies by γ each step', () => {
    expect(lr('exponential', 0, { gamma: 0.9 }, 1)).toBe(1);
    expect(lr('exponential', 3, { gamma: 0.9 }, 1)).toBeCloseTo(0.729, 12);
  });

  it('inverseTime halves η after decaySteps/decayRate steps', () => {
    const p = { decayRate: 2, decaySteps: 100 };
    expect(lr('inverseTime', 0, p, 1)).toBe(1);
    expect(lr('inverseTime', 50, p, 1)).toBeCloseTo(0.5, 12);
    expect(lr('inverseTime', 150, p, 1)).toBeCloseTo(0.25, 12);
  });

  it('cosine: linear warm-up to η, half-cosine down to η_min, then flat', () => {
    const p = { totalSteps: 110, warmupSteps: 10, minLr: 0.01 };
    expect(lr('cosine', 0, p)).toBeCloseTo(0.01, 12); // η·1/W
    expect(lr('cosine', 4, p)).toBeCloseTo(0.05, 12);
    expect(lr('cosine', 9, p)).toBeCloseTo(0.1, 12);
    expect(lr('cosine', 10, p)).toBeCloseTo(0.1, 12);
    expect(lr('cosine', 35, p)).toBeCloseTo(0.01 + 0.045 * (1 + cos(PI / 4)), 12);
    expect(lr('cosine', 60, p)).toBeCloseTo(0.055, 12);
    expect(lr('cosine', 110, p)).toBeCloseTo(0.01, 12);
    expect(lr('cosine', 1000, p)).toBeCloseTo(0.01, 12);
  });

  it('cosine without warm-up starts at η', () => {
    expect(lr('cosine', 0, { totalSteps: 100 })).toBe(0.1);
    expect(lr('cosine', 50, { totalSteps: 100 })).toBeCloseTo(0.05, 12);
  });

  it('oneCycle follows PyTorch OneCycleLR (cos): phase ends at k = pT − 1 and k = T − 1', () => {
    const p = { totalSteps: 100, maxLr: 1, pctStart: 0.3, divFactor: 25, finalDivFactor: 1e4 };
    const start = 1 / 25;
    const end = start / 1e4;
    const anneal = (a: number, b: number, x: number) => b + ((a - b) / 2) * (1 + cos(PI * x));
    expect(lr('oneCycle', 0, p)).toBeCloseTo(start, 12);
    expect(lr('oneCycle', 10, p)).toBeCloseTo(anneal(start, 1, 10 / 29), 12);
    expect(lr('oneCycle', 29, p)).toBeCloseTo(1, 12);
    expect(lr('oneCycle', 64, p)).toBeCloseTo(anneal(1, end, 35 / 70), 12);
    expect(lr('oneCycle', 99, p)).toBeCloseTo(end, 12);
    expect(lr('oneCycle', 500, p)).toBeCloseTo(end, 12); // held past T, where PyTorch would raise
  });

  it('triangular rises from baseLr to maxLr over s steps and back (Smith 2017)', () => {
    const p = { baseLr: 0.001, maxLr: 0.006, stepSize: 10 };
    const values = [0, 5, 10, 15, 20, 30].map((k) => lr('triangular', k, p));
    [0.001, 0.0035, 0.006, 0.0035, 0.001, 0.006].forEach((v, i) => expect(values[i]).toBeCloseTo(v, 12));
  });
});

describe('schedules added for the rebuilt chapter', () => {
  it('linear decays to zero at T (PyTorch LinearLR, start_factor 1, end_factor 0), after an optional warm-up', () => {
    // No warm-up: η(1 − k/T), exactly LinearLR's closed form.
    expect([0, 25, 50, 100, 150].map((k) => lr('linear', k, { totalSteps: 100 }, 1))).toEqual([1, 0.75, 0.5, 0, 0]);
    // W = 10: η(k+1)/W up to η at k = 9, then η(T − k)/(T − W) down to 0 at k = T.
    const p = { totalSteps: 110, warmupSteps: 10 };
    expect(lr('linear', 0, p)).toBeCloseTo(0.01, 12);
    expect(lr('linear', 9, p)).toBeCloseTo(0.1, 12);
    expect(lr('linear', 10, p)).toBeCloseTo(0.1, 12);
    expect(lr('linear', 60, p)).toBeCloseTo(0.05, 12);
    expect(lr('linear', 110, p)).toBe(0);
  });

  it('wsd: warm-up to η, flat at η, then a linear cool-down to η_min over the last D steps (Hägele et al. 2024)', () => {
    const p = { totalSteps: 1000, warmupSteps: 100, cooldownSteps: 200, minLr: 0.01 };
    expect(lr('wsd', 0, p)).toBeCloseTo(0.001, 12);
    expect(lr('wsd', 49, p)).toBeCloseTo(0.05, 12);
    expect(lr('wsd', 99, p)).toBeCloseTo(0.1, 12);
    expect([100, 500, 799].map((k) => lr('wsd', k, p))).toEqual([0.1, 0.1, 0.1]);
    expect(lr('wsd', 800, p)).toBeCloseTo(0.1, 12); // the cool-down starts from η …
    expect(lr('wsd', 900, p)).toBeCloseTo(0.055, 12); // … is half-way at T − D/2 …
    expect(lr('wsd', 1000, p)).toBeCloseTo(0.01, 12); // … and ends at η_min at T, where it stays
    expect(lr('wsd', 5000, p)).toBeCloseTo(0.01, 12);
    // No cool-down: warm-up, then constant for ever.
    expect(lr('wsd', 5000, { ...p, cooldownSteps: 0 })).toBe(0.1);
  });

  it('the range test sweeps rise from η_lo to η_hi over T steps, linearly (Smith) or geometrically (fast.ai), ignoring η', () => {
    const p = { totalSteps: 101, startLr: 1e-4, endLr: 1 };
    expect(lr('linearSweep', 0, p, 123)).toBeCloseTo(1e-4, 12);
    expect(lr('linearSweep', 50, p)).toBeCloseTo(0.50005, 12);
    expect(lr('linearSweep', 100, p)).toBeCloseTo(1, 12);
    expect(lr('exponentialSweep', 0, p, 123)).toBeCloseTo(1e-4, 12);
    expect(lr('exponentialSweep', 25, p)).toBeCloseTo(1e-3, 12); // a decade every quarter of the sweep
    expect(lr('exponentialSweep', 50, p)).toBeCloseTo(1e-2, 12);
    expect(lr('exponentialSweep', 100, p)).toBeCloseTo(1, 12);
    expect(lr('exponentialSweep', 400, p)).toBeCloseTo(1, 12); // held past the end
  });
});

describe('schedule metadata', () => {
  it.each(Object.keys(schedules))('%s: defaults validate, lie on their sliders, and give a finite η', (id) => {
    const s = schedules[id];
    expect(s.id).toBe(id);
    expect(s.formula.length).toBeGreaterThan(0);
    for (const [name, spec] of Object.entries(s.params)) {
      expect(spec.default, name).toBeGreaterThanOrEqual(spec.min);
      expect(spec.default, name).toBeLessThanOrEqual(spec.max);
      expect(spec.rule.ok(spec.default), name).toBe(true);
    }
    const p = validateSchedule(id);
    expect(p).toEqual(scheduleDefaults(s));
    for (const k of [0, 1, 10, 999, 5000]) expect(Number.isFinite(s.lr(k, 0.01, p))).toBe(true);
  });
});

describe('schedule validation', () => {
  it.each([
    ['stepDecay', { stepSize: 0 }, 'stepDecay: stepSize must be a whole number ≥ 1, got 0'],
    ['stepDecay', { stepSize: 2.5 }, 'stepDecay: stepSize must be a whole number ≥ 1, got 2.5'],
    ['stepDecay', { gamma: NaN }, 'stepDecay: gamma must be a finite number, got NaN'],
    ['exponential', { gamma: 1.5 }, 'exponential: gamma must be in (0, 1], got 1.5'],
    ['exponential', { gamma: 0 }, 'exponential: gamma must be in (0, 1], got 0'],
    ['inverseTime', { decayRate: -1 }, 'inverseTime: decayRate must be ≥ 0, got -1'],
    ['cosine', { totalSteps: Infinity }, 'cosine: totalSteps must be a finite number, got Infinity'],
    ['cosine', { minLr: -0.1 }, 'cosine: minLr must be ≥ 0, got -0.1'],
    ['cosine', { totalSteps: 100, warmupSteps: 100 }, 'cosine: warmupSteps must be < totalSteps, got 100 ≥ 100'],
    ['oneCycle', { pctStart: 1 }, 'oneCycle: pctStart must be in (0, 1), got 1'],
    ['oneCycle', { totalSteps: 2, pctStart: 0.3 }, 'oneCycle: pctStart·totalSteps must lie in (1, totalSteps)'],
    ['oneCycle', { maxLr: 0 }, 'oneCycle: maxLr must be > 0, got 0'],
    ['triangular', { stepSize: -3 }, 'triangular: stepSize must be a whole number ≥ 1, got -3'],
    ['triangular', { period: 3 }, "triangular: unknown parameter 'period' (expected: baseLr, maxLr, stepSize)"],
    ['nope', {}, "unknown schedule 'nope'"],
    ['linear', { totalSteps: 10, warmupSteps: 10 }, 'linear: warmupSteps must be < totalSteps, got 10 ≥ 10'],
    ['wsd', { totalSteps: 100, warmupSteps: 50, cooldownSteps: 60 }, 'wsd: warmupSteps + cooldownSteps must be ≤ totalSteps, got 50 + 60 > 100'],
    ['exponentialSweep', { startLr: 1, endLr: 0.1 }, 'exponentialSweep: endLr must be > startLr, got 0.1 ≤ 1'],
    ['linearSweep', { startLr: 0 }, 'linearSweep: startLr must be > 0, got 0'],
    ['linearSweep', { totalSteps: 1 }, 'linearSweep: totalSteps must be ≥ 2 for a sweep, got 1'],
  ])('%s %j is rejected', (id, params, message) => {
    expect(() => validateSchedule(id, params)).toThrow(message);
  });

  it('merges given parameters over the defaults', () => {
    expect(validateSchedule('cosine', { totalSteps: 50 })).toEqual({ totalSteps: 50, minLr: 0, warmupSteps: 0 });
  });
});
