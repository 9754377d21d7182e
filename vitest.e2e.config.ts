import { defineConfig } from 'vitest/config';
import { slowestFirst } from './tests/slowest-first';

// End-to-end tests: real Chromium against the production build. Two files at a
// time, one per core: each drives its own browser, and much of a browser test is
// waiting for a page, a frame or a worker.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    globalSetup: ['tests/e2e/global-setup.ts'],
    fileParallelism: true,
    maxWorkers: 2,
    minWorkers: 1,
    // Concurrent tests (pages.test.ts) two at a time.
    maxConcurrency: 2,
    // The files that took longest in CI, longest first (pages: axe on every page).
    sequence: { sequencer: slowestFirst(['pages', 'fuzz', 'budgets', 'offline', 'permalink', 'pytorch-export', 'exercise', 'csp', 'playground']) },
    // On a busy machine a widget may take seconds to load: polls wait for the condition, not a fixed second.
    expect: { poll: { timeout: 30_000 } },
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
