import { defineConfig } from 'vitest/config';
import LongestFirst from './test/support/longest-first';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    env: { POWERTOOLS_LOG_LEVEL: 'SILENT', POWERTOOLS_METRICS_DISABLED: 'true' },
    hookTimeout: 60_000,
    // expect.poll's default second is too short for a browser waiting on the API on a loaded 2-core machine.
    expect: { poll: { timeout: 10_000 } },
    // Each file gets its own table and module instances; two workers fit the 2-core CI machine.
    pool: 'forks',
    maxWorkers: 2,
    // The longest files first, so neither worker waits alone on one at the end.
    sequence: { sequencer: LongestFirst },
  },
});
