// The performance budgets of issue 8, in one place: the budget test
// (tests/e2e/budgets.test.ts) fails CI when a page breaks one, and
// `npm run bench` prints each measurement beside its budget.
export const BUDGETS = {
  /** Gzipped JavaScript a chapter page fetches before any widget is on screen (bytes; 1 KB = 1000 B). */
  textFirstJs: 40_000,
  /** Gzipped JavaScript of a page once every widget on it has started. */
  allJs: 300_000,
  /** Lighthouse category scores (mobile), median of LIGHTHOUSE_RUNS runs, on these pages. */
  lighthouse: { performance: 95, accessibility: 100, 'best-practices': 100, seo: 100 },
  lighthousePages: ['/', '/adam/', '/lab/'],
  /** While a widget trains: frame rate at least, and no long task over this many ms (bench only: wall-clock). */
  fps: 55,
  longTaskMs: 50,
  /** `astro build` of the whole site on the 2-core reference machine (bench only). */
  buildSeconds: 60,
};

// Lighthouse's own advice for its run-to-run variance is the median of several runs.
export const LIGHTHOUSE_RUNS = 3;

/** @param {number[]} values */
export const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
