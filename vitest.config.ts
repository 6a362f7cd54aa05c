import { defineConfig } from 'vitest/config';

// Unit and integration tests run in Node against real SQLite files in temp folders.
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    // Property tests with one fixed seed (tests/support/fast-check-seed.ts).
    setupFiles: ['tests/support/fast-check-seed.ts'],
    // Hang guards, not speed checks: generous enough that a busy 2-core machine never fails a test
    // by its clock (speed is measured in npm run bench).
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    reporters: ['default'],
  },
});
