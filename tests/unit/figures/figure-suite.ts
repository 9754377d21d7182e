import { existsSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compute, readWritten, runFigures, type RunFigure } from './run-figures';

/**
 * Every <RunFigure> in the chapters `slugs`: the widget it names is re-run from its own
 * attributes (changed as the figure says) and the number written must be the number
 * computed, to within one unit of its last written digit. The chapters are split over
 * two test files (run-figures*.test.ts) so that vitest can run the halves side by side.
 */
export function figureSuite(slugs: string[], mustHave: string[]): void {
  const source = (slug: string) => readFileSync(new URL(`../../../content/${slug}.mdx`, import.meta.url), 'utf8');
  const figures: RunFigure[] = slugs
    .filter((slug) => existsSync(new URL(`../../../content/${slug}.mdx`, import.meta.url)))
    .flatMap((slug) => runFigures(slug, source(slug)));

  let computed: number[] = [];
  beforeAll(async () => {
    computed = await compute(figures, source);
  }, 600_000);

  describe('figures from runs', () => {
    it('are found in the chapters that quote runs', () => {
      for (const chapter of mustHave) expect(figures.filter((f) => f.chapter === chapter).length, chapter).toBeGreaterThan(0);
    });

    it.each(figures.map((f, i) => [`${f.chapter}: ${f.widget}${f.with ? ` (${f.with})` : ''}${f.run ? ` run ${f.run}` : ''}${f.coord !== 1 ? ` θ${f.coord}` : ''} ${f.of} at step ${f.step} = ${f.written}`, i] as const))('%s', (_, i) => {
      const f = figures[i];
      const { value, unit } = readWritten(f.written);
      expect(Number.isFinite(value), `"${f.written}" reads as a number`).toBe(true);
      expect(Math.abs(value - computed[i]), `written ${f.written}, computed ${computed[i]}`).toBeLessThanOrEqual(unit * 1.0001);
    });
  });
}
