import { defineConfig } from 'vitest/config';

// End-to-end tests: real Chromium against the production build. One file at a
// time, since each launches a browser and the machines have two cores.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    globalSetup: ['tests/e2e/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
