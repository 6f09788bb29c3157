import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Tests run the built CLI and real tools (rustfmt, cargo) in subprocesses.
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: 'forks',
    // GitHub's workflow parser imports its JSON schema without an import attribute, which Node
    // refuses: let vite load it.
    server: { deps: { inline: ['@actions/workflow-parser'] } },
  },
});
