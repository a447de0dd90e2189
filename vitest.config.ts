import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          // Engine tests train on worker threads; on a loaded 2-core machine their start-up alone can take
          // seconds. A timeout only guards against hangs: speed is measured in bench/, not here.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          // One Temporal dev server and one MinIO for the whole run, started here and shared by every file.
          globalSetup: ['test/integration/global-setup.ts'],
          // Workers and servers are per run; files run one after another so two workers never compete for
          // the same task queue and timings stay readable on a 2-core machine.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
