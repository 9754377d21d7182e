import { describe, expect, it } from 'vitest';
import { logAxis, logDomain, logTickFormat, logTicks, marginFor, TICK_GAP } from '../../src/widgets/plots';

describe('logTickFormat', () => {
  it('writes short labels at every scale, never 1e+10 or 0.00001', () => {
    expect([1e-12, 1e-5, 2e-4, 0.001, 0.002, 0.4, 0.59, 1, 20, 5000, 1e4, 3e5, 1e10].map(logTickFormat)).toEqual([
      '1e-12', '1e-5', '2e-4', '0.001', '0.002', '0.4', '0.59', '1', '20', '5000', '1e4', '3e5', '1e10',
    ]);
  });
  it('keeps float noise out of the label', () => {
    expect(logTickFormat(0.30000000000000004)).toBe('0.3');
    expect(logTickFormat(3 * 1e-7)).toBe('3e-7');
  });
});

/** The smallest distance (px) between neighbouring ticks on an axis `pixels` long. */
const crowding = (domain: [number, number], ticks: number[], pixels: number) =>
  Math.min(...ticks.slice(1).map((t, i) => (pixels * Math.log10(t / ticks[i])) / Math.log10(domain[1] / domain[0])));

describe('logTicks', () => {
  it('labels a plateau between 0.4 and 1 (the prose quotes 0.59)', () => {
    const domain = logDomain([0.45, 0.59, 0.7, 0.9]);
    const ticks = logTicks(domain, 260);
    expect(ticks).toEqual(expect.arrayContaining([0.4, 0.5, 0.6, 0.8, 1]));
  });
  it('uses 1, 2, 5 per decade when 1 to 8 would crowd', () => {
    expect(logTicks([0.05, 5], 200)).toEqual([0.05, 0.1, 0.2, 0.5, 1, 2, 5]);
  });
  it('shows whole decades over a wide domain, and every other one when those crowd', () => {
    expect(logTicks([1e-6, 10], 260)).toEqual([1e-6, 1e-5, 1e-4, 1e-3, 0.01, 0.1, 1, 10]);
    expect(logTicks([1e-12, 1e12], 260)).toEqual([1e-12, 1e-10, 1e-8, 1e-6, 1e-4, 0.01, 1, 100, 1e4, 1e6, 1e8, 1e10, 1e12]);
  });
  it('never crowds and always gives at least two ticks', () => {
    for (const pixels of [160, 220, 320])
      for (const [lo, hi] of [[0.19, 1.9], [1e-3, 1], [2e-7, 3], [1e-20, 1e15], [40, 900]] as [number, number][]) {
        const ticks = logTicks([lo, hi], pixels);
        expect(ticks.length, `${lo}–${hi} in ${pixels}px`).toBeGreaterThanOrEqual(2);
        expect(ticks.every((t) => t >= lo * 0.999 && t <= hi * 1.001)).toBe(true);
        expect(crowding([lo, hi], ticks, pixels)).toBeGreaterThanOrEqual(TICK_GAP);
      }
  });
});

describe('logAxis', () => {
  it('leaves room left of the axis for the widest label', () => {
    const narrow = logAxis([0.1, 10], 260, 'loss');
    const wide = logAxis([1e-12, 1e12], 260, 'loss');
    expect(wide.marginLeft).toBeGreaterThan(narrow.marginLeft);
    expect(wide.marginLeft).toBe(marginFor(['1e-12']));
    expect(wide.y.tickFormat(1e10)).toBe('1e10');
  });
});
