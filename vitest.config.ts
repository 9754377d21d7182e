import { defineConfig } from 'vitest/config';
import { slowestFirst } from './tests/slowest-first';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    // One worker per core: vitest's default leaves one core free, which on these 2-core machines is half of them (35 s → 24 s).
    maxWorkers: 2,
    minWorkers: 1,
    testTimeout: 60_000,
    // The files that took longest in CI, longest first: on a fresh clone 143 s → 120 s.
    sequence: {
      sequencer: slowestFirst([
        'run-figures', 'train/max-learning-rate', 'content-figures-adafactor', 'exercises/grader', 'content-figures-large-batches',
        'predicts', 'export/pytorch', 'run-figures-foundations', 'fuzz',
      ]),
    },
  },
});
