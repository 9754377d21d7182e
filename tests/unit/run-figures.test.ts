import { existsSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { chapters } from '../../src/curriculum';
import { compute, overrides, readWritten, runFigures, type RunFigure } from './figures/run-figures';

/**
 * Every <RunFigure> in every chapter: the widget it names is re-run from its own
 * attributes (changed as the figure says) and the number written must be the number
 * computed, to within one unit of its last written digit.
 */
const source = (slug: string) => readFileSync(new URL(`../../content/${slug}.mdx`, import.meta.url), 'utf8');
const figures: RunFigure[] = chapters
  .filter((c) => existsSync(new URL(`../../content/${c.slug}.mdx`, import.meta.url)))
  .flatMap((c) => runFigures(c.slug, source(c.slug)));

let computed: number[] = [];
beforeAll(async () => {
  computed = await compute(figures, source);
}, 600_000);

describe('figures from runs', () => {
  it('are found in the chapters that quote runs', () => {
    for (const chapter of ['adam', 'schedules', 'adagrad']) expect(figures.filter((f) => f.chapter === chapter).length, chapter).toBeGreaterThan(0);
  });

  it.each(figures.map((f, i) => [`${f.chapter}: ${f.widget}${f.with ? ` (${f.with})` : ''}${f.run ? ` run ${f.run}` : ''}${f.coord !== 1 ? ` θ${f.coord}` : ''} ${f.of} at step ${f.step} = ${f.written}`, i] as const))('%s', (_, i) => {
    const f = figures[i];
    const { value, unit } = readWritten(f.written);
    expect(Number.isFinite(value), `"${f.written}" reads as a number`).toBe(true);
    expect(Math.abs(value - computed[i]), `written ${f.written}, computed ${computed[i]}`).toBeLessThanOrEqual(unit * 1.0001);
  });
});

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
