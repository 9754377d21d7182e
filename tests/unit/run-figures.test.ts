import { describe, expect, it } from 'vitest';
import { chapters } from '../../src/curriculum';
import { figureSuite } from './figures/figure-suite';
import { overrides, readWritten } from './figures/run-figures';

/** The figures of the chapters from Adam on; those before it: run-figures-foundations.test.ts. */
const from = chapters.findIndex((c) => c.slug === 'adam');
figureSuite(chapters.slice(from).map((c) => c.slug), ['adam', 'schedules']);

describe('reading a written figure', () => {
  it('takes the unit of the last digit, percentages as fractions', () => {
    expect(readWritten('0.0062').value).toBe(0.0062);
    expect(readWritten('0.0062').unit).toBeCloseTo(1e-4, 12);
    expect(readWritten('41 %').value).toBeCloseTo(0.41, 12);
    expect(readWritten('96.4 %').unit).toBeCloseTo(0.001, 12);
    expect(readWritten('8,000')).toEqual({ value: 8000, unit: 1 });
    expect(readWritten('0.5')).toEqual({ value: 0.5, unit: 0.1 });
    expect(readWritten('about 3').value).toBeNaN();
    expect(readWritten('−1.34')).toEqual({ value: -1.34, unit: 0.01 });
    const small = readWritten('7.6 × 10⁻⁵');
    expect(small.value).toBeCloseTo(7.6e-5, 15);
    expect(small.unit).toBeCloseTo(1e-6, 15);
    expect(readWritten('2 × 10³')).toEqual({ value: 2000, unit: 1000 });
  });

  it('reads a figure’s changed settings, a race’s runs with their commas', () => {
    expect(overrides('lr=0.1; optimizer=sgd')).toEqual({ lr: '0.1', optimizer: 'sgd' });
    expect(overrides('optimizers=adam(lr=0.1,beta1=0.8),sgd; seed=2')).toEqual({ optimizers: 'adam(lr=0.1,beta1=0.8),sgd', seed: '2' });
  });
});
