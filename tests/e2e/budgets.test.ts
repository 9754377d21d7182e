import { beforeAll, describe, expect, inject, it } from 'vitest';
import { BUDGETS } from '../../scripts/bench/budgets.mjs';
import { audit, MACHINE_INDEPENDENT } from '../../scripts/bench/lighthouse.mjs';

// Lighthouse's accessibility, best-practices and SEO scores against the budgets
// of scripts/bench/budgets.mjs (the bytes and fonts are checked in the page walk,
// pages.test.ts). Lighthouse's performance score scales with the CPU that runs it, and
// frame rates and build time are wall-clock: they live in `npm run bench`.

describe('Lighthouse (mobile)', () => {
  // One run each: these scores judge the page's markup, not the machine's speed.
  let audits: Awaited<ReturnType<typeof audit>>;
  beforeAll(async () => {
    audits = await audit(BUDGETS.lighthousePages.map((path) => inject('baseURL') + path), { categories: MACHINE_INDEPENDENT });
  }, 300_000);

  it.each(BUDGETS.lighthousePages.map((path, i) => [path, i] as const))(`%s meets the ${MACHINE_INDEPENDENT.join(', ')} budgets`, (_, i) => {
    const { scores, failing } = audits[i];
    for (const c of MACHINE_INDEPENDENT) {
      expect(scores[c], `${c}; failing audits: ${failing.join('; ') || 'none'}`).toBeGreaterThanOrEqual(BUDGETS.lighthouse[c]);
    }
  });
});
