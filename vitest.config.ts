// Test projects: fast unit tests, integration tests of the hosts (real sockets, real
// Chromium), and end-to-end tests against the real local Kubernetes control plane.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    reporters: ['default', './test/summary-reporter.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'integration',
          include: [
            'test/integration/**/*.test.ts',
            'test/badinput/**/*.test.ts',
            'test/browser/**/*.test.ts',
            'test/electron/**/*.test.ts',
          ],
          // a browser test that needs the test clusters runs in the cluster project
          exclude: ['test/**/*.e2e.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'cluster',
          include: ['test/**/*.e2e.test.ts'],
          globalSetup: ['test/cluster/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
