import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Tests run the built CLI and real tools (rustfmt, cargo) in subprocesses.
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: 'forks',
  },
});
