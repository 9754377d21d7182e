import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    // One worker per core: vitest's default leaves one core free, which on these 2-core machines is half of them (35 s → 24 s).
    maxWorkers: 2,
    minWorkers: 1,
    testTimeout: 60_000,
  },
});
