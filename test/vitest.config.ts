// Test settings: golden and property tests render real PDFs, so they get more time than the default 5 s. One test
// file per core: vitest's default leaves one core for itself (a single worker on a 2-core machine), and most files
// here wait on child processes (the CLI, the server, chromium), so a file per core took the suite from 504 s to 368 s.
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: availableParallelism(),
    globalSetup: ['test/global-setup.ts'],
  },
});
