import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

// The files that take longest, longest first. Vitest orders files by their last
// duration once it has one; on a fresh clone it has none and starts the largest
// files, and a short file that takes long (pages: axe on every page) would start last.
const slowest = ['pages', 'budgets', 'fuzz', 'soak'];
const rank = (file: TestSpecification) => {
  const i = slowest.findIndex((name) => file.moduleId.endsWith(`/${name}.test.ts`));
  return i < 0 ? slowest.length : i;
};

class SlowestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]) {
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}

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
    sequence: { sequencer: SlowestFirst },
    // On a busy machine a widget may take seconds to load: polls wait for the condition, not a fixed second.
    expect: { poll: { timeout: 30_000 } },
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
